package io.tdnet.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A child JVM the bench starts: the same java binary and classpath as this one, running
 * {@code mainClass}. The caller names the main class, so the bench never refers to the CLI's classes.
 *
 * @param mainClass the class whose {@code main} the child runs
 */
public record ChildJvm(String mainClass) {

    /** {@code java JVM-OPTIONS -cp CLASSPATH MAIN-CLASS ARGS…} */
    public List<String> command(List<String> jvmOptions, List<String> args) {
        List<String> command = new ArrayList<>();
        command.add(java());
        command.addAll(jvmOptions);
        command.add("-cp");
        command.add(classPath());
        command.add(mainClass);
        command.addAll(args);
        return command;
    }

    /**
     * A paced child's JVM options: {@code heap} and the collector this JVM was started with
     * ({@code -XX:+UseShenandoahGC} from the {@code tdnet} launcher). A sender must send within 5 ms of its
     * slot, so a child with the JVM's default collector would measure G1's pauses rather than the pacer.
     */
    public static List<String> pacedOptions(String heap) {
        List<String> options = new ArrayList<>(java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments()
                .stream().filter(a -> a.matches("-XX:\\+Use\\w+GC")).toList());
        options.add(heap);
        return options;
    }

    static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** This JVM's classpath (for {@code java -jar tdnet.jar}, the jar: its manifest brings lib/ along). */
    static String classPath() {
        return System.getProperty("java.class.path");
    }

    /**
     * The repository root, found from where this class was loaded ({@code bench/target/classes}, or
     * {@code cli/target/lib/bench-….jar} beside tdnet.jar): the nearest ancestor holding both the parent
     * pom and the {@code tdnet} launcher; null when that is not inside a checkout.
     */
    static Path repositoryRoot() {
        try {
            Path dir = Path.of(ChildJvm.class.getProtectionDomain().getCodeSource().getLocation().toURI()).getParent();
            for (int up = 0; dir != null && up < 4; up++, dir = dir.getParent()) {
                if (Files.isRegularFile(dir.resolve("pom.xml")) && Files.isRegularFile(dir.resolve("tdnet"))) return dir;
            }
            return null;
        } catch (Exception e) {
            return null;
        }
    }
}
