package io.tdnet.model.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

class NoDelayHttpServerTest {
    @Test
    void theFirstServerIsCreatedWithNagleOffAndServes() throws Exception {
        String before = System.getProperty(NoDelayHttpServer.PROPERTY);
        HttpServer server = NoDelayHttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        try {
            assertThat(System.getProperty(NoDelayHttpServer.PROPERTY)).isEqualTo(before == null ? "true" : before);
            server.createContext("/", exchange -> {
                byte[] body = "ok".getBytes();
                exchange.sendResponseHeaders(200, body.length);
                exchange.getResponseBody().write(body);
                exchange.close();
            });
            server.start();
            HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(answer.body()).isEqualTo("ok");
        } finally {
            server.stop(0);
        }
    }

    @Test
    void aValueGivenOnTheCommandLineIsKept() throws Exception {
        String before = System.getProperty(NoDelayHttpServer.PROPERTY);
        System.setProperty(NoDelayHttpServer.PROPERTY, "false");
        try {
            NoDelayHttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0).stop(0);
            assertThat(System.getProperty(NoDelayHttpServer.PROPERTY)).isEqualTo("false");
        } finally {
            if (before == null) System.clearProperty(NoDelayHttpServer.PROPERTY);
            else System.setProperty(NoDelayHttpServer.PROPERTY, before);
        }
    }
}
