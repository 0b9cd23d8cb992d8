package io.tdnet.cli;

import io.tdnet.faketdnet.FakeTdnetMain;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "fake-tdnet", mixinStandardHelpOptions = true,
        description = {"Serve the bundled fake TDnet on loopback until killed (to try collect without the real site)."})
final class FakeTdnetCommand implements Callable<Integer> {
    @Option(names = "--port", defaultValue = "0", description = "Port (0 = any free port; default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--bind", defaultValue = "127.0.0.1", description = "Loopback address (default: ${DEFAULT-VALUE}).")
    String bind;

    @Option(names = "--day", paramLabel = "DATE:COUNT[:SEED]", description = "A day with COUNT disclosures, e.g. 2026-02-13:300.")
    List<String> days = List.of();

    @Option(names = "--empty-day", paramLabel = "DATE", description = "A day without disclosures.")
    List<String> emptyDays = List.of();

    @Override
    public Integer call() throws Exception {
        java.util.List<String> args = new java.util.ArrayList<>(List.of("--port", Integer.toString(port), "--bind", bind));
        days.forEach(d -> { args.add("--day"); args.add(d); });
        emptyDays.forEach(d -> { args.add("--empty-day"); args.add(d); });
        FakeTdnetMain.main(args.toArray(String[]::new));
        return ExitCodes.OK;
    }
}
