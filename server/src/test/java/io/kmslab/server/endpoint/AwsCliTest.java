package io.kmslab.server.endpoint;

import static org.assertj.core.api.Assertions.assertThat;

import io.kmslab.KmsLab;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The AWS CLI v2 (Debian's awscli, /usr/bin/aws, installed by .ci/run) against the endpoint: the usual two-step
 * encryption and decryption (encrypt a file, decrypt the saved ciphertext), byte for byte, with only --endpoint-url
 * added.
 */
class AwsCliTest {
    private static final Path AWS = Path.of(AwsCliRun.PATH);
    private static KmsEndpoint endpoint;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() {
        endpoint = KmsEndpoint.start(KmsLab.create(), Identities.anyKeyIsRootOf("111122223333"), "127.0.0.1", 0,
                "us-east-1");
    }

    @AfterAll
    static void stop() {
        endpoint.close();
    }

    @Test
    void theStudyNotesCommands_roundTripAFileByteForByte_andAnotherRegionFails() throws Exception {
        assertThat(AWS).as("the AWS CLI v2 (apt-get install awscli; .ci/run installs it)").isExecutable();
        byte[] secret = "The vault code is 1729.\nAnd a second line.\n".getBytes(StandardCharsets.UTF_8);
        Files.write(dir.resolve("ExampleSecretFile.txt"), secret);
        String e = " --endpoint-url http://127.0.0.1:" + endpoint.port();

        AwsCliRun key = sh("aws kms create-key --description tutorial --query KeyMetadata.KeyId --output text"
                + " --region eu-west-2" + e);
        assertThat(key.exit()).as(key.err()).isZero();
        assertThat(sh("aws kms create-alias --alias-name alias/tutorial --target-key-id " + key.out().trim()
                + " --region eu-west-2" + e).exit()).isZero();
        AwsCliRun encrypt = sh("aws kms encrypt --key-id alias/tutorial --plaintext fileb://ExampleSecretFile.txt"
                + " --output text --query CiphertextBlob --region eu-west-2" + e
                + " | base64 --decode > ExampleSecretFile.txt.encrypted");
        assertThat(encrypt.exit()).as(encrypt.err()).isZero();
        AwsCliRun decrypt = sh("aws kms decrypt --ciphertext-blob fileb://ExampleSecretFile.txt.encrypted"
                + " --output text --query Plaintext --region eu-west-2" + e
                + " | base64 --decode > ExampleSecretFile.txt.decrypted");
        assertThat(decrypt.exit()).as(decrypt.err()).isZero();
        assertThat(Files.readAllBytes(dir.resolve("ExampleSecretFile.txt.decrypted"))).isEqualTo(secret);

        AwsCliRun elsewhere = sh("aws kms decrypt --ciphertext-blob fileb://ExampleSecretFile.txt.encrypted"
                + " --output text --query Plaintext --region us-east-1" + e);
        assertThat(elsewhere.exit()).isNotZero();
        assertThat(elsewhere.err()).contains("An error occurred (AccessDeniedException) when calling the Decrypt "
                + "operation: The ciphertext refers to a customer master key that does not exist, does not exist in "
                + "this region, or you are not allowed to access.");
    }

    @Test
    void describeKeyAndRotationAndAliases_readAsOnAws() throws Exception {
        assertThat(AWS).isExecutable();
        String e = " --endpoint-url http://127.0.0.1:" + endpoint.port() + " --region eu-west-2";
        String keyId = sh("aws kms create-key --query KeyMetadata.KeyId --output text" + e).out().trim();
        assertThat(sh("aws kms enable-key-rotation --key-id " + keyId + e).exit()).isZero();
        assertThat(sh("aws kms get-key-rotation-status --key-id " + keyId + " --query KeyRotationEnabled"
                + " --output text" + e).out().trim()).isEqualTo("True");
        String described = sh("aws kms describe-key --key-id " + keyId + " --output json" + e).out();
        assertThat(described).contains("\"AWSAccountId\": \"111122223333\"", "\"KeyState\": \"Enabled\"",
                "\"KeyManager\": \"CUSTOMER\"").doesNotContain("SigningAlgorithms");
        AwsCliRun missing = sh("aws kms describe-key --key-id alias/nothing" + e);
        assertThat(missing.err()).contains("An error occurred (NotFoundException) when calling the DescribeKey "
                + "operation: Alias arn:aws:kms:eu-west-2:111122223333:alias/nothing is not found.");
    }

    /**
     * The request id the AWS CLI is answered with (x-amzn-RequestId, shown by --debug) is the requestID of the call's
     * event in the audit trail, explain accepts it, and the event's userAgent is the CLI's.
     */
    @Test
    void theCallsRequestId_isItsAuditEventsRequestId_andExplainAcceptsIt() throws Exception {
        assertThat(AWS).isExecutable();
        AwsCliRun created = sh("aws kms create-key --description request-ids --region eu-west-2 --debug"
                + " --endpoint-url http://127.0.0.1:" + endpoint.port());
        assertThat(created.exit()).as(created.err()).isZero();
        java.util.regex.Matcher header = java.util.regex.Pattern.compile("'x-amzn-RequestId': '([0-9a-f-]{36})'")
                .matcher(created.err());
        assertThat(header.find()).as("x-amzn-RequestId in the --debug output").isTrue();
        String requestId = header.group(1);

        Map<String, String> token = Map.of(ControlToken.HEADER, endpoint.controlToken());
        RawHttp.Response audit = RawHttp.exchange(endpoint.port(), "GET", "/_kmslab/audit?eventName=CreateKey",
                token, null);
        com.fasterxml.jackson.databind.JsonNode event = new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(audit.body().lines().filter(line -> line.contains(requestId)).findFirst()
                        .orElseThrow(() -> new AssertionError("no event with requestID " + requestId)));
        assertThat(event.get("requestID").asText()).isEqualTo(requestId);
        assertThat(event.get("userAgent").asText()).startsWith("aws-cli/2.");

        RawHttp.Response explained = RawHttp.exchange(endpoint.port(), "GET", "/_kmslab/explain/" + requestId,
                token, null);
        assertThat(explained.status()).as(explained.body()).isEqualTo(200);
        assertThat(explained.body()).contains("\"action\" : \"kms:CreateKey\"", "\"allowed\" : true");
    }

    private AwsCliRun sh(String command) throws IOException, InterruptedException {
        return AwsCliRun.of(dir, command, "AKIAEXAMPLE", "example-secret", null);
    }
}
