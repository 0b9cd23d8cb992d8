package io.tdnet.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class DisclosureIdTest {
    @Test
    void acceptsEighteenDigits() {
        assertThat(new DisclosureId("140120260213512345").value()).isEqualTo("140120260213512345");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "14012026021351234", "1401202602135123456", "14012026021351234a",
            "../../etc/passwd", "１４０１２０２６０２１３５１２３４５", "140120260213512345\n", " 140120260213512345"})
    void rejectsAnythingElse(String value) {
        assertThatThrownBy(() -> new DisclosureId(value)).isInstanceOf(DisclosureId.InvalidDisclosureIdException.class);
        assertThat(DisclosureId.isValid(value)).isFalse();
    }

    @Test
    void rejectsNull() {
        assertThatThrownBy(() -> new DisclosureId(null)).isInstanceOf(IllegalArgumentException.class);
    }
}
