package io.kmslab.server.fidelity;

import io.kmslab.Caller;
import io.kmslab.Json;
import io.kmslab.KmsLab;
import io.kmslab.server.endpoint.Identities;
import io.kmslab.server.endpoint.KmsEndpoint;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;

/**
 * The endpoint over real HTTP: {@code POST /} with {@code X-Amz-Target: TrentService.<Operation>} and
 * {@code Content-Type: application/x-amz-json-1.1}, signed with SigV4 by the AWS SDK's own signer for the case's
 * Region, under an access key of each caller (the endpoint verifies the signatures).
 */
final class EndpointTarget implements FidelityTarget {
    private static final AwsV4HttpSigner SIGNER = AwsV4HttpSigner.create();

    private final KmsLab lab;
    private final KmsEndpoint endpoint;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();
    private final Map<Principal, String> accessKeys = new EnumMap<>(Principal.class);

    EndpointTarget(KmsLab lab, Map<Principal, Caller> callers) {
        this.lab = lab;
        Map<String, Identities.Identity> identities = new LinkedHashMap<>();
        callers.forEach((principal, caller) -> {
            String accessKey = "AKIAFIDELITY" + principal.name().toUpperCase(java.util.Locale.ROOT);
            accessKeys.put(principal, accessKey);
            identities.put(accessKey, new Identities.Identity(secret(principal), caller));
        });
        this.endpoint = KmsEndpoint.start(lab, Identities.declared(identities), "127.0.0.1", 0, "us-east-1");
    }

    private static String secret(Principal principal) {
        return "fidelity-secret-of-" + principal.name();
    }

    @Override
    public String name() {
        return "endpoint";
    }

    @Override
    public KmsLab lab() {
        return lab;
    }

    @Override
    public Answer call(Principal caller, String region, String operation, byte[] body) throws Exception {
        SdkHttpRequest unsigned = SdkHttpRequest.builder().method(SdkHttpMethod.POST).protocol("http")
                .host("127.0.0.1").port(endpoint.port()).encodedPath("/")
                .putHeader("Content-Type", "application/x-amz-json-1.1")
                .putHeader("X-Amz-Target", "TrentService." + operation).build();
        SdkHttpRequest signed = SIGNER.sign(r -> r
                .identity(AwsCredentialsIdentity.create(accessKeys.get(caller), secret(caller)))
                .request(unsigned)
                .payload(ContentStreamProvider.fromByteArray(body))
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "kms")
                .putProperty(AwsV4HttpSigner.REGION_NAME, region)).request();
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + endpoint.port() + "/"))
                .timeout(Duration.ofSeconds(60)).POST(HttpRequest.BodyPublishers.ofByteArray(body));
        signed.forEachHeader((name, values) -> {
            if (!name.equalsIgnoreCase("Host")) {
                values.forEach(value -> request.header(name, value));
            }
        });
        HttpResponse<byte[]> response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        byte[] answer = response.body();
        return new Answer(response.statusCode(), Json.TREES.readTree(answer.length == 0 ? "{}".getBytes() : answer));
    }

    @Override
    public void close() {
        endpoint.close();
    }
}
