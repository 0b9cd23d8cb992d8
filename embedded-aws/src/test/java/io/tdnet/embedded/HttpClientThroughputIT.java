package io.tdnet.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;

/** Prints SQS send-receive-delete throughput from 4 threads: the stack's Apache 5 pool vs url-connection. */
class HttpClientThroughputIT extends StackFixture {

    @Test
    void measuresBothClients() throws Exception {
        URI endpoint = URI.create(stack.resources().downloadQueueUrl()).resolve("/");
        try (SqsClient urlConnection = SqsClient.builder().region(EmbeddedAwsStack.REGION)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("a", "b")))
                .endpointOverride(endpoint).httpClient(UrlConnectionHttpClient.create()).build()) {
            loop(stack.sqs()); // warm-up
            double apache = loop(stack.sqs());
            double url = loop(urlConnection);
            System.out.printf("SQS messages/s (4 threads, batches of 10): apache5 %.0f, url-connection %.0f%n", apache, url);
            assertThat(apache).isPositive();
            assertThat(url).isPositive();
        }
    }

    private double loop(SqsClient sqs) throws Exception {
        String url = stack.resources().downloadQueueUrl();
        AtomicLong messages = new AtomicLong();
        long end = System.nanoTime() + 3_000_000_000L;
        long start = System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            var futures = IntStream.range(0, 4).mapToObj(t -> pool.submit(() -> {
                while (System.nanoTime() < end) {
                    sqs.sendMessageBatch(b -> b.queueUrl(url).entries(IntStream.range(0, 10).mapToObj(i ->
                            SendMessageBatchRequestEntry.builder().id("m" + i).messageBody("x").build()).toList()));
                    var received = sqs.receiveMessage(b -> b.queueUrl(url).maxNumberOfMessages(10)).messages();
                    if (!received.isEmpty()) {
                        sqs.deleteMessageBatch(b -> b.queueUrl(url).entries(received.stream().map(m ->
                                DeleteMessageBatchRequestEntry.builder().id(m.messageId()).receiptHandle(m.receiptHandle())
                                        .build()).toList()));
                    }
                    messages.addAndGet(received.size());
                }
                return null;
            })).toList();
            for (Future<?> f : futures) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
        return messages.get() / ((System.nanoTime() - start) / 1e9);
    }
}
