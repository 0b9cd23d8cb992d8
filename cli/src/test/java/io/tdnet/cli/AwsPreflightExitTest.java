package io.tdnet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;

/** {@code --aws} against a stack it cannot read exits 1 naming the stack, whatever the command. */
class AwsPreflightExitTest {

    @Test
    void anUnreachableStackExitsOneNamingIt() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = TdnetCli.run(new String[] {"status", "--aws", "--profile", "tdnet-no-such-profile", "--region", "ap-northeast-1",
                "--endpoint-url", "http://127.0.0.1:" + closedPort, "--stage", "nowhere"}, new PrintWriter(out, true), new PrintWriter(err, true));
        assertThat(code).as(err.toString()).isEqualTo(ExitCodes.FATAL).isEqualTo(1);
        assertThat(err.toString()).startsWith("tdnet: stack TdnetPipeline-nowhere: ").contains("tdnet-no-such-profile");
    }
}
