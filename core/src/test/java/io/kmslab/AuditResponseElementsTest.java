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
        // ct-createkey.html (2022): "AWSAccountId", the API member's own capitals, first as in the API's metadata
        assertThat(metadata.fieldNames().next()).isEqualTo("AWSAccountId");
        assertThat(metadata.get("AWSAccountId").asText()).isEqualTo(A);
        assertThat(metadata.has("awsAccountId")).isFalse();
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
    private io.kmslab.audit.AuditEvent last(String eventName) {
        java.util.List<io.kmslab.audit.AuditEvent> events = lab.auditTrail().query(AuditQuery.account(A)
                .eventName(eventName));
        return events.get(events.size() - 1);
    }

    /**
     * ct-enablekey.html and the other pages that say it: "CloudTrail log entries for this operation recorded on or
     * after December 2022 include the key ARN of the affected KMS key in the responseElements.keyId value, even though
     * this operation does not return the key ARN"; the pages that do not say it show null.
     */
    @Test
    void operationsThatReturnNothing_logTheAffectedKeysArn_whereAwsSaysSo() {
        KeyMetadata key = TestLabs.symmetricKey(kms);
        kms.disableKey(io.kmslab.api.DisableKeyRequest.of(key.keyId()));
        kms.enableKey(io.kmslab.api.EnableKeyRequest.of(key.keyId()));
        kms.enableKeyRotation(io.kmslab.api.EnableKeyRotationRequest.of(key.keyId()));
        kms.disableKeyRotation(io.kmslab.api.DisableKeyRotationRequest.of(key.keyId()));
        kms.tagResource(io.kmslab.api.TagResourceRequest.of(key.keyId(),
                java.util.List.of(new io.kmslab.api.Tag("team", "payments"))));
        kms.untagResource(io.kmslab.api.UntagResourceRequest.of(key.keyId(), java.util.List.of("team")));
        io.kmslab.api.CreateGrantResponse grant = kms.createGrant(io.kmslab.api.CreateGrantRequest.of(key.keyId(),
                lab.iam().createUser("alice").arn(), java.util.List.of(io.kmslab.grants.GrantOperation.Encrypt)));

        java.util.Map<String, Object> keyArn = java.util.Map.of("keyId", key.arn());
        for (String named : java.util.List.of("DisableKey", "EnableKey", "EnableKeyRotation", "UntagResource")) {
            assertThat(last(named).responseElements()).as(named).isEqualTo(keyArn);
        }
        for (String nothing : java.util.List.of("DisableKeyRotation", "TagResource")) {
            assertThat(last(nothing).responseElements()).as(nothing).isNull();
        }
        // CreateGrant (ct-creategrant.html): its own grantId, then the key
        assertThat(last("CreateGrant").responseElements()).containsExactly(
                java.util.Map.entry("grantId", grant.grantId()), java.util.Map.entry("keyId", key.arn()));
        // a failed call has no response
        org.assertj.core.api.Assertions.catchThrowable(() -> kms.enableKey(io.kmslab.api.EnableKeyRequest.of(
                "1234abcd-12ab-34cd-56ef-1234567890ab")));
        assertThat(last("EnableKey").errorCode()).isEqualTo("NotFoundException");
        assertThat(last("EnableKey").responseElements()).isNull();
    }

    /** ct-rotatekey.html, ct-delete-key.html: readOnly false, serviceEventDetails.keyId the key id (not its ARN). */
    @Test
    void kmsOwnEvents_areNotReadOnly_andNameTheKeyByItsId() {
        KeyMetadata key = TestLabs.symmetricKey(kms);
        kms.enableKeyRotation(io.kmslab.api.EnableKeyRotationRequest.of(key.keyId()));
        lab.clock().advance(java.time.Duration.ofDays(366));
        kms.scheduleKeyDeletion(io.kmslab.api.ScheduleKeyDeletionRequest.of(key.keyId(), 7));
        lab.clock().advance(java.time.Duration.ofDays(8));
        for (String own : java.util.List.of("RotateKey", "DeleteKey")) {
            io.kmslab.audit.AuditEvent event = last(own);
            assertThat(event.readOnly()).as(own).isFalse();
            assertThat(event.serviceEventDetails()).as(own).containsEntry("keyId", key.keyId());
            assertThat(event.resources()).extracting(r -> r.arn()).containsExactly(key.arn());
        }
    }
}
