package io.kmslab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kmslab.api.CreateKeyRequest;
import io.kmslab.api.DecryptRequest;
import io.kmslab.api.EnableKeyRotationRequest;
import io.kmslab.api.EncryptRequest;
import io.kmslab.api.KeyMetadata;
import io.kmslab.api.ScheduleKeyDeletionRequest;
import io.kmslab.audit.AuditEvent;
import io.kmslab.audit.AuditQuery;
import io.kmslab.audit.AuditTrail;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AuditTrailTest {
    private static final String A = "111122223333";
    private final KmsLab lab = TestLabs.lab();
    private final Kms kms = lab.kms("eu-west-2");
    private final byte[] secret = "top secret value 42".getBytes(StandardCharsets.UTF_8);

    @Test
    void everyCall_allowedOrDenied_isAnEvent_withCloudTrailFields() {
        KeyMetadata key = TestLabs.symmetricKey(kms);
        kms.encrypt(EncryptRequest.of(key.keyId(), secret, Map.of("purpose", "audit")));
        Caller bob = lab.iam().createUser("bob");
        catchThrowable(() -> lab.kms(bob, "eu-west-2").encrypt(EncryptRequest.of(key.keyId(), secret)));

        List<AuditEvent> events = lab.auditTrail().query(AuditQuery.account(A));
        assertThat(events).extracting(AuditEvent::eventName).containsExactly("CreateKey", "Encrypt", "Encrypt");
        AuditEvent encrypt = events.get(1);
        assertThat(encrypt.eventVersion()).isEqualTo("1.08");
        assertThat(encrypt.eventSource()).isEqualTo("kms.amazonaws.com");
        assertThat(encrypt.awsRegion()).isEqualTo("eu-west-2");
        assertThat(encrypt.eventType()).isEqualTo("AwsApiCall");
        assertThat(encrypt.readOnly()).isTrue();
        assertThat(encrypt.managementEvent()).isTrue();
        assertThat(encrypt.eventCategory()).isEqualTo("Management");
        assertThat(encrypt.recipientAccountId()).isEqualTo(A);
        assertThat(encrypt.userIdentity().type()).isEqualTo("Root");
        assertThat(encrypt.userIdentity().arn()).isEqualTo("arn:aws:iam::111122223333:root");
        assertThat(encrypt.requestParameters()).containsEntry("keyId", key.keyId())
                .containsEntry("encryptionContext", Map.of("purpose", "audit")).doesNotContainKey("plaintext");
        assertThat(encrypt.responseElements()).isNull();
        assertThat(encrypt.resources()).singleElement().satisfies(r -> {
            assertThat(r.arn()).isEqualTo(key.arn());
            assertThat(r.type()).isEqualTo("AWS::KMS::Key");
        });
        assertThat(encrypt.requestID()).isNotEqualTo(encrypt.eventID());
        AuditEvent denied = events.get(2);
        assertThat(denied.errorCode()).isEqualTo("AccessDeniedException");
        assertThat(denied.errorMessage()).contains("user/bob is not authorized to perform: kms:Encrypt");
        assertThat(denied.userIdentity().type()).isEqualTo("IAMUser");
        assertThat(denied.userIdentity().principalId()).startsWith("AIDA").hasSize(21);
        assertThat(events.get(0).readOnly()).isFalse();
        assertThat(events.get(0).responseElements()).containsKey("keyMetadata");
    }

    @Test
    void theTrail_neverHoldsPlaintext() {
        KeyMetadata key = TestLabs.symmetricKey(kms);
        byte[] blob = kms.encrypt(EncryptRequest.of(key.keyId(), secret)).ciphertextBlob();
        kms.decrypt(DecryptRequest.of(blob));
        StringWriter out = new StringWriter();
        lab.auditTrail().exportJsonLines(AuditQuery.account(A), out);
        assertThat(out.toString()).doesNotContain("top secret").doesNotContain("dG9wIHNlY3JldC")
                .contains("\"eventName\":\"Decrypt\"");
    }

    @Test
    void crossAccountCalls_areLoggedInBothAccounts_denialsOnlyInTheCallers() {
        KeyMetadata shared = kms.createKey(CreateKeyRequest.builder().policy("""
                {"Version": "2012-10-17", "Statement": [
                  {"Sid": "Enable IAM User Permissions", "Effect": "Allow",
                   "Principal": {"AWS": "arn:aws:iam::111122223333:root"}, "Action": "kms:*", "Resource": "*"},
                  {"Sid": "AllowB", "Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::444455556666:root"},
                   "Action": "kms:Encrypt", "Resource": "*"}]}""").build()).keyMetadata();
        KeyMetadata notShared = TestLabs.symmetricKey(kms);
        Kms other = lab.kms("444455556666", "eu-west-2");
        other.encrypt(EncryptRequest.of(shared.arn(), secret));
        catchThrowable(() -> other.encrypt(EncryptRequest.of(notShared.arn(), secret)));

        AuditQuery encrypts = AuditQuery.account(A).eventName("Encrypt");
        assertThat(lab.auditTrail().query(encrypts)).singleElement()
                .satisfies(e -> assertThat(e.userIdentity().accountId()).isEqualTo("444455556666"));
        assertThat(lab.auditTrail().query(AuditQuery.account("444455556666").eventName("Encrypt")))
                .extracting(AuditEvent::errorCode).containsExactly(null, "AccessDeniedException");
    }

    @Test
    void rotationsAndDeletions_areServiceEvents() {
        KeyMetadata key = TestLabs.symmetricKey(kms);
        kms.enableKeyRotation(EnableKeyRotationRequest.of(key.keyId()));
        lab.clock().advance(Duration.ofDays(3 * 365));
        kms.scheduleKeyDeletion(ScheduleKeyDeletionRequest.of(key.keyId(), 7));
        lab.clock().advance(Duration.ofDays(8));

        List<AuditEvent> rotations = lab.auditTrail().query(AuditQuery.account(A).key(key.arn())
                .eventName("RotateKey"));
        assertThat(rotations).hasSize(3).allSatisfy(e -> {
            assertThat(e.eventType()).isEqualTo("AwsServiceEvent");
            assertThat(e.userIdentity().invokedBy()).isEqualTo("AWS Internal");
            assertThat(e.serviceEventDetails()).containsEntry("rotationType", "AUTOMATIC")
                    .containsKeys("previousKeyMaterialId", "currentKeyMaterialId");
        });
        assertThat(rotations).extracting(AuditEvent::eventTime).containsExactly(
                TestLabs.START.plus(Duration.ofDays(365)), TestLabs.START.plus(Duration.ofDays(730)),
                TestLabs.START.plus(Duration.ofDays(1095)));
        assertThat(lab.auditTrail().query(AuditQuery.account(A).eventName("DeleteKey"))).singleElement()
                .satisfies(e -> assertThat(e.eventTime()).isEqualTo(TestLabs.START.plus(Duration.ofDays(3 * 365 + 7))));
    }

    @Test
    void memoryStaysBounded_olderEventsGoToAFile_andQueriesStillSeeThem() {
        KmsLab small = KmsLab.builder().startingAt(TestLabs.START).seed(1).auditMemoryLimit(100).build();
        Kms k = small.kms("eu-west-2");
        KeyMetadata key = TestLabs.symmetricKey(k);
        for (int i = 0; i < 1_000; i++) {
            k.encrypt(EncryptRequest.of(key.keyId(), secret));
        }
        AuditTrail trail = small.auditTrail();
        assertThat(trail.size()).isEqualTo(1_001);
        assertThat(trail.inMemory()).isLessThanOrEqualTo(100);
        assertThat(trail.count(AuditQuery.account(A).eventName("Encrypt"))).isEqualTo(1_000);
        assertThat(trail.query(AuditQuery.account(A)).get(0).eventName()).isEqualTo("CreateKey");
    }

    @Test
    void exportIsJsonLines_oneCloudTrailRecordALine() throws Exception {
        KeyMetadata key = TestLabs.symmetricKey(kms);
        kms.encrypt(EncryptRequest.of(key.keyId(), secret));
        StringWriter out = new StringWriter();
        long n = lab.auditTrail().exportJsonLines(AuditQuery.account(A), out);
        String[] lines = out.toString().split("\n");
        assertThat(n).isEqualTo(2);
        assertThat(lines).hasSize(2);
        JsonNode record = new ObjectMapper().readTree(lines[1]);
        assertThat(record.get("eventTime").asText()).isEqualTo("2026-01-20T09:00:00Z");
        assertThat(record.get("resources").get(0).get("ARN").asText()).isEqualTo(key.arn());
        assertThat(record.get("requestParameters").get("keyId").asText()).isEqualTo(key.keyId());
        assertThat(record.has("responseElements")).isTrue();
        assertThat(record.get("responseElements").isNull()).isTrue();
    }
}
