package io.tdnet.local;

import io.tdnet.wiring.AwsFailure;
import io.tdnet.wiring.AwsClients;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;

/**
 * {@code DescribeStacks} of one stack, signed with the CLI's credentials and sent to the same endpoint
 * as every other client ({@code --endpoint-url} included): the stack's outputs by key.
 *
 * <p>Not the SDK's {@code cloudformation} module: Maven Central as reachable from this build has no
 * release of it between 2.43 and 2.56, and 2.57.8 fails against this project's 2.54 SDK core
 * ({@code NoSuchFieldError: SDK_INTERNAL_FALLBACK_READ_WRITE_TIMEOUT}). One Query-protocol call with
 * the SDK's own SigV4 signer and HTTP client is the smaller dependency; replace it with
 * {@code CloudFormationClient} when the SDK is upgraded to a version that has the module.
 */
final class CloudFormationOutputs {
    private static final String VERSION = "2010-05-15";
    private final AwsClients clients;

    CloudFormationOutputs(AwsClients clients) {
        this.clients = clients;
    }

    /** The outputs of {@code stackName}; fails naming the stack (missing, refused, no credentials). */
    Map<String, String> of(String stackName) {
        try (SdkHttpClient http = UrlConnectionHttpClient.create()) {
            Region region = clients.region();
            URI endpoint = clients.endpoint().orElse(URI.create("https://cloudformation." + region.id() + ".amazonaws.com/"));
            String body = "Action=DescribeStacks&Version=" + VERSION + "&StackName=" + URLEncoder.encode(stackName, StandardCharsets.UTF_8);
            SdkHttpRequest request = SdkHttpRequest.builder().method(SdkHttpMethod.POST).uri(endpoint)
                    .putHeader("Content-Type", "application/x-www-form-urlencoded; charset=utf-8").build();
            SignedRequest signed = AwsV4HttpSigner.create().sign(r -> r
                    .identity(clients.credentials().resolveCredentials())
                    .request(request)
                    .payload(ContentStreamProvider.fromUtf8String(body))
                    .putProperty(AwsV4HttpSigner.REGION_NAME, region.id())
                    .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "cloudformation"));
            HttpExecuteResponse response = http.prepareRequest(HttpExecuteRequest.builder().request(signed.request())
                    .contentStreamProvider(signed.payload().orElse(null)).build()).call();
            Document xml = parse(response.responseBody().orElse(null));
            if (!response.httpResponse().isSuccessful()) {
                throw new StackUnusableException("stack " + stackName + ": " + text(xml, "Code", "HTTP " + response.httpResponse().statusCode())
                        + " — " + text(xml, "Message", "") + " (deploy it, or choose it with --stage/--stack, --region and --profile)", null);
            }
            Map<String, String> outputs = new LinkedHashMap<>();
            NodeList members = xml.getElementsByTagName("Outputs");
            if (members.getLength() > 0) {
                NodeList outputsOf = ((Element) members.item(0)).getElementsByTagName("member");
                for (int i = 0; i < outputsOf.getLength(); i++) {
                    Element output = (Element) outputsOf.item(i);
                    outputs.put(text(output, "OutputKey", ""), text(output, "OutputValue", ""));
                }
            }
            return outputs;
        } catch (SdkException e) {
            throw new StackUnusableException("stack " + stackName + ": " + AwsFailure.describe(e)
                    + " (deploy it, or choose it with --stage/--stack, --region and --profile)", e);
        } catch (IOException e) {
            throw new StackUnusableException("stack " + stackName + ": DescribeStacks failed: " + e.getMessage(), e);
        }
    }

    private static Document parse(InputStream in) throws IOException {
        if (in == null) throw new IOException("no response body");
        try (in) {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            return factory.newDocumentBuilder().parse(in);
        } catch (javax.xml.parsers.ParserConfigurationException | org.xml.sax.SAXException e) {
            throw new IOException("unreadable DescribeStacks response: " + e.getMessage(), e);
        }
    }

    private static String text(Document xml, String tag, String fallback) {
        NodeList nodes = xml.getElementsByTagName(tag);
        return nodes.getLength() == 0 ? fallback : nodes.item(0).getTextContent().strip();
    }

    private static String text(Element element, String tag, String fallback) {
        NodeList nodes = element.getElementsByTagName(tag);
        return nodes.getLength() == 0 ? fallback : nodes.item(0).getTextContent().strip();
    }
}
