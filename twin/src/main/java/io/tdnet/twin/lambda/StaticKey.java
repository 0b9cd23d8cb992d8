package io.tdnet.twin.lambda;

/**
 * A long-lived key pair the {@link CredentialAuthority} issued to one principal (an event-source poller, the CLI).
 *
 * @param accessKeyId     the access key id, unique across the twin
 * @param secretAccessKey its secret, for SigV4
 */
public record StaticKey(String accessKeyId, String secretAccessKey) {
    @Override
    public String toString() {
        return "StaticKey[" + accessKeyId + "]"; // never print the secret
    }
}
