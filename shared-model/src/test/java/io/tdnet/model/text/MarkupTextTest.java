package io.tdnet.model.text;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MarkupTextTest {

    @Test
    void theFiveMarkupCharactersBecomeReferences() {
        assertThat(MarkupText.escape("<a href=\"x\" title='y'>&amp;</a>"))
                .isEqualTo("&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;amp;&lt;/a&gt;");
    }

    @Test
    void charactersXmlForbidsAreDroppedAndAllowedOnesKept() {
        assertThat(MarkupText.escape("a\u0000b\u001bc\u0008d\uFFFEe\uFFFFf\uD800g")).isEqualTo("abcdefg");
        assertThat(MarkupText.escape("tab\tlf\ncr\r 決算 𠮷 \u0085")).isEqualTo("tab\tlf\ncr\r 決算 𠮷 \u0085");
    }

    @Test
    void nullIsEmpty() {
        assertThat(MarkupText.escape(null)).isEmpty();
    }
}
