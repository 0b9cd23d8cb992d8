package io.tdnet.twin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tdnet.local.AwsEnvironment;
import io.tdnet.local.CollectOptions;
import io.tdnet.local.CollectProgress;
import io.tdnet.local.Collector;
import io.tdnet.local.DayOutcome;
import io.tdnet.local.LocalPipeline;
import io.tdnet.local.ResourcePreflight;
import io.tdnet.local.StackUnusableException;
import io.tdnet.model.ExecutionSummary;
import io.tdnet.model.Names;
import io.tdnet.model.PipelineResources;
import io.tdnet.model.S3Keys;
import io.tdnet.model.StackOutputs;
import io.tdnet.model.Tdnet;
import io.tdnet.model.TdnetOrigin;
import io.tdnet.twin.aws.TwinAccount;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The CLI's {@code collect --aws --endpoint-url <gateway> --stage twin} against the twin: resources come
 * from the twin's DescribeStacks, the CLI signs with its own key from a profile file, and a stack or
 * resource that is not there stops the run before a single request reaches TDnet.
 */
@ExtendWith(TwinExtension.class)
class CollectAwsIT {
    private static final LocalDate DAY = LocalDate.of(2026, 2, 16);
    private static final int ROWS = 12;
    private static final String PROFILE = "twin-cli";
    private static final String CREDENTIALS_FILE = "aws.sharedCredentialsFile";
    private static Path home;

    /** A profile file in a temporary HOME, as a user of {@code --profile} has it. */
    @BeforeAll
    static void profile(TwinExtension.Fixture fixture) throws IOException {
        home = Files.createTempDirectory("tdnet-cli-home-");
        Path credentials = Files.createDirectories(home.resolve(".aws")).resolve("credentials");
        Files.writeString(credentials, "[" + PROFILE + "]\naws_access_key_id = " + fixture.twin().cliKey().accessKeyId()
                + "\naws_secret_access_key = " + fixture.twin().cliKey().secretAccessKey() + "\n");
        System.setProperty(CREDENTIALS_FILE, credentials.toString());
    }

    @AfterAll
    static void forgetProfile() {
        System.clearProperty(CREDENTIALS_FILE);
    }

    private static AwsEnvironment.AwsOptions options(TwinExtension.Fixture fixture, String stage, String stack) {
        return new AwsEnvironment.AwsOptions(PROFILE, TwinAccount.REGION, fixture.twin().endpoint().toString(), stage, stack);
    }

    @Test
    void collectAwsStoresADayThroughTheStacksOutputsAndSettles(TwinExtension.Fixture fixture) throws Exception {
        fixture.tdnet().addDay(DAY, ROWS, 16);
        CollectOptions collect = new CollectOptions(TdnetOrigin.of(fixture.tdnet().baseUrl()), 0, 50_000_000,
                Tdnet.DEFAULT_USER_AGENT, 2, 2);
        StringWriter printed = new StringWriter();
        try (AwsEnvironment env = AwsEnvironment.connect(options(fixture, "twin", null));
             LocalPipeline pipeline = new LocalPipeline(env, collect, Clock.systemUTC())) {
            // the stack's bucket carries the account; the rebuilt staged name did not (0 of 249 stored)
            assertThat(env.resources().bucket()).isEqualTo(fixture.twin().template().outputs().get(StackOutputs.BUCKET))
                    .endsWith("-" + TwinAccount.ACCOUNT);
            DayOutcome outcome = new Collector(pipeline, new PrintWriter(printed, true), CollectProgress.NONE).collect(DAY);
            assertThat(outcome).as(printed.toString()).isEqualTo(DayOutcome.SETTLED);
            ExecutionSummary summary = pipeline.queries().latestFor(DAY).orElseThrow();
            assertThat(summary.listed()).isEqualTo(ROWS);
            assertThat(summary.stored() + summary.alreadyPresent()).isEqualTo(ROWS);
            assertThat(summary.failed()).isZero();
            io.tdnet.model.DisclosureId first = fixture.tdnet().day(DAY).ids().get(0);
            String key = S3Keys.pdfKey(DAY, first);
            assertThat(env.s3().headObject(b -> b.bucket(env.resources().bucket()).key(key)).contentLength())
                    .isEqualTo(fixture.tdnet().pdfLength(first));
            assertThat(env.locationOf(key)).isEqualTo("s3://tdnet-archive-twin-" + TwinAccount.ACCOUNT + "/" + key);
        }
    }

    @Test
    void aStackThatDoesNotExistStopsBeforeTdnet(TwinExtension.Fixture fixture) {
        int before = fixture.tdnet().requests().size();
        assertThatThrownBy(() -> AwsEnvironment.connect(options(fixture, "nosuch", null)))
                .isInstanceOf(StackUnusableException.class)
                .hasMessageStartingWith("stack TdnetPipeline-nosuch: ValidationError")
                .hasMessageContaining("does not exist");
        assertThat(fixture.tdnet().requests()).hasSize(before);
    }

    @Test
    void stackOverridesTheStage(TwinExtension.Fixture fixture) {
        try (AwsEnvironment env = AwsEnvironment.connect(options(fixture, "prod", StackOutputs.stackName("twin")))) {
            assertThat(env.resources().executionsTable())
                    .isEqualTo(fixture.twin().template().outputs().get(StackOutputs.EXECUTIONS_TABLE));
            assertThat(env.describe()).contains("TdnetPipeline-twin");
        }
    }

    @Test
    void aBucketNameRebuiltFromTheStageFailsThePreflightNamingItAndTheStack(TwinExtension.Fixture fixture) {
        try (AwsEnvironment env = AwsEnvironment.connect(options(fixture, "twin", null))) {
            PipelineResources r = env.resources();
            PipelineResources rebuilt = new PipelineResources(r.downloadQueueUrl(), r.downloadDlqUrl(), r.persistQueueUrl(),
                    r.persistDlqUrl(), r.disclosuresTable(), r.executionsTable(), Names.staged(Names.BUCKET, "twin"));
            assertThatThrownBy(() -> new ResourcePreflight(env.sqs(), env.s3(), env.dynamoDb()).check(rebuilt, "TdnetPipeline-twin"))
                    .isInstanceOf(StackUnusableException.class)
                    .hasMessageStartingWith("bucket tdnet-archive-twin of stack TdnetPipeline-twin: NoSuchBucket");
        }
    }

    @Test
    void noCredentialsIsNamedWithTheStack(TwinExtension.Fixture fixture) {
        assertThatThrownBy(() -> AwsEnvironment.connect(options(fixture, "twin", null).withProfile("no-such-profile")))
                .isInstanceOf(StackUnusableException.class)
                .hasMessageStartingWith("stack TdnetPipeline-twin: ")
                .hasMessageContaining("no-such-profile");
    }
}
