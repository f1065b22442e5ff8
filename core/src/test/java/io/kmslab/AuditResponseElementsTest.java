package io.kmslab;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kmslab.api.KeyMetadata;
import io.kmslab.audit.AuditQuery;
import io.kmslab.keys.KeySpec;
import io.kmslab.keys.KeyUsageType;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

/**
 * The response a CloudTrail event records leaves out the members that have no value, as AWS's own events do: AWS's
 * CloudTrail example of CreateKey for a symmetric encryption key
 * (https://docs.aws.amazon.com/kms/latest/developerguide/ct-createkey.html, and the same example in the developer
 * guide's source, awsdocs/aws-kms-developer-guide doc_source/ct-createkey.md) carries
 * {@code "encryptionAlgorithms": ["SYMMETRIC_DEFAULT"]} and no signingAlgorithms, macAlgorithms or
 * keyAgreementAlgorithms member, while it keeps {@code "enabled": false} for a key pending import.
 */
class AuditResponseElementsTest {
    private static final String A = "111122223333";
    private final KmsLab lab = TestLabs.lab();
    private final Kms kms = lab.kms("eu-west-2");

    private JsonNode createKeyMetadataInTrail() throws Exception {
        StringWriter out = new StringWriter();
        lab.auditTrail().exportJsonLines(AuditQuery.account(A).eventName("CreateKey"), out);
        return new ObjectMapper().readTree(out.toString().split("\n")[0]).get("responseElements")
                .get("keyMetadata");
    }

    @Test
    void createKeyOfASymmetricKey_logsItsEncryptionAlgorithms_andNoEmptyAlgorithmLists() throws Exception {
        TestLabs.symmetricKey(kms);
        JsonNode metadata = createKeyMetadataInTrail();
        assertThat(metadata.get("encryptionAlgorithms").toString()).isEqualTo("[\"SYMMETRIC_DEFAULT\"]");
        assertThat(metadata.has("signingAlgorithms")).isFalse();
        assertThat(metadata.has("macAlgorithms")).isFalse();
        assertThat(metadata.has("keyAgreementAlgorithms")).isFalse();
        // false is a value, not an absence: AWS's example keeps "enabled": false
        assertThat(metadata.get("multiRegion").asBoolean(true)).isFalse();
        assertThat(metadata.get("enabled").asBoolean()).isTrue();
    }

    @Test
    void createKeyOfAnHmacKey_logsItsMacAlgorithms_andNoEncryptionAlgorithms() throws Exception {
        KeyMetadata key = TestLabs.key(kms, KeySpec.HMAC_256, KeyUsageType.GENERATE_VERIFY_MAC);
        JsonNode metadata = createKeyMetadataInTrail();
        assertThat(metadata.get("keyId").asText()).isEqualTo(key.keyId());
        assertThat(metadata.get("macAlgorithms").toString()).isEqualTo("[\"HMAC_SHA_256\"]");
        assertThat(metadata.has("encryptionAlgorithms")).isFalse();
        assertThat(metadata.has("signingAlgorithms")).isFalse();
        assertThat(metadata.has("keyAgreementAlgorithms")).isFalse();
    }

    @Test
    void theEventInMemory_isTheSameAsTheLineExported() throws Exception {
        TestLabs.symmetricKey(kms);
        Object metadata = lab.auditTrail().query(AuditQuery.account(A)).get(0).responseElements().get("keyMetadata");
        JsonNode inMemory = Json.RECORDS.valueToTree(metadata);
        assertThat(inMemory.has("signingAlgorithms")).isFalse();
        assertThat(inMemory.get("encryptionAlgorithms")).isNotNull();
    }
}
