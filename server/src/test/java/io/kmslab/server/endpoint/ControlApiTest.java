package io.kmslab.server.endpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kmslab.KmsLab;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.KeyState;
import software.amazon.awssdk.services.kms.model.KmsException;
import software.amazon.awssdk.services.kms.model.NotFoundException;

/** The simulator's control API under /_kmslab/, beside the KMS API on the same endpoint. */
class ControlApiTest {
    static final Instant START = Instant.parse("2026-01-20T09:00:00Z");
    static final String IDENTITIES = """
            {"accessKeys": [
              {"accessKeyId": "AKIAROOT", "secretAccessKey": "root-secret",
               "principal": "arn:aws:iam::111122223333:root"},
              {"accessKeyId": "AKIAALICE", "secretAccessKey": "alice-secret",
               "principal": "arn:aws:iam::111122223333:user/alice"}]}""";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private KmsEndpoint endpoint;
    private KmsClient root;
    private KmsClient alice;

    @BeforeEach
    void start() {
        IdentitiesFile identities = IdentitiesFile.parse(IDENTITIES);
        endpoint = KmsEndpoint.start(() -> {
            KmsLab lab = KmsLab.builder().startingAt(START).build();
            identities.provision(lab);
            return lab;
        }, identities.identities(), "127.0.0.1", 0, "us-east-1");
        root = client("AKIAROOT", "root-secret");
        alice = client("AKIAALICE", "alice-secret");
    }

    @AfterEach
    void stop() {
        root.close();
        alice.close();
        endpoint.close();
    }

    private KmsClient client(String accessKey, String secret) {
        return SdkClientTest.clientOf(endpoint, Region.EU_WEST_2, accessKey, secret);
    }

    record Answer(int status, String body, String contentType) {
        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("not JSON: " + body, e);
            }
        }
    }

    private Answer get(String pathAndQuery) throws Exception {
        return answer(HttpRequest.newBuilder(uri(pathAndQuery)).header(ControlToken.HEADER, endpoint.controlToken())
                .GET().build());
    }

    private Answer post(String path, String body) throws Exception {
        return answer(HttpRequest.newBuilder(uri(path)).header(ControlToken.HEADER, endpoint.controlToken())
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    private URI uri(String pathAndQuery) {
        return URI.create("http://127.0.0.1:" + endpoint.port() + pathAndQuery);
    }

    private static Answer answer(HttpRequest request) throws Exception {
        HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        return new Answer(response.statusCode(), response.body(),
                response.headers().firstValue("Content-Type").orElse(""));
    }

    @Test
    void advancingTheClockPastADeletionWindow_deletesTheKey() throws Exception {
        String keyId = root.createKey(r -> r.description("short-lived")).keyMetadata().keyId();
        Instant deletionDate = root.scheduleKeyDeletion(r -> r.keyId(keyId).pendingWindowInDays(7)).deletionDate();
        assertThat(deletionDate).isEqualTo(START.plus(java.time.Duration.ofDays(7)));
        assertThat(root.describeKey(r -> r.keyId(keyId)).keyMetadata().keyState())
                .isEqualTo(KeyState.PENDING_DELETION);

        Answer advanced = post("/_kmslab/clock/advance", "{\"duration\":\"8d\"}");

        assertThat(advanced.status()).isEqualTo(200);
        assertThat(advanced.json().get("clock").asText()).isEqualTo("2026-01-28T09:00:00Z");
        assertThat(get("/_kmslab/clock").json().get("clock").asText()).isEqualTo("2026-01-28T09:00:00Z");
        assertThat(catchThrowableOfType(NotFoundException.class, () -> root.describeKey(r -> r.keyId(keyId))))
                .isNotNull();
    }

    @Test
    void advance_acceptsShortAndIsoDurations() throws Exception {
        assertThat(post("/_kmslab/clock/advance", "{\"duration\":\"1d12h\"}").json().get("clock").asText())
                .isEqualTo("2026-01-21T21:00:00Z");
        assertThat(post("/_kmslab/clock/advance", "{\"duration\":\"P400D\"}").json().get("clock").asText())
                .isEqualTo("2027-02-25T21:00:00Z");
        assertThat(post("/_kmslab/clock/advance", "{\"duration\":\"PT3H30M\"}").json().get("clock").asText())
                .isEqualTo("2027-02-26T00:30:00Z");
    }

    @Test
    void advance_refusesNegativeAndMalformedDurations_withAClearJsonError() throws Exception {
        for (String body : List.of("{\"duration\":\"-1d\"}", "{\"duration\":\"P-1D\"}", "{\"duration\":\"soon\"}",
                "{\"duration\":\"\"}", "{\"duration\":5}", "{}", "not json", "{\"duration\":\"36526d\"}",
                "{\"duration\":\"P1M\"}")) {
            Answer refused = post("/_kmslab/clock/advance", body);
            assertThat(refused.status()).as(body).isEqualTo(400);
            assertThat(refused.contentType()).isEqualTo("application/json");
            assertThat(refused.json().get("message").asText()).as(body).isNotBlank();
        }
        assertThat(post("/_kmslab/clock/advance", "{\"duration\":\"-1d\"}").json().get("message").asText())
                .isEqualTo("Time only moves forward: cannot advance by '-1d'.");
        assertThat(post("/_kmslab/clock/advance", "{\"duration\":\"soon\"}").json().get("error").asText())
                .isEqualTo("InvalidDuration");
        assertThat(get("/_kmslab/clock").json().get("clock").asText()).isEqualTo(START.toString());
    }

    @Test
    void reset_emptiesTheLab_restoresTheClock_andKeepsTheDeclaredIdentities() throws Exception {
        String keyId = root.createKey(r -> r.description("before reset")).keyMetadata().keyId();
        root.createAlias(r -> r.aliasName("alias/gone").targetKeyId(keyId));
        root.encrypt(r -> r.keyId(keyId).plaintext(SdkBytes.fromUtf8String("x")));
        post("/_kmslab/clock/advance", "{\"duration\":\"30d\"}");

        Answer reset = post("/_kmslab/reset", "");

        assertThat(reset.status()).isEqualTo(200);
        assertThat(reset.json().get("clock").asText()).isEqualTo(START.toString());
        assertThat(get("/_kmslab/clock").json().get("clock").asText()).isEqualTo(START.toString());
        assertThat(get("/_kmslab/audit").body()).isEmpty();
        assertThat(get("/_kmslab/bill?month=2026-01").json().get("total").decimalValue()).isZero();
        assertThat(root.listKeys().keys()).isEmpty();
        assertThat(root.listAliases().aliases()).noneMatch(a -> a.aliasName().equals("alias/gone"));
        KmsException denied = catchThrowableOfType(KmsException.class,
                () -> alice.describeKey(r -> r.keyId(keyId)));
        assertThat(denied.awsErrorDetails().errorCode()).isEqualTo("NotFoundException");
        assertThat(endpoint.lab().iam().exists("arn:aws:iam::111122223333:user/alice")).isTrue();
        KmsException stillKnown = catchThrowableOfType(KmsException.class, () -> alice.listKeys());
        assertThat(stillKnown.awsErrorDetails().errorCode()).as("alice is known, without permissions")
                .isEqualTo("AccessDeniedException");
    }

    @Test
    void reset_ofALabGivenToTheEndpoint_isRefused() throws Exception {
        try (KmsEndpoint fixed = KmsEndpoint.start(KmsLab.create(), Identities.anyKeyIsRootOf("111122223333"),
                "127.0.0.1", 0, "us-east-1")) {
            Answer refused = answer(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + fixed.port()
                    + "/_kmslab/reset")).header(ControlToken.HEADER, fixed.controlToken())
                    .POST(HttpRequest.BodyPublishers.noBody()).build());
            assertThat(refused.status()).isEqualTo(409);
            assertThat(refused.json().get("error").asText()).isEqualTo("ResetUnavailable");
        }
    }

    @Test
    void bill_showsTheKeyAndTheRequestsMade() throws Exception {
        String keyArn = root.createKey(r -> r.description("billed")).keyMetadata().arn();
        for (int i = 0; i < 3; i++) {
            root.encrypt(r -> r.keyId(keyArn).plaintext(SdkBytes.fromUtf8String("x")));
        }
        post("/_kmslab/clock/advance", "{\"duration\":\"5d\"}");

        JsonNode bill = get("/_kmslab/bill?account=111122223333&month=2026-01").json();

        assertThat(bill.get("accountId").asText()).isEqualTo("111122223333");
        assertThat(bill.get("month").asText()).isEqualTo("2026-01");
        assertThat(bill.get("keyFees")).hasSize(1);
        assertThat(bill.get("keyFees").get(0).get("resource").asText()).isEqualTo(keyArn);
        assertThat(bill.get("keyFees").get(0).get("quantity").decimalValue()).isEqualByComparingTo("120");
        assertThat(bill.get("requests").findValuesAsText("quantity").stream().mapToInt(Integer::parseInt).sum())
                .as("CreateKey and three Encrypts").isEqualTo(4);
        assertThat(bill.get("total").decimalValue()).isPositive();
        assertThat(bill.get("text").asText()).startsWith("AWS KMS bill of account 111122223333 for 2026-01")
                .contains(keyArn);
        assertThat(get("/_kmslab/bill?month=January").status()).isEqualTo(400);
        assertThat(get("/_kmslab/bill?account=42").status()).isEqualTo(400);
    }

    @Test
    void audit_givesTheCallsAsCloudTrailJsonLines_filtered() throws Exception {
        String keyArn = root.createKey(r -> r.description("audited")).keyMetadata().arn();
        root.encrypt(r -> r.keyId(keyArn).plaintext(SdkBytes.fromUtf8String("x")));
        root.encrypt(r -> r.keyId(keyArn).plaintext(SdkBytes.fromUtf8String("y")));
        catchThrowableOfType(KmsException.class, () -> alice.describeKey(r -> r.keyId(keyArn)));

        Answer all = get("/_kmslab/audit");
        Answer encrypts = get("/_kmslab/audit?eventName=Encrypt&keyArn=" + keyArn);
        Answer byAlice = get("/_kmslab/audit?principal=arn:aws:iam::111122223333:user/alice&account=111122223333");

        assertThat(all.contentType()).isEqualTo("application/x-ndjson");
        assertThat(all.body().lines()).hasSize(4);
        List<JsonNode> encryptRecords = encrypts.body().lines().map(line -> new Answer(200, line, "").json()).toList();
        assertThat(encryptRecords).hasSize(2).allSatisfy(record -> {
            assertThat(record.get("eventName").asText()).isEqualTo("Encrypt");
            assertThat(record.get("eventSource").asText()).isEqualTo("kms.amazonaws.com");
            assertThat(record.get("awsRegion").asText()).isEqualTo("eu-west-2");
            assertThat(record.get("userIdentity").get("arn").asText()).isEqualTo("arn:aws:iam::111122223333:root");
        });
        assertThat(byAlice.body().lines()).singleElement().satisfies(line -> {
            JsonNode record = new Answer(200, line, "").json();
            assertThat(record.get("eventName").asText()).isEqualTo("DescribeKey");
            assertThat(record.get("errorCode").asText()).isEqualTo("AccessDeniedException");
        });
        assertThat(get("/_kmslab/audit?from=2026-01-21").body()).isEmpty();
        assertThat(get("/_kmslab/audit?from=2026-01-20&to=2026-01-20T09:00:01Z").body().lines()).hasSize(4);
        assertThat(get("/_kmslab/audit?from=yesterday").status()).isEqualTo(400);
    }

    @Test
    void audit_namesTheKeyMaterialOfACryptographicCall_inAdditionalEventData() throws Exception {
        String keyArn = root.createKey(r -> r.description("material")).keyMetadata().arn();
        SdkBytes blob = root.encrypt(r -> r.keyId(keyArn).plaintext(SdkBytes.fromUtf8String("x"))).ciphertextBlob();
        String material = root.decrypt(r -> r.ciphertextBlob(blob)).keyMaterialId();

        // ct-decrypt.html (2025 example): "additionalEventData": {"keyMaterialId": "<64 hex>"}
        assertThat(material).matches("[0-9a-f]{64}");
        JsonNode decrypt = get("/_kmslab/audit?eventName=Decrypt").json();
        assertThat(decrypt.get("additionalEventData").get("keyMaterialId").asText()).isEqualTo(material);
        JsonNode encrypt = get("/_kmslab/audit?eventName=Encrypt").json();
        assertThat(encrypt.get("additionalEventData").get("keyMaterialId").asText()).isEqualTo(material);
        assertThat(get("/_kmslab/audit?eventName=CreateKey").json().has("additionalEventData")).isFalse();
    }

    @Test
    void explain_givesTheTraceOfADeniedCall_byItsRequestId() throws Exception {
        String keyId = root.createKey(r -> r.description("not for alice")).keyMetadata().keyId();
        KmsException denied = catchThrowableOfType(KmsException.class, () -> alice.describeKey(r -> r.keyId(keyId)));
        assertThat(denied.awsErrorDetails().errorCode()).isEqualTo("AccessDeniedException");

        Answer explained = get("/_kmslab/explain/" + denied.requestId());

        assertThat(explained.status()).isEqualTo(200);
        JsonNode trace = explained.json();
        assertThat(trace.get("requestId").asText()).isEqualTo(denied.requestId());
        assertThat(trace.get("allowed").asBoolean()).isFalse();
        assertThat(trace.get("rule").asText()).isEqualTo("NO_IAM_POLICY_ALLOWS");
        assertThat(trace.get("caller").asText()).isEqualTo("arn:aws:iam::111122223333:user/alice");
        assertThat(trace.get("action").asText()).isEqualTo("kms:DescribeKey");
        assertThat(trace.get("accessDeniedMessage").asText()).isEqualTo(denied.awsErrorDetails().errorMessage());
        assertThat(trace.get("explanation").asText()).contains("DENIED: the key policy delegates to IAM",
                "statements considered:");
    }

    @Test
    void explain_ofAnAllowedCall_andOfAnUnknownRequestId() throws Exception {
        var response = root.createKey(r -> r.description("allowed"));
        JsonNode trace = get("/_kmslab/explain/" + response.responseMetadata().requestId()).json();
        assertThat(trace.get("allowed").asBoolean()).isTrue();
        assertThat(trace.get("rule").asText()).isEqualTo("ROOT_USER");

        Answer unknown = get("/_kmslab/explain/no-such-request");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.json().get("message").asText()).startsWith("No decision is known for request id "
                + "no-such-request");
    }

    @Test
    void health_andUnknownResourcesAndMethods() throws Exception {
        JsonNode health = get("/_kmslab/health").json();
        assertThat(health.get("status").asText()).isEqualTo("ok");
        assertThat(health.get("version").asText()).startsWith("0.");
        assertThat(health.get("clock").asText()).isEqualTo(START.toString());
        assertThat(health.get("signaturesVerified").asBoolean()).isTrue();

        assertThat(get("/_kmslab/nothing").status()).isEqualTo(404);
        assertThat(post("/_kmslab/health", "").status()).isEqualTo(405);
        assertThat(get("/_kmslab/clock/advance").status()).isEqualTo(405);
        Answer kmsApi = get("/");
        assertThat(kmsApi.status()).as("the KMS API stays POST / only").isEqualTo(400);
        assertThat(kmsApi.body()).contains("UnknownOperationException");
    }

    @Test
    void parseDuration_readsDaysHoursMinutesSeconds_andIso() {
        assertThat(ControlApi.parseDuration("400d")).isEqualTo(java.time.Duration.ofDays(400));
        assertThat(ControlApi.parseDuration("12h")).isEqualTo(java.time.Duration.ofHours(12));
        assertThat(ControlApi.parseDuration("1d12h30m15s")).isEqualTo(java.time.Duration.parse("P1DT12H30M15S"));
        assertThat(ControlApi.parseDuration("90S")).isEqualTo(java.time.Duration.ofSeconds(90));
        assertThat(ControlApi.parseDuration("p400d")).isEqualTo(java.time.Duration.ofDays(400));
        assertThat(ControlApi.parseDuration("0s")).isZero();
    }
}
