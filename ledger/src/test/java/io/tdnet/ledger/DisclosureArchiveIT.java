package io.tdnet.ledger;

import static io.tdnet.ledger.LedgerFixtures.DATE;
import static io.tdnet.ledger.LedgerFixtures.disclosure;
import static io.tdnet.ledger.LedgerFixtures.pdf;
import static org.assertj.core.api.Assertions.assertThat;

import io.tdnet.embedded.EmbeddedAwsStack;
import io.tdnet.model.Disclosure;
import io.tdnet.testkit.aws.EmbeddedAwsExtension;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Marking a stored disclosure withdrawn: only the one of the same date, time, code and title. */
@ExtendWith(EmbeddedAwsExtension.class)
class DisclosureArchiveIT {
    private final EmbeddedAwsStack stack;
    private DisclosureArchive archive;

    DisclosureArchiveIT(EmbeddedAwsStack stack) {
        this.stack = stack;
    }

    @BeforeEach
    void setUp() {
        stack.reset();
        archive = new DisclosureArchive(stack.dynamoDb(), stack.resources().disclosuresTable(), Clock.systemUTC());
    }

    private void store(Disclosure d) {
        stack.dynamoDb().putItem(b -> b.tableName(stack.resources().disclosuresTable())
                .item(Items.disclosureItem(d, pdf(d), "exec-1", OffsetDateTime.now(ZoneOffset.ofHours(9)))));
    }

    private OffsetDateTime withdrawnAt(Disclosure d) {
        return archive.get(d.disclosureId()).orElseThrow().withdrawnAt();
    }

    @Test
    void marksOnlyTheDisclosureOfTheSameTimeCodeAndTitle() {
        Disclosure target = disclosure(1);       // 15:01
        Disclosure sameMinute = disclosure(61);  // 15:01, another company and title
        Disclosure nextMinute = disclosure(2);   // 15:02
        store(target);
        store(sameMinute);
        store(nextMinute);

        boolean marked = archive.markWithdrawn(DATE, target.disclosedAt(), target.companyCode(), target.title());

        assertThat(marked).isTrue();
        assertThat(withdrawnAt(target)).isNotNull();
        assertThat(withdrawnAt(sameMinute)).isNull();
        assertThat(withdrawnAt(nextMinute)).isNull();
    }

    @Test
    void theSameInstantInAnotherOffsetFindsIt() {
        Disclosure target = disclosure(3);
        store(target);

        OffsetDateTime inUtc = target.disclosedAt().withOffsetSameInstant(ZoneOffset.UTC);
        assertThat(archive.markWithdrawn(DATE, inUtc, target.companyCode(), target.title())).isTrue();
        assertThat(withdrawnAt(target)).isNotNull();
    }

    @Test
    void nothingStoredAtThatTimeMarksNothing() {
        Disclosure stored = disclosure(4);
        store(stored);

        assertThat(archive.markWithdrawn(DATE, stored.disclosedAt().plusMinutes(1), stored.companyCode(), stored.title()))
                .isFalse();
        assertThat(archive.markWithdrawn(DATE, stored.disclosedAt(), stored.companyCode(), "another title")).isFalse();
        assertThat(withdrawnAt(stored)).isNull();
    }

    @Test
    void markingTwiceKeepsTheFirstInstant() {
        Disclosure target = disclosure(5);
        store(target);
        archive.markWithdrawn(DATE, target.disclosedAt(), target.companyCode(), target.title());
        OffsetDateTime first = withdrawnAt(target);

        assertThat(archive.markWithdrawn(DATE, target.disclosedAt(), target.companyCode(), target.title())).isTrue();
        assertThat(withdrawnAt(target)).isEqualTo(first);
    }
}
