package io.kmslab;

import static io.kmslab.KmsErrors.assertKmsError;
import static org.assertj.core.api.Assertions.assertThat;

import io.kmslab.api.CreateAliasRequest;
import io.kmslab.api.DecryptRequest;
import io.kmslab.api.DescribeKeyRequest;
import io.kmslab.api.DisableKeyRequest;
import io.kmslab.api.EncryptRequest;
import io.kmslab.api.GetKeyLastUsageRequest;
import io.kmslab.api.GetKeyLastUsageResponse;
import io.kmslab.api.KeyLastUsageData;
import io.kmslab.api.KeyMetadata;
import io.kmslab.api.ReEncryptRequest;
import io.kmslab.api.ScheduleKeyDeletionRequest;
import io.kmslab.audit.AuditEvent;
import io.kmslab.audit.AuditQuery;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** GetKeyLastUsage: the last successful cryptographic use of a key, with the eventID of its CloudTrail event. */
class KeyLastUsageTest {
    private final KmsLab lab = TestLabs.lab();
    private final Kms kms = lab.kms("eu-west-2");
    private final byte[] secret = "hello".getBytes(StandardCharsets.UTF_8);

    private GetKeyLastUsageResponse lastUsage(KeyMetadata key) {
        return kms.getKeyLastUsage(GetKeyLastUsageRequest.of(key.keyId()));
    }

    private AuditEvent lastEvent(String eventName) {
        List<AuditEvent> events = lab.auditTrail().query(AuditQuery.account("111122223333").eventName(eventName));
        return events.get(events.size() - 1);
    }

    @Test
    void aKeyNeverUsed_hasAnEmptyLastUsage_andTrackingStartsAtItsCreation() {
        KeyMetadata key = TestLabs.symmetricKey(kms);
        kms.describeKey(DescribeKeyRequest.of(key.keyId()));

        GetKeyLastUsageResponse usage = lastUsage(key);

        assertThat(usage.keyId()).isEqualTo(key.keyId());
        assertThat(usage.keyLastUsage()).isEqualTo(KeyLastUsageData.NONE);
        assertThat(usage.keyCreationDate()).isEqualTo(key.creationDate());
        assertThat(usage.trackingStartDate()).isEqualTo(key.creationDate());
    }

    @Test
    void theLastSuccessfulCryptographicOperation_isAnsweredWithItsEventIdRequestIdAndTime() {
        KeyMetadata key = TestLabs.symmetricKey(kms);
        byte[] ciphertext = kms.encrypt(EncryptRequest.of(key.keyId(), secret)).ciphertextBlob();
        lab.clock().advance(Duration.ofHours(3));
        kms.decrypt(DecryptRequest.of(ciphertext));
        AuditEvent decrypt = lastEvent("Decrypt");
        lab.clock().advance(Duration.ofHours(1));
        // not cryptographic, and a failed use: neither changes the answer
        kms.describeKey(DescribeKeyRequest.of(key.keyId()));
        kms.disableKey(DisableKeyRequest.of(key.keyId()));
        assertKmsError(() -> kms.decrypt(DecryptRequest.of(ciphertext)), "DisabledException", key.arn()
                + " is disabled.");

        KeyLastUsageData last = lastUsage(key).keyLastUsage();

        assertThat(last.operation()).isEqualTo(KmsOperation.Decrypt);
        assertThat(last.timestamp()).isEqualTo(decrypt.eventTime()).isEqualTo(TestLabs.START.plus(Duration.ofHours(3)));
        assertThat(last.cloudTrailEventId()).isEqualTo(decrypt.eventID());
        assertThat(last.kmsRequestId()).isEqualTo(decrypt.requestID());
    }

    @Test
    void reEncrypt_isTheLastUseOfBothItsSourceAndItsDestinationKey() {
        KeyMetadata source = TestLabs.symmetricKey(kms);
        KeyMetadata destination = TestLabs.symmetricKey(kms);
        byte[] ciphertext = kms.encrypt(EncryptRequest.of(source.keyId(), secret)).ciphertextBlob();
        kms.reEncrypt(ReEncryptRequest.builder().ciphertextBlob(ciphertext).destinationKeyId(destination.keyId())
                .build());
        String eventId = lastEvent("ReEncrypt").eventID();

        assertThat(lastUsage(source).keyLastUsage().operation()).isEqualTo(KmsOperation.ReEncrypt);
        assertThat(lastUsage(source).keyLastUsage().cloudTrailEventId()).isEqualTo(eventId);
        assertThat(lastUsage(destination).keyLastUsage().cloudTrailEventId()).isEqualTo(eventId);
    }

    @Test
    void aKeyPendingDeletion_stillAnswers() {
        KeyMetadata key = TestLabs.symmetricKey(kms);
        kms.encrypt(EncryptRequest.of(key.keyId(), secret));
        kms.scheduleKeyDeletion(ScheduleKeyDeletionRequest.of(key.keyId(), 7));

        assertThat(lastUsage(key).keyLastUsage().operation()).isEqualTo(KmsOperation.Encrypt);
    }

    @Test
    void anAlias_isInvalidArnException_andAnUnknownKey_isNotFoundException() {
        KeyMetadata key = TestLabs.symmetricKey(kms);
        kms.createAlias(CreateAliasRequest.of("alias/used", key.keyId()));

        assertKmsError(() -> kms.getKeyLastUsage(GetKeyLastUsageRequest.of("alias/used")), "InvalidArnException",
                "Key Aliases are not supported for this operation.");
        assertKmsError(() -> kms.getKeyLastUsage(GetKeyLastUsageRequest.of("1234abcd-12ab-34cd-56ef-1234567890ab")),
                "NotFoundException", "Key 'arn:aws:kms:eu-west-2:111122223333:key/1234abcd-12ab-34cd-56ef-"
                        + "1234567890ab' does not exist");
    }

    @Test
    void theCallIsAuditedReadOnly_withoutItsResponse_andBilledAsARequest() {
        KeyMetadata key = TestLabs.symmetricKey(kms);
        long before = lab.meter().usage("111122223333", java.time.YearMonth.from(TestLabs.START.atZone(
                java.time.ZoneOffset.UTC))).values().stream().mapToLong(Long::longValue).sum();

        lastUsage(key);

        AuditEvent event = lastEvent("GetKeyLastUsage");
        assertThat(event.readOnly()).isTrue();
        assertThat(event.responseElements()).isNull();
        assertThat(event.requestParameters()).containsEntry("keyId", key.keyId());
        assertThat(event.concerns(key.arn())).isTrue();
        long after = lab.meter().usage("111122223333", java.time.YearMonth.from(TestLabs.START.atZone(
                java.time.ZoneOffset.UTC))).values().stream().mapToLong(Long::longValue).sum();
        assertThat(after).isEqualTo(before + 1);
    }
}
