package io.tdnet.ledger;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * A list row whose link is not a valid document link: recorded FAILED with its raw href as evidence.
 * It has no disclosure id, so its outcome row is keyed by a digest of the whole row plus its ordinal
 * among identical rows: two rows with the same time, code, name, title and href are two failures with
 * two reason rows, and re-reading the pages gives each the same key again.
 *
 * @param ordinal 0 for the first of identical rows, 1 for the second, …; {@link ListingPlan} numbers them
 */
public record RejectedRow(String time, String companyCode, String companyName, String title, String href, String reason,
                          int ordinal) {

    public RejectedRow {
        if (ordinal < 0) throw new IllegalArgumentException("ordinal must be ≥ 0: " + ordinal);
    }

    /** A row not numbered yet ({@link #numbered} gives it its ordinal). */
    public RejectedRow(String time, String companyCode, String companyName, String title, String href, String reason) {
        this(time, companyCode, companyName, title, href, reason, 0);
    }

    /** The outcome row's sort key: {@code R#} + 16 hex digits of SHA-256 over the row's cells and its ordinal. */
    public String entryKey() {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(String.join("\u0000", String.valueOf(time), String.valueOf(companyCode),
                            String.valueOf(companyName), String.valueOf(title), String.valueOf(href),
                            Integer.toString(ordinal)).getBytes(StandardCharsets.UTF_8));
            return io.tdnet.model.Attributes.REJECTED_PREFIX + HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The same row with another reason (the reason is not part of the row's identity). */
    public RejectedRow withReason(String otherReason) {
        return new RejectedRow(time, companyCode, companyName, title, href, otherReason, ordinal);
    }

    /**
     * The rows in the same order, each with its ordinal among the rows identical to it (same cells;
     * reason and any earlier ordinal ignored), so every row has its own key.
     */
    public static List<RejectedRow> numbered(List<RejectedRow> rows) {
        Map<List<String>, Integer> seen = new HashMap<>();
        List<RejectedRow> out = new ArrayList<>(rows.size());
        for (RejectedRow r : rows) {
            List<String> cells = java.util.Arrays.asList(r.time, r.companyCode, r.companyName, r.title, r.href);
            int ordinal = seen.merge(cells, 1, Integer::sum) - 1;
            out.add(new RejectedRow(r.time, r.companyCode, r.companyName, r.title, r.href, r.reason, ordinal));
        }
        return List.copyOf(out);
    }
}
