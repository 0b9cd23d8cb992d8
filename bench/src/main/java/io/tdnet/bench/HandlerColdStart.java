package io.tdnet.bench;

/**
 * Entry point of the start-up bench's child JVMs: loads one Lambda handler class and constructs it the
 * way the Lambda runtime does (public no-argument constructor, environment variables), and prints the
 * times. Uses only the JDK, so it runs next to a handler's shaded jar with nothing else on the path.
 */
public final class HandlerColdStart {
    static final String RESULT_PREFIX = "TDNET-BENCH-COLD ";

    private HandlerColdStart() {}

    public static void main(String[] args) throws Exception {
        long t0 = System.nanoTime();
        Class<?> handler = Class.forName(args[0]);
        long loaded = System.nanoTime();
        Object instance = handler.getConstructor().newInstance();
        long constructed = System.nanoTime();
        if (instance == null) throw new IllegalStateException("no instance");
        long jvmUptimeMillis = java.lang.management.ManagementFactory.getRuntimeMXBean().getUptime();
        System.out.println(RESULT_PREFIX + (loaded - t0) + " " + (constructed - loaded) + " " + jvmUptimeMillis);
    }
}
