package io.tdnet.twin.lambda;

import io.tdnet.twin.FunctionSpec;
import java.net.URI;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * THE list of environment variables a function environment gets besides its template's
 * {@code Environment.Variables} (documented in docs/TWIN.md, "What the twin injects"). A child JVM starts
 * with an empty environment and gets exactly {@link #of}: nothing of the host's (no {@code AWS_*}, no
 * {@code HOME}) leaks in.
 *
 * <ul>
 *   <li>injected by the twin's caller, and only these: {@value #ENDPOINT_OVERRIDE} (the gateway; S3
 *       path-style follows from it in the code), {@value #TDNET_BASE_URL} (the fake TDnet replaces the
 *       template's real one), {@code AWS_REGION}; and, only when the caller asks for it (the politeness
 *       benchmark), {@value #SEND_LOG} (a file the pacer appends its send instants to);</li>
 *   <li>Lambda's reserved variables: {@code AWS_REGION}, {@code AWS_DEFAULT_REGION}, {@code AWS_EXECUTION_ENV},
 *       {@code AWS_LAMBDA_FUNCTION_NAME/VERSION/MEMORY_SIZE}, {@code AWS_LAMBDA_LOG_GROUP_NAME/STREAM_NAME},
 *       {@code AWS_LAMBDA_RUNTIME_API}, {@code AWS_LAMBDA_INITIALIZATION_TYPE} ({@code snap-start} with
 *       SnapStart), {@code LAMBDA_TASK_ROOT}, {@code LAMBDA_RUNTIME_DIR}, {@code _HANDLER}, {@code TZ},
 *       {@code LANG}, {@code PATH};</li>
 *   <li>the container-credentials pair {@code AWS_CONTAINER_CREDENTIALS_FULL_URI} and
 *       {@code AWS_CONTAINER_AUTHORIZATION_TOKEN}. Never {@code AWS_ACCESS_KEY_ID}: SnapStart functions do
 *       not get it on AWS either.</li>
 * </ul>
 */
public final class FunctionVariables {
    public static final String ENDPOINT_OVERRIDE = "TDNET_AWS_ENDPOINT_URL";
    public static final String TDNET_BASE_URL = "TDNET_BASE_URL";
    public static final String REGION = "AWS_REGION";
    /** Only on request ({@code AwsTwin.start} with a send log): where the pacer logs what it sent. */
    public static final String SEND_LOG = "TDNET_SEND_LOG";
    /** The only names a caller may inject. */
    public static final Set<String> INJECTABLE = Set.of(ENDPOINT_OVERRIDE, TDNET_BASE_URL, REGION, SEND_LOG);
    /** Fixed for the twin: the fake account's region. */
    public static final String DEFAULT_REGION = "ap-northeast-1";
    /** Never set in a function environment; a template setting one is refused (Lambda refuses it too). */
    static final Set<String> FORBIDDEN = Set.of("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN");

    private FunctionVariables() {}

    /** The names Lambda reserves, that a template may not set. */
    public static final Set<String> RESERVED = Set.of("AWS_REGION", "AWS_DEFAULT_REGION", "AWS_EXECUTION_ENV",
            "AWS_LAMBDA_FUNCTION_NAME", "AWS_LAMBDA_FUNCTION_VERSION", "AWS_LAMBDA_FUNCTION_MEMORY_SIZE",
            "AWS_LAMBDA_LOG_GROUP_NAME", "AWS_LAMBDA_LOG_STREAM_NAME", "AWS_LAMBDA_RUNTIME_API",
            "AWS_LAMBDA_INITIALIZATION_TYPE", "LAMBDA_TASK_ROOT", "LAMBDA_RUNTIME_DIR", "_HANDLER", "TZ",
            "AWS_CONTAINER_CREDENTIALS_FULL_URI", "AWS_CONTAINER_AUTHORIZATION_TOKEN");

    /** Fails when the caller injects anything outside {@link #INJECTABLE}. */
    static void checkInjected(Map<String, String> injected) {
        for (String name : injected.keySet()) {
            if (!INJECTABLE.contains(name)) {
                throw new IllegalArgumentException("the twin injects only " + new TreeSet<>(INJECTABLE)
                        + "; refusing " + name);
            }
        }
    }

    /** Fails when the caller injects anything outside {@link #INJECTABLE} or the template sets a reserved name. */
    static void check(FunctionSpec function, Map<String, String> injected) {
        checkInjected(injected);
        for (String name : function.environment().keySet()) {
            if (RESERVED.contains(name) || FORBIDDEN.contains(name)) {
                throw new IllegalArgumentException("template sets reserved variable " + name + " on "
                        + function.logicalId());
            }
        }
    }

    /**
     * The complete environment of one function environment.
     *
     * @param runtimeApi     host:port of its {@link RuntimeApiServer}
     * @param credentials    the container-credentials endpoint
     * @param token          its authorization token
     * @param logStream      its log stream name
     */
    static Map<String, String> of(FunctionSpec function, Map<String, String> injected, String runtimeApi,
            URI credentials, String token, String logStream, Path taskRoot, Path runtimeDir) {
        check(function, injected);
        String region = injected.getOrDefault(REGION, DEFAULT_REGION);
        Map<String, String> env = new LinkedHashMap<>(function.environment());
        env.putAll(injected);
        env.put("AWS_REGION", region);
        env.put("AWS_DEFAULT_REGION", region);
        env.put("AWS_EXECUTION_ENV", "AWS_Lambda_java21");
        env.put("AWS_LAMBDA_FUNCTION_NAME", function.functionName());
        // SnapStart applies to published versions only; the event source mapping then targets version 1.
        env.put("AWS_LAMBDA_FUNCTION_VERSION", function.snapStart() ? "1" : "$LATEST");
        env.put("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", Integer.toString(function.memoryMb()));
        env.put("AWS_LAMBDA_LOG_GROUP_NAME", "/aws/lambda/" + function.functionName());
        env.put("AWS_LAMBDA_LOG_STREAM_NAME", logStream);
        env.put("AWS_LAMBDA_RUNTIME_API", runtimeApi);
        env.put("AWS_LAMBDA_INITIALIZATION_TYPE", function.snapStart() ? "snap-start" : "on-demand");
        env.put("LAMBDA_TASK_ROOT", taskRoot.toString());
        env.put("LAMBDA_RUNTIME_DIR", runtimeDir.toString());
        env.put("_HANDLER", function.handler());
        env.put("TZ", ":UTC");
        env.put("LANG", "en_US.UTF-8");
        env.put("PATH", "/usr/local/bin:/usr/bin:/bin");
        env.put("AWS_CONTAINER_CREDENTIALS_FULL_URI", credentials.toString());
        env.put("AWS_CONTAINER_AUTHORIZATION_TOKEN", token);
        return env;
    }
}
