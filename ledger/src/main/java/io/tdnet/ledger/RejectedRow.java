package io.tdnet.ledger;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A list row whose link is not a valid document link: recorded FAILED with its raw href as evidence.
 * It has no disclosure id, so its outcome row is keyed by a digest of what the row showed.
 */
public record RejectedRow(String time, String companyCode, String title, String href, String reason) {

    /** The outcome row's sort key: {@code R#} + 16 hex digits of SHA-256 over the row's cells. */
    public String entryKey() {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(String.join("\u0000", String.valueOf(time), String.valueOf(companyCode),
                            String.valueOf(title), String.valueOf(href)).getBytes(StandardCharsets.UTF_8));
            return io.tdnet.model.Attributes.REJECTED_PREFIX + HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
