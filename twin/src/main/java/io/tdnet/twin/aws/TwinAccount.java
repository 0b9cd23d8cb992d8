package io.tdnet.twin.aws;

/** The twin's fixed fake account and region: every name and ARN of the template resolves with these. */
public final class TwinAccount {
    private TwinAccount() {}

    public static final String ACCOUNT = "123456789012";
    public static final String REGION = "ap-northeast-1";
}
