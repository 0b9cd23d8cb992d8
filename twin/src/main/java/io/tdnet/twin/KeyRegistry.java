package io.tdnet.twin;

import java.util.Optional;

/**
 * Who signed a request: the twin's credentials endpoint hands every function environment (and every
 * event-source poller, and the CLI) keys of its own, so the recording gateway can attribute each AWS
 * call to a principal and check it against that principal's role in the template.
 */
public interface KeyRegistry {
    /** The principal a live key belongs to (a function's logical id, or e.g. {@code cli}); empty when unknown or revoked. */
    Optional<String> principalOf(String accessKeyId);

    /** The secret of a live key, to verify a SigV4 signature; empty when unknown or revoked. */
    Optional<String> secretOf(String accessKeyId);

    /** Why a key is refused (unknown, or a pre-restore key revoked at SnapStart restore), for the error the caller sees. */
    String whyRefused(String accessKeyId);
}
