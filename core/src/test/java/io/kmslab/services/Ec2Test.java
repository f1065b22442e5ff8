package io.kmslab.services;

import static io.kmslab.services.TestKeys.importMaterial;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kmslab.Caller;
import io.kmslab.Kms;
import io.kmslab.KmsLab;
import io.kmslab.api.CancelKeyDeletionRequest;
import io.kmslab.api.CreateAliasRequest;
import io.kmslab.api.CreateKeyRequest;
import io.kmslab.api.DeleteImportedKeyMaterialRequest;
import io.kmslab.api.DescribeKeyRequest;
import io.kmslab.api.DisableKeyRequest;
import io.kmslab.api.EnableKeyRequest;
import io.kmslab.api.GrantListEntry;
import io.kmslab.api.KeyMetadata;
import io.kmslab.api.ListGrantsRequest;
import io.kmslab.api.PutKeyPolicyRequest;
import io.kmslab.api.ScheduleKeyDeletionRequest;
import io.kmslab.audit.AuditEvent;
import io.kmslab.audit.AuditQuery;
import io.kmslab.billing.Bill;
import io.kmslab.keys.KeyManagerType;
import io.kmslab.keys.OriginType;
import io.kmslab.policy.KeyPolicies;
import io.kmslab.services.common.AwsServiceException;
import io.kmslab.services.ec2.AsynchronousFailure;
import io.kmslab.services.ec2.CopySnapshotRequest;
import io.kmslab.services.ec2.CreateVolumeRequest;
import io.kmslab.services.ec2.DescribeSnapshotsRequest;
import io.kmslab.services.ec2.EbsNotification;
import io.kmslab.services.ec2.Ec2;
import io.kmslab.services.ec2.ModifySnapshotAttributeRequest;
import io.kmslab.services.ec2.Snapshot;
import io.kmslab.services.ec2.SnapshotState;
import io.kmslab.services.ec2.Volume;
import io.kmslab.services.ec2.VolumeAttachment;
import io.kmslab.services.ec2.VolumeAttachmentState;
import io.kmslab.services.ec2.VolumeState;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class Ec2Test {
    private static final String OWNER = "111122223333";
    private static final String OTHER = "444455556666";
    private static final String LONDON = "eu-west-2";
    private static final String VIRGINIA = "us-east-1";
    private static final String INSTANCE = "i-0123456789abcdef0";
    private static final byte[] DATA = "The vault code is 1729.".getBytes(StandardCharsets.UTF_8);

    private final KmsLab lab = KmsLab.builder().startingAt(Instant.parse("2026-03-01T00:00:00Z")).seed(7).build();
    private final Caller root = Caller.root(OWNER);
    private final Caller other = Caller.root(OTHER);
    private final Ec2 london = AwsCloud.of(lab).ec2(root, LONDON);
    private final Ec2 virginia = AwsCloud.of(lab).ec2(root, VIRGINIA);

    // ------------------------------------------------------------------------------------------ encryption by default

    @Test
    void encryptionByDefault_isOffAndAwsEbs_untilChanged_andIsASettingOfOneRegion() {
        assertThat(london.getEbsEncryptionByDefault().ebsEncryptionByDefault()).isFalse();
        assertThat(london.getEbsDefaultKmsKeyId().kmsKeyId())
                .isEqualTo("arn:aws:kms:eu-west-2:111122223333:alias/aws/ebs");

        assertThat(london.enableEbsEncryptionByDefault().ebsEncryptionByDefault()).isTrue();
        KeyMetadata key = key(LONDON, "london-default");
        assertThat(london.modifyEbsDefaultKmsKeyId(key.keyId()).kmsKeyId()).isEqualTo(key.arn());

        assertThat(london.getEbsEncryptionByDefault().ebsEncryptionByDefault()).isTrue();
        assertThat(london.getEbsDefaultKmsKeyId().kmsKeyId()).isEqualTo(key.arn());
        assertThat(virginia.getEbsEncryptionByDefault().ebsEncryptionByDefault()).isFalse();
        assertThat(virginia.getEbsDefaultKmsKeyId().kmsKeyId()).endsWith("us-east-1:111122223333:alias/aws/ebs");
        assertThat(AwsCloud.of(lab).ec2(other, LONDON).getEbsEncryptionByDefault().ebsEncryptionByDefault())
                .isFalse();

        assertThat(london.resetEbsDefaultKmsKeyId().kmsKeyId()).endsWith("eu-west-2:111122223333:alias/aws/ebs");
        assertThat(london.disableEbsEncryptionByDefault().ebsEncryptionByDefault()).isFalse();
        assertThatThrownBy(() -> london.modifyEbsDefaultKmsKeyId(" "))
                .isInstanceOfSatisfying(AwsServiceException.class, e -> assertThat(e.errorCode())
                        .isEqualTo("MissingParameter"));
    }

    @Test
    void encryptionByDefault_encryptsNewVolumesUnderTheModifiedDefaultKey_butNotExistingOnes() {
        Volume before = london.createVolume(CreateVolumeRequest.empty("eu-west-2a", 8));
        KeyMetadata key = key(LONDON, "default-key");
        london.modifyEbsDefaultKmsKeyId("alias/default-key");
        london.enableEbsEncryptionByDefault();

        Volume after = london.createVolume(CreateVolumeRequest.empty("eu-west-2b", 8));

        assertThat(london.describeVolume(before.volumeId()).encrypted()).isFalse();
        assertThat(london.describeVolume(after.volumeId()).encrypted()).isTrue();
        assertThat(london.describeVolume(after.volumeId()).kmsKeyId()).isEqualTo(key.arn());
        assertThat(event(LONDON, "GenerateDataKeyWithoutPlaintext").requestParameters())
                .containsEntry("keyId", "arn:aws:kms:eu-west-2:111122223333:alias/default-key");
    }

    // ------------------------------------------------------------------------------------------ creating volumes

    @Test
    void createVolume_underACustomerKey_asksFor64BytesWithAwsEbsIdContext_asTheCallerThroughEc2() {
        KeyMetadata key = key(LONDON, "ebs-data");
        long requestsBefore = billedRequests();

        Volume volume = london.createVolume(CreateVolumeRequest.encrypted("eu-west-2a", 8, "alias/ebs-data"));

        assertThat(volume.state()).isEqualTo(VolumeState.CREATING);
        assertThat(volume.volumeId()).matches("vol-[0-9a-f]{17}");
        assertThat(volume.kmsKeyId()).isEqualTo(key.arn());
        assertThat(london.describeVolume(volume.volumeId()).state()).isEqualTo(VolumeState.AVAILABLE);
        AuditEvent generated = event(LONDON, "GenerateDataKeyWithoutPlaintext");
        assertThat(generated.requestParameters())
                .containsEntry("keyId", "alias/ebs-data")
                .containsEntry("numberOfBytes", 64)
                .containsEntry("encryptionContext", Map.of("aws:ebs:id", volume.volumeId()));
        assertThat(generated.userIdentity().arn()).isEqualTo(root.arn());
        assertThat(generated.userIdentity().invokedBy()).isNull();
        assertThat(generated.userAgent()).isEqualTo("AWS Internal");
        assertThat(events(LONDON).stream().map(AuditEvent::eventName)).containsExactly("CreateKey", "CreateAlias",
                "GenerateDataKeyWithoutPlaintext");
        assertThat(billedRequests()).as("one KMS request on the caller's bill").isEqualTo(requestsBefore + 1);
    }

    @Test
    void createVolume_encryptedWithoutKey_usesAwsEbs_whichEbsCreatesWhenFirstNeeded() {
        assertThat(lab.aliases()).noneMatch(a -> a.aliasName().equals("alias/aws/ebs"));

        Volume volume = london.createVolume(CreateVolumeRequest.encrypted("eu-west-2a", 8, null));

        KeyMetadata awsEbs = lab.kms(root, LONDON).describeKey(DescribeKeyRequest.of("alias/aws/ebs")).keyMetadata();
        assertThat(awsEbs.keyManager()).isEqualTo(KeyManagerType.AWS);
        assertThat(volume.kmsKeyId()).isEqualTo(awsEbs.arn());
        assertThat(event(LONDON, "GenerateDataKeyWithoutPlaintext").requestParameters())
                .containsEntry("keyId", "alias/aws/ebs");
    }

    @Test
    void createVolume_unencrypted_makesNoKmsCall() {
        Volume volume = london.createVolume(CreateVolumeRequest.empty("eu-west-2a", 8));

        assertThat(volume.encrypted()).isFalse();
        assertThat(volume.kmsKeyId()).isNull();
        assertThat(events(LONDON)).isEmpty();
    }

    @Test
    void createVolume_withKmsKeyIdButNotEncrypted_isInvalidParameterDependency_andCreatesNothing() {
        key(LONDON, "ebs-data");

        assertThatThrownBy(() -> london.createVolume(new CreateVolumeRequest("eu-west-2a", 8, null, null,
                "alias/ebs-data", null)))
                .isInstanceOfSatisfying(AwsServiceException.class, e -> {
                    assertThat(e.service()).isEqualTo("ec2");
                    assertThat(e.errorCode()).isEqualTo("InvalidParameterDependency");
                    assertThat(e.statusCode()).isEqualTo(400);
                    assertThat(e.getMessage()).isEqualTo("The parameter [KmsKeyId] requires the parameter Encrypted "
                            + "to be set.");
                });
        assertThat(london.describeVolumes(io.kmslab.services.ec2.DescribeVolumesRequest.of()).volumes()).isEmpty();
        assertThat(events(LONDON).stream().map(AuditEvent::eventName)).doesNotContain("GenerateDataKeyWithoutPlaintext");
    }

    @Test
    void createVolume_inAZoneOfAnotherRegion_isInvalidParameterValue() {
        assertThatThrownBy(() -> london.createVolume(CreateVolumeRequest.empty("us-east-1a", 8)))
                .isInstanceOfSatisfying(AwsServiceException.class, e -> {
                    assertThat(e.errorCode()).isEqualTo("InvalidParameterValue");
                    assertThat(e.getMessage()).isEqualTo("Invalid availability zone: [us-east-1a]");
                });
    }

    @Test
    void createVolume_withADisabledKey_appearsToWork_thenTheVolumeIsGone_andEventBridgeSaysWhy() {
        KeyMetadata key = key(LONDON, "ebs-data");
        lab.kms(root, LONDON).disableKey(DisableKeyRequest.of(key.keyId()));

        Volume volume = london.createVolume(CreateVolumeRequest.encrypted("eu-west-2a", 8, key.arn()));

        assertThat(volume.state()).isEqualTo(VolumeState.CREATING);
        assertThatThrownBy(() -> london.describeVolume(volume.volumeId()))
                .isInstanceOfSatisfying(AwsServiceException.class, e -> {
                    assertThat(e.errorCode()).isEqualTo("InvalidVolume.NotFound");
                    assertThat(e.getMessage()).isEqualTo("The volume '" + volume.volumeId() + "' does not exist.");
                });
        EbsNotification notification = london.ebsNotifications().get(0);
        assertThat(notification.event()).isEqualTo("createVolume");
        assertThat(notification.result()).isEqualTo("failed");
        assertThat(notification.cause()).isEqualTo(key.arn() + " is disabled.");
        AsynchronousFailure failure = london.failureOf(volume.volumeId()).orElseThrow();
        assertThat(failure.kmsError().errorCode()).isEqualTo("DisabledException");
        assertThat(virginia.failureOf(volume.volumeId())).isEmpty();
        assertThat(event(LONDON, "GenerateDataKeyWithoutPlaintext").errorCode()).isEqualTo("DisabledException");
    }

    // ------------------------------------------------------------------------------------------ attaching

    @Test
    void attachVolume_grantsTheInstanceDecrypt_limitedToTheVolume_thenItsInfrastructureDecryptsTheDataKey() {
        KeyMetadata key = key(LONDON, "ebs-data");
        Volume volume = london.createVolume(CreateVolumeRequest.encrypted("eu-west-2a", 8, key.arn()));

        VolumeAttachment attachment = london.attachVolume(volume.volumeId(), INSTANCE);

        assertThat(attachment.state()).isEqualTo(VolumeAttachmentState.ATTACHING);
        assertThat(london.describeVolume(volume.volumeId()).state()).isEqualTo(VolumeState.IN_USE);
        String infrastructure = "arn:aws:sts::111122223333:assumed-role/aws:ec2-infrastructure/" + INSTANCE;
        List<GrantListEntry> grants = lab.kms(root, LONDON).listGrants(ListGrantsRequest.of(key.keyId())).grants();
        assertThat(grants).hasSize(1);
        assertThat(grants.get(0).granteePrincipal()).isEqualTo(infrastructure);
        assertThat(grants.get(0).operations()).extracting(Object::toString).containsExactly("Decrypt");
        assertThat(grants.get(0).constraints().encryptionContextSubset())
                .isEqualTo(Map.of("aws:ebs:id", volume.volumeId()));
        AuditEvent grant = event(LONDON, "CreateGrant");
        assertThat(grant.userIdentity().arn()).isEqualTo(root.arn());
        assertThat(grant.userAgent()).isEqualTo("AWS Internal");
        AuditEvent decrypt = event(LONDON, "Decrypt");
        assertThat(decrypt.userIdentity().type()).isEqualTo("AssumedRole");
        assertThat(decrypt.userIdentity().arn()).isEqualTo(infrastructure);
        assertThat(decrypt.errorCode()).isNull();
        assertThat(decrypt.requestParameters()).containsEntry("encryptionContext",
                Map.of("aws:ebs:id", volume.volumeId()));
    }

    @Test
    void writeAndRead_anAttachedEncryptedVolume_makeNoKmsCall_andStoreOnlyCiphertext() {
        KeyMetadata key = key(LONDON, "ebs-data");
        Volume volume = london.createVolume(CreateVolumeRequest.encrypted("eu-west-2a", 8, key.arn()));
        london.attachVolume(volume.volumeId(), INSTANCE);
        int before = events(LONDON).size();

        london.writeVolume(volume.volumeId(), DATA);

        assertThat(london.readVolume(volume.volumeId())).isEqualTo(DATA);
        assertThat(events(LONDON)).hasSize(before);
        Snapshot snapshot = london.createSnapshot(volume.volumeId());
        assertThat(snapshot.toString()).doesNotContain("vault");
    }

    @Test
    void aDisabledKey_doesNotStopAnAttachedVolume_butTheNextAttachFails_untilTheKeyIsEnabledAgain() {
        KeyMetadata key = key(LONDON, "ebs-data");
        Volume volume = london.createVolume(CreateVolumeRequest.encrypted("eu-west-2a", 8, key.arn()));
        london.attachVolume(volume.volumeId(), INSTANCE);
        london.writeVolume(volume.volumeId(), DATA);
        Kms kms = lab.kms(root, LONDON);

        kms.disableKey(DisableKeyRequest.of(key.keyId()));
        london.writeVolume(volume.volumeId(), "still written".getBytes(StandardCharsets.UTF_8));
        assertThat(london.readVolume(volume.volumeId())).asString(StandardCharsets.UTF_8).isEqualTo("still written");
        london.detachVolume(volume.volumeId());

        assertThatThrownBy(() -> london.attachVolume(volume.volumeId(), INSTANCE))
                .isInstanceOfSatisfying(AwsServiceException.class, e -> {
                    assertThat(e.errorCode()).isEqualTo("CustomerKeyHasBeenRevoked");
                    assertThat(e.getMessage()).isEqualTo("Volume " + volume.volumeId() + " cannot be attached. The "
                            + "encrypted volume was unable to access the KMS master key.");
                    assertThat(e.kmsError().orElseThrow().errorCode()).isEqualTo("DisabledException");
                });
        assertThat(london.describeVolume(volume.volumeId()).state()).isEqualTo(VolumeState.AVAILABLE);
        EbsNotification failed = london.ebsNotifications().get(london.ebsNotifications().size() - 1);
        assertThat(failed.event()).isEqualTo("attachVolume");
        assertThat(failed.cause()).isEqualTo(key.arn() + " is disabled.");
        assertThat(failed.resources()).contains(key.arn());
        assertThatThrownBy(() -> london.readVolume(volume.volumeId()))
                .isInstanceOfSatisfying(AwsServiceException.class, e -> assertThat(e.errorCode())
                        .isEqualTo("IncorrectState"));

        kms.enableKey(EnableKeyRequest.of(key.keyId()));
        london.attachVolume(volume.volumeId(), INSTANCE);
        assertThat(london.readVolume(volume.volumeId())).asString(StandardCharsets.UTF_8).isEqualTo("still written");
    }

    @Test
    void aKeyPendingDeletion_failsTheAttach_withTheCauseAwsShows_andCancellingAndEnablingRestoresIt() {
        KeyMetadata key = key(LONDON, "ebs-data");
        Volume volume = london.createVolume(CreateVolumeRequest.encrypted("eu-west-2a", 8, key.arn()));
        london.attachVolume(volume.volumeId(), INSTANCE);
        london.writeVolume(volume.volumeId(), DATA);
        london.detachVolume(volume.volumeId());
        Kms kms = lab.kms(root, LONDON);

        kms.scheduleKeyDeletion(ScheduleKeyDeletionRequest.of(key.keyId(), 7));

        assertThatThrownBy(() -> london.attachVolume(volume.volumeId(), INSTANCE))
                .isInstanceOfSatisfying(AwsServiceException.class, e -> {
                    assertThat(e.errorCode()).isEqualTo("CustomerKeyHasBeenRevoked");
                    assertThat(e.kmsError().orElseThrow().errorCode()).isEqualTo("KMSInvalidStateException");
                });
        // AWS's EventBridge example: "cause": "arn:aws:kms:...:key/... is pending deletion."
        List<EbsNotification> notifications = london.ebsNotifications();
        assertThat(notifications.get(notifications.size() - 1).cause()).isEqualTo(key.arn()
                + " is pending deletion.");
        kms.cancelKeyDeletion(CancelKeyDeletionRequest.of(key.keyId()));
        kms.enableKey(EnableKeyRequest.of(key.keyId()));
        london.attachVolume(volume.volumeId(), INSTANCE);
        assertThat(london.readVolume(volume.volumeId())).isEqualTo(DATA);
    }

    @Test
    void deletedImportedKeyMaterial_failsTheAttach_andImportingTheSameMaterialAgainRestoresIt() throws Exception {
        Kms kms = lab.kms(root, LONDON);
        KeyMetadata key = kms.createKey(CreateKeyRequest.builder().origin(OriginType.EXTERNAL).build())
                .keyMetadata();
        byte[] material = new byte[32];
        new SecureRandom().nextBytes(material);
        importMaterial(kms, key.keyId(), material);
        Volume volume = london.createVolume(CreateVolumeRequest.encrypted("eu-west-2a", 8, key.arn()));
        london.attachVolume(volume.volumeId(), INSTANCE);
        london.writeVolume(volume.volumeId(), DATA);
        london.detachVolume(volume.volumeId());

        kms.deleteImportedKeyMaterial(DeleteImportedKeyMaterialRequest.of(key.keyId()));

        assertThatThrownBy(() -> london.attachVolume(volume.volumeId(), INSTANCE))
                .isInstanceOfSatisfying(AwsServiceException.class, e -> assertThat(e.errorCode())
                        .isEqualTo("CustomerKeyHasBeenRevoked"));
        List<EbsNotification> notifications = london.ebsNotifications();
        assertThat(notifications.get(notifications.size() - 1).cause()).isEqualTo(key.arn() + " is pending import.");
        importMaterial(kms, key.keyId(), material);
        london.attachVolume(volume.volumeId(), INSTANCE);
        assertThat(london.readVolume(volume.volumeId())).isEqualTo(DATA);
    }

    @Test
    void attachVolume_byAUserWithoutCreateGrant_isRefused_andTheDecisionSaysWhy() {
        KeyMetadata key = key(LONDON, "ebs-data");
        Caller bob = lab.iam(OWNER).createUser("bob");
        lab.iam(OWNER).putUserPolicy("bob", "ebs", "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
                + "\"Action\":[\"kms:GenerateDataKeyWithoutPlaintext\",\"kms:Decrypt\"],\"Resource\":\"" + key.arn()
                + "\"}]}");
        Ec2 asBob = AwsCloud.of(lab).ec2(bob, LONDON);
        Volume volume = asBob.createVolume(CreateVolumeRequest.encrypted("eu-west-2a", 8, key.arn()));

        assertThatThrownBy(() -> asBob.attachVolume(volume.volumeId(), INSTANCE))
                .isInstanceOfSatisfying(AwsServiceException.class, e -> {
                    assertThat(e.errorCode()).isEqualTo("CustomerKeyHasBeenRevoked");
                    assertThat(e.kmsError().orElseThrow().errorCode()).isEqualTo("AccessDeniedException");
                    assertThat(e.kmsDecision().orElseThrow().explain()).contains("kms:CreateGrant");
                });
    }

    @Test
    void volumeAndInstanceMistakes_getEc2Errors() {
        Volume volume = london.createVolume(CreateVolumeRequest.empty("eu-west-2a", 8));
        assertThatThrownBy(() -> london.attachVolume(volume.volumeId(), "web-server"))
                .isInstanceOfSatisfying(AwsServiceException.class, e -> assertThat(e.errorCode())
                        .isEqualTo("InvalidInstanceID.Malformed"));
        assertThatThrownBy(() -> london.detachVolume(volume.volumeId()))
                .isInstanceOfSatisfying(AwsServiceException.class, e -> {
                    assertThat(e.errorCode()).isEqualTo("IncorrectState");
                    assertThat(e.getMessage()).isEqualTo("Volume '" + volume.volumeId() + "' is in the 'available' "
                            + "state.");
                });
        london.attachVolume(volume.volumeId(), INSTANCE);
        assertThatThrownBy(() -> london.attachVolume(volume.volumeId(), "i-0fedcba9876543210"))
                .isInstanceOfSatisfying(AwsServiceException.class, e -> assertThat(e.errorCode())
                        .isEqualTo("VolumeInUse"));
        assertThatThrownBy(() -> virginia.attachVolume(volume.volumeId(), INSTANCE))
                .isInstanceOfSatisfying(AwsServiceException.class, e -> assertThat(e.errorCode())
                        .isEqualTo("InvalidVolume.NotFound"));
        london.writeVolume(volume.volumeId(), DATA);
        assertThat(london.readVolume(volume.volumeId())).isEqualTo(DATA);
        assertThat(london.detachVolume(volume.volumeId()).state()).isEqualTo(VolumeAttachmentState.DETACHING);
    }

    // ------------------------------------------------------------------------------------------ snapshots and volumes from them

    @Test
    void snapshotAndVolumesRestoredUnderTheSameKey_shareTheVolumesDataKey_anotherKeyMakesANewOne() {
        KeyMetadata key = key(LONDON, "ebs-data");
        KeyMetadata otherKey = key(LONDON, "ebs-other");
        Volume volume = london.createVolume(CreateVolumeRequest.encrypted("eu-west-2a", 8, key.arn()));
        london.attachVolume(volume.volumeId(), INSTANCE);
        london.writeVolume(volume.volumeId(), DATA);
        int before = events(LONDON).size();

        Snapshot snapshot = london.createSnapshot(volume.volumeId());

        assertThat(events(LONDON)).as("CreateSnapshot makes no KMS call").hasSize(before);
        assertThat(snapshot.state()).isEqualTo(SnapshotState.PENDING);
        Snapshot completed = london.describeSnapshot(snapshot.snapshotId());
        assertThat(completed.state()).isEqualTo(SnapshotState.COMPLETED);
        assertThat(completed.kmsKeyId()).isEqualTo(key.arn());
        assertThat(completed.volumeId()).isEqualTo(volume.volumeId());

        Volume sameKey = london.createVolume(CreateVolumeRequest.fromSnapshot("eu-west-2a", snapshot.snapshotId()));
        Volume newKey = london.createVolume(CreateVolumeRequest.fromSnapshot("eu-west-2a", snapshot.snapshotId(),
                otherKey.arn()));

        assertThat(sameKey.kmsKeyId()).isEqualTo(key.arn());
        assertThat(newKey.kmsKeyId()).isEqualTo(otherKey.arn());
        String lineage = completed.dataEncryptionKeyId();
        assertThat(london.describeSnapshot(london.createSnapshot(sameKey.volumeId()).snapshotId())
                .dataEncryptionKeyId()).isEqualTo(lineage);
        assertThat(london.describeSnapshot(london.createSnapshot(newKey.volumeId()).snapshotId())
                .dataEncryptionKeyId()).isNotEqualTo(lineage);
        for (Volume restored : List.of(sameKey, newKey)) {
            london.attachVolume(restored.volumeId(), "i-0fedcba9876543210");
            assertThat(london.readVolume(restored.volumeId())).isEqualTo(DATA);
            london.detachVolume(restored.volumeId());
        }
        List<AuditEvent> generated = events(LONDON).stream()
                .filter(e -> e.eventName().equals("GenerateDataKeyWithoutPlaintext")).toList();
        assertThat(generated).hasSize(3);
        assertThat(generated.get(1).requestParameters()).containsEntry("encryptionContext",
                Map.of("aws:ebs:id", sameKey.volumeId()));
    }

    @Test
    void encryptedVolumeFromAnUnencryptedSnapshot_grantsEc2_generatesAndDecryptsTheNewDataKey() {
        KeyMetadata key = key(LONDON, "ebs-data");
        Volume plain = london.createVolume(CreateVolumeRequest.empty("eu-west-2a", 8));
        london.attachVolume(plain.volumeId(), INSTANCE);
        london.writeVolume(plain.volumeId(), DATA);
        Snapshot snapshot = london.createSnapshot(plain.volumeId());
        int before = events(LONDON).size();

        Volume encrypted = london.createVolume(CreateVolumeRequest.fromSnapshot("eu-west-2b", snapshot.snapshotId(),
                key.arn()));

        assertThat(encrypted.encrypted()).isTrue();
        List<AuditEvent> calls = events(LONDON).subList(before, events(LONDON).size());
        assertThat(calls).extracting(AuditEvent::eventName).containsExactly("GenerateDataKeyWithoutPlaintext",
                "CreateGrant", "Decrypt");
        assertThat(calls.get(2).userIdentity().arn()).contains("aws:ec2-infrastructure");
        assertThat(calls.get(2).errorCode()).isNull();
        london.attachVolume(encrypted.volumeId(), "i-0fedcba9876543210");
        assertThat(london.readVolume(encrypted.volumeId())).isEqualTo(DATA);
    }

    @Test
    void unencryptedSnapshotFromAnUnencryptedVolume_restoresUnencrypted_unlessEncryptionByDefault() {
        Volume plain = london.createVolume(CreateVolumeRequest.empty("eu-west-2a", 8));
        Snapshot snapshot = london.createSnapshot(plain.volumeId());
        assertThat(london.createVolume(CreateVolumeRequest.fromSnapshot("eu-west-2a", snapshot.snapshotId()))
                .encrypted()).isFalse();

        london.enableEbsEncryptionByDefault();

        Volume restored = london.createVolume(CreateVolumeRequest.fromSnapshot("eu-west-2a", snapshot.snapshotId()));
        assertThat(restored.encrypted()).isTrue();
        assertThat(restored.kmsKeyId()).isEqualTo(lab.kms(root, LONDON).describeKey(
                DescribeKeyRequest.of("alias/aws/ebs")).keyMetadata().arn());
    }

    // ------------------------------------------------------------------------------------------ copies between Regions

    @Test
    void aSnapshotOfEuWest2CopiedToUsEast1_isReEncryptedUnderAKeyOfUsEast1_withKmsCallsInBothRegions() {
        KeyMetadata londonKey = key(LONDON, "ebs-data");
        KeyMetadata virginiaKey = key(VIRGINIA, "ebs-copies");
        Snapshot snapshot = writtenSnapshot(londonKey.arn());
        Instant copyStart = lab.time().instant();
        int londonBefore = events(LONDON).size();
        int virginiaBefore = events(VIRGINIA).size();

        String copyId = virginia.copySnapshot(LONDON, snapshot.snapshotId(), true, virginiaKey.arn()).snapshotId();

        Snapshot copy = virginia.describeSnapshot(copyId);
        assertThat(copy.state()).isEqualTo(SnapshotState.COMPLETED);
        assertThat(copy.stateMessage()).isNull();
        assertThat(copy.encrypted()).isTrue();
        assertThat(copy.kmsKeyId()).isEqualTo(virginiaKey.arn());
        assertThat(copy.dataEncryptionKeyId()).isNotEqualTo(london.describeSnapshot(snapshot.snapshotId())
                .dataEncryptionKeyId());
        assertThat(copy.volumeId()).isEqualTo(Ec2.COPY_VOLUME_ID);
        assertThat(copy.description()).isEqualTo("[Copied " + snapshot.snapshotId() + " from eu-west-2]");
        List<AuditEvent> inLondon = events(LONDON).subList(londonBefore, events(LONDON).size());
        List<AuditEvent> inVirginia = events(VIRGINIA).subList(virginiaBefore, events(VIRGINIA).size());
        assertThat(inLondon).extracting(AuditEvent::eventName).containsExactly("Decrypt");
        assertThat(inLondon.get(0).resources().get(0).arn()).isEqualTo(londonKey.arn());
        assertThat(inLondon.get(0).userIdentity().arn()).isEqualTo(root.arn());
        assertThat(inVirginia).extracting(AuditEvent::eventName).containsExactly("DescribeKey",
                "GenerateDataKeyWithoutPlaintext", "Decrypt");
        assertThat(inVirginia).allSatisfy(e -> {
            assertThat(e.awsRegion()).isEqualTo(VIRGINIA);
            assertThat(e.errorCode()).isNull();
            assertThat(e.eventTime()).isEqualTo(copyStart);
        });
        assertThat(inVirginia.get(1).requestParameters()).containsEntry("encryptionContext",
                Map.of("aws:ebs:id", copyId));

        Volume restored = virginia.createVolume(CreateVolumeRequest.fromSnapshot("us-east-1a", copyId));
        assertThat(restored.kmsKeyId()).isEqualTo(virginiaKey.arn());
        virginia.attachVolume(restored.volumeId(), INSTANCE);
        assertThat(virginia.readVolume(restored.volumeId())).isEqualTo(DATA);
    }

    @Test
    void copyingToUsEast1_underAKeyOfEuWest2_isRefused_theCopyFailsWithGivenKeyIdIsNotAccessible() {
        KeyMetadata londonKey = key(LONDON, "ebs-data");
        Snapshot snapshot = writtenSnapshot(londonKey.arn());
        int virginiaBefore = events(VIRGINIA).size();

        String copyId = virginia.copySnapshot(LONDON, snapshot.snapshotId(), true, londonKey.arn()).snapshotId();

        Snapshot copy = virginia.describeSnapshot(copyId);
        assertThat(copy.state()).isEqualTo(SnapshotState.ERROR);
        assertThat(copy.stateMessage()).isEqualTo("Given key ID is not accessible");
        assertThat(copy.dataEncryptionKeyId()).isNull();
        List<AuditEvent> inVirginia = events(VIRGINIA).subList(virginiaBefore, events(VIRGINIA).size());
        assertThat(inVirginia).extracting(AuditEvent::eventName).containsExactly("DescribeKey");
        assertThat(inVirginia.get(0).errorCode()).isEqualTo("NotFoundException");
        assertThat(virginia.failureOf(copyId).orElseThrow().kmsError().errorCode()).isEqualTo("NotFoundException");
        EbsNotification failed = virginia.ebsNotifications().get(virginia.ebsNotifications().size() - 1);
        assertThat(failed.event()).isEqualTo("copySnapshot");
        assertThat(failed.result()).isEqualTo("failed");
        assertThat(failed.cause()).isEqualTo("Given key ID is not accessible");
        assertThatThrownBy(() -> virginia.createVolume(CreateVolumeRequest.fromSnapshot("us-east-1a", copyId)))
                .isInstanceOfSatisfying(AwsServiceException.class, e -> assertThat(e.errorCode())
                        .isEqualTo("InvalidSnapshot.NotFound"));
    }

    @Test
    void copyToAnotherRegionWithoutKmsKeyId_usesTheDestinationsDefaultKey() {
        Snapshot snapshot = writtenSnapshot(key(LONDON, "ebs-data").arn());

        String toAwsEbs = virginia.copySnapshot(CopySnapshotRequest.of(LONDON, snapshot.snapshotId())).snapshotId();
        KeyMetadata virginiaDefault = key(VIRGINIA, "virginia-default");
        virginia.modifyEbsDefaultKmsKeyId(virginiaDefault.arn());
        String toModified = virginia.copySnapshot(CopySnapshotRequest.of(LONDON, snapshot.snapshotId()))
                .snapshotId();

        assertThat(virginia.describeSnapshot(toAwsEbs).kmsKeyId()).isEqualTo(lab.kms(root, VIRGINIA)
                .describeKey(DescribeKeyRequest.of("alias/aws/ebs")).keyMetadata().arn());
        assertThat(virginia.describeSnapshot(toModified).kmsKeyId()).isEqualTo(virginiaDefault.arn());
        AuditEvent underAwsEbs = events(VIRGINIA).stream().filter(e -> e.eventName().equals(
                "GenerateDataKeyWithoutPlaintext")).findFirst().orElseThrow();
        assertThat(underAwsEbs.requestParameters()).containsEntry("keyId", "alias/aws/ebs")
                .containsEntry("encryptionContext", Map.of("aws:ebs:id", toAwsEbs));
        // aws/ebs's key policy has conditions, so the decision shows them: through EC2, of us-east-1
        assertThat(lab.decision(underAwsEbs.requestID()).orElseThrow().request().values("kms:ViaService"))
                .containsExactly("ec2.us-east-1.amazonaws.com");
    }

    @Test
    void anIamPolicyAllowingKmsOnlyThroughEc2_letsEbsWork_butNoDirectCall_andViaServiceIsEc2NotEbs() {
        KeyMetadata key = key(LONDON, "ebs-data");
        Caller carol = lab.iam(OWNER).createUser("carol");
        // AWS's least-privilege advice for EBS: CreateGrant only for AWS resources (ebs-encryption-requirements)
        lab.iam(OWNER).putUserPolicy("carol", "ebs-only", "{\"Version\":\"2012-10-17\",\"Statement\":["
                + "{\"Effect\":\"Allow\",\"Action\":[\"kms:GenerateDataKeyWithoutPlaintext\",\"kms:Decrypt\"],"
                + "\"Resource\":\"" + key.arn() + "\",\"Condition\":{\"StringEquals\":{\"kms:ViaService\":"
                + "\"ec2.eu-west-2.amazonaws.com\"}}},"
                + "{\"Effect\":\"Allow\",\"Action\":\"kms:CreateGrant\",\"Resource\":\"" + key.arn() + "\","
                + "\"Condition\":{\"Bool\":{\"kms:GrantIsForAWSResource\":true}}}]}");
        Ec2 asCarol = AwsCloud.of(lab).ec2(carol, LONDON);

        Volume volume = asCarol.createVolume(CreateVolumeRequest.encrypted("eu-west-2a", 8, key.arn()));
        asCarol.attachVolume(volume.volumeId(), INSTANCE);
        asCarol.writeVolume(volume.volumeId(), DATA);

        assertThat(asCarol.readVolume(volume.volumeId())).isEqualTo(DATA);
        AuditEvent generated = event(LONDON, "GenerateDataKeyWithoutPlaintext");
        assertThat(generated.userIdentity().arn()).isEqualTo(carol.arn());
        assertThat(lab.decision(generated.requestID()).orElseThrow().request().values("kms:ViaService"))
                .containsExactly("ec2.eu-west-2.amazonaws.com");
        AuditEvent grant = event(LONDON, "CreateGrant");
        assertThat(grant.errorCode()).isNull();
        assertThat(lab.decision(grant.requestID()).orElseThrow().request().values("kms:GrantIsForAWSResource"))
                .containsExactly("true");
        Kms direct = lab.kms(carol, LONDON);
        assertThatThrownBy(() -> direct.generateDataKeyWithoutPlaintext(
                io.kmslab.api.GenerateDataKeyWithoutPlaintextRequest.builder().keyId(key.arn()).numberOfBytes(64)
                        .encryptionContext(Map.of("aws:ebs:id", volume.volumeId())).build()))
                .isInstanceOf(io.kmslab.errors.AccessDeniedException.class);
        assertThatThrownBy(() -> direct.createGrant(io.kmslab.api.CreateGrantRequest.of(key.arn(),
                carol.arn(), List.of(io.kmslab.grants.GrantOperation.Decrypt))))
                .isInstanceOf(io.kmslab.errors.AccessDeniedException.class);
    }

    @Test
    void copySnapshot_withKmsKeyIdButNotEncrypted_isRefusedAtOnce() {
        Snapshot snapshot = writtenSnapshot(key(LONDON, "ebs-data").arn());
        KeyMetadata virginiaKey = key(VIRGINIA, "ebs-copies");

        assertThatThrownBy(() -> virginia.copySnapshot(LONDON, snapshot.snapshotId(), null, virginiaKey.arn()))
                .isInstanceOfSatisfying(AwsServiceException.class, e -> assertThat(e.errorCode())
                        .isEqualTo("InvalidParameterDependency"));
        assertThat(virginia.describeSnapshots(DescribeSnapshotsRequest.all()).snapshots()).isEmpty();
    }

    @Test
    void copies_encryptAnUnencryptedSnapshot_butNeverDecryptAnEncryptedOne() {
        KeyMetadata key = key(LONDON, "ebs-data");
        Volume plain = london.createVolume(CreateVolumeRequest.empty("eu-west-2a", 8));
        london.attachVolume(plain.volumeId(), INSTANCE);
        london.writeVolume(plain.volumeId(), DATA);
        Snapshot unencrypted = london.createSnapshot(plain.volumeId());
        Snapshot encrypted = writtenSnapshot(key.arn());

        Snapshot plainCopy = london.describeSnapshot(london.copySnapshot(CopySnapshotRequest.of(LONDON,
                unencrypted.snapshotId())).snapshotId());
        Snapshot encryptedCopy = london.describeSnapshot(london.copySnapshot(CopySnapshotRequest.encrypted(LONDON,
                unencrypted.snapshotId(), key.arn())).snapshotId());
        Snapshot stillEncrypted = london.describeSnapshot(london.copySnapshot(LONDON, encrypted.snapshotId(), false,
                null).snapshotId());

        assertThat(plainCopy.encrypted()).isFalse();
        assertThat(encryptedCopy.encrypted()).isTrue();
        assertThat(encryptedCopy.kmsKeyId()).isEqualTo(key.arn());
        assertThat(stillEncrypted.encrypted()).isTrue();
        assertThat(stillEncrypted.kmsKeyId()).isEqualTo(key.arn());
        assertThat(stillEncrypted.dataEncryptionKeyId()).as("same key, same Region: no data copied")
                .isEqualTo(london.describeSnapshot(encrypted.snapshotId()).dataEncryptionKeyId());
        Volume fromCopy = london.createVolume(CreateVolumeRequest.fromSnapshot("eu-west-2a",
                encryptedCopy.snapshotId()));
        london.attachVolume(fromCopy.volumeId(), "i-0fedcba9876543210");
        assertThat(london.readVolume(fromCopy.volumeId())).isEqualTo(DATA);
    }

    // ------------------------------------------------------------------------------------------ sharing

    @Test
    void aSnapshotUnderAwsEbs_cannotBeShared() {
        Volume volume = london.createVolume(CreateVolumeRequest.encrypted("eu-west-2a", 8, null));
        Snapshot snapshot = london.createSnapshot(volume.volumeId());

        assertThatThrownBy(() -> london.modifySnapshotAttribute(ModifySnapshotAttributeRequest
                .addCreateVolumePermission(snapshot.snapshotId(), OTHER)))
                .isInstanceOfSatisfying(AwsServiceException.class, e -> {
                    assertThat(e.errorCode()).isEqualTo("OperationNotPermitted");
                    assertThat(e.statusCode()).isEqualTo(400);
                    assertThat(e.getMessage()).isEqualTo("Encrypted snapshots with EBS default key cannot be shared");
                });
        assertThat(london.describeSnapshotAttribute(snapshot.snapshotId()).createVolumePermissionUserIds()).isEmpty();
        assertThat(AwsCloud.of(lab).ec2(other, LONDON).describeSnapshots(DescribeSnapshotsRequest.all()).snapshots())
                .isEmpty();
    }

    @Test
    void aSnapshotUnderACustomerKey_isShared_andTheOtherAccountCopiesItUnderItsOwnKey_onlyOnceTheKeyPolicyAllows() {
        KeyMetadata ownerKey = key(LONDON, "shared-ebs");
        Snapshot snapshot = writtenSnapshot(ownerKey.arn());
        Ec2 otherLondon = AwsCloud.of(lab).ec2(other, LONDON);
        KeyMetadata otherKey = lab.kms(other, LONDON).createKey(CreateKeyRequest.of()).keyMetadata();

        String unshared = otherLondon.copySnapshot(LONDON, snapshot.snapshotId(), true, otherKey.arn()).snapshotId();
        assertThat(otherLondon.describeSnapshot(unshared).stateMessage()).isEqualTo("Source snapshot ID is not valid");

        london.modifySnapshotAttribute(ModifySnapshotAttributeRequest.addCreateVolumePermission(
                snapshot.snapshotId(), OTHER));
        assertThat(london.describeSnapshotAttribute(snapshot.snapshotId()).createVolumePermissionUserIds())
                .containsExactly(OTHER);
        assertThat(otherLondon.describeSnapshots(DescribeSnapshotsRequest.all()).snapshots())
                .extracting(Snapshot::snapshotId).contains(snapshot.snapshotId());

        String refused = otherLondon.copySnapshot(LONDON, snapshot.snapshotId(), true, otherKey.arn()).snapshotId();
        Snapshot refusedCopy = otherLondon.describeSnapshot(refused);
        assertThat(refusedCopy.state()).isEqualTo(SnapshotState.ERROR);
        assertThat(refusedCopy.stateMessage()).isEqualTo("Given key ID is not accessible");
        AsynchronousFailure why = otherLondon.failureOf(refused).orElseThrow();
        assertThat(why.kmsError().errorCode()).isEqualTo("AccessDeniedException");
        assertThat(why.explain().orElseThrow()).contains("kms:Decrypt");

        lab.kms(root, LONDON).putKeyPolicy(PutKeyPolicyRequest.of(ownerKey.keyId(), sharedKeyPolicy()));
        String allowed = otherLondon.copySnapshot(LONDON, snapshot.snapshotId(), true, otherKey.arn()).snapshotId();

        Snapshot copy = otherLondon.describeSnapshot(allowed);
        assertThat(copy.state()).isEqualTo(SnapshotState.COMPLETED);
        assertThat(copy.ownerId()).isEqualTo(OTHER);
        assertThat(copy.kmsKeyId()).isEqualTo(otherKey.arn());
        List<AuditEvent> inOwnersTrail = lab.auditTrail().query(AuditQuery.account(OWNER).key(ownerKey.arn())
                .principal(other.arn()));
        // the copier's Decrypt of the owner's data key lands in both trails; the refused one only in the copier's
        assertThat(inOwnersTrail).extracting(AuditEvent::eventName).containsExactly("Decrypt");
        assertThat(inOwnersTrail.get(0).errorCode()).isNull();
        assertThat(inOwnersTrail.get(0).awsRegion()).isEqualTo(LONDON);
        assertThat(lab.auditTrail().query(AuditQuery.account(OTHER).key(ownerKey.arn()).eventName("Decrypt")))
                .extracting(AuditEvent::errorCode).containsExactly("AccessDeniedException", null);
        assertThat(lab.auditTrail().query(AuditQuery.account(OTHER).key(otherKey.arn())))
                .extracting(AuditEvent::eventName).contains("GenerateDataKeyWithoutPlaintext", "Decrypt");

        Volume volume = otherLondon.createVolume(CreateVolumeRequest.fromSnapshot("eu-west-2a", allowed));
        otherLondon.attachVolume(volume.volumeId(), INSTANCE);
        assertThat(otherLondon.readVolume(volume.volumeId())).isEqualTo(DATA);
    }

    @Test
    void onlyTheOwnerSharesASnapshot_andOnlyWithAccountIds() {
        Snapshot snapshot = writtenSnapshot(key(LONDON, "shared-ebs").arn());
        assertThatThrownBy(() -> AwsCloud.of(lab).ec2(other, LONDON).modifySnapshotAttribute(
                ModifySnapshotAttributeRequest.addCreateVolumePermission(snapshot.snapshotId(), OTHER)))
                .isInstanceOfSatisfying(AwsServiceException.class, e -> {
                    assertThat(e.errorCode()).isEqualTo("InvalidSnapshot.NotFound");
                    assertThat(e.getMessage()).isEqualTo("The snapshot '" + snapshot.snapshotId()
                            + "' does not exist.");
                });
        assertThatThrownBy(() -> london.modifySnapshotAttribute(ModifySnapshotAttributeRequest
                .addCreateVolumePermission(snapshot.snapshotId(), "all")))
                .isInstanceOfSatisfying(AwsServiceException.class, e -> assertThat(e.errorCode())
                        .isEqualTo("InvalidParameterValue"));
        london.modifySnapshotAttribute(ModifySnapshotAttributeRequest.addCreateVolumePermission(
                snapshot.snapshotId(), OTHER));
        london.modifySnapshotAttribute(ModifySnapshotAttributeRequest.removeCreateVolumePermission(
                snapshot.snapshotId(), OTHER));
        assertThat(london.describeSnapshotAttribute(snapshot.snapshotId()).createVolumePermissionUserIds()).isEmpty();
    }

    @Test
    void theServiceIsOnePerLab_andItsStateIsSharedByEveryHandle() {
        Volume volume = london.createVolume(CreateVolumeRequest.empty("eu-west-2a", 8));
        assertThat(AwsCloud.of(lab).ec2(root, LONDON).describeVolume(volume.volumeId()).volumeId())
                .isEqualTo(volume.volumeId());
        assertThat(new Ec2(KmsLab.create(), root, LONDON).describeVolumes(
                io.kmslab.services.ec2.DescribeVolumesRequest.of()).volumes()).isEmpty();
        assertThatThrownBy(() -> new Ec2(lab, root, "mars-north-1")).isInstanceOf(IllegalArgumentException.class);
    }

    // ------------------------------------------------------------------------------------------ helpers

    private Snapshot writtenSnapshot(String keyArn) {
        Volume volume = london.createVolume(CreateVolumeRequest.encrypted("eu-west-2a", 8, keyArn));
        london.attachVolume(volume.volumeId(), INSTANCE);
        london.writeVolume(volume.volumeId(), DATA);
        london.detachVolume(volume.volumeId());
        return london.createSnapshot(volume.volumeId());
    }

    private KeyMetadata key(String region, String alias) {
        Kms kms = lab.kms(root, region);
        KeyMetadata key = kms.createKey(CreateKeyRequest.of()).keyMetadata();
        kms.createAlias(CreateAliasRequest.of("alias/" + alias, key.keyId()));
        return key;
    }

    /** The default key policy, and the other account allowed to use the key as AWS's sharing page shows. */
    private static String sharedKeyPolicy() {
        String base = KeyPolicies.sdkDefault(OWNER);
        String statement = ",{\"Sid\":\"Allow use of the key by " + OTHER + "\",\"Effect\":\"Allow\",\"Principal\":"
                + "{\"AWS\":\"arn:aws:iam::" + OTHER + ":root\"},\"Action\":[\"kms:DescribeKey\",\"kms:CreateGrant\","
                + "\"kms:Decrypt\",\"kms:ReEncrypt*\",\"kms:GenerateDataKey*\"],\"Resource\":\"*\"}";
        int end = base.lastIndexOf(']');
        return base.substring(0, end) + statement + base.substring(end);
    }

    private long billedRequests() {
        Bill bill = lab.bill(OWNER, YearMonth.of(2026, 3));
        return bill.requests().stream().mapToLong(line -> line.quantity().longValueExact()).sum();
    }

    private List<AuditEvent> events(String region) {
        return lab.auditTrail().events().filter(e -> region.equals(e.awsRegion())
                && OWNER.equals(e.recipientAccountId())).toList();
    }

    private AuditEvent event(String region, String name) {
        return events(region).stream().filter(e -> e.eventName().equals(name)).reduce((a, b) -> b).orElseThrow();
    }
}
