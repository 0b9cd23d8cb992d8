package io.tdnet.twin.aws;

/** The template uses something the twin cannot resolve as CloudFormation would: the twin refuses to run on it. */
public final class UnresolvableTemplateException extends RuntimeException {
    public UnresolvableTemplateException(String message) {
        super(message);
    }
}
