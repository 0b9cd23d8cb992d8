package io.tdnet.downloader;

import static org.assertj.core.api.Assertions.assertThat;

import io.tdnet.embedded.EmbeddedAwsStack;
import io.tdnet.faketdnet.FakeTdnet;
import io.tdnet.faketdnet.XbrlZip;
import io.tdnet.model.Disclosure;
import io.tdnet.model.DownloadMessage;
import io.tdnet.model.Names;
import io.tdnet.model.PersistMessage;
import io.tdnet.testkit.aws.EmbeddedAwsExtension;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * The downloader's XBRL paths the collect-level test does not reach: a transient zip failure retries
 * the whole message (the PDF is then found in S3), its last delivery records the XBRL failed with the
 * PDF stored, and a link of another id or outside the origin is refused without a request.
 */
@ExtendWith(EmbeddedAwsExtension.class)
class XbrlDownloadIT {
    private FakeTdnet fake;
    private Rig rig;

    @BeforeEach
    void setUp(EmbeddedAwsStack stack) {
        stack.reset();
        fake = FakeTdnet.start();
        rig = new Rig(stack, fake);
    }

    @AfterEach
    void tearDown() {
        fake.close();
    }

    private Disclosure linked() {
        return rig.disclosures(fake.addDay(Rig.DATE, 12, 5)).stream().filter(d -> d.xbrlUrl() != null).findFirst().orElseThrow();
    }

    private static String zipName(Disclosure d) {
        return d.xbrlUrl().substring(d.xbrlUrl().lastIndexOf('/') + 1);
    }

    private long zipRequests(Disclosure d) {
        return fake.requests().stream().filter(r -> r.fileName().equals(zipName(d))).count();
    }

    @Test
    void aTransientZipFailureRetriesTheMessageAndTheLastDeliveryRecordsTheXbrlFailedWithThePdfStored() {
        Disclosure d = linked();
        fake.xbrlFault(zipName(d), XbrlZip.Fault.forever(XbrlZip.Fault.Kind.UNAVAILABLE));
        // two deliveries in all, the visibility back to 0 s at once: the second is the last
        RetrySchedule twoDeliveries = new RetrySchedule(2, Duration.ofMillis(20), Duration.ofMillis(50), 0.25,
                Duration.ofSeconds(1), Duration.ZERO, Duration.ZERO, 2);
        DownloaderConfig config = rig.config().withRetry(twoDeliveries);
        try (DownloadWorker worker = rig.worker(config)) {
            rig.enqueueBody(rig.codec.encode(DownloadMessage.of("exec-x", d, true)));

            assertThat(rig.deliver(worker, 5).retry()).as("left for redelivery").hasSize(1);
            assertThat(rig.keys("pdf/")).as("the PDF is stored already").hasSize(1);
            assertThat(rig.persisted()).isEmpty();
            assertThat(zipRequests(d)).isEqualTo(2); // the in-process attempts

            assertThat(rig.deliver(worker, 5).retry()).as("the last delivery is done").isEmpty();
        }
        assertThat(rig.pdfRequests(d)).as("the redelivery found the PDF in S3").isEqualTo(1);
        List<PersistMessage> persisted = rig.persisted();
        assertThat(persisted).singleElement().satisfies(p -> {
            assertThat(p.pdf()).isNotNull();
            assertThat(p.xbrl()).isNull();
            assertThat(p.xbrlFailureReason()).startsWith("xbrl: gave up after 2 deliveries: ").contains("503");
        });
        List<Message> letters = rig.drain(rig.stack.resources().downloadDlqUrl());
        assertThat(letters).singleElement().satisfies(m -> assertThat(
                m.messageAttributes().get(Names.ATTR_FAILURE_REASON).stringValue()).startsWith("xbrl: gave up"));
        assertThat(rig.keys("xbrl/")).isEmpty();
    }

    @Test
    void aZipOfAnotherIdIsRefusedWithoutARequestAndAMessageWithoutTheFlagFetchesNoZip() {
        Disclosure d = linked();
        Disclosure wrong = new Disclosure(d.disclosureId(), d.disclosedDate(), d.disclosedAt(), d.companyCode(),
                d.companyName(), d.title(), d.previousTitle(), d.exchanges(), d.history(), d.pdfUrl(),
                fake.uri("081299999999999999.zip").toString());
        try (DownloadWorker worker = rig.worker(rig.config())) {
            rig.enqueueBody(rig.codec.encode(DownloadMessage.of("exec-y", wrong, true)));
            assertThat(rig.deliver(worker, 5).retry()).isEmpty();
            assertThat(rig.persisted()).singleElement().satisfies(p -> assertThat(p.xbrlFailureReason())
                    .isEqualTo("xbrl: xbrl file 081299999999999999.zip does not share the last 14 digits of "
                            + d.disclosureId().value()));
            assertThat(fake.requests()).noneMatch(r -> r.fileName().endsWith(".zip"));
            rig.drain(rig.stack.resources().downloadDlqUrl());

            rig.enqueueBody(rig.codec.encode(DownloadMessage.of("exec-z", d)));
            assertThat(rig.deliver(worker, 5).retry()).isEmpty();
            assertThat(rig.persisted()).singleElement().satisfies(p -> assertThat(p.hasXbrlVerdict()).isFalse());
            assertThat(fake.requests()).noneMatch(r -> r.fileName().endsWith(".zip"));
        }
    }
}
