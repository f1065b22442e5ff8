package io.kmslab;

import static io.kmslab.KmsErrors.assertKmsError;
import static org.assertj.core.api.Assertions.assertThat;

import io.kmslab.api.CancelKeyDeletionRequest;
import io.kmslab.api.CreateAliasRequest;
import io.kmslab.api.CreateKeyRequest;
import io.kmslab.api.DecryptRequest;
import io.kmslab.api.DescribeKeyRequest;
import io.kmslab.api.DisableKeyRequest;
import io.kmslab.api.DisableKeyRotationRequest;
import io.kmslab.api.EnableKeyRequest;
import io.kmslab.api.EnableKeyRotationRequest;
import io.kmslab.api.EncryptRequest;
import io.kmslab.api.GetKeyRotationStatusRequest;
import io.kmslab.api.GetKeyRotationStatusResponse;
import io.kmslab.api.KeyMetadata;
import io.kmslab.api.ListKeyRotationsRequest;
import io.kmslab.api.RotateKeyOnDemandRequest;
import io.kmslab.api.RotationsListEntry;
import io.kmslab.api.ScheduleKeyDeletionRequest;
import io.kmslab.api.UpdateAliasRequest;
import io.kmslab.keys.IncludeKeyMaterial;
import io.kmslab.keys.KeyMaterialState;
import io.kmslab.keys.KeySpec;
import io.kmslab.keys.KeyUsageType;
import io.kmslab.keys.OriginType;
import io.kmslab.keys.RotationType;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RotationTest {
    private final KmsLab lab = TestLabs.lab();
    private final Kms kms = lab.kms("eu-west-2");
    private final KeyMetadata key = TestLabs.symmetricKey(kms);
    private final Instant start = TestLabs.START;

    @Test
    void threeYears_withYearlyRotation_giveExactlyThreeRotations_andOldCiphertextsStillDecrypt() {
        kms.enableKeyRotation(EnableKeyRotationRequest.of(key.keyId()));
        List<byte[]> blobs = new ArrayList<>();
        List<String> materials = new ArrayList<>();
        for (int year = 0; year < 3; year++) {
            blobs.add(encrypt("year " + year));
            materials.add(describe().currentKeyMaterialId());
            lab.clock().advance(Duration.ofDays(365));
        }
        blobs.add(encrypt("after three rotations"));

        List<RotationsListEntry> rotations = kms.listKeyRotations(ListKeyRotationsRequest.of(key.keyId())).rotations();
        assertThat(rotations).hasSize(3);
        assertThat(rotations).extracting(RotationsListEntry::rotationDate).containsExactly(
                start.plus(Duration.ofDays(365)), start.plus(Duration.ofDays(730)), start.plus(Duration.ofDays(1095)));
        assertThat(rotations).extracting(RotationsListEntry::rotationType).containsOnly(RotationType.AUTOMATIC);
        assertThat(rotations).extracting(RotationsListEntry::keyMaterialState).containsExactly(
                KeyMaterialState.NON_CURRENT, KeyMaterialState.NON_CURRENT, KeyMaterialState.CURRENT);
        assertThat(materials).doesNotHaveDuplicates();
        for (int i = 0; i < blobs.size(); i++) {
            assertThat(new String(kms.decrypt(DecryptRequest.of(blobs.get(i))).plaintext(), StandardCharsets.UTF_8))
                    .isEqualTo(i < 3 ? "year " + i : "after three rotations");
        }
        assertThat(kms.decrypt(DecryptRequest.of(blobs.get(0))).keyMaterialId()).isEqualTo(materials.get(0));
        assertThat(describe().keyId()).isEqualTo(key.keyId());
    }

    @Test
    void aJumpOfThreeYearsAtOnce_rotatesThreeTimes_withTheRightDates() {
        kms.enableKeyRotation(EnableKeyRotationRequest.of(key.keyId(), 365));
        byte[] before = encrypt("old");
        lab.clock().advance(Duration.ofDays(3 * 365 + 10));

        assertThat(kms.listKeyRotations(ListKeyRotationsRequest.of(key.keyId())).rotations())
                .extracting(RotationsListEntry::rotationDate).containsExactly(start.plus(Duration.ofDays(365)),
                        start.plus(Duration.ofDays(730)), start.plus(Duration.ofDays(1095)));
        assertThat(kms.getKeyRotationStatus(GetKeyRotationStatusRequest.of(key.keyId())).nextRotationDate())
                .isEqualTo(start.plus(Duration.ofDays(1460)));
        assertThat(kms.decrypt(DecryptRequest.of(before)).plaintext()).isEqualTo("old".getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void rotationStatus_showsPeriodAndNextDate() {
        GetKeyRotationStatusResponse off = kms.getKeyRotationStatus(GetKeyRotationStatusRequest.of(key.keyId()));
        assertThat(off.keyRotationEnabled()).isFalse();
        kms.enableKeyRotation(EnableKeyRotationRequest.of(key.keyId(), 90));
        GetKeyRotationStatusResponse on = kms.getKeyRotationStatus(GetKeyRotationStatusRequest.of(key.keyId()));
        assertThat(on.keyRotationEnabled()).isTrue();
        assertThat(on.rotationPeriodInDays()).isEqualTo(90);
        assertThat(on.nextRotationDate()).isEqualTo(start.plus(Duration.ofDays(90)));
        assertThat(on.keyId()).isEqualTo(key.arn());
    }

    @Test
    void rotationPeriod_isNinetyTo2560Days() {
        assertKmsError(() -> kms.enableKeyRotation(EnableKeyRotationRequest.of(key.keyId(), 89)),
                "ValidationException", "1 validation error detected: Value '89' at 'rotationPeriodInDays' failed to "
                        + "satisfy constraint: Member must have value greater than or equal to 90");
        assertKmsError(() -> kms.enableKeyRotation(EnableKeyRotationRequest.of(key.keyId(), 2561)),
                "ValidationException", "1 validation error detected: Value '2561' at 'rotationPeriodInDays' failed "
                        + "to satisfy constraint: Member must have value less than or equal to 2560");
    }

    @Test
    void aDisabledKey_doesNotRotate_andCatchesUpWhenEnabled() {
        kms.enableKeyRotation(EnableKeyRotationRequest.of(key.keyId()));
        kms.disableKey(DisableKeyRequest.of(key.keyId()));
        lab.clock().advance(Duration.ofDays(400));
        assertThat(kms.listKeyRotations(ListKeyRotationsRequest.of(key.keyId())).rotations()).isEmpty();

        kms.enableKey(EnableKeyRequest.of(key.keyId()));

        List<RotationsListEntry> rotations = kms.listKeyRotations(ListKeyRotationsRequest.of(key.keyId())).rotations();
        assertThat(rotations).hasSize(1);
        assertThat(rotations.get(0).rotationDate()).isEqualTo(start.plus(Duration.ofDays(400)));
        assertThat(kms.getKeyRotationStatus(GetKeyRotationStatusRequest.of(key.keyId())).nextRotationDate())
                .isEqualTo(start.plus(Duration.ofDays(765)));
    }

    @Test
    void pendingDeletion_readsAsNotRotating_andCancellingRestoresIt() {
        kms.enableKeyRotation(EnableKeyRotationRequest.of(key.keyId()));
        kms.scheduleKeyDeletion(ScheduleKeyDeletionRequest.of(key.keyId(), 30));
        assertThat(kms.getKeyRotationStatus(GetKeyRotationStatusRequest.of(key.keyId())).keyRotationEnabled())
                .isFalse();
        kms.cancelKeyDeletion(CancelKeyDeletionRequest.of(key.keyId()));
        assertThat(kms.getKeyRotationStatus(GetKeyRotationStatusRequest.of(key.keyId())).keyRotationEnabled())
                .isTrue();
    }

    @Test
    void disableKeyRotation_stopsTheSchedule() {
        kms.enableKeyRotation(EnableKeyRotationRequest.of(key.keyId()));
        kms.disableKeyRotation(DisableKeyRotationRequest.of(key.keyId()));
        lab.clock().advance(Duration.ofDays(800));
        assertThat(kms.listKeyRotations(ListKeyRotationsRequest.of(key.keyId())).rotations()).isEmpty();
    }

    @Test
    void rotationRefusals() {
        KeyMetadata rsa = TestLabs.key(kms, KeySpec.RSA_2048, KeyUsageType.ENCRYPT_DECRYPT);
        KeyMetadata hmac = TestLabs.key(kms, KeySpec.HMAC_256, KeyUsageType.GENERATE_VERIFY_MAC);
        KeyMetadata external = kms.createKey(CreateKeyRequest.builder().origin(OriginType.EXTERNAL).build())
                .keyMetadata();
        assertKmsError(() -> kms.enableKeyRotation(EnableKeyRotationRequest.of(rsa.keyId())),
                "UnsupportedOperationException", "");
        assertKmsError(() -> kms.enableKeyRotation(EnableKeyRotationRequest.of(hmac.keyId())),
                "UnsupportedOperationException", "");
        assertKmsError(() -> kms.rotateKeyOnDemand(RotateKeyOnDemandRequest.of(rsa.keyId())),
                "UnsupportedOperationException", "");
        assertKmsError(() -> kms.enableKeyRotation(EnableKeyRotationRequest.of(external.keyId())),
                "KMSInvalidStateException", external.arn() + " is pending import.");
        kms.disableKey(DisableKeyRequest.of(key.keyId()));
        assertKmsError(() -> kms.enableKeyRotation(EnableKeyRotationRequest.of(key.keyId())), "DisabledException",
                key.arn() + " is disabled.");
        assertKmsError(() -> kms.rotateKeyOnDemand(RotateKeyOnDemandRequest.of(key.keyId())), "DisabledException",
                key.arn() + " is disabled.");
    }

    @Test
    void onDemandRotation_isIndependentOfTheSchedule_andLimitedTo25() {
        byte[] old = encrypt("before");
        for (int i = 0; i < 25; i++) {
            assertThat(kms.rotateKeyOnDemand(RotateKeyOnDemandRequest.of(key.keyId())).keyId()).isEqualTo(key.arn());
        }
        assertKmsError(() -> kms.rotateKeyOnDemand(RotateKeyOnDemandRequest.of(key.keyId())),
                "LimitExceededException", "The on-demand rotations limit has been reached for the given keyId. No "
                        + "more on-demand rotations can be performed for this key: " + key.arn());
        assertThat(kms.listKeyRotations(ListKeyRotationsRequest.builder().keyId(key.keyId())
                .includeKeyMaterial(IncludeKeyMaterial.ALL_KEY_MATERIAL).limit(1000).build()).rotations())
                .hasSize(26);
        assertThat(kms.getKeyRotationStatus(GetKeyRotationStatusRequest.of(key.keyId())).keyRotationEnabled())
                .isFalse();
        assertThat(kms.decrypt(DecryptRequest.of(old)).plaintext()).isEqualTo("before".getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void manualRotation_movesTheAlias_andKeepsTheOldKeyForOldData() {
        kms.createAlias(CreateAliasRequest.of("alias/app", key.keyId()));
        byte[] old = kms.encrypt(EncryptRequest.of("alias/app", "v1".getBytes(StandardCharsets.UTF_8)))
                .ciphertextBlob();
        KeyMetadata next = TestLabs.symmetricKey(kms);
        kms.updateAlias(UpdateAliasRequest.of("alias/app", next.keyId()));
        byte[] fresh = kms.encrypt(EncryptRequest.of("alias/app", "v2".getBytes(StandardCharsets.UTF_8)))
                .ciphertextBlob();

        assertThat(lab.inspect(old).keyId()).isEqualTo(key.keyId());
        assertThat(lab.inspect(fresh).keyId()).isEqualTo(next.keyId());
        assertThat(kms.decrypt(DecryptRequest.of(old)).keyId()).isEqualTo(key.arn());
    }

    private byte[] encrypt(String text) {
        return kms.encrypt(EncryptRequest.of(key.keyId(), text.getBytes(StandardCharsets.UTF_8))).ciphertextBlob();
    }

    private KeyMetadata describe() {
        return kms.describeKey(DescribeKeyRequest.of(key.keyId())).keyMetadata();
    }
}
