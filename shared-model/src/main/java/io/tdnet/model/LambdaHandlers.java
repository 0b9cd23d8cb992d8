package io.tdnet.model;

/** Handler entry points of the three Lambdas: the code defines them, the CDK stack points at them. */
public final class LambdaHandlers {
    private LambdaHandlers() {}

    public static final String LISTER = "io.tdnet.lister.ListerHandler::handleRequest";
    public static final String DOWNLOADER = "io.tdnet.downloader.DownloaderHandler::handleRequest";
    public static final String PERSISTER = "io.tdnet.persister.PersisterHandler::handleRequest";
    public static final String RECONCILER = "io.tdnet.reconciler.ReconcilerHandler::handleRequest";

    /** Shaded jar file names, under each module's {@code target/}. */
    public static final String LISTER_JAR = "lister-lambda.jar";
    public static final String DOWNLOADER_JAR = "downloader-lambda.jar";
    public static final String PERSISTER_JAR = "persister-lambda.jar";
    public static final String RECONCILER_JAR = "reconciler-lambda.jar";
}
