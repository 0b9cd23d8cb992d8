package io.tdnet.twin.aws;

import java.util.Map;

/**
 * One IAM authorization a request needs: an action on a resource, with the request's condition keys.
 * A {@code TransactWriteItems} needs one per inner item ({@code dynamodb:PutItem} on its table ...).
 *
 * @param action      e.g. {@code dynamodb:PutItem}
 * @param resource    the resource ARN ({@code *} for actions without a resource type)
 * @param contextKeys condition keys of the request, e.g. {@code cloudwatch:namespace}
 */
public record Authorization(String action, String resource, Map<String, String> contextKeys) {
    public Authorization {
        contextKeys = Map.copyOf(contextKeys);
    }

    public Authorization(String action, String resource) {
        this(action, resource, Map.of());
    }

    @Override
    public String toString() {
        return action + " " + resource + (contextKeys.isEmpty() ? "" : " " + contextKeys);
    }
}
