package io.kmslab;

import static io.kmslab.KmsErrors.assertKmsError;
import static org.assertj.core.api.Assertions.assertThat;

import io.kmslab.api.CancelKeyDeletionRequest;
import io.kmslab.api.CreateAliasRequest;
import io.kmslab.api.CreateKeyRequest;
import io.kmslab.api.DescribeKeyRequest;
import io.kmslab.api.DisableKeyRequest;
import io.kmslab.api.EnableKeyRequest;
import io.kmslab.api.EncryptRequest;
import io.kmslab.api.KeyMetadata;
import io.kmslab.api.ListAliasesRequest;
import io.kmslab.api.ListKeysRequest;
import io.kmslab.api.ScheduleKeyDeletionRequest;
import io.kmslab.api.ScheduleKeyDeletionResponse;
import io.kmslab.api.Tag;
import io.kmslab.api.TagResourceRequest;
import io.kmslab.api.UpdateKeyDescriptionRequest;
import io.kmslab.keys.EncryptionAlgorithmSpec;
import io.kmslab.keys.KeyManagerType;
import io.kmslab.keys.KeySpec;
import io.kmslab.keys.KeyState;
import io.kmslab.keys.KeyUsageType;
import io.kmslab.keys.OriginType;
import io.kmslab.operations.Aliases;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class KeyLifecycleTest {
    private final KmsLab lab = TestLabs.lab();
    private final Kms kms = lab.kms("eu-west-2");
    private final byte[] secret = "hello".getBytes(StandardCharsets.UTF_8);

    @Test
    void createKey_withoutArguments_isAnEnabledSymmetricCustomerManagedKey() {
        KeyMetadata key = kms.createKey(CreateKeyRequest.builder().build()).keyMetadata();

        assertThat(key.keyState()).isEqualTo(KeyState.Enabled);
        assertThat(key.enabled()).isTrue();
        assertThat(key.keySpec()).isEqualTo(KeySpec.SYMMETRIC_DEFAULT);
        assertThat(key.keyUsage()).isEqualTo(KeyUsageType.ENCRYPT_DECRYPT);
        assertThat(key.keyManager()).isEqualTo(KeyManagerType.CUSTOMER);
        assertThat(key.origin()).isEqualTo(OriginType.AWS_KMS);
        assertThat(key.encryptionAlgorithms()).containsExactly(EncryptionAlgorithmSpec.SYMMETRIC_DEFAULT);
        assertThat(key.awsAccountId()).isEqualTo("111122223333");
        assertThat(key.arn()).isEqualTo("arn:aws:kms:eu-west-2:111122223333:key/" + key.keyId());
        assertThat(key.keyId()).matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
        assertThat(key.creationDate()).isEqualTo(TestLabs.START);
        assertThat(key.currentKeyMaterialId()).matches("[0-9a-f]{64}");
        assertThat(key.deletionDate()).isNull();
    }

    @Test
    void createKey_withOriginExternal_isPendingImportAndCannotEncrypt() {
        KeyMetadata key = kms.createKey(CreateKeyRequest.builder().origin(OriginType.EXTERNAL).build()).keyMetadata();

        assertThat(key.keyState()).isEqualTo(KeyState.PendingImport);
        assertThat(key.enabled()).isFalse();
        assertKmsError(() -> kms.encrypt(EncryptRequest.of(key.keyId(), secret)),
                "KMSInvalidStateException", key.arn() + " is pending import.");
        assertKmsError(() -> kms.enableKey(EnableKeyRequest.of(key.keyId())),
                "KMSInvalidStateException", key.arn() + " is pending import.");
    }

    @Test
    void disableKey_thenEncrypt_isDisabledException_andEnableKeyRestoresIt() {
        KeyMetadata key = TestLabs.symmetricKey(kms);
        kms.disableKey(DisableKeyRequest.of(key.keyId()));

        assertThat(describe(key).keyState()).isEqualTo(KeyState.Disabled);
        assertThat(describe(key).enabled()).isFalse();
        assertKmsError(() -> kms.encrypt(EncryptRequest.of(key.keyId(), secret)),
                "DisabledException", key.arn() + " is disabled.");

        kms.enableKey(EnableKeyRequest.of(key.keyId()));
        assertThat(kms.encrypt(EncryptRequest.of(key.keyId(), secret)).ciphertextBlob()).isNotEmpty();
    }

    @Test
    void scheduleKeyDeletion_defaultWindow_is30Days() {
        KeyMetadata key = TestLabs.symmetricKey(kms);
        ScheduleKeyDeletionResponse r = kms.scheduleKeyDeletion(ScheduleKeyDeletionRequest.of(key.keyId()));

        assertThat(r.keyId()).isEqualTo(key.arn());
        assertThat(r.pendingWindowInDays()).isEqualTo(30);
        assertThat(r.keyState()).isEqualTo(KeyState.PendingDeletion);
        assertThat(r.deletionDate()).isEqualTo(TestLabs.START.plus(Duration.ofDays(30)));
        KeyMetadata described = describe(key);
        assertThat(described.keyState()).isEqualTo(KeyState.PendingDeletion);
        assertThat(described.deletionDate()).isEqualTo(r.deletionDate());
        assertThat(described.enabled()).isFalse();
    }

    @Test
    void scheduleKeyDeletion_outsideSevenToThirtyDays_isValidationException() {
        KeyMetadata key = TestLabs.symmetricKey(kms);
        for (int days : new int[] {1, 6, 31, 365}) {
            assertKmsError(() -> kms.scheduleKeyDeletion(ScheduleKeyDeletionRequest.of(key.keyId(), days)),
                    "ValidationException", "PendingWindowInDays must be between 7 and 30");
        }
        assertKmsError(() -> kms.scheduleKeyDeletion(ScheduleKeyDeletionRequest.of(key.keyId(), 0)),
                "ValidationException", "1 validation error detected: Value '0' at 'pendingWindowInDays' failed to "
                        + "satisfy constraint: Member must have value greater than or equal to 1");
        assertKmsError(() -> kms.scheduleKeyDeletion(ScheduleKeyDeletionRequest.of(key.keyId(), 366)),
                "ValidationException", "1 validation error detected: Value '366' at 'pendingWindowInDays' failed "
                        + "to satisfy constraint: Member must have value less than or equal to 365");
        assertThat(describe(key).keyState()).isEqualTo(KeyState.Enabled);
    }

    @Test
    void deletion_afterSevenDaysAndAMoment_keyIsNotFound() {
        KeyMetadata key = TestLabs.symmetricKey(kms);
        kms.createAlias(CreateAliasRequest.of("alias/doomed", key.keyId()));
        kms.scheduleKeyDeletion(ScheduleKeyDeletionRequest.of(key.keyId(), 7));

        lab.clock().advance(Duration.ofDays(7).minusSeconds(1));
        assertThat(describe(key).keyState()).isEqualTo(KeyState.PendingDeletion);

        lab.clock().advance(Duration.ofSeconds(2));
        assertKmsError(() -> describe(key), "NotFoundException", "Key '" + key.arn() + "' does not exist");
        assertThat(kms.listKeys(ListKeysRequest.builder().build()).keys()).isEmpty();
        assertThat(kms.listAliases(ListAliasesRequest.builder().build()).aliases()).isEmpty();
    }

    @Test
    void cancelKeyDeletion_leavesTheKeyDisabled_andItSurvivesTheWindow() {
        KeyMetadata key = TestLabs.symmetricKey(kms);
        kms.scheduleKeyDeletion(ScheduleKeyDeletionRequest.of(key.keyId(), 7));

        assertThat(kms.cancelKeyDeletion(CancelKeyDeletionRequest.of(key.keyId())).keyId()).isEqualTo(key.arn());
        lab.clock().advance(Duration.ofDays(8));

        KeyMetadata described = describe(key);
        assertThat(described.keyState()).isEqualTo(KeyState.Disabled);
        assertThat(described.deletionDate()).isNull();
    }

    @Test
    void cancelKeyDeletion_ofAKeyNotPendingDeletion_isInvalidState() {
        KeyMetadata key = TestLabs.symmetricKey(kms);
        assertKmsError(() -> kms.cancelKeyDeletion(CancelKeyDeletionRequest.of(key.keyId())),
                "KMSInvalidStateException", key.arn() + " is not pending deletion.");
        kms.disableKey(DisableKeyRequest.of(key.keyId()));
        assertKmsError(() -> kms.cancelKeyDeletion(CancelKeyDeletionRequest.of(key.keyId())),
                "KMSInvalidStateException", key.arn() + " is not pending deletion.");
    }

    @Test
    void pendingDeletion_refusesStateChangesTagsDescriptionAndAliases() {
        KeyMetadata key = TestLabs.symmetricKey(kms);
        kms.scheduleKeyDeletion(ScheduleKeyDeletionRequest.of(key.keyId(), 7));
        String message = key.arn() + " is pending deletion.";

        assertKmsError(() -> kms.encrypt(EncryptRequest.of(key.keyId(), secret)), "KMSInvalidStateException", message);
        assertKmsError(() -> kms.enableKey(EnableKeyRequest.of(key.keyId())), "KMSInvalidStateException", message);
        assertKmsError(() -> kms.disableKey(DisableKeyRequest.of(key.keyId())), "KMSInvalidStateException", message);
        assertKmsError(() -> kms.scheduleKeyDeletion(ScheduleKeyDeletionRequest.of(key.keyId(), 7)),
                "KMSInvalidStateException", message);
        assertKmsError(() -> kms.tagResource(TagResourceRequest.of(key.keyId(), List.of(Tag.of("team", "a")))),
                "KMSInvalidStateException", message);
        assertKmsError(() -> kms.updateKeyDescription(UpdateKeyDescriptionRequest.of(key.keyId(), "x")),
                "KMSInvalidStateException", message);
        assertKmsError(() -> kms.createAlias(CreateAliasRequest.of("alias/late", key.keyId())),
                "KMSInvalidStateException", message);
        assertThat(describe(key).keyState()).isEqualTo(KeyState.PendingDeletion);
    }

    @Test
    void disabledKey_allowsTagsDescriptionAliasesAndDeletion() {
        KeyMetadata key = TestLabs.symmetricKey(kms);
        kms.disableKey(DisableKeyRequest.of(key.keyId()));

        kms.tagResource(TagResourceRequest.of(key.keyId(), List.of(Tag.of("team", "a"))));
        kms.updateKeyDescription(UpdateKeyDescriptionRequest.of(key.keyId(), "still here"));
        kms.createAlias(CreateAliasRequest.of("alias/disabled", key.keyId()));
        kms.scheduleKeyDeletion(ScheduleKeyDeletionRequest.of(key.keyId(), 7));

        assertThat(describe(key).keyState()).isEqualTo(KeyState.PendingDeletion);
        assertThat(describe(key).description()).isEqualTo("still here");
    }

    @Test
    void keyManagementOperations_refuseAliases() {
        KeyMetadata key = TestLabs.symmetricKey(kms);
        kms.createAlias(CreateAliasRequest.of("alias/mgmt", key.keyId()));
        String message = "Key Aliases are not supported for this operation.";

        assertKmsError(() -> kms.disableKey(DisableKeyRequest.of("alias/mgmt")), "InvalidArnException", message);
        assertKmsError(() -> kms.scheduleKeyDeletion(ScheduleKeyDeletionRequest.of(
                "arn:aws:kms:eu-west-2:111122223333:alias/mgmt", 7)), "InvalidArnException", message);
    }

    @Test
    void createKey_asymmetricWithoutKeyUsage_isValidationException() {
        assertKmsError(() -> kms.createKey(CreateKeyRequest.builder().keySpec(KeySpec.RSA_2048).build()),
                "ValidationException",
                "You must specify a KeyUsage value for all KMS keys except for symmetric encryption keys.");
        assertKmsError(() -> kms.createKey(CreateKeyRequest.builder().keySpec(KeySpec.HMAC_256).build()),
                "ValidationException",
                "You must specify a KeyUsage value for all KMS keys except for symmetric encryption keys.");
    }

    @Test
    void createKey_incompatibleSpecAndUsage_isValidationException() {
        assertKmsError(() -> kms.createKey(CreateKeyRequest.builder().keyUsage(KeyUsageType.SIGN_VERIFY).build()),
                "ValidationException", "KeyUsage SIGN_VERIFY is not compatible with KeySpec SYMMETRIC_DEFAULT.");
        assertKmsError(() -> kms.createKey(CreateKeyRequest.builder().keySpec(KeySpec.ECC_NIST_P256)
                .keyUsage(KeyUsageType.ENCRYPT_DECRYPT).build()),
                "ValidationException", "KeyUsage ENCRYPT_DECRYPT is not compatible with KeySpec ECC_NIST_P256.");
        assertKmsError(() -> kms.createKey(CreateKeyRequest.builder().keySpec(KeySpec.HMAC_512)
                .keyUsage(KeyUsageType.ENCRYPT_DECRYPT).build()),
                "ValidationException", "KeyUsage ENCRYPT_DECRYPT is not compatible with KeySpec HMAC_512.");
        assertKmsError(() -> kms.createKey(CreateKeyRequest.builder().keySpec(KeySpec.ECC_SECG_P256K1)
                .keyUsage(KeyUsageType.KEY_AGREEMENT).build()),
                "ValidationException", "KeyUsage KEY_AGREEMENT is not compatible with KeySpec ECC_SECG_P256K1.");
    }

    @Test
    void createKey_sm2OutsideChina_isUnsupported() {
        assertKmsError(() -> kms.createKey(CreateKeyRequest.builder().keySpec(KeySpec.SM2)
                .keyUsage(KeyUsageType.SIGN_VERIFY).build()),
                "UnsupportedOperationException", "KeySpec SM2 is not supported in this Region");
    }

    @Test
    void createKey_descriptionOver8192_isValidationException() {
        String longText = "d".repeat(8193);
        assertKmsError(() -> kms.createKey(CreateKeyRequest.builder().description(longText).build()),
                "ValidationException", "1 validation error detected: Value '" + longText + "' at 'description' "
                        + "failed to satisfy constraint: Member must have length less than or equal to 8192");
        assertThat(kms.listKeys(ListKeysRequest.builder().build()).keys()).isEmpty();
    }

    @Test
    void createKey_storesTheDefaultKeyPolicyOfTheAccount() {
        assertThat(Kms.defaultKeyPolicy("111122223333")).isEqualTo("{\"Version\":\"2012-10-17\","
                + "\"Id\":\"key-default-1\",\"Statement\":[{\"Sid\":\"Enable IAM User Permissions\","
                + "\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"arn:aws:iam::111122223333:root\"},"
                + "\"Action\":\"kms:*\",\"Resource\":\"*\"}]}");
    }

    private KeyMetadata describe(KeyMetadata key) {
        return kms.describeKey(DescribeKeyRequest.of(key.keyId())).keyMetadata();
    }
}
