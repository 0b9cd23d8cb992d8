package io.tdnet.local;

import java.nio.file.Path;

/** How the bench starts child JVMs: the same java binary, the same classpath. */
final class ChildJvm {
    private ChildJvm() {}

    static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** This JVM's classpath (for {@code java -jar tdnet.jar}, the jar: its manifest brings lib/ along). */
    static String classPath() {
        return System.getProperty("java.class.path");
    }

    /**
     * The repository root, found from where this class was loaded ({@code local/target/tdnet.jar} or
     * {@code local/target/classes}); null when that is not inside a checkout.
     */
    static Path repositoryRoot() {
        try {
            Path here = Path.of(ChildJvm.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            Path root = here.getParent() == null ? null : here.getParent().getParent();
            root = root == null ? null : root.getParent();
            return root != null && root.resolve("pom.xml").toFile().isFile() ? root : null;
        } catch (Exception e) {
            return null;
        }
    }
}
