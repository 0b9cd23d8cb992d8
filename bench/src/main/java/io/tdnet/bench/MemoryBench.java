package io.tdnet.bench;

import io.tdnet.model.DisclosureId;
import io.tdnet.faketdnet.FakeDay;
import io.tdnet.faketdnet.FakeTdnet;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One 600 MB document collected by a child JVM started with {@code -Xmx256m} on this JVM's classpath:
 * the child runs {@code tdnet collect} (embedded stack and all) under a {@link HeapSampler} and prints
 * its peak heap. Storing must succeed and the heap stay far below the document's size (invariant 8).
 */
public final class MemoryBench {
    static final LocalDate DAY = LocalDate.of(2026, 2, 13);
    public static final String RESULT_PREFIX = "TDNET-BENCH-HEAP ";

    private final ChildJvm collect;

    /** @param collect the child JVM's entry point: runs {@code tdnet ARGS…} and prints {@link #RESULT_PREFIX} with its heap figures */
    public MemoryBench(ChildJvm collect) {
        this.collect = collect;
    }

    public record Result(long documentBytes, String maxHeap, int exitCode, long storedBytes, long peakUsedBytes,
                  long peakAfterGcBytes, double seconds) {}

    public Result run(long documentBytes, String maxHeap) throws Exception {
        Path dir = Files.createTempDirectory("tdnet-bench-memory-");
        try (FakeTdnet tdnet = FakeTdnet.start()) {
            FakeDay day = tdnet.addDay(DAY, 3, 600);
            DisclosureId big = day.ids().get(0);
            tdnet.setPdfSize(big, documentBytes);
            List<String> command = collect.command(List.of("-Xmx" + maxHeap), List.of("collect", "--date", DAY.toString(),
                    "--tdnet-url", tdnet.baseUrl(), "--rate", "50", "--max-pdf-bytes", Long.toString(documentBytes + 1),
                    "--data-dir", dir.toString()));
            long t0 = System.nanoTime();
            Process child = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!child.waitFor(5, TimeUnit.MINUTES)) {
                child.destroyForcibly();
                throw new IllegalStateException("the -Xmx" + maxHeap + " collect did not finish in 5 minutes");
            }
            double seconds = (System.nanoTime() - t0) / 1e9;
            String line = output.lines().filter(l -> l.startsWith(RESULT_PREFIX)).findFirst()
                    .orElseThrow(() -> new IllegalStateException("the child JVM reported no heap figures:\n" + output));
            String[] parts = line.substring(RESULT_PREFIX.length()).trim().split(" ");
            Path stored = dir.resolve("s3").resolve(io.tdnet.model.Names.BUCKET)
                    .resolve(io.tdnet.model.S3Keys.pdfKey(day.date(), big));
            long storedBytes = Files.exists(stored) ? Files.size(stored) : -1;
            int exit = child.exitValue();
            if (exit != 0 || storedBytes != documentBytes) {
                throw new IllegalStateException("the -Xmx" + maxHeap + " collect ended " + exit + ", stored " + storedBytes
                        + " bytes of " + documentBytes + ":\n" + output);
            }
            return new Result(documentBytes, maxHeap, exit, storedBytes, Long.parseLong(parts[0]), Long.parseLong(parts[1]), seconds);
        } finally {
            deleteQuietly(dir);
        }
    }

    private static void deleteQuietly(Path dir) {
        try {
            BenchFiles.deleteTree(dir);
        } catch (RuntimeException e) {
            // a 600 MB temp file left behind is worth a line, not a failed bench
            System.err.println("could not remove " + dir + ": " + e.getMessage());
        }
    }
}
