package io.tdnet.lister;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tdnet.model.TdnetOrigin;
import io.tdnet.faketdnet.FakeDay;
import io.tdnet.faketdnet.FakeRow;
import io.tdnet.faketdnet.FakeTdnet;
import io.tdnet.faketdnet.PageFault;
import io.tdnet.faketdnet.RowKind;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The parser on pages exactly as the fake TDnet serves them, row by row against its ground truth. */
class ListPageParserIT {
    private static final LocalDate BUSY = LocalDate.of(2026, 2, 13);
    private static FakeTdnet fake;
    private static FakeDay day;
    private final ListPageParser parser = new ListPageParser();
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void start() {
        fake = FakeTdnet.start();
        day = fake.addDay(BUSY, 2694, 42L);
        day.addRejectedRow("javascript:void(0)");
        fake.addEmptyDay(BUSY.plusDays(1));
        fake.pageFault(BUSY.minusDays(1), 1, PageFault.maintenance());
    }

    @AfterAll
    static void stop() {
        fake.close();
    }

    private byte[] get(URI uri) throws Exception {
        return http.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofByteArray()).body();
    }

    private ListPage page(int k) throws Exception {
        return parser.parse(get(fake.listPageUri(BUSY, k)), TdnetOrigin.of(fake.baseUrl()));
    }

    @Test
    void everyPageMatchesTheGroundTruthRowByRow() throws Exception {
        for (int k = 1; k <= day.pageCount(); k++) {
            ListPage page = page(k);
            List<FakeRow> truth = day.page(k);
            assertThat(page.date()).isEqualTo(BUSY);
            assertThat(page.banner()).isEqualTo(new Banner((k - 1) * 100 + 1, (k - 1) * 100 + truth.size(), 2695));
            assertThat(page.rows()).hasSize(truth.size());
            for (int i = 0; i < truth.size(); i++) {
                FakeRow t = truth.get(i);
                ListedRow r = page.rows().get(i);
                assertThat(r.code()).isEqualTo(t.code());
                assertThat(r.at().toLocalTime()).isEqualTo(t.time());
                switch (t.kind()) {
                    case NORMAL, RETITLED -> assertThat(r).isInstanceOfSatisfying(ListedRow.Linked.class,
                            l -> assertThat(l.disclosure().disclosureId()).isEqualTo(t.id()));
                    case DELETED -> assertThat(r).isInstanceOfSatisfying(ListedRow.Withdrawn.class, w -> {
                        assertThat(w.title()).isEqualTo(t.title());
                        assertThat(w.name()).isEqualTo(t.name());
                        assertThat(w.history()).isEqualTo(t.history());
                    });
                    case REJECTED -> assertThat(r).isInstanceOfSatisfying(ListedRow.Rejected.class,
                            x -> assertThat(x.href()).isEqualTo(t.href()));
                }
            }
        }
        assertThat(day.rows()).extracting(FakeRow::kind).contains(RowKind.DELETED, RowKind.RETITLED, RowKind.REJECTED);
    }

    @Test
    void pageOneHasTheDotDotPagerAndTheLastPageNinetyFiveRows() throws Exception {
        String html = new String(get(fake.listPageUri(BUSY, 1)), StandardCharsets.UTF_8);
        assertThat(html).contains("..");

        ListPage first = page(1);
        assertThat(first.banner().pageCount(100)).isEqualTo(27);
        assertThat(page(27).rows()).hasSize(95);
    }

    @Test
    void emptyDayAndMaintenancePages() throws Exception {
        TdnetOrigin origin = TdnetOrigin.of(fake.baseUrl());
        ListPage empty = parser.parse(get(fake.listPageUri(BUSY.plusDays(1), 1)), origin);
        assertThat(empty.emptyDay()).isTrue();
        assertThat(empty.date()).isEqualTo(BUSY.plusDays(1));

        fake.addDay(BUSY.minusDays(1), 10, 1L);
        byte[] maintenance = get(fake.listPageUri(BUSY.minusDays(1), 1));
        assertThatThrownBy(() -> parser.parse(maintenance, origin)).isInstanceOf(MalformedPageException.class)
                .hasMessageContaining("no list table");
    }
}
