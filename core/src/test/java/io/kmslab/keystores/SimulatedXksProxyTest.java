package io.kmslab.keystores;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kmslab.Json;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The lab's XKS proxy answers the XKS Proxy API v1 as the specification describes (aws-kms-xksproxy-api-spec). */
class SimulatedXksProxyTest {
    private static final XksProxyCredential CREDENTIAL = new XksProxyCredential("ABCDEFGHIJKLMNOPQRST",
            "K3mNn7QpRs4TuVw9XyZa2Bc5De8Fg1Hi6Jk0Lm3No7P");
    private static final String BASE = "/example-prefix/kms/xks/v1";

    private final SimulatedXksProxy proxy = new SimulatedXksProxy(BASE, CREDENTIAL, new SecureRandom());

    private static ObjectNode request(String kmsOperation) {
        ObjectNode body = Json.TREES.createObjectNode();
        body.putObject("requestMetadata").put("awsPrincipalArn", "arn:aws:iam::111122223333:user/Alice")
                .put("kmsKeyArn", "arn:aws:kms:eu-west-2:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab")
                .put("kmsOperation", kmsOperation).put("kmsRequestId", "4112f4d6-db54-4af4-ae30-c55a22a8dfae");
        return body;
    }

    private XksProxyResponse post(String path, JsonNode body) {
        return proxy.handle("POST", BASE + path, CREDENTIAL, body.toString());
    }

    private static JsonNode json(XksProxyResponse response) throws Exception {
        return Json.TREES.readTree(response.body());
    }

    private static String b64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    private JsonNode encrypt(String keyId, String plaintext, String aad) throws Exception {
        ObjectNode body = request("Encrypt").put("plaintext", b64(plaintext)).put("encryptionAlgorithm", "AES_GCM");
        if (aad != null) {
            body.put("additionalAuthenticatedData", b64(aad));
        }
        XksProxyResponse response = post("/keys/" + keyId + "/encrypt", body);
        assertThat(response.httpStatus()).as(response.body()).isEqualTo(200);
        return json(response);
    }

    private XksProxyResponse decrypt(String keyId, JsonNode sealed, String aad) {
        ObjectNode body = request("Decrypt").put("encryptionAlgorithm", "AES_GCM");
        for (String field : List.of("ciphertext", "ciphertextMetadata", "initializationVector", "authenticationTag")) {
            if (sealed.has(field)) {
                body.set(field, sealed.get(field));
            }
        }
        if (aad != null) {
            body.put("additionalAuthenticatedData", b64(aad));
        }
        return post("/keys/" + keyId + "/decrypt", body);
    }

    @Test
    void healthStatusListsTheProxyAndItsKeyManager() throws Exception {
        XksProxyResponse response = post("/health", Json.TREES.createObjectNode().set("requestMetadata",
                Json.TREES.createObjectNode().put("kmsRequestId", "r-1").put("kmsOperation", "ConnectCustomKeyStore")));

        assertThat(response.httpStatus()).isEqualTo(200);
        JsonNode health = json(response);
        assertThat(health.get("xksProxyFleetSize").asInt()).isPositive();
        assertThat(health.get("ekmFleetDetails")).hasSize(1);
        assertThat(health.get("ekmFleetDetails").get(0).get("healthStatus").asText()).isEqualTo("ACTIVE");

        proxy.ekmHealth("UNAVAILABLE");
        assertThat(json(post("/health", request("KmsHealthCheck"))).get("ekmFleetDetails").get(0)
                .get("healthStatus").asText()).isEqualTo("UNAVAILABLE");
    }

    @Test
    void keyMetadataGivesSpecUsageAndStatus() throws Exception {
        proxy.addKey("key-1");
        JsonNode metadata = json(post("/keys/key-1/metadata", request("CreateKey")));
        assertThat(metadata.get("keySpec").asText()).isEqualTo("AES_256");
        assertThat(metadata.get("keyUsage")).extracting(JsonNode::asText).containsExactly("ENCRYPT", "DECRYPT");
        assertThat(metadata.get("keyStatus").asText()).isEqualTo("ENABLED");

        proxy.keyEnabled("key-1", false);
        assertThat(json(post("/keys/key-1/metadata", request("DescribeKey"))).get("keyStatus").asText())
                .isEqualTo("DISABLED");
    }

    @Test
    void encryptThenDecryptGivesThePlaintextBackWithTheSameAad() throws Exception {
        proxy.addKey("key-1");
        JsonNode sealed = encrypt("key-1", "Hello World!", "project=nile,department=marketing");

        // AES-GCM is a stream cipher: "the length of the ciphertext MUST be the same as the length of the plaintext"
        assertThat(Base64.getDecoder().decode(sealed.get("ciphertext").asText())).hasSize(12);
        assertThat(Base64.getDecoder().decode(sealed.get("initializationVector").asText())).hasSize(12);
        assertThat(Base64.getDecoder().decode(sealed.get("authenticationTag").asText())).hasSize(16);
        assertThat(Base64.getDecoder().decode(sealed.get("ciphertextMetadata").asText()).length).isLessThanOrEqualTo(20);

        XksProxyResponse opened = decrypt("key-1", sealed, "project=nile,department=marketing");
        assertThat(opened.httpStatus()).isEqualTo(200);
        assertThat(Base64.getDecoder().decode(json(opened).get("plaintext").asText()))
                .isEqualTo("Hello World!".getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void anotherAadAnotherKeyOrATamperedFieldIsInvalidCiphertext() throws Exception {
        proxy.addKey("key-1");
        proxy.addKey("key-2");
        JsonNode sealed = encrypt("key-1", "Hello World!", "a=1");

        assertError(decrypt("key-1", sealed, "a=2"), 400, "InvalidCiphertextException");
        assertError(decrypt("key-1", sealed, null), 400, "InvalidCiphertextException");
        assertError(decrypt("key-2", sealed, "a=1"), 400, "InvalidCiphertextException");
        ObjectNode otherMetadata = sealed.deepCopy();
        otherMetadata.put("ciphertextMetadata", b64("v2"));
        assertError(decrypt("key-1", otherMetadata, "a=1"), 400, "InvalidCiphertextException");
        ObjectNode noTag = sealed.deepCopy();
        noTag.remove("authenticationTag");
        assertError(decrypt("key-1", noTag, "a=1"), 400, "InvalidCiphertextException");
        // the untouched ciphertext still opens
        assertThat(decrypt("key-1", sealed, "a=1").httpStatus()).isEqualTo(200);
    }

    @Test
    void theAadTheKeyManagerSeesCarriesBothLengths() {
        // (2-byte big-endian length of AAD || AAD || 1-byte length of ciphertextMetadata || ciphertextMetadata)
        assertThat(HexFormat.of().formatHex(SimulatedXksProxy.gcmAad(new byte[] {7, 8}, new byte[] {9})))
                .isEqualTo("0002070801" + "09");
        assertThat(HexFormat.of().formatHex(SimulatedXksProxy.gcmAad(null, null))).isEqualTo("000000");
        // moving the metadata into the AAD gives another input: the spec's reason for the lengths
        assertThat(SimulatedXksProxy.gcmAad(new byte[] {9}, null))
                .isNotEqualTo(SimulatedXksProxy.gcmAad(null, new byte[] {9}));
    }

    @Test
    void errorsFollowTheSpecsTable() throws Exception {
        proxy.addKey("key-1");
        proxy.addKey("hmac-1", "AES_256", List.of("SIGN", "VERIFY"), new byte[32]);

        assertError(post("/keys/nope/metadata", request("CreateKey")), 404, "KeyNotFoundException");
        assertError(proxy.handle("POST", "/other-prefix/kms/xks/v1/health", CREDENTIAL, "{}"), 404,
                "InvalidUriPathException");
        assertError(post("/keys/key-1/sign", request("Sign")), 404, "InvalidUriPathException");
        assertError(post("/keys/hmac-1/encrypt", request("Encrypt").put("plaintext", b64("x"))
                .put("encryptionAlgorithm", "AES_GCM")), 400, "InvalidKeyUsageException");
        assertError(post("/keys/key-1/encrypt", request("Encrypt").put("plaintext", b64("x"))
                .put("encryptionAlgorithm", "RSAES_OAEP_SHA_256")), 400, "ValidationException");
        assertError(post("/keys/key-1/encrypt", Json.TREES.createObjectNode().put("plaintext", b64("x"))
                .put("encryptionAlgorithm", "AES_GCM")), 400, "ValidationException");
        assertError(proxy.handle("POST", BASE + "/keys/key-1/metadata", CREDENTIAL, "not json"), 400,
                "ValidationException");
        proxy.keyEnabled("key-1", false);
        assertError(post("/keys/key-1/encrypt", request("Encrypt").put("plaintext", b64("x"))
                .put("encryptionAlgorithm", "AES_GCM")), 400, "InvalidStateException");
        assertThat(proxy.handle("GET", BASE + "/health", CREDENTIAL, "").httpStatus()).isEqualTo(405);
    }

    @Test
    void onlyTheCredentialsTheProxyAcceptsAuthenticate() {
        XksProxyCredential next = new XksProxyCredential("ZYXWVUTSRQPONMLKJIHG", "a".repeat(43));
        assertError(proxy.handle("POST", BASE + "/health", next, request("ConnectCustomKeyStore").toString()), 401,
                "AuthenticationFailedException");

        proxy.acceptCredential(next); // rotation: both credentials accepted at once
        assertThat(proxy.handle("POST", BASE + "/health", next, "{}").httpStatus()).isEqualTo(200);
        assertThat(proxy.handle("POST", BASE + "/health", CREDENTIAL, "{}").httpStatus()).isEqualTo(200);

        proxy.revokeCredential(CREDENTIAL);
        assertError(proxy.handle("POST", BASE + "/health", CREDENTIAL, "{}"), 401, "AuthenticationFailedException");
    }

    @Test
    void anUnreachableProxyGivesNoAnswer() {
        proxy.reachable(false);
        assertThatThrownBy(() -> post("/health", request("ConnectCustomKeyStore")))
                .isInstanceOf(UncheckedIOException.class).hasCauseInstanceOf(ConnectException.class);
    }

    @Test
    void credentialsAreCheckedAgainstAwsFormatsAndNeverPrinted() {
        assertThatThrownBy(() -> new XksProxyCredential("abcdefghijklmnopqrst", "a".repeat(43)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageNotContaining("abcdefghijklmnopqrst");
        assertThatThrownBy(() -> new XksProxyCredential("ABCDEFGHIJKLMNOPQRST", "a".repeat(42)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new XksProxyCredential("ABCDEFGHIJKLMNOPQRS1", "a".repeat(43)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(CREDENTIAL.toString()).doesNotContain(CREDENTIAL.accessKeyId())
                .doesNotContain(CREDENTIAL.rawSecretAccessKey());
        assertThat(proxy.toString()).doesNotContain(CREDENTIAL.rawSecretAccessKey());
    }

    private static void assertError(XksProxyResponse response, int status, String errorName) {
        assertThat(response.httpStatus()).as(response.body()).isEqualTo(status);
        try {
            assertThat(Json.TREES.readTree(response.body()).get("errorName").asText()).isEqualTo(errorName);
        } catch (Exception e) {
            throw new AssertionError(response.body(), e);
        }
    }
}
