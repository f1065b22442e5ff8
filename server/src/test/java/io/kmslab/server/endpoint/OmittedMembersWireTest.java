package io.kmslab.server.endpoint;

import static org.assertj.core.api.Assertions.assertThat;

import io.kmslab.Json;
import io.kmslab.KmsLab;
import io.kmslab.audit.AuditQuery;
import io.kmslab.audit.AuditTrail;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.KeyMetadata;

/**
 * Members AWS leaves out when they have no value, through the endpoint: the SDK tells a member absent from the answer
 * ({@code hasSigningAlgorithms()} false) from one sent empty. AWS's CloudTrail example of CreateKey for a symmetric
 * encryption key (https://docs.aws.amazon.com/kms/latest/developerguide/ct-createkey.html) has only
 * encryptionAlgorithms among the algorithm lists; the API reference's DescribeKey example response for a symmetric
 * key (https://docs.aws.amazon.com/kms/latest/APIReference/API_DescribeKey.html) likewise.
 */
class OmittedMembersWireTest {
    private static KmsLab lab;
    private static KmsEndpoint endpoint;
    private static KmsClient kms;

    @BeforeAll
    static void start() {
        lab = KmsLab.builder().startingAt(Instant.parse("2026-01-20T09:00:00Z")).build();
        endpoint = KmsEndpoint.start(lab, Identities.anyKeyIsRootOf("111122223333"), "127.0.0.1", 0, "us-east-1");
        kms = SdkClientTest.clientOf(endpoint, Region.EU_WEST_2);
    }

    @AfterAll
    static void stop() {
        kms.close();
        endpoint.close();
    }

    @Test
    void aSymmetricKey_isAnsweredAndLoggedWithoutEmptyAlgorithmLists() throws Exception {
        KeyMetadata created = kms.createKey(r -> { }).keyMetadata();
        KeyMetadata described = kms.describeKey(r -> r.keyId(created.keyId())).keyMetadata();

        for (KeyMetadata metadata : new KeyMetadata[] {created, described}) {
            assertThat(metadata.encryptionAlgorithmsAsStrings()).containsExactly("SYMMETRIC_DEFAULT");
            assertThat(metadata.hasSigningAlgorithms()).isFalse();
            assertThat(metadata.hasMacAlgorithms()).isFalse();
            assertThat(metadata.hasKeyAgreementAlgorithms()).isFalse();
        }
        String line = AuditTrail.toJson(lab.auditTrail().query(AuditQuery.account("111122223333")
                .key(created.arn()).eventName("CreateKey")).get(0));
        var logged = Json.TREES.readTree(line).get("responseElements").get("keyMetadata");
        assertThat(logged.get("keyId").asText()).isEqualTo(created.keyId());
        assertThat(logged.has("encryptionAlgorithms")).isTrue();
        assertThat(logged.has("signingAlgorithms")).isFalse();
        assertThat(logged.has("macAlgorithms")).isFalse();
        assertThat(logged.has("keyAgreementAlgorithms")).isFalse();
    }

    @Test
    void aSigningKey_isAnsweredWithoutEncryptionMacOrAgreementLists() {
        KeyMetadata key = kms.createKey(r -> r.keySpec("ECC_NIST_P256").keyUsage("SIGN_VERIFY")).keyMetadata();

        assertThat(key.signingAlgorithmsAsStrings()).containsExactly("ECDSA_SHA_256");
        assertThat(key.hasEncryptionAlgorithms()).isFalse();
        assertThat(key.hasMacAlgorithms()).isFalse();
        assertThat(key.hasKeyAgreementAlgorithms()).isFalse();
    }
}
