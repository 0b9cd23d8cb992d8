package io.tdnet.twin.lambda;

import io.tdnet.twin.FunctionSpec;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.zip.ZipFile;

/**
 * What Lambda's managed Java runtime provides, on this host: the runtime jars the build copies to
 * {@code twin/target/lambda-runtime} (the child JVMs' whole system classpath), and the runtime client's
 * native library unpacked once per twin.
 *
 * <p>Why unpack it here: by itself the client unpacks it to the fixed path {@code /tmp/.libaws-lambda-jni.so}
 * at every start — on Lambda each environment has its own {@code /tmp}; on one host, two environments
 * starting together overwrite the file while the other maps it, and the JVM dies with SIGBUS in
 * {@code ld-linux} during init (seen in the twin). The client reads {@value #JNI_PROPERTY} instead when set.
 *
 * @param classpathDir the runtime jars
 * @param jniLibrary   the client's native library for this host
 */
record LambdaRuntime(Path classpathDir, Path jniLibrary) {
    /** Where the build copies Lambda's runtime jars (twin/pom.xml); overridable for the CLI. */
    static final String DIR_PROPERTY = LambdaService.RUNTIME_DIR_PROPERTY;
    static final String JNI_PROPERTY = "com.amazonaws.services.lambda.runtime.api.client.runtimeapi.NativeClient.JNI";
    private static final String CLIENT_JAR = "aws-lambda-java-runtime-interface-client";

    /** The configured or built runtime directory, its client's native library unpacked into {@code workDir}. */
    static LambdaRuntime prepare(Path classpathDir, Path workDir) {
        Path dir = classpathDir.toAbsolutePath();
        Path clientJar;
        try (var jars = Files.list(dir)) {
            clientJar = jars.filter(p -> p.getFileName().toString().startsWith(CLIENT_JAR)).findFirst()
                    .orElseThrow(() -> new IllegalStateException("no runtime interface client in " + dir));
        } catch (IOException | IllegalStateException e) {
            throw new IllegalStateException("Lambda's runtime jars are missing in " + dir + " (the twin build copies"
                    + " them: mvn -pl twin generate-resources; or set -D" + DIR_PROPERTY + ")", e);
        }
        return new LambdaRuntime(dir, unpackJni(clientJar, workDir));
    }

    /** {@code -D} of the property, else {@code twin/target/lambda-runtime} from the repository root or {@code target/lambda-runtime} from the module. */
    static Path defaultDir() {
        String configured = System.getProperty(DIR_PROPERTY);
        if (configured != null) {
            return Path.of(configured);
        }
        Path fromRoot = Path.of("twin", "target", "lambda-runtime");
        return Files.isDirectory(fromRoot) ? fromRoot : Path.of("target", "lambda-runtime");
    }

    /** The {@code -cp} value of a child JVM. */
    String classpath() {
        return classpathDir.resolve("*").toString();
    }

    /**
     * The child JVM's command line: heap as the managed runtime sizes it (about 85 % of MemorySize), serial GC
     * and C1 only as its launcher does for small functions, the runtime jars as the whole system classpath,
     * the client's main class and the Handler string.
     *
     * @param tmp  the environment's own {@code /tmp}
     * @param home an empty home: the host's {@code ~/.aws} must not reach the SDK's default chain before the
     *             container credentials (on Lambda there is no profile file either)
     */
    List<String> command(FunctionSpec function, Path tmp, Path home) {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        long heapMb = Math.max(64, function.memoryMb() * 85L / 100);
        return List.of(java.toString(),
                "-Xmx" + heapMb + "m",
                "-XX:+UseSerialGC",
                "-XX:TieredStopAtLevel=1",
                "-Xshare:auto",
                "-Djava.net.preferIPv4Stack=true",
                "-Dfile.encoding=UTF-8",
                "-Duser.home=" + home,
                "-Djava.io.tmpdir=" + tmp,
                "-D" + JNI_PROPERTY + "=" + jniLibrary,
                "-cp", classpath(),
                ExecutionEnvironment.RUNTIME_MAIN,
                function.handler());
    }

    private static Path unpackJni(Path clientJar, Path workDir) {
        String entry = "jni/libaws-lambda-jni." + platform() + ".so";
        try (ZipFile zip = new ZipFile(clientJar.toFile())) {
            var found = zip.getEntry(entry);
            if (found == null) {
                throw new IllegalStateException(clientJar + " has no " + entry);
            }
            Path target = Files.createDirectories(workDir).resolve("libaws-lambda-jni.so");
            try (InputStream in = zip.getInputStream(found)) {
                Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
            }
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot unpack the runtime client's native library from " + clientJar, e);
        }
    }

    /** The client ships linux x86_64 and aarch64, each for glibc and musl. */
    private static String platform() {
        String arch = System.getProperty("os.arch");
        String cpu = switch (arch) {
            case "amd64", "x86_64" -> "x86_64";
            case "aarch64", "arm64" -> "aarch_64";
            default -> throw new IllegalStateException("the runtime interface client has no native library for " + arch);
        };
        boolean musl = Files.exists(Path.of("/lib/ld-musl-" + (cpu.equals("x86_64") ? "x86_64" : "aarch64") + ".so.1"));
        return (musl ? "linux_musl-" : "linux-") + cpu;
    }
}
