package io.tdnet.wiring;

import com.amazonaws.services.lambda.crac.Context;
import com.amazonaws.services.lambda.crac.Core;
import com.amazonaws.services.lambda.crac.Resource;

/**
 * Runs a check after every SnapStart restore, through the CRaC context of Lambda's runtime (the runtime
 * interface client's {@code com.amazonaws.services.lambda.crac}, which its managed Java runtime runs and
 * which calls {@code afterRestore} between {@code restore/next} and the first invocation). An exception
 * there is a restore error: the runtime reports it, the environment is discarded, the invocation fails
 * ({@code SnapStartException}) and an SQS event source returns the batch. Loaded only on Lambda with
 * SnapStart: the class links the runtime's classes, which the function jars do not carry.
 */
final class SnapStartRestore implements Resource {
    private final Runnable check;

    private SnapStartRestore(Runnable check) {
        this.check = check;
    }

    /**
     * Registers {@code check}; the caller must keep the returned hook for the life of the function,
     * because the runtime's context holds its resources weakly (and collects garbage before the snapshot).
     */
    static Object register(Runnable check) {
        SnapStartRestore hook = new SnapStartRestore(check);
        Core.getGlobalContext().register(hook);
        return hook;
    }

    @Override
    public void beforeCheckpoint(Context<? extends Resource> context) {
        // nothing to release: the SDK clients reconnect after restore
    }

    @Override
    public void afterRestore(Context<? extends Resource> context) {
        check.run();
    }
}
