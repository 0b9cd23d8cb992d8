package io.tdnet.testkit.aws;

import io.tdnet.embedded.EmbeddedAwsStack;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Injects the one {@link EmbeddedAwsStack} of this test JVM into test constructors, lifecycle and
 * test methods. The stack starts lazily on first use, in a temporary directory, and is kept in the
 * root store so every test class of the JVM shares it; JUnit closes it (and deletes the directory)
 * when the test run ends. Tests call {@code stack.reset()} in {@code @BeforeEach} for isolation.
 *
 * <pre>{@code
 * @ExtendWith(EmbeddedAwsExtension.class)
 * class PersisterIT {
 *     @BeforeEach void clean(EmbeddedAwsStack stack) { stack.reset(); }
 * }
 * }</pre>
 */
public final class EmbeddedAwsExtension implements ParameterResolver {
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(EmbeddedAwsExtension.class);

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == EmbeddedAwsStack.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        try {
            return context.getRoot().getStore(NAMESPACE)
                    .getOrComputeIfAbsent(SharedStack.class, key -> SharedStack.start(), SharedStack.class)
                    .stack();
        } catch (RuntimeException e) {
            throw new ParameterResolutionException("the embedded AWS stack did not start", e);
        }
    }

    /** The stack and its temporary directory, closed by JUnit at the end of the run. */
    private record SharedStack(EmbeddedAwsStack stack, Path directory)
            implements ExtensionContext.Store.CloseableResource {

        static SharedStack start() {
            try {
                Path directory = Files.createTempDirectory("tdnet-embedded-aws-");
                return new SharedStack(EmbeddedAwsStack.start(directory), directory);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public void close() throws IOException {
            try {
                stack.close();
            } finally {
                deleteRecursively(directory);
            }
        }

        private static void deleteRecursively(Path root) throws IOException {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Files.delete(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
                    Files.delete(dir);
                    return FileVisitResult.CONTINUE;
                }
            });
        }
    }
}
