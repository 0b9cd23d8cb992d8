package io.tdnet.cli;

import io.tdnet.ledger.DisclosureArchive;
import io.tdnet.ledger.ExecutionQueries;
import io.tdnet.local.PipelineEnvironment;
import io.tdnet.serve.ArchiveServer;
import io.tdnet.serve.DisclosureSearch;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code tdnet serve}: the archive of a data dir (or, with {@code --aws}, of a deployed stack) over HTTP,
 * read-only, until Ctrl-C. On a data dir it holds the directory like {@code collect} does: one process
 * at a time.
 */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = {"Serve the archive read-only over HTTP until Ctrl-C: a search page at /, and",
                "GET /api/disclosures?date=D | from=D&to=D [code=C] [q=TEXT] [limit=N] [cursor=…],",
                "GET /api/disclosures/{id}, GET /api/status?date=D, GET /pdf/{id} (ETag, Range), GET /rss?code=C.",
                "Binds loopback by default and answers only requests whose Host is the bound address."})
final class ServeCommand implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin EnvironmentOptions environment;

    @Option(names = "--port", defaultValue = "8080", description = "TCP port; 0 for any free one (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--bind", paramLabel = "ADDRESS", defaultValue = "127.0.0.1",
            description = "Address to listen on (default: ${DEFAULT-VALUE}); requests must name it as their Host.")
    String bind;

    @Option(names = "--examine-cap", paramLabel = "ROWS", defaultValue = "" + DisclosureSearch.DEFAULT_EXAMINE_CAP,
            description = "Rows a q= search may examine per request (default: ${DEFAULT-VALUE}).")
    int examineCap;

    @Override
    public Integer call() throws Exception {
        InetAddress address = address(bind);
        if (examineCap < 1) throw new IllegalArgumentException("--examine-cap must be positive");
        PrintWriter out = spec.commandLine().getOut();
        CountDownLatch stop = new CountDownLatch(1);
        CountDownLatch stopped = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            stop.countDown();
            try {
                stopped.await(); // the data dir is closed cleanly before the JVM goes
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "serve-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        try (PipelineEnvironment env = environment.open()) {
            var resources = env.resources();
            ArchiveServer.Archive archive = new ArchiveServer.Archive(
                    new DisclosureArchive(env.dynamoDb(), resources.disclosuresTable(), Clock.systemUTC()),
                    new ExecutionQueries(env.dynamoDb(), resources.executionsTable()), env.s3(), resources.bucket());
            try (ArchiveServer server = ArchiveServer.start(archive,
                    new ArchiveServer.Settings(address, port, examineCap, 8))) {
                out.printf("tdnet serve: %s at %s (read-only; Ctrl-C stops)%n", env.describe(), server.uri());
                out.flush();
                stop.await();
            }
        } finally {
            stopped.countDown();
        }
        return ExitCodes.OK;
    }

    private static InetAddress address(String bind) {
        try {
            return InetAddress.getByName(bind);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("--bind: not an address: " + bind);
        }
    }
}
