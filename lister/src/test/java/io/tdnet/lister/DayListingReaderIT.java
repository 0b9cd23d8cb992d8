package io.tdnet.lister;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tdnet.model.Disclosure;
import io.tdnet.model.DisclosureId;
import io.tdnet.model.Pacer;
import io.tdnet.model.RequestPacer;
import io.tdnet.model.TdnetOrigin;
import io.tdnet.faketdnet.FakeDay;
import io.tdnet.faketdnet.FakeRow;
import io.tdnet.faketdnet.FakeTdnet;
import io.tdnet.faketdnet.PageFault;
import io.tdnet.faketdnet.RecordedRequest;
import io.tdnet.faketdnet.RowKind;
import java.net.InetAddress;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The whole read side (HTTP client, parser, reader) against the fake TDnet server. */
class DayListingReaderIT {
    private static final LocalDate BUSY = LocalDate.of(2026, 2, 13);
    private static final String UA = "tdnet-pipeline-it/1 (+https://example.invalid/contact)";

    private FakeTdnet fake;

    @BeforeEach
    void start() {
        fake = FakeTdnet.start();
    }

    @AfterEach
    void stop() {
        fake.close();
    }

    private DayListingReader reader(Pacer pacer) {
        TdnetPageClient client = new TdnetPageClient(TdnetOrigin.of(fake.baseUrl()), pacer,
                TdnetPageClient.Settings.defaults().withUserAgent(UA)
                        .withRetries(3, Duration.ofMillis(2), Duration.ofMillis(20)));
        return new DayListingReader(client);
    }

    private DayListingReader reader() {
        return reader(Pacer.unthrottled());
    }

    private List<RecordedRequest> listRequests() {
        return fake.requests().stream().filter(RecordedRequest::isListPage).toList();
    }

    @Test
    void readsTheBusyDayCompletely() throws Exception {
        FakeDay day = fake.addDay(BUSY, 2692, 20260213L);
        day.addRejectedRow("https://other.example/inbs/140120260213999001.pdf");
        day.addRejectedRow("../140120260213999002.pdf");
        assertThat(day.bannerTotal()).isEqualTo(2694);
        assertThat(day.pageCount()).isEqualTo(27);
        assertThat(day.withdrawnCount()).isPositive();

        long start = System.nanoTime();
        DayListing listing = reader().read(BUSY);
        long cold = (System.nanoTime() - start) / 1_000_000;
        start = System.nanoTime();
        assertThat(reader().read(BUSY)).isEqualTo(listing);
        long warm = (System.nanoTime() - start) / 1_000_000;
        System.out.printf("DayListingReader: busy day (2,694 rows, 27 pages) read unthrottled in %d ms cold, %d ms warm%n",
                cold, warm);
        fake.clearRequests();
        listing = reader().read(BUSY);

        assertThat(listing.bannerTotal()).isEqualTo(2694);
        assertThat(listing.disclosures()).extracting(Disclosure::disclosureId).containsExactlyElementsOf(day.ids());
        assertThat(listing.withdrawn()).hasSize(day.withdrawnCount());
        assertThat(listing.rejected()).extracting(ListedRow.Rejected::href)
                .containsExactlyInAnyOrder("https://other.example/inbs/140120260213999001.pdf", "../140120260213999002.pdf");
        assertThat(listing.disclosures().size() + listing.withdrawn().size() + listing.rejected().size()).isEqualTo(2694);
        assertThat(listing.pagesRead()).isEqualTo(27);
        assertThat(listing.passes()).isEqualTo(1);
        assertThat(listRequests()).hasSize(27).allSatisfy(r -> assertThat(r.header("User-Agent")).isEqualTo(UA));

        // Every cell as the ground truth has it.
        Map<DisclosureId, FakeRow> truth = day.rows().stream().filter(FakeRow::hasValidLink)
                .collect(Collectors.toMap(FakeRow::id, Function.identity()));
        for (Disclosure d : listing.disclosures()) {
            FakeRow row = truth.get(d.disclosureId());
            assertThat(d.disclosedAt()).isEqualTo(OffsetDateTime.of(BUSY, row.time(), ZoneOffset.ofHours(9)));
            assertThat(d.companyCode()).isEqualTo(row.code());
            assertThat(d.companyName()).isEqualTo(row.name());
            assertThat(d.title()).isEqualTo(row.title());
            assertThat(d.previousTitle()).isEqualTo(row.previousTitle());
            assertThat(d.exchanges()).isEqualTo(row.exchanges());
            assertThat(d.history()).isEqualTo(row.history().isEmpty() ? null : row.history());
            assertThat(d.pdfUrl()).isEqualTo(fake.pdfUri(d.disclosureId()).toString());
            assertThat(d.xbrlUrl()).isEqualTo(row.xbrl() == null ? null : fake.baseUrl() + row.xbrl());
        }
        assertThat(listing.disclosures()).anyMatch(d -> d.previousTitle() != null);
        assertThat(listing.disclosures()).anyMatch(d -> d.companyCode().matches(".*[A-Z].*"));
        List<FakeRow> deleted = day.rows().stream().filter(r -> r.kind() == RowKind.DELETED).toList();
        assertThat(listing.withdrawn()).extracting(ListedRow.Withdrawn::title)
                .containsExactlyElementsOf(deleted.stream().map(FakeRow::title).toList());
    }

    @Test
    void rowsInsertedAtTheTopBetweenPageReadsAreEachReadExactlyOnce() throws Exception {
        FakeDay day = fake.addDay(BUSY, 2694, 7L);
        day.insertAtTopWhenPageRequested(3, 4);
        day.insertAtTopWhenPageRequested(20, 9);
        day.insertAtTopWhenPageRequested(27, 3);

        DayListing listing = reader().read(BUSY);

        assertThat(listing.bannerTotal()).isEqualTo(2694 + 16);
        List<DisclosureId> ids = listing.disclosures().stream().map(Disclosure::disclosureId).toList();
        assertThat(ids).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(day.ids());
        assertThat(listing.withdrawn()).hasSize(day.withdrawnCount());
        assertThat(listing.passes()).isEqualTo(2);
        // 2,707 rows after page 20 of pass 1: pass 1 follows them onto page 28; pass 2 reads 28 pages.
        assertThat(listing.pagesRead()).isEqualTo(28 + 28);
    }

    @Test
    void maintenancePageOnPageThreeFailsAsMalformed() {
        fake.addDay(BUSY, 450, 3L);
        fake.pageFault(BUSY, 3, PageFault.maintenance());

        assertThatThrownBy(() -> reader().read(BUSY))
                .isInstanceOfSatisfying(ListingFailedException.class, e -> {
                    assertThat(e.kind()).isEqualTo(ListingFailedException.Kind.MALFORMED);
                    assertThat(e).hasMessageContaining(fake.listPageUri(BUSY, 3).toString())
                            .hasMessageContaining("no list table");
                });
    }

    @Test
    void pageOneNotFoundIsOutOfWindowNamingTheDate() {
        LocalDate newYear = LocalDate.of(2026, 1, 1);

        assertThatThrownBy(() -> reader().read(newYear))
                .isInstanceOfSatisfying(ListingFailedException.class, e -> {
                    assertThat(e.kind()).isEqualTo(ListingFailedException.Kind.OUT_OF_WINDOW);
                    assertThat(e).hasMessageStartingWith("2026-01-01 is outside TDnet's window (page 1 answered 404");
                });
        assertThat(listRequests()).hasSize(1);
    }

    @Test
    void laterPageNotFoundIsIncomplete() {
        fake.addDay(BUSY, 450, 3L);
        fake.pageFault(BUSY, 4, PageFault.notFound());

        assertThatThrownBy(() -> reader().read(BUSY))
                .isInstanceOfSatisfying(ListingFailedException.class, e -> {
                    assertThat(e.kind()).isEqualTo(ListingFailedException.Kind.INCOMPLETE);
                    assertThat(e).hasMessageContaining("page 4").hasMessageContaining("answered 404")
                            .hasMessageContaining("450 rows (5 pages)");
                });
    }

    @Test
    void emptyDayIsZero() throws Exception {
        LocalDate saturday = LocalDate.of(2026, 2, 14);
        fake.addEmptyDay(saturday);

        DayListing listing = reader().read(saturday);

        assertThat(listing.bannerTotal()).isZero();
        assertThat(listing.disclosures()).isEmpty();
        assertThat(listing.withdrawn()).isEmpty();
        assertThat(listing.rejected()).isEmpty();
    }

    @Test
    void hostileHrefsAreRejectedAndNoRequestLeavesTheOrigin() throws Exception {
        try (FakeTdnet other = FakeTdnet.start(InetAddress.getByName("127.0.0.2"))) {
            other.addDay(BUSY, 10, 1L);
            String otherPdf = other.baseUrl() + "140120260213000001.pdf";
            List<String> hostile = List.of(
                    otherPdf,
                    fake.baseUrl() + "140120260213000002.pdf",
                    "//127.0.0.2:" + other.port() + "/inbs/140120260213000003.pdf",
                    "../140120260213000004.pdf",
                    "javascript:location='" + otherPdf + "'",
                    "12345.pdf",
                    "140120260213000005.pdf?x=" + otherPdf);
            FakeDay day = fake.addDay(BUSY, 150, 5L);
            hostile.forEach(day::addRejectedRow);

            DayListing listing = reader().read(BUSY);

            assertThat(listing.rejected()).extracting(ListedRow.Rejected::href).containsExactlyInAnyOrderElementsOf(hostile);
            assertThat(listing.rejected()).allSatisfy(r -> assertThat(r.reason()).isNotBlank());
            assertThat(listing.disclosures()).extracting(Disclosure::disclosureId).containsExactlyElementsOf(day.ids());
            assertThat(listing.bannerTotal()).isEqualTo(157);
            assertThat(other.requests()).isEmpty();
            assertThat(fake.requests()).allMatch(RecordedRequest::isListPage).hasSize(2);
        }
    }

    @Test
    void aPageAnsweringServerErrorOnceIsRetriedAndRead() throws Exception {
        FakeDay day = fake.addDay(BUSY, 250, 9L);
        fake.pageFault(BUSY, 2, PageFault.serverError(1));

        DayListing listing = reader().read(BUSY);

        assertThat(listing.disclosures()).extracting(Disclosure::disclosureId).containsExactlyElementsOf(day.ids());
        assertThat(listRequests()).extracting(RecordedRequest::fileName).containsExactly(
                "I_list_001_20260213.html", "I_list_002_20260213.html", "I_list_002_20260213.html",
                "I_list_003_20260213.html");
    }

    @Test
    void everyRequestRetriesIncludedWaitsForThePacer() throws Exception {
        fake.addDay(BUSY, 250, 11L);
        fake.pageFault(BUSY, 2, PageFault.serverError(2));
        RequestPacer pacer = RequestPacer.perSecond(20);
        long spacing = pacer.spacing().toNanos();

        reader(pacer).read(BUSY);

        List<RecordedRequest> requests = listRequests();
        assertThat(requests).hasSize(5);
        for (int i = 1; i < requests.size(); i++) {
            long gap = requests.get(i).nanoTime() - requests.get(i - 1).nanoTime();
            // The retry backoff is 2-20 ms: without the pacer a retry would follow within that.
            assertThat(gap).as("gap before request %d", i).isGreaterThan(spacing - Duration.ofMillis(12).toNanos());
        }
        long span = requests.get(4).nanoTime() - requests.get(0).nanoTime();
        assertThat(span).isGreaterThanOrEqualTo(4 * spacing - Duration.ofMillis(12).toNanos());
    }
}
