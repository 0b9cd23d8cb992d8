package io.tdnet.twin.lambda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tdnet.twin.FunctionSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LambdaRuntimeTest {
    @TempDir
    Path work;

    @Test
    void theNativeLibraryIsUnpackedOnceAndEveryChildLoadsItFromThereNotFromTheSharedTmp() throws Exception {
        LambdaRuntime runtime = LambdaRuntime.prepare(LambdaRuntime.defaultDir(), work.resolve("runtime"));
        assertThat(runtime.jniLibrary()).isRegularFile();
        assertThat(Files.size(runtime.jniLibrary())).isPositive();

        FunctionSpec function = new FunctionSpec("PersisterFunction", "tdnet-persister", "io.tdnet.persister.PersisterHandler::handleRequest",
                Path.of("persister-lambda.jar"), 512, Duration.ofSeconds(30), Map.of(), true, "Role");
        assertThat(runtime.command(function, work.resolve("tmp"), work.resolve("home")))
                .contains("-D" + LambdaRuntime.JNI_PROPERTY + "=" + runtime.jniLibrary(),
                        "-Djava.io.tmpdir=" + work.resolve("tmp"),
                        "-Duser.home=" + work.resolve("home"),
                        "-Xmx435m",
                        "-cp", runtime.classpath())
                .endsWith(ExecutionEnvironment.RUNTIME_MAIN, "io.tdnet.persister.PersisterHandler::handleRequest");
    }

    @Test
    void aDirectoryWithoutTheRuntimeClientIsRefusedWithHowToBuildIt() {
        assertThatThrownBy(() -> LambdaRuntime.prepare(work, work.resolve("runtime")))
                .hasMessageContaining("runtime jars are missing")
                .hasMessageContaining("generate-resources");
    }
}
