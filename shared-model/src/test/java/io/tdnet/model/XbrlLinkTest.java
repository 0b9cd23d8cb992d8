package io.tdnet.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class XbrlLinkTest {
    private static final TdnetOrigin ORIGIN = TdnetOrigin.of("https://www.release.tdnet.info/inbs/");
    private static final String ID = "140120260213512345";

    private static Disclosure withXbrl(String xbrlUrl) {
        return new Disclosure(new DisclosureId(ID), LocalDate.of(2026, 2, 13),
                OffsetDateTime.of(2026, 2, 13, 15, 0, 0, 0, ZoneOffset.ofHours(9)), "72030", "トヨタ", "決算短信", null,
                "東名", null, ORIGIN.pdf(new DisclosureId(ID)).toString(), xbrlUrl);
    }

    @Test
    void bothSeenPrefixesWithTheSameLast14DigitsAreAccepted() {
        for (String prefix : new String[] {"0812", "0912"}) {
            XbrlLink.Result result = XbrlLink.of(withXbrl(ORIGIN.baseUrl() + prefix + ID.substring(4) + ".zip"), ORIGIN);
            assertThat(result.ok()).as(prefix).isPresent();
            assertThat(result.link().uri(ORIGIN).toString())
                    .isEqualTo("https://www.release.tdnet.info/inbs/" + prefix + "20260213512345.zip");
        }
    }

    @Test
    void aZipOfAnotherDisclosureIsRefused() {
        XbrlLink.Result result = XbrlLink.of(withXbrl(ORIGIN.baseUrl() + "081220260213512346.zip"), ORIGIN);
        assertThat(result.ok()).isEmpty();
        assertThat(result.refusal()).contains("does not share the last 14 digits of " + ID);
    }

    @Test
    void aLinkOutsideTheOriginIsRefusedBeforeAnyRequest() {
        for (String url : new String[] {"https://evil.example/inbs/081220260213512345.zip",
                "http://www.release.tdnet.info/inbs/081220260213512345.zip",
                "https://www.release.tdnet.info/other/081220260213512345.zip"}) {
            XbrlLink.Result result = XbrlLink.of(withXbrl(url), ORIGIN);
            assertThat(result.ok()).as(url).isEmpty();
            assertThat(result.refusal()).as(url).contains("outside the TDnet origin");
        }
    }

    @Test
    void otherNamesAndPathsAreRefused() {
        for (String name : new String[] {"0812202602135123.zip", "081220260213512345.pdf", "x/081220260213512345.zip",
                "081220260213512345.zip?a=1", "08122026021351234a.zip"}) {
            XbrlLink.Result result = XbrlLink.of(withXbrl(ORIGIN.baseUrl() + name), ORIGIN);
            assertThat(result.ok()).as(name).isEmpty();
            assertThat(result.refusal()).as(name).contains("not <base><18 digits>.zip");
        }
    }

    @Test
    void noLinkAndAnUnparseableLinkAreRefusals() {
        assertThat(XbrlLink.of(withXbrl(null), ORIGIN).refusal()).isEqualTo("no XBRL link");
        assertThat(XbrlLink.of(withXbrl("https://www.release.tdnet.info/inbs/ x.zip"), ORIGIN).refusal())
                .isEqualTo("xbrl_url is not a URL");
    }

    @Test
    void theKeyUsesThePdfsIdNotTheZipsName() {
        assertThat(withXbrl(null).xbrlS3Key()).isEqualTo("xbrl/2026/02/13/" + ID + ".zip");
    }
}
