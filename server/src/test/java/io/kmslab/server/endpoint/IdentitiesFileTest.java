package io.kmslab.server.endpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.kmslab.KmsLab;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.KmsException;

/** An identities file: access keys mapped to a root, an IAM user and an IAM role, with their IAM policies. */
class IdentitiesFileTest {
    static final String FILE = """
            {"accessKeys": [
              {"accessKeyId": "AKIAROOT0EXAMPLE", "secretAccessKey": "root-secret",
               "principal": "arn:aws:iam::111122223333:root"},
              {"accessKeyId": "AKIAALICE0EXAMPLE", "secretAccessKey": "alice-secret",
               "principal": "arn:aws:iam::111122223333:user/alice",
               "policies": {"encrypt-and-describe": {"Version": "2012-10-17", "Statement": [
                 {"Sid": "UseKeys", "Effect": "Allow", "Action": ["kms:Encrypt", "kms:DescribeKey"],
                  "Resource": "*"}]}}},
              {"accessKeyId": "AKIAAPP0EXAMPLE", "secretAccessKey": "app-secret",
               "principal": "arn:aws:iam::111122223333:role/app",
               "policies": {"decrypt": "{\\"Version\\": \\"2012-10-17\\", \\"Statement\\": [{\\"Effect\\": \\"Allow\\", \\"Action\\": \\"kms:Decrypt\\", \\"Resource\\": \\"*\\"}]}"}}]}""";

    private static KmsEndpoint endpoint;

    @TempDir
    static Path dir;

    @BeforeAll
    static void start() throws Exception {
        Path file = dir.resolve("identities.json");
        Files.writeString(file, FILE);
        IdentitiesFile declared = IdentitiesFile.read(file);
        endpoint = KmsEndpoint.start(() -> {
            KmsLab lab = KmsLab.builder().startingAt(Instant.parse("2026-01-20T09:00:00Z")).build();
            declared.provision(lab);
            return lab;
        }, declared.identities(), "127.0.0.1", 0, "us-east-1");
    }

    @AfterAll
    static void stop() {
        endpoint.close();
    }

    private static KmsClient client(String accessKey, String secret) {
        return SdkClientTest.clientOf(endpoint, Region.EU_WEST_2, accessKey, secret);
    }

    @Test
    void theUser_isAllowedWhereItsPolicyAllows_andDeniedElsewhere() {
        try (KmsClient root = client("AKIAROOT0EXAMPLE", "root-secret");
                KmsClient alice = client("AKIAALICE0EXAMPLE", "alice-secret")) {
            String keyId = root.createKey(r -> r.description("shared")).keyMetadata().keyId();

            assertThat(alice.describeKey(r -> r.keyId(keyId)).keyMetadata().keyId()).isEqualTo(keyId);
            SdkBytes blob = alice.encrypt(r -> r.keyId(keyId).plaintext(SdkBytes.fromUtf8String("for alice")))
                    .ciphertextBlob();
            KmsException decrypt = catchThrowableOfType(KmsException.class,
                    () -> alice.decrypt(r -> r.ciphertextBlob(blob)));
            KmsException disable = catchThrowableOfType(KmsException.class,
                    () -> alice.disableKey(r -> r.keyId(keyId)));

            assertThat(decrypt.awsErrorDetails().errorCode()).isEqualTo("AccessDeniedException");
            assertThat(decrypt.awsErrorDetails().errorMessage()).startsWith("User: arn:aws:iam::111122223333:user/"
                    + "alice is not authorized to perform: kms:Decrypt");
            assertThat(disable.awsErrorDetails().errorCode()).isEqualTo("AccessDeniedException");
            assertThat(root.decrypt(r -> r.ciphertextBlob(blob)).plaintext().asUtf8String()).isEqualTo("for alice");
        }
    }

    @Test
    void aRoleKey_callsAsASessionOfTheRole_namedAfterTheAccessKey() {
        try (KmsClient root = client("AKIAROOT0EXAMPLE", "root-secret");
                KmsClient app = client("AKIAAPP0EXAMPLE", "app-secret")) {
            String keyId = root.createKey(r -> r.description("app data")).keyMetadata().keyId();
            SdkBytes blob = root.encrypt(r -> r.keyId(keyId).plaintext(SdkBytes.fromUtf8String("app secret")))
                    .ciphertextBlob();

            assertThat(app.decrypt(r -> r.ciphertextBlob(blob)).plaintext().asUtf8String()).isEqualTo("app secret");
            KmsException encrypt = catchThrowableOfType(KmsException.class,
                    () -> app.encrypt(r -> r.keyId(keyId).plaintext(SdkBytes.fromUtf8String("x"))));
            assertThat(encrypt.awsErrorDetails().errorMessage()).startsWith("User: arn:aws:sts::111122223333:"
                    + "assumed-role/app/AKIAAPP0EXAMPLE is not authorized to perform: kms:Encrypt");
        }
    }

    @Test
    void afterAReset_theDeclaredUserAndItsPolicyAreThereAgain() {
        try (KmsClient root = client("AKIAROOT0EXAMPLE", "root-secret");
                KmsClient alice = client("AKIAALICE0EXAMPLE", "alice-secret")) {
            endpoint.reset();
            String keyId = root.createKey(r -> r.description("after the reset")).keyMetadata().keyId();

            assertThat(alice.describeKey(r -> r.keyId(keyId)).keyMetadata().keyId()).isEqualTo(keyId);
            assertThat(catchThrowableOfType(KmsException.class, () -> alice.disableKey(r -> r.keyId(keyId)))
                    .awsErrorDetails().errorCode()).isEqualTo("AccessDeniedException");
        }
    }

    @Test
    void anUnknownAccessKey_isUnrecognizedClient_andAWrongSecret_isInvalidSignature() {
        try (KmsClient unknown = client("AKIAUNKNOWN", "whatever");
                KmsClient wrong = client("AKIAALICE0EXAMPLE", "root-secret")) {
            KmsException unrecognized = catchThrowableOfType(KmsException.class, () -> unknown.listKeys());
            KmsException badSignature = catchThrowableOfType(KmsException.class, () -> wrong.listKeys());

            assertThat(unrecognized.awsErrorDetails().errorCode()).isEqualTo("UnrecognizedClientException");
            assertThat(unrecognized.statusCode()).isEqualTo(400);
            assertThat(badSignature.awsErrorDetails().errorCode()).isEqualTo("InvalidSignatureException");
        }
    }

    @Test
    void theSecret_isNeverPrinted() {
        IdentitiesFile declared = IdentitiesFile.parse(FILE);
        assertThat(declared.accessKeys().toString()).doesNotContain("secret")
                .contains("AKIAALICE0EXAMPLE -> arn:aws:iam::111122223333:user/alice");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "not JSON | {accessKeys | not valid JSON",
        "no accessKeys | {} | expected {\"accessKeys\": [...]}",
        "no access key | {\"accessKeys\": []} | \"accessKeys\" is empty",
        "missing secret | {\"accessKeys\": [{\"accessKeyId\": \"AKIA1\", \"principal\": \"arn:aws:iam::111122223333:root\"}]} | accessKeys[0]: secretAccessKey is required",
        "bad principal | {\"accessKeys\": [{\"accessKeyId\": \"AKIA1\", \"secretAccessKey\": \"s\", \"principal\": \"alice\"}]} | accessKeys[0]: principal must be arn:aws:iam::<12-digit account>:root",
        "unknown member | {\"accessKeys\": [{\"accessKeyId\": \"AKIA1\", \"secretAccessKey\": \"s\", \"principal\": \"arn:aws:iam::111122223333:root\", \"policy\": {}}]} | unknown member \"policy\"",
        "root with policies | {\"accessKeys\": [{\"accessKeyId\": \"AKIA1\", \"secretAccessKey\": \"s\", \"principal\": \"arn:aws:iam::111122223333:root\", \"policies\": {\"p\": {\"Statement\": []}}}]} | the root user has every permission",
        "malformed policy | {\"accessKeys\": [{\"accessKeyId\": \"AKIA1\", \"secretAccessKey\": \"s\", \"principal\": \"arn:aws:iam::111122223333:user/bob\", \"policies\": {\"p\": {\"Statment\": []}}}]} | accessKeys[0]: policy \"p\": ",
        "duplicate key | {\"accessKeys\": [{\"accessKeyId\": \"AKIA1\", \"secretAccessKey\": \"s\", \"principal\": \"arn:aws:iam::111122223333:root\"}, {\"accessKeyId\": \"AKIA1\", \"secretAccessKey\": \"t\", \"principal\": \"arn:aws:iam::111122223333:root\"}]} | accessKeys[1]: access key id AKIA1 is declared twice",
    })
    void aMalformedFile_isRefusedWithTheReason(String title, String json, String reason) {
        assertThatThrownBy(() -> IdentitiesFile.parse(json))
                .isInstanceOf(IdentitiesFile.InvalidIdentitiesException.class).hasMessageContaining(reason.strip());
    }
}
