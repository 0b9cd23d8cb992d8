package io.tdnet.wiring;

import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * One line for a person from an SDK failure: the service's error code and message, or the client's reason.
 * Shared by the CLI's resource preflight and the functions' {@link ResourceCheck}.
 */
public final class AwsFailure {
    private AwsFailure() {}

    public static String describe(SdkException e) {
        if (e instanceof AwsServiceException service) {
            String code = service.awsErrorDetails() == null ? null : service.awsErrorDetails().errorCode();
            String message = service.awsErrorDetails() == null ? null : service.awsErrorDetails().errorMessage();
            // HEAD answers (HeadBucket) carry no body: the status is all there is
            if (code == null || code.isBlank()) code = switch (service.statusCode()) {
                case 403 -> "AccessDenied";
                case 404 -> "NotFound";
                default -> "HTTP " + service.statusCode();
            };
            return code + (message == null || message.isBlank() ? "" : " — " + message);
        }
        String message = e.getMessage() == null ? e.toString() : e.getMessage();
        return message.startsWith("Unable to load credentials") ? "no AWS credentials (" + message + ")" : message;
    }
}
