package io.tdnet.cli;

import io.tdnet.bench.HeapSampler;
import io.tdnet.bench.MemoryBench;
/**
 * Entry point of the memory bench's child JVM: runs {@code tdnet ARGS…} under a {@link HeapSampler},
 * then prints {@link MemoryBench#RESULT_PREFIX} with the peak used heap and the peak live heap (bytes)
 * and exits with the CLI's code.
 */
public final class ChildCollect {
    private ChildCollect() {}

    public static void main(String[] args) {
        int exit;
        try (HeapSampler heap = HeapSampler.start(2)) {
            var out = new java.io.PrintWriter(System.out, true);
            exit = TdnetCli.run(args, out, new java.io.PrintWriter(System.err, true));
            out.println(MemoryBench.RESULT_PREFIX + heap.peakUsedBytes() + " " + heap.peakAfterGcBytes());
        }
        System.exit(exit);
    }
}
