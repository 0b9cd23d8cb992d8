package io.tdnet.bench;

import java.io.PrintWriter;

/**
 * Runs a {@code tdnet} command line in this JVM and returns its exit code. The CLI hands one to the
 * bench, so the bench measures the real command without depending on the module that defines it.
 */
@FunctionalInterface
public interface TdnetCommand {
    int run(String[] args, PrintWriter out, PrintWriter err);
}
