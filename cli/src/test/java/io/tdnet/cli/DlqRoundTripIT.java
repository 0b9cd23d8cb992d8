package io.tdnet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tdnet.model.DisclosureId;
import io.tdnet.faketdnet.FakeDay;
import io.tdnet.faketdnet.FakeTdnet;
import io.tdnet.faketdnet.Fault;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 7's round trip through the CLI on the embedded stack: permanent failures land in the DLQ with
 * their reasons, {@code dlq list/peek} show them, the fake heals, {@code dlq redrive} recovers them and
 * the executions move COMPLETED_WITH_FAILURES → COMPLETED with the counters moved exactly.
 */
class DlqRoundTripIT {
    private static final LocalDate DAY = LocalDate.of(2026, 2, 13);
    private final ObjectMapper json = new ObjectMapper();
    @TempDir Path dataDir;

    private JsonNode status(String... selector) throws Exception {
        String[] args = new String[selector.length + 2];
        args[0] = "status";
        System.arraycopy(selector, 0, args, 1, selector.length);
        args[args.length - 1] = "--json";
        Cli run = Cli.run(dataDir, args);
        assertThat(run.exit()).as(run.toString()).isZero();
        return json.readTree(run.out());
    }

    @Test
    void failuresAreSeenRedrivenAndRecovered() throws Exception {
        try (FakeTdnet tdnet = FakeTdnet.start()) {
            FakeDay day = tdnet.addDay(DAY, 40, 9);
            List<DisclosureId> ids = day.ids();
            tdnet.fault(ids.get(0), Fault.status(404));
            tdnet.fault(ids.get(1), Fault.status(404));
            tdnet.fault(ids.get(2), Fault.html200());
            tdnet.fault(ids.get(3), Fault.status(404));
            String url = tdnet.baseUrl();

            Cli first = Cli.run(dataDir, "collect", "--date", DAY.toString(), "--tdnet-url", url, "--rate", "200");
            assertThat(first.exit()).as(first.toString()).isEqualTo(3);
            JsonNode before = status("--date", DAY.toString());
            String firstExecution = before.get("execution_id").asText();
            assertThat(before.get("status").asText()).isEqualTo("COMPLETED_WITH_FAILURES");
            assertThat(before.get("failed").asLong()).isEqualTo(4);

            Cli list = Cli.run(dataDir, "dlq", "list", "--json");
            assertThat(list.exit()).as(list.toString()).isZero();
            assertThat(list.out()).contains("http 404", "not a PDF");
            Cli peek = Cli.run(dataDir, "dlq", "peek", "--queue", "download", "--json");
            assertThat(peek.exit()).isZero();
            for (DisclosureId id : ids.subList(0, 4)) assertThat(peek.out()).contains(id.value());

            // meanwhile another execution of the date stores disclosure 3 (acceptance 2)
            tdnet.healAll();
            tdnet.fault(ids.get(0), Fault.status(404));
            tdnet.fault(ids.get(1), Fault.status(404));
            tdnet.fault(ids.get(2), Fault.status(404));
            Cli second = Cli.run(dataDir, "collect", "--date", DAY.toString(), "--tdnet-url", url, "--rate", "200");
            assertThat(second.exit()).as(second.toString()).isEqualTo(3);
            JsonNode secondStatus = status("--date", DAY.toString());
            String secondExecution = secondStatus.get("execution_id").asText();
            assertThat(secondExecution).isNotEqualTo(firstExecution);
            assertThat(secondStatus.get("stored").asLong()).isEqualTo(1); // only ids[3]
            long secondStoredBefore = secondStatus.get("stored").asLong();

            // the fake heals; redrive only the first execution's messages (a date filter would take both)
            tdnet.healAll();
            Cli dry = Cli.run(dataDir, "dlq", "redrive", "--dry-run", "--tdnet-url", url, "--rate", "200");
            assertThat(dry.exit()).as(dry.toString()).isZero();
            assertThat(Cli.run(dataDir, "dlq", "list", "--json").out()).contains("http 404");

            Cli redrive = Cli.run(dataDir, "dlq", "redrive", "--tdnet-url", url, "--rate", "200");
            assertThat(redrive.exit()).as(redrive.toString()).isZero();

            JsonNode after = status("--execution", firstExecution);
            assertThat(after.get("status").asText()).isEqualTo("COMPLETED");
            assertThat(after.get("failed").asLong()).isZero();
            // ids[3] had been stored by the second execution meanwhile: the first execution counts it
            // already present; ids[0..2] were redriven from both executions' DLQ messages, so exactly one
            // execution stores each and the other finds it already present
            JsonNode secondAfter = status("--execution", secondExecution);
            assertThat(secondAfter.get("status").asText()).isEqualTo("COMPLETED");
            assertThat(secondAfter.get("failed").asLong()).isZero();
            long storedByRedrive = after.get("stored").asLong() - before.get("stored").asLong()
                    + secondAfter.get("stored").asLong() - secondStoredBefore;
            assertThat(storedByRedrive).isEqualTo(3);
            assertThat(after.get("stored").asLong() + after.get("already_present").asLong())
                    .isEqualTo(before.get("stored").asLong() + before.get("already_present").asLong() + 4);
            assertThat(after.get("already_present").asLong()).isGreaterThanOrEqualTo(1);
            assertThat(secondAfter.get("stored").asLong() + secondAfter.get("already_present").asLong())
                    .isEqualTo(secondAfter.get("listed").asLong());

            Cli nothing = Cli.run(dataDir, "dlq", "redrive", "--tdnet-url", url, "--rate", "200");
            assertThat(nothing.exit()).as(nothing.toString()).isZero();
            assertThat(status("--execution", firstExecution).get("stored").asLong()).isEqualTo(after.get("stored").asLong());
        }
    }
}
