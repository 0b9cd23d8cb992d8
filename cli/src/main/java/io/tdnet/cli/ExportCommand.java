package io.tdnet.cli;

import io.tdnet.cli.view.DisclosureExport;
import io.tdnet.local.PipelineEnvironment;
import io.tdnet.ledger.DisclosureArchive;
import io.tdnet.model.ArchivedDisclosure;
import io.tdnet.model.JsonCodec;
import java.io.BufferedWriter;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "export", mixinStandardHelpOptions = true,
        description = {"Write the stored disclosures of a date or range (optionally one company) as JSON lines or CSV."})
final class ExportCommand implements Callable<Integer> {
    @Spec CommandSpec spec;
    @ArgGroup(exclusive = false, multiplicity = "1", heading = "Dates:%n") DateRange range;
    @Mixin EnvironmentOptions environment;

    @Option(names = "--company", paramLabel = "CODE", description = "Only this company code (e.g. 72030 or 130A0).")
    String company;

    @Option(names = "--format", defaultValue = "jsonl", description = "jsonl or csv (default: ${DEFAULT-VALUE}).")
    DisclosureExport.Format format;

    @Option(names = "--output", paramLabel = "FILE", description = "Write here instead of standard output.")
    Path output;

    @Override
    public Integer call() throws Exception {
        List<LocalDate> dates = range.dates();
        LocalDate from = dates.get(0);
        LocalDate to = dates.get(dates.size() - 1);
        try (PipelineEnvironment env = environment.open()) {
            DisclosureArchive archive = new DisclosureArchive(env.dynamoDb(), env.resources().disclosuresTable(), Clock.systemUTC());
            Stream<ArchivedDisclosure> rows = company != null
                    ? archive.byCompany(company.strip(), from, to)
                    : archive.byDateRange(from, to);
            DisclosureExport export = new DisclosureExport(new JsonCodec().mapper());
            long written;
            if (output != null) {
                try (Writer writer = Files.newBufferedWriter(output, StandardCharsets.UTF_8)) {
                    written = export.write(rows, format, writer);
                }
                spec.commandLine().getErr().printf("exported %,d disclosures to %s%n", written, output);
            } else {
                Writer writer = spec.commandLine().getOut();
                written = export.write(rows, format, writer);
                spec.commandLine().getErr().printf("exported %,d disclosures%n", written);
            }
            return ExitCodes.OK;
        }
    }
}
