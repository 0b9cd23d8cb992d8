package io.tdnet.embedded;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Undoing a start-up that failed half-way: what it had opened is closed newest first, and every close
 * that fails too is kept on the original failure as suppressed, so the first cause is the one reported.
 */
public final class Rollback {
    private Rollback() {}

    public static void closeInReverse(List<? extends AutoCloseable> opened, Exception failure) {
        List<AutoCloseable> newestFirst = new ArrayList<>(opened);
        Collections.reverse(newestFirst);
        for (AutoCloseable c : newestFirst) {
            try {
                c.close();
            } catch (Exception suppressed) {
                failure.addSuppressed(suppressed);
            }
        }
    }
}
