package io.kmslab.server.endpoint;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kmslab.KmsLab;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.AwsResponse;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.KmsException;

/**
 * One request id per call, through the endpoint: eight threads of ONE caller make calls with different outcomes at the
 * same time, and explain by each call's x-amzn-RequestId gives that call's own decision (before, the endpoint took
 * the lab's last decision, which a concurrent call of the same caller could have replaced).
 */
class RequestIdTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static KmsEndpoint endpoint;
    private static KmsClient alice;
    private static String keyId;

    @BeforeAll
    static void start() {
        IdentitiesFile identities = IdentitiesFile.parse("""
                {"accessKeys": [
                  {"accessKeyId": "AKIAROOT", "secretAccessKey": "root-secret",
                   "principal": "arn:aws:iam::111122223333:root"},
                  {"accessKeyId": "AKIAALICE", "secretAccessKey": "alice-secret",
                   "principal": "arn:aws:iam::111122223333:user/alice",
                   "policies": {"some": {"Version": "2012-10-17", "Statement": [{"Effect": "Allow",
                     "Action": ["kms:Encrypt", "kms:DescribeKey", "kms:GenerateDataKey", "kms:ListResourceTags"],
                     "Resource": "*"}]}}}]}""");
        endpoint = KmsEndpoint.start(() -> {
            KmsLab lab = KmsLab.create();
            identities.provision(lab);
            return lab;
        }, identities.identities(), "127.0.0.1", 0, "eu-west-2");
        try (KmsClient root = client("AKIAROOT", "root-secret")) {
            keyId = root.createKey(r -> r.description("shared")).keyMetadata().keyId();
        }
        alice = client("AKIAALICE", "alice-secret");
    }

    @AfterAll
    static void stop() {
        alice.close();
        endpoint.close();
    }

    private static KmsClient client(String accessKey, String secret) {
        return KmsClient.builder().endpointOverride(URI.create("http://127.0.0.1:" + endpoint.port()))
                .region(Region.EU_WEST_2).httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(c -> c.retryStrategy(r -> r.maxAttempts(1)))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKey, secret)))
                .build();
    }

    /** One kind of call: its IAM action, whether alice may make it, and how to make it. */
    private record Kind(String action, boolean allowed, Function<KmsClient, AwsResponse> call) {
    }

    private static final List<Kind> KINDS = List.of(
            new Kind("kms:Encrypt", true, k -> k.encrypt(r -> r.keyId(keyId).plaintext(SdkBytes.fromUtf8String("x")))),
            new Kind("kms:DescribeKey", true, k -> k.describeKey(r -> r.keyId(keyId))),
            new Kind("kms:GenerateDataKey", true, k -> k.generateDataKey(r -> r.keyId(keyId).numberOfBytes(16))),
            new Kind("kms:ListResourceTags", true, k -> k.listResourceTags(r -> r.keyId(keyId))),
            new Kind("kms:DisableKey", false, k -> k.disableKey(r -> r.keyId(keyId))),
            new Kind("kms:GetKeyPolicy", false, k -> k.getKeyPolicy(r -> r.keyId(keyId))),
            new Kind("kms:TagResource", false, k -> k.tagResource(r -> r.keyId(keyId).tags(t -> t.tagKey("a")
                    .tagValue("b")))),
            new Kind("kms:CreateGrant", false, k -> k.createGrant(r -> r.keyId(keyId)
                    .granteePrincipal("arn:aws:iam::111122223333:root").operations(
                            software.amazon.awssdk.services.kms.model.GrantOperation.DECRYPT))));

    private record Made(Kind kind, String requestId) {
    }

    @Test
    void eightThreadsOfOneCaller_eachCallExplainedByItsOwnRequestId() throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(8);
        List<Future<List<Made>>> made = new ArrayList<>();
        try {
            for (int t = 0; t < 8; t++) {
                Kind kind = KINDS.get(t);
                made.add(threads.submit((Callable<List<Made>>) () -> {
                    List<Made> calls = new ArrayList<>();
                    for (int i = 0; i < 40; i++) {
                        try {
                            AwsResponse response = kind.call().apply(alice);
                            calls.add(new Made(kind, response.responseMetadata().requestId()));
                        } catch (KmsException denied) {
                            assertThat(denied.awsErrorDetails().errorCode()).isEqualTo("AccessDeniedException");
                            calls.add(new Made(kind, denied.requestId()));
                        }
                    }
                    return calls;
                }));
            }
            int explained = 0;
            for (Future<List<Made>> future : made) {
                for (Made call : future.get()) {
                    RawHttp.Response answer = RawHttp.exchange(endpoint.port(), "GET", "/_kmslab/explain/"
                            + call.requestId(), Map.of(ControlToken.HEADER, endpoint.controlToken()), null);
                    assertThat(answer.status()).as(answer.body()).isEqualTo(200);
                    JsonNode trace = JSON.readTree(answer.body());
                    assertThat(trace.get("requestId").asText()).isEqualTo(call.requestId());
                    assertThat(trace.get("action").asText()).as(call.requestId()).isEqualTo(call.kind().action());
                    assertThat(trace.get("allowed").asBoolean()).isEqualTo(call.kind().allowed());
                    assertThat(trace.get("caller").asText()).isEqualTo("arn:aws:iam::111122223333:user/alice");
                    explained++;
                }
            }
            assertThat(explained).isEqualTo(8 * 40);
        } finally {
            threads.shutdownNow();
        }
    }
}
