package io.tdnet.bench;

import io.tdnet.model.EnvVars;
import io.tdnet.model.Names;
import java.io.InputStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The cold start we pay on AWS: for each Lambda handler, a fresh JVM that loads the handler class and
 * constructs it with the environment the CDK stack gives it (endpoint on an unused loopback port, so
 * any network call during construction would fail loudly). The handler's shaded jar
 * ({@code MODULE/target/MODULE-lambda.jar}) is used when it has been built, else this JVM's classpath.
 */
public final class StartupBench {
    record Handler(String module, String className) {}

    static final List<Handler> HANDLERS = List.of(
            new Handler("lister", "io.tdnet.lister.ListerHandler"),
            new Handler("downloader", "io.tdnet.downloader.DownloaderHandler"),
            new Handler("persister", "io.tdnet.persister.PersisterHandler"));

    /**
     * @param classLoadMillis {@code Class.forName} of the handler (its static initialisation included)
     * @param constructMillis its constructor: SDK clients, configuration
     * @param processMillis the child process from fork to exit (JVM boot included)
     * @param classPath "shaded jar" or "classpath"
     */
    public record Result(String handler, double classLoadMillis, double constructMillis, double jvmUptimeMillis,
                  double processMillis, String classPath) {}

    /** The twin's copy of the managed Java runtime's jars (see docs/TWIN.md), as classpath entries. */
    private static String managedRuntime(Path root) throws java.io.IOException {
        Path dir = root == null ? null : root.resolve("twin").resolve("target").resolve("lambda-runtime");
        if (dir == null || !Files.isDirectory(dir)) {
            throw new IllegalStateException("no twin/target/lambda-runtime: build the twin module first (./tdnet builds it)");
        }
        StringBuilder cp = new StringBuilder();
        try (var jars = Files.list(dir)) {
            jars.filter(j -> j.toString().endsWith(".jar")).sorted().forEach(j -> cp.append(java.io.File.pathSeparator).append(j));
        }
        return cp.toString();
    }

    public List<Result> run() throws Exception {
        Path launcherDir = Files.createTempDirectory("tdnet-bench-cold-");
        try {
            Path classFile = launcherDir.resolve(HandlerColdStart.class.getName().replace('.', '/') + ".class");
            Files.createDirectories(classFile.getParent());
            try (InputStream in = HandlerColdStart.class.getResourceAsStream(HandlerColdStart.class.getSimpleName() + ".class")) {
                Files.copy(in, classFile);
            }
            int unusedPort;
            try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
                unusedPort = s.getLocalPort();
            }
            String endpoint = "http://127.0.0.1:" + unusedPort;
            List<Result> results = new ArrayList<>();
            Path root = ChildJvm.repositoryRoot();
            for (Handler handler : HANDLERS) {
                Path jar = root == null ? null : root.resolve(handler.module()).resolve("target").resolve(handler.module() + "-lambda.jar");
                boolean shaded = jar != null && Files.isRegularFile(jar);
                // what Lambda's managed runtime adds to the function's jar (the runtime client: the restore
                // hooks' home); the stack runs SnapStart, whose init defers the start check to the restore
                String cp = (shaded ? jar.toString() : ChildJvm.classPath()) + java.io.File.pathSeparator + launcherDir
                        + managedRuntime(root);
                ProcessBuilder pb = new ProcessBuilder(ChildJvm.java(), "-cp", cp, HandlerColdStart.class.getName(), handler.className())
                        .redirectErrorStream(true);
                Map<String, String> env = pb.environment();
                env.put("AWS_REGION", "ap-northeast-1");
                env.put("AWS_LAMBDA_INITIALIZATION_TYPE", "snap-start");
                env.put("AWS_ACCESS_KEY_ID", "bench-dummy");
                env.put("AWS_SECRET_ACCESS_KEY", "bench-dummy-secret");
                env.put(EnvVars.AWS_ENDPOINT_URL, endpoint);
                env.put(EnvVars.TDNET_BASE_URL, "http://127.0.0.1:" + unusedPort + "/inbs/");
                env.put(EnvVars.TDNET_RATE, "1");
                env.put(EnvVars.PACER_TABLE, Names.PACER_TABLE);
                env.put(EnvVars.STAGE, "bench");
                env.put(EnvVars.STACK, "TdnetPipeline-bench"); // named by the start check's messages
                env.put(EnvVars.DOWNLOAD_QUEUE_URL, endpoint + "/000000000000/" + Names.DOWNLOAD_QUEUE);
                env.put(EnvVars.DOWNLOAD_DLQ_URL, endpoint + "/000000000000/" + Names.DOWNLOAD_DLQ);
                env.put(EnvVars.PERSIST_QUEUE_URL, endpoint + "/000000000000/" + Names.PERSIST_QUEUE);
                env.put(EnvVars.PERSIST_DLQ_URL, endpoint + "/000000000000/" + Names.PERSIST_DLQ);
                env.put(EnvVars.DISCLOSURES_TABLE, Names.DISCLOSURES_TABLE);
                env.put(EnvVars.EXECUTIONS_TABLE, Names.EXECUTIONS_TABLE);
                env.put(EnvVars.BUCKET, Names.BUCKET);
                env.put(EnvVars.METRICS_NAMESPACE, io.tdnet.model.MetricNames.NAMESPACE);
                long t0 = System.nanoTime();
                Process child = pb.start();
                String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                if (!child.waitFor(2, TimeUnit.MINUTES)) {
                    child.destroyForcibly();
                    throw new IllegalStateException(handler.className() + " did not start within 2 minutes");
                }
                double processMillis = (System.nanoTime() - t0) / 1e6;
                String line = output.lines().filter(l -> l.startsWith(HandlerColdStart.RESULT_PREFIX)).findFirst()
                        .orElseThrow(() -> new IllegalStateException(handler.className() + " could not be constructed:\n" + output));
                String[] parts = line.substring(HandlerColdStart.RESULT_PREFIX.length()).trim().split(" ");
                results.add(new Result(handler.className().substring(handler.className().lastIndexOf('.') + 1),
                        Long.parseLong(parts[0]) / 1e6, Long.parseLong(parts[1]) / 1e6, Double.parseDouble(parts[2]),
                        processMillis, shaded ? "shaded jar" : "classpath"));
            }
            return results;
        } finally {
            BenchFiles.deleteTree(launcherDir);
        }
    }
}
