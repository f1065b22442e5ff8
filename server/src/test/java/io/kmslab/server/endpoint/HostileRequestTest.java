package io.kmslab.server.endpoint;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kmslab.Caller;
import io.kmslab.KmsLab;
import io.kmslab.api.CreateKeyRequest;
import io.kmslab.api.DescribeKeyRequest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.HttpSigner;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;

/**
 * Requests made to do harm at the wire: a signature replayed as another operation, unsigned headers and query strings,
 * a repeated X-Amz-Target, another path, repeated JSON members, nulls in lists and maps, unpaired UTF-16 surrogates.
 * Each gets the AWS error for it, with a message that names what is wrong, and changes nothing. Signatures are made
 * by the AWS SDK's own SigV4 signer.
 */
class HostileRequestTest {
    private static final String ROOT_KEY = "AKIAHOSTILEROOT";
    private static final String ROOT_SECRET = "hostile-root-secret";
    private static final String JSON_1_1 = "application/x-amz-json-1.1";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final AwsV4HttpSigner SIGNER = AwsV4HttpSigner.create();

    private static KmsLab lab;
    private static KmsEndpoint open;
    private static KmsEndpoint secured;
    private static HttpClient http;
    private String keyId;

    @BeforeAll
    static void start() {
        lab = KmsLab.create();
        open = KmsEndpoint.start(lab, Identities.anyKeyIsRootOf(lab.defaultAccount()), "127.0.0.1", 0, "us-east-1");
        secured = KmsEndpoint.start(lab, Identities.declared(Map.of(ROOT_KEY,
                new Identities.Identity(ROOT_SECRET, Caller.root(lab.defaultAccount())))), "127.0.0.1", 0,
                "us-east-1");
        http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    }

    @AfterAll
    static void stop() {
        open.close();
        secured.close();
    }

    @BeforeEach
    void newKey() {
        keyId = lab.kms("us-east-1").createKey(CreateKeyRequest.of()).keyMetadata().keyId();
    }

    // ------------------------------------------------------------------------------------------ SigV4

    @Test
    void aSignatureWithoutXAmzTarget_replayedAsDisableKey_isInvalidSignature_andTheKeyStaysEnabled()
            throws Exception {
        byte[] body = keyIdBody();
        Map<String, String> signedWithoutTarget = sign(Map.of("Content-Type", JSON_1_1), "", body);
        assertThat(signedWithoutTarget.get("Authorization"))
                .contains("SignedHeaders=content-type;host;x-amz-content-sha256;x-amz-date,");

        HttpResponse<byte[]> replayed = send(secured, "/", signedWithoutTarget, Map.of("X-Amz-Target",
                "TrentService.DisableKey"), body);

        assertError(replayed, 400, "InvalidSignatureException",
                "'X-Amz-Target' must be a 'SignedHeader' in the AWS Authorization.");
        assertThat(enabled()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"Content-Type", "X-Amz-Security-Token", "X-Amz-User-Agent", "X-Amz-Anything"})
    void aHeaderThatMustBeSigned_sentUnsigned_isInvalidSignature_namingIt(String header) throws Exception {
        byte[] body = keyIdBody();
        Map<String, String> signed = sign(header.equals("Content-Type") ? Map.of("X-Amz-Target",
                "TrentService.DisableKey") : target("DisableKey"), "", body);

        HttpResponse<byte[]> response = send(secured, "/", signed, Map.of(header, header.equals("Content-Type")
                ? JSON_1_1 : "anything"), body);

        assertError(response, 400, "InvalidSignatureException", "'" + header + "' must be a 'SignedHeader' in the "
                + "AWS Authorization.");
        assertThat(enabled()).isTrue();
    }

    @Test
    void theSameHeadersSigned_areServed() throws Exception {
        byte[] body = keyIdBody();
        Map<String, String> headers = new HashMap<>(target("DisableKey"));
        headers.put("X-Amz-Security-Token", "a-session-token");
        headers.put("X-Amz-User-Agent", "aws-sdk-js/2.0");

        HttpResponse<byte[]> response = send(secured, "/", sign(headers, "", body), Map.of(), body);

        assertThat(response.statusCode()).as(text(response)).isEqualTo(200);
        assertThat(enabled()).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"upper case", "unsorted", "repeated", "empty entry"})
    void signedHeadersNotLowerCaseSortedAndUnique_isIncompleteSignature(String shape) throws Exception {
        byte[] body = keyIdBody();
        Map<String, String> signed = new HashMap<>(sign(target("DisableKey"), "", body));
        String list = "content-type;host;x-amz-content-sha256;x-amz-date;x-amz-target";
        assertThat(signed.get("Authorization")).contains("SignedHeaders=" + list + ",");
        String malformed = switch (shape) {
            case "upper case" -> list.replace("host", "Host");
            case "unsorted" -> list.replace("content-type;host", "host;content-type");
            case "repeated" -> list.replace("host", "host;host");
            default -> list.replace("host", ";host");
        };
        signed.put("Authorization", signed.get("Authorization").replace(list, malformed));

        HttpResponse<byte[]> response = send(secured, "/", signed, Map.of(), body);

        assertError(response, 400, "IncompleteSignatureException", "SignedHeaders must be an alphabetically "
                + "sorted, semicolon-separated list of lowercase header names, each once: '" + malformed + "'.");
        assertThat(enabled()).isTrue();
    }

    @Test
    void aQueryStringAddedToASignedRequest_isInvalidSignature() throws Exception {
        byte[] body = keyIdBody();
        Map<String, String> signed = sign(target("DisableKey"), "", body);

        HttpResponse<byte[]> response = send(secured, "/?Action=DisableKey", signed, Map.of(), body);

        assertError(response, 400, "InvalidSignatureException", "The request signature we calculated does not "
                + "match the signature you provided. Check your AWS Secret Access Key and signing method. Consult "
                + "the service documentation for details.");
        assertThat(enabled()).isTrue();
    }

    @Test
    void aQueryStringSignedByTheSdk_isInTheCanonicalRequest_andServed() throws Exception {
        byte[] body = keyIdBody();
        // names and values that SigV4 encodes (space, '/', '+', '*', non-ASCII), repeated names, unsorted
        String query = "b=2&a=x%20y&a=1&c%7E=%C3%A4%2F%2B&d=&e%2A=%2A";
        Map<String, String> signed = sign(target("DisableKey"), query, body);

        HttpResponse<byte[]> response = send(secured, "/?" + query, signed, Map.of(), body);

        assertThat(response.statusCode()).as(text(response)).isEqualTo(200);
        assertThat(enabled()).isFalse();
    }

    @Test
    void aPathSignedByTheSdk_isDoubleEncodedInTheCanonicalRequest() throws Exception {
        byte[] body = keyIdBody();
        String path = "/a%20b/%E2%82%AC/c~d/e%2Af";
        SdkHttpRequest request = signRequest(secured, target("DisableKey"), path, "", body, ROOT_SECRET);
        Map<String, String> headers = new HashMap<>();
        request.forEachHeader((name, values) -> headers.put(name.toLowerCase(Locale.ROOT), String.join(",", values)));
        SigV4.Credential credential = SigV4.parse(headers.get("authorization"));

        // passes only if the canonical URI is the path encoded once more (%20 as %2520), as the SDK signs it
        SigV4.verify(credential, ROOT_SECRET, "POST", path, null, headers, body, java.time.Instant.now());
        assertThat(SigV4.canonicalUri(path)).isEqualTo("/a%2520b/%25E2%2582%25AC/c~d/e%252Af");
        assertThat(SigV4.canonicalUri("/a/./b/../c")).isEqualTo("/a/c");
        assertThat(SigV4.canonicalUri("")).isEqualTo("/");
    }

    // ------------------------------------------------------------------------------------------ HTTP framing

    @Test
    void aRepeatedXAmzTarget_isUnknownOperation_andNeitherOperationRuns() throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + open.port() + "/"))
                .header("X-Amz-Target", "TrentService.DisableKey").header("X-Amz-Target", "TrentService.DescribeKey")
                .header("Content-Type", JSON_1_1).POST(BodyPublishers.ofByteArray(keyIdBody())).build();

        HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());

        assertError(response, 400, "UnknownOperationException", "X-Amz-Target must be sent once.");
        assertThat(enabled()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"/kms", "/TrentService.DisableKey", "//", "/%2F", "/./", "/a/../"})
    void aPathOtherThanTheRoot_isUnknownOperation404_andNothingRuns(String path) throws Exception {
        HttpResponse<byte[]> response = send(open, path, Map.of(), target("DisableKey"), keyIdBody());

        assertError(response, 404, "UnknownOperationException", "The KMS API is served on / only.");
        assertThat(enabled()).isTrue();
    }

    // ------------------------------------------------------------------------------------------ JSON

    @Test
    void aRepeatedMember_isSerializationException_namingIt_andNeitherValueIsUsed() throws Exception {
        HttpResponse<byte[]> response = post("DisableKey", "{\"KeyId\":\"alias/none\",\"KeyId\":\"" + keyId + "\"}");

        assertError(response, 400, "SerializationException", "Duplicate member KeyId: a member may be given once.");
        assertThat(enabled()).isTrue();
    }

    @Test
    void aRepeatedMapKey_isSerializationException_namingItsPath() throws Exception {
        HttpResponse<byte[]> response = post("Encrypt", "{\"KeyId\":\"" + keyId + "\",\"Plaintext\":\"aGk=\","
                + "\"EncryptionContext\":{\"a\":\"1\",\"b\":\"2\",\"a\":\"3\"}}");

        assertError(response, 400, "SerializationException",
                "Duplicate member EncryptionContext.a: a member may be given once.");
    }

    @Test
    void nullsInListsAndMaps_areSerializationException_namingTheMember() throws Exception {
        Map<String, String> cases = Map.of(
                "{\"KeyId\":\"" + keyId + "\",\"Plaintext\":\"aGk=\",\"EncryptionContext\":{\"a\":null}}",
                "encryptionContext.a",
                "{\"KeyId\":\"" + keyId + "\",\"Plaintext\":\"aGk=\",\"EncryptionContext\":{\"Purpose\":null}}",
                "encryptionContext.Purpose",
                "{\"KeyId\":\"" + keyId + "\",\"Plaintext\":\"aGk=\",\"GrantTokens\":[\"t\",null]}",
                "grantTokens.2");
        for (var c : cases.entrySet()) {
            assertError(post("Encrypt", c.getKey()), 400, "SerializationException",
                    "Null is not a valid value for member " + c.getValue() + ": a list or a map holds no nulls.");
        }
        assertError(post("Encrypt", "{\"KeyId\":\"" + keyId + "\",\"Plaintext\":\"aGk=\",\"EncryptionContext\":"
                + "{\"\":null}}"), 400, "SerializationException", "Null is not a valid value for member "
                + "encryptionContext.\"\": a list or a map holds no nulls.");
        assertError(post("CreateKey", "{\"Tags\":[null]}"), 400, "SerializationException",
                "Null is not a valid value for member tags.1: a list or a map holds no nulls.");
        assertError(post("CreateGrant", "{\"KeyId\":\"" + keyId + "\",\"GranteePrincipal\":\"arn:aws:iam::"
                + "111122223333:root\",\"Operations\":[\"Decrypt\"],\"Constraints\":{\"EncryptionContextSubset\":"
                + "{\"k\":null}}}"), 400, "SerializationException", "Null is not a valid value for member "
                + "constraints.encryptionContextSubset.k: a list or a map holds no nulls.");
    }

    @Test
    void unpairedSurrogateEscapes_areSerializationException_namingTheMember_andCreateNothing() throws Exception {
        int keysBefore = lab.keyLedger().size();
        Map<String, String> cases = new java.util.LinkedHashMap<>();
        cases.put("{\"Description\":\"\\ud800\"}", "Invalid string for member Description: the unpaired UTF-16 "
                + "surrogate \\uD800 is not Unicode.");
        cases.put("{\"Description\":\"x\\udc00\"}", "Invalid string for member Description: the unpaired UTF-16 "
                + "surrogate \\uDC00 is not Unicode.");
        cases.put("{\"Description\":\"\\ud800x\"}", "Invalid string for member Description: the unpaired UTF-16 "
                + "surrogate \\uD800 is not Unicode.");
        cases.put("{\"Description\":\"\\ude00\\ud83d\"}", "Invalid string for member Description: the unpaired "
                + "UTF-16 surrogate \\uDE00 is not Unicode.");
        cases.put("{\"Description\":\"caf\u00e9 \\ud800\"}", "Invalid string for member Description: the unpaired "
                + "UTF-16 surrogate \\uD800 is not Unicode.");
        cases.put("{\"Tags\":[{\"TagKey\":\"k\",\"TagValue\":\"\\udbff\"}]}", "Invalid string for member "
                + "Tags.1.TagValue: the unpaired UTF-16 surrogate \\uDBFF is not Unicode.");
        cases.put("{\"Unknown\":{\"x\":[\"\\ud800\"]}}", "Invalid string for member Unknown.x.1: the unpaired "
                + "UTF-16 surrogate \\uD800 is not Unicode.");
        cases.put("{\"\\udc00\":1}", "Invalid member name in the request: it holds an unpaired UTF-16 "
                + "surrogate, which is not Unicode.");
        cases.put("{\"Description\":\"d\",\"x\\ud800\":1}", "Invalid member name in the request: it holds an "
                + "unpaired UTF-16 surrogate, which is not Unicode.");
        cases.put("{\"Tags\":[{\"TagKey\":\"k\",\"\\ud800\\ud800\":1}]}", "Invalid member name in member Tags.1: "
                + "it holds an unpaired UTF-16 surrogate, which is not Unicode.");
        for (var c : cases.entrySet()) {
            assertError(post("CreateKey", c.getKey()), 400, "SerializationException", c.getValue());
        }
        assertError(post("Encrypt", "{\"KeyId\":\"" + keyId + "\",\"Plaintext\":\"aGk=\",\"EncryptionContext\":"
                + "{\"a\":\"b\",\"k\\ud800\":\"v\"}}"), 400, "SerializationException", "Invalid member name in "
                + "member EncryptionContext: it holds an unpaired UTF-16 surrogate, which is not Unicode.");
        assertThat(lab.keyLedger()).hasSize(keysBefore);

        HttpResponse<byte[]> paired = post("CreateKey", "{\"Description\":\"\\ud83d\\ude00 paired\"}");
        assertThat(paired.statusCode()).as(text(paired)).isEqualTo(200);
        assertThat(JSON.readTree(paired.body()).path("KeyMetadata").path("Description").asText())
                .isEqualTo("\uD83D\uDE00 paired");
    }

    // ------------------------------------------------------------------------------------------ helpers

    private byte[] keyIdBody() {
        return ("{\"KeyId\":\"" + keyId + "\"}").getBytes(StandardCharsets.UTF_8);
    }

    private static Map<String, String> target(String operation) {
        return Map.of("X-Amz-Target", "TrentService." + operation, "Content-Type", JSON_1_1);
    }

    private boolean enabled() {
        return lab.kms("us-east-1").describeKey(new DescribeKeyRequest(keyId, null)).keyMetadata().enabled();
    }

    /** The headers of a request to / signed by the AWS SDK's signer over the given headers (host is added). */
    private static Map<String, String> sign(Map<String, String> headers, String rawQuery, byte[] body) {
        SdkHttpRequest request = signRequest(secured, headers, "/", rawQuery, body, ROOT_SECRET);
        Map<String, String> out = new HashMap<>();
        request.forEachHeader((name, values) -> {
            if (!name.equalsIgnoreCase("Host")) {
                out.put(name, String.join(",", values));
            }
        });
        return out;
    }

    private static SdkHttpRequest signRequest(KmsEndpoint endpoint, Map<String, String> headers, String path,
            String rawQuery, byte[] body, String secret) {
        SdkHttpRequest.Builder unsigned = SdkHttpRequest.builder().method(SdkHttpMethod.POST).protocol("http")
                .host("127.0.0.1").port(endpoint.port()).encodedPath(path);
        headers.forEach(unsigned::putHeader);
        if (!rawQuery.isEmpty()) {
            for (String parameter : rawQuery.split("&")) {
                String[] nameValue = parameter.split("=", 2);
                unsigned.appendRawQueryParameter(decode(nameValue[0]), decode(nameValue[1]));
            }
        }
        return SIGNER.sign(r -> r.identity(AwsCredentialsIdentity.create(ROOT_KEY, secret))
                .request(unsigned.build()).payload(ContentStreamProvider.fromByteArray(body))
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "kms")
                .putProperty(AwsV4HttpSigner.REGION_NAME, "us-east-1")
                .putProperty(HttpSigner.SIGNING_CLOCK, Clock.systemUTC())).request();
    }

    private static String decode(String text) {
        return java.net.URLDecoder.decode(text.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    private static HttpResponse<byte[]> send(KmsEndpoint endpoint, String pathAndQuery, Map<String, String> signed,
            Map<String, String> unsigned, byte[] body) throws Exception {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + endpoint.port()
                + pathAndQuery)).timeout(Duration.ofSeconds(30)).POST(BodyPublishers.ofByteArray(body));
        signed.forEach(builder::header);
        unsigned.forEach(builder::header);
        return http.send(builder.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static HttpResponse<byte[]> post(String operation, String json) throws Exception {
        return send(open, "/", Map.of(), target(operation), json.getBytes(StandardCharsets.UTF_8));
    }

    private static String text(HttpResponse<byte[]> response) {
        return new String(response.body(), StandardCharsets.UTF_8);
    }

    private static void assertError(HttpResponse<byte[]> response, int status, String type, String message)
            throws Exception {
        assertThat(response.statusCode()).as(text(response)).isEqualTo(status);
        JsonNode json = JSON.readTree(response.body());
        assertThat(json.path("__type").asText()).as(text(response)).isEqualTo(type);
        assertThat(json.path("message").asText()).isEqualTo(message);
        assertThat(response.headers().firstValue("x-amzn-RequestId")).isPresent();
    }
}
