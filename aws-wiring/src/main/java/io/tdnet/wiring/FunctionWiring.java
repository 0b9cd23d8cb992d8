package io.tdnet.wiring;

import io.tdnet.model.EnvVars;
import io.tdnet.model.Pacer;
import io.tdnet.model.Rate;
import io.tdnet.model.Tdnet;
import io.tdnet.model.TdnetOrigin;
import io.tdnet.wiring.pacing.SendLog;
import io.tdnet.wiring.pacing.SharedPacer;
import io.tdnet.wiring.pacing.SharedSchedule;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;

/**
 * What every Lambda function builds once at init, in its handler's no-argument constructor: the
 * {@link FunctionEnvironment}, the {@link AwsClients}, the clock, and the settings shared by the
 * functions; each function module adds its own bindings in a small factory ({@code ListerFunction},
 * {@code DownloaderFunction}, {@code PersisterFunction}).
 *
 * <p>A plain factory rather than a Guice module, measured on this project's machine: Guice 7 adds
 * 3.8 MB to each Lambda jar (guice 0.8 MB + guava 3.0 MB + jakarta.inject, aopalliance,
 * failureaccess; the budget is 14 MB per jar) and {@code Guice.createInjector} with a three-binding
 * module took 330–610 ms in a fresh JVM (8 runs), against a whole handler construction of a few
 * hundred ms. The CLI does not use Guice either (docs/ARCHITECTURE.md, "Local vs AWS").
 */
public final class FunctionWiring {
    /** Lambda's reserved variables the wiring reads (always set by Lambda; the twin sets them too). */
    static final String FUNCTION_NAME = "AWS_LAMBDA_FUNCTION_NAME";
    static final String INITIALIZATION_TYPE = "AWS_LAMBDA_INITIALIZATION_TYPE";
    static final String SNAP_START = "snap-start";

    private final FunctionEnvironment env;
    private final AwsClients aws;
    private final Clock clock;

    public FunctionWiring(FunctionEnvironment env, Clock clock) {
        this.env = env;
        this.aws = AwsClients.forFunction(env);
        this.clock = clock;
    }

    /** The process environment and the system clock: the Lambda runtime's case. */
    public static FunctionWiring fromProcess() {
        return new FunctionWiring(FunctionEnvironment.ofProcess(), Clock.systemUTC());
    }

    public FunctionEnvironment env() {
        return env;
    }

    public AwsClients aws() {
        return aws;
    }

    public Clock clock() {
        return clock;
    }

    /**
     * The value of one of the function's own variables ({@link io.tdnet.model.FunctionVariables}); fails
     * naming it when unset. Each function reads only its own names, so the stack sets only those.
     */
    public String require(String name) {
        return env.require(name);
    }

    public TdnetOrigin origin() {
        return TdnetOrigin.of(env.optional(EnvVars.TDNET_BASE_URL, Tdnet.DEFAULT_BASE_URL));
    }

    public String userAgent() {
        return env.optional(EnvVars.USER_AGENT, Tdnet.DEFAULT_USER_AGENT);
    }

    /** The deployment's rate toward TDnet ({@link EnvVars#TDNET_RATE}, default 1/s); 0 is refused. */
    public Rate rate() {
        return env.optional(EnvVars.TDNET_RATE, Rate.perSecond(Tdnet.DEFAULT_RATE), v -> Rate.parse(EnvVars.TDNET_RATE, v));
    }

    /**
     * The deployment's one TDnet pacer: the shared slot schedule in {@link EnvVars#PACER_TABLE} at
     * {@link #rate()}. The clock offset to DynamoDB is measured on the first permit; Lambda's clock is
     * kept by the platform, so bounds consistent with 0 count as 0. Only when the AWS twin injects
     * {@link EnvVars#SEND_LOG} (the politeness benchmark) does the pacer log its sends.
     */
    public Pacer pacer() {
        SharedPacer.Observer observer = env.optional(EnvVars.SEND_LOG).<SharedPacer.Observer>map(f -> new SendLog(Path.of(f)))
                .orElse(SharedPacer.Observer.NONE);
        return SharedSchedule.overHttp(aws, env.require(EnvVars.PACER_TABLE), rate(), origin(), true, observer);
    }

    /** A check of this function's resources, naming it and its stack ({@link EnvVars#STACK}) when one fails. */
    public ResourceCheck resourceCheck() {
        return new ResourceCheck(env.optional(FUNCTION_NAME, "this function"), env.require(EnvVars.STACK));
    }

    /**
     * Runs {@code check} where Lambda reports its failure as the function failing to start, and returns it
     * for the handler to keep. With SnapStart ({@code AWS_LAMBDA_INITIALIZATION_TYPE=snap-start}) init runs
     * once, when the version is published, and every environment is a restore of that snapshot: the check
     * runs after each restore (a CRaC {@code afterRestore} hook), with the credentials the restored
     * environment gets, so a resource deleted or denied since the deploy stops every new environment. On
     * demand it runs now, in init (an init error). Either way nothing has been fetched from TDnet yet.
     */
    public ResourceCheck checkBeforeServing(ResourceCheck check) {
        if (env.optional(INITIALIZATION_TYPE).filter(SNAP_START::equals).isPresent()) {
            check.keep(SnapStartRestore.register(check::run));
        } else {
            check.run();
        }
        return check;
    }

    /** Prints the names read during wiring as one JSON log line, then returns {@code wired}. */
    public <T> T announce(T wired, PrintStream out) {
        out.println(env.envReadLine());
        return wired;
    }

    public <T> T announce(T wired) {
        return announce(wired, System.out);
    }
}
