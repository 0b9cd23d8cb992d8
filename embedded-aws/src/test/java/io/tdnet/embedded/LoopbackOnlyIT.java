package io.tdnet.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every socket this JVM listens on while the stack runs is bound to a loopback address. */
class LoopbackOnlyIT {
    @TempDir Path dir;

    @Test
    void everyListeningSocketIsOnLoopback() throws IOException {
        try (EmbeddedAwsStack stack = EmbeddedAwsStack.start(dir)) {
            stack.sqs().listQueues();
            stack.s3().listBuckets();
            List<String> listening = listeningSocketsOfThisProcess();
            System.out.println("listening sockets of this JVM: " + listening);
            assertThat(listening).hasSizeGreaterThanOrEqualTo(2); // ElasticMQ and S3Proxy
            assertThat(listening).allSatisfy(local -> assertThat(local).isIn(
                    // /proc/net/tcp hex: 127.0.0.1 is 0100007F; tcp6 ::1 and ::ffff:127.0.0.1
                    "0100007F", "00000000000000000000000001000000", "0000000000000000FFFF00000100007F"));
        }
    }

    /** Local addresses (hex, as in /proc/net/tcp*) of LISTEN sockets whose inode is one of this process's fds. */
    private static List<String> listeningSocketsOfThisProcess() throws IOException {
        Set<String> inodes = new HashSet<>();
        try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
            fds.forEach(fd -> {
                try {
                    String target = Files.readSymbolicLink(fd).toString();
                    if (target.startsWith("socket:[")) {
                        inodes.add(target.substring(8, target.length() - 1));
                    }
                } catch (IOException closedMeanwhile) {
                    // the fd went away while listing
                }
            });
        }
        List<String> result = new java.util.ArrayList<>();
        for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
            for (String line : Files.readAllLines(Path.of(table)).subList(1, Files.readAllLines(Path.of(table)).size())) {
                String[] f = line.trim().split("\\s+");
                boolean listen = "0A".equals(f[3]);
                if (listen && inodes.contains(f[9])) {
                    result.add(f[1].substring(0, f[1].indexOf(':')));
                }
            }
        }
        return result;
    }
}
