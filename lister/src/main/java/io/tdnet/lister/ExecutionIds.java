package io.tdnet.lister;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;

/** Readable, sortable, unique execution ids: {@code 2026-02-13.20261123T180102Z.3f9a1c}. */
public final class ExecutionIds {
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    public ExecutionIds(Clock clock) {
        this.clock = clock;
    }

    public String next(LocalDate targetDate) {
        byte[] suffix = new byte[3];
        random.nextBytes(suffix);
        return targetDate + "." + STAMP.format(clock.instant()) + "." + HexFormat.of().formatHex(suffix);
    }
}
