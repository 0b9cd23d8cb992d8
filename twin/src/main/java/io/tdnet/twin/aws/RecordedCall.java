package io.tdnet.twin.aws;

import java.time.Instant;
import java.util.List;

/**
 * One AWS call that went through the twin's gateway, attributed to the principal whose key signed it.
 *
 * @param at             when it arrived
 * @param principal      the key's principal (a function's logical id, {@code cli}, a poller ...)
 * @param service        the SigV4 service (sqs, dynamodb, s3, cloudformation ...)
 * @param operation      e.g. {@code SendMessage}, {@code TransactWriteItems}, {@code PutObject}
 * @param authorizations what IAM must allow for it
 * @param status         the HTTP status the caller got
 * @param errorCode      the AWS error code when the call failed (e.g. {@code NoSuchBucket}), else empty
 */
public record RecordedCall(Instant at, String principal, String service, String operation,
                           List<Authorization> authorizations, int status, String errorCode) {
    public RecordedCall {
        authorizations = List.copyOf(authorizations);
    }
}
