package io.tdnet.embedded;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/** One stack per IT class (testkit's shared extension cannot be used here: testkit depends on this module). */
abstract class StackFixture {
    @TempDir static Path dir;
    static EmbeddedAwsStack stack;

    @BeforeAll
    static void startStack() {
        stack = EmbeddedAwsStack.start(dir);
    }

    @AfterAll
    static void stopStack() {
        stack.close();
    }

    @BeforeEach
    void resetStack() {
        stack.reset();
    }
}
