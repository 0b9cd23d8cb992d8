package io.tdnet.lister;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tdnet.model.Disclosure;
import io.tdnet.model.TdnetOrigin;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The reader's paging and cross-checking against a day in memory that changes between page requests. */
class DayListingReaderTest {
    private static final LocalDate DAY = LocalDate.of(2026, 2, 13);
    private final InMemoryDay day = new InMemoryDay(DAY);
    private final DayListingReader reader =
            new DayListingReader(day, new ListPageParser(), TdnetOrigin.of(InMemoryDay.BASE), 3);

    private static List<String> ids(DayListing listing) {
        return listing.disclosures().stream().map(d -> d.disclosureId().value()).toList();
    }

    private ListingFailedException failure() {
        try {
            reader.read(DAY);
        } catch (ListingFailedException e) {
            return e;
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
        throw new AssertionError("the read was accepted");
    }

    @Test
    void readsEveryPageTheBannerImplies() throws Exception {
        day.withLinked(248);
        day.rows.add(3, InMemoryDay.Row.deleted("取り消された開示", "10:00"));
        day.rows.add(150, InMemoryDay.Row.hostile("https://evil.example/140120260213999999.pdf", "09:00"));

        DayListing listing = reader.read(DAY);

        assertThat(listing.bannerTotal()).isEqualTo(250);
        assertThat(listing.disclosures()).hasSize(248);
        assertThat(ids(listing)).containsExactlyElementsOf(day.linkedIds());
        assertThat(listing.withdrawn()).singleElement().extracting(ListedRow.Withdrawn::title).isEqualTo("取り消された開示");
        assertThat(listing.rejected()).singleElement().extracting(ListedRow.Rejected::href)
                .isEqualTo("https://evil.example/140120260213999999.pdf");
        assertThat(listing.listed()).isEqualTo(249);
        assertThat(listing.pagesRead()).isEqualTo(3);
        assertThat(listing.passes()).isEqualTo(1);
        assertThat(day.requested).containsExactly(1, 2, 3);
        Disclosure d = listing.disclosures().get(0);
        assertThat(d.pdfUrl()).isEqualTo(InMemoryDay.BASE + d.disclosureId() + ".pdf");
    }

    @Test
    void pagerThatListsFewerPagesThanTheBannerImpliesIsIgnored() throws Exception {
        // Page 1 is the hand-written page whose pager links only page 2 while its banner says 250 rows.
        day.withLinked(250);
        day.overrides.put(1, page -> ListPageParserTest.page("short-pager_20260213.html").getBytes(StandardCharsets.UTF_8));

        DayListing listing = reader.read(DAY);

        assertThat(day.requested).containsExactly(1, 2, 3);
        assertThat(listing.bannerTotal()).isEqualTo(250);
        assertThat(listing.disclosures()).hasSize(250);
    }

    @Test
    void exactlyOneHundredRowsIsOnePage() throws Exception {
        day.withLinked(100);

        assertThat(reader.read(DAY).disclosures()).hasSize(100);
        assertThat(day.requested).containsExactly(1);
    }

    @Test
    void emptyDayIsZeroNotAFailure() throws Exception {
        DayListing listing = reader.read(DAY);

        assertThat(listing.bannerTotal()).isZero();
        assertThat(listing.disclosures()).isEmpty();
        assertThat(listing.withdrawn()).isEmpty();
        assertThat(listing.rejected()).isEmpty();
        assertThat(listing.pagesRead()).isEqualTo(1);
    }

    @Test
    void pageOneNotFoundIsOutOfWindowNamingTheDate() {
        day.notFound = true;

        ListingFailedException e = failure();
        assertThat(e.kind()).isEqualTo(ListingFailedException.Kind.OUT_OF_WINDOW);
        assertThat(e.date()).isEqualTo(DAY);
        assertThat(e).hasMessageStartingWith("2026-02-13 is outside TDnet's window (page 1 answered 404");
    }

    @Test
    void laterPageNotFoundIsIncomplete() {
        day.withLinked(250);
        day.overrides.put(2, page -> null);

        ListingFailedException e = failure();
        assertThat(e.kind()).isEqualTo(ListingFailedException.Kind.INCOMPLETE);
        assertThat(e).hasMessageContaining("page 2 (" + InMemoryDay.BASE + "I_list_002_20260213.html) answered 404")
                .hasMessageContaining("banner says 250 rows (3 pages)");
    }

    @Test
    void laterPageTurningIntoTheEmptyDayPageIsIncomplete() {
        day.withLinked(150);
        day.overrides.put(2, page -> InMemoryDay.emptyPage(DAY).getBytes(StandardCharsets.UTF_8));

        ListingFailedException e = failure();
        assertThat(e.kind()).isEqualTo(ListingFailedException.Kind.INCOMPLETE);
        assertThat(e).hasMessageContaining("page 2").hasMessageContaining("is the empty-day page");
    }

    @Test
    void maintenancePageAnywhereIsMalformedNamingTheUrlAndReason() {
        day.withLinked(250);
        day.overrides.put(3, page -> ListPageParserTest.page("maintenance.html").getBytes(StandardCharsets.UTF_8));

        ListingFailedException e = failure();
        assertThat(e.kind()).isEqualTo(ListingFailedException.Kind.MALFORMED);
        assertThat(e).hasMessageContaining(InMemoryDay.BASE + "I_list_003_20260213.html")
                .hasMessageContaining("no list table");
        assertThat(e.getCause()).isInstanceOf(MalformedPageException.class);
    }

    @Test
    void aPageShowingAnotherDateIsMalformed() {
        day.withLinked(50);
        day.overrides.put(1, page -> day.render(DAY.minusDays(1), 1).getBytes(StandardCharsets.UTF_8));

        ListingFailedException e = failure();
        assertThat(e.kind()).isEqualTo(ListingFailedException.Kind.MALFORMED);
        assertThat(e).hasMessageContaining("shows the date 2026-02-12, not the requested 2026-02-13");
    }

    @Test
    void aPageWhoseBannerIsNotItsPositionIsMalformed() {
        day.withLinked(250);
        day.overrides.put(2, page -> day.render(DAY, 1).getBytes(StandardCharsets.UTF_8));

        ListingFailedException e = failure();
        assertThat(e.kind()).isEqualTo(ListingFailedException.Kind.MALFORMED);
        assertThat(e).hasMessageContaining("page 2 holds rows 101～200");
    }

    @Test
    void fetchFailureIsReported() {
        day.withLinked(250);
        day.failingPage = 2;

        ListingFailedException e = failure();
        assertThat(e.kind()).isEqualTo(ListingFailedException.Kind.FETCH_FAILED);
        assertThat(e).hasMessageContaining("page 2 could not be read").hasMessageContaining("HTTP 503");
    }

    @Test
    void rowsInsertedAtTheTopWhileReadingAreCaughtByAnotherPass() throws Exception {
        day.withLinked(250);
        Set<Integer> seen = new HashSet<>();
        day.beforeServing = page -> {
            if (page == 2 && seen.add(page)) day.insertAtTop(5);
        };

        DayListing listing = reader.read(DAY);

        assertThat(listing.bannerTotal()).isEqualTo(255);
        assertThat(ids(listing)).hasSize(255).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(day.linkedIds());
        assertThat(listing.passes()).isEqualTo(2);
        assertThat(listing.pagesRead()).isEqualTo(6);
    }

    @Test
    void rowsArrivingMidPassThatAddAPageAreFollowed() throws Exception {
        day.withLinked(200);
        Set<Integer> seen = new HashSet<>();
        day.beforeServing = page -> {
            if (page == 2 && seen.add(page)) day.insertAtTop(10);
        };

        DayListing listing = reader.read(DAY);

        assertThat(ids(listing)).hasSize(210).containsExactlyInAnyOrderElementsOf(day.linkedIds());
        assertThat(day.requested).startsWith(1, 2, 3);
    }

    @Test
    void aWithdrawnRowSlidingToTheNextPageIsNotCountedTwice() throws Exception {
        // Counting the deleted row once per sighting would make 199 + 2 = 201 = the new banner total and
        // accept a pass that missed the new disclosure.
        day.withLinked(200);
        day.rows.set(99, InMemoryDay.Row.deleted("取り消された開示", "09:00"));
        Set<Integer> seen = new HashSet<>();
        day.beforeServing = page -> {
            if (page == 2 && seen.add(page)) day.insertAtTop(1);
        };

        DayListing listing = reader.read(DAY);

        assertThat(listing.withdrawn()).hasSize(1);
        assertThat(ids(listing)).hasSize(200).containsExactlyInAnyOrderElementsOf(day.linkedIds());
        assertThat(listing.passes()).isEqualTo(2);
    }

    @Test
    void identicalRowsOnOnePageAreTwoRows() throws Exception {
        day.withLinked(10);
        day.rows.add(2, InMemoryDay.Row.deleted("同じ表題", "09:00"));
        day.rows.add(3, InMemoryDay.Row.deleted("同じ表題", "09:00"));

        DayListing listing = reader.read(DAY);

        assertThat(listing.withdrawn()).hasSize(2);
        assertThat(listing.bannerTotal()).isEqualTo(12);
    }

    @Test
    void aDayThatNeverSettlesFailsWithTheNumbers() {
        day.withLinked(250);
        day.beforeServing = page -> {
            if (page == 2) day.insertAtTop(3);
        };

        ListingFailedException e = failure();
        assertThat(e.kind()).isEqualTo(ListingFailedException.Kind.INCOMPLETE);
        // Each pass misses the 3 rows inserted after its page 1.
        assertThat(e).hasMessage("2026-02-13: read 256 distinct disclosures + 0 withdrawn + 0 rejected,"
                + " banner says 259 after 3 passes");
        assertThat(day.requested).hasSize(9);
    }

    @Test
    void rowsLeavingTheListMidPassAreNotTrusted() throws Exception {
        // A removed row makes the next rows slide up past the reader; the count can still match.
        day.withLinked(200);
        String removed = day.rows.get(0).id();
        Set<Integer> seen = new HashSet<>();
        day.beforeServing = page -> {
            if (page == 2 && seen.add(page)) day.rows.remove(0);
        };

        DayListing listing = reader.read(DAY);

        assertThat(listing.bannerTotal()).isEqualTo(199);
        assertThat(ids(listing)).doesNotContain(removed).containsExactlyInAnyOrderElementsOf(day.linkedIds());
        assertThat(listing.passes()).isEqualTo(2);
    }

    @Test
    void passesMustBePositive() {
        assertThatThrownBy(() -> new DayListingReader(day, new ListPageParser(), TdnetOrigin.of(InMemoryDay.BASE), 0))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
