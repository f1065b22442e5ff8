package io.kmslab;

import static io.kmslab.KmsErrors.assertKmsError;
import static org.assertj.core.api.Assertions.assertThat;

import io.kmslab.api.CreateAliasRequest;
import io.kmslab.api.CreateKeyRequest;
import io.kmslab.api.DecryptRequest;
import io.kmslab.api.DescribeKeyRequest;
import io.kmslab.api.DisableKeyRequest;
import io.kmslab.api.EnableKeyRotationRequest;
import io.kmslab.api.EncryptRequest;
import io.kmslab.api.KeyMetadata;
import io.kmslab.api.MultiRegionKey;
import io.kmslab.api.ReplicateKeyRequest;
import io.kmslab.api.ReplicateKeyResponse;
import io.kmslab.api.RotateKeyOnDemandRequest;
import io.kmslab.api.UpdatePrimaryRegionRequest;
import io.kmslab.audit.AuditEvent;
import io.kmslab.audit.AuditQuery;
import io.kmslab.audit.AuditTrail;
import io.kmslab.keys.KeyState;
import io.kmslab.keys.MultiRegionKeyType;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class MultiRegionKeysTest {
    private final KmsLab lab = TestLabs.lab();
    private final Kms virginia = lab.kms("us-east-1");
    private final Kms ireland = lab.kms("eu-west-1");
    private final byte[] data = "replicated".getBytes(StandardCharsets.UTF_8);
    private final KeyMetadata primary = virginia.createKey(CreateKeyRequest.builder().multiRegion(true).build())
            .keyMetadata();

    @Test
    void multiRegionKeys_haveMrkIds_andAPrimaryConfiguration() {
        assertThat(primary.keyId()).matches("mrk-[0-9a-f]{32}");
        assertThat(primary.multiRegion()).isTrue();
        assertThat(primary.multiRegionConfiguration().multiRegionKeyType()).isEqualTo(MultiRegionKeyType.PRIMARY);
        assertThat(primary.multiRegionConfiguration().primaryKey())
                .isEqualTo(new MultiRegionKey(primary.arn(), "us-east-1"));
        assertThat(primary.multiRegionConfiguration().replicaKeys()).isEmpty();
    }

    @Test
    void aReplica_startsCreating_sharesIdAndMaterial_andDecryptsThePrimarysCiphertext() {
        ReplicateKeyResponse replicated = virginia.replicateKey(ReplicateKeyRequest.of(primary.keyId(), "eu-west-1"));
        KeyMetadata replica = replicated.replicaKeyMetadata();
        assertThat(replica.keyState()).isEqualTo(KeyState.Creating);
        assertThat(replica.keyId()).isEqualTo(primary.keyId());
        assertThat(replica.arn()).isEqualTo("arn:aws:kms:eu-west-1:111122223333:key/" + primary.keyId());

        byte[] blob = virginia.encrypt(EncryptRequest.of(primary.keyId(), data)).ciphertextBlob();
        KeyMetadata now = ireland.describeKey(DescribeKeyRequest.of(primary.keyId())).keyMetadata();
        assertThat(now.keyState()).isEqualTo(KeyState.Enabled);
        assertThat(now.multiRegionConfiguration().multiRegionKeyType()).isEqualTo(MultiRegionKeyType.REPLICA);
        assertThat(now.currentKeyMaterialId()).isEqualTo(primary.currentKeyMaterialId());
        assertThat(ireland.decrypt(DecryptRequest.of(blob)).plaintext()).isEqualTo(data);
        byte[] back = ireland.encrypt(EncryptRequest.of(primary.keyId(), data)).ciphertextBlob();
        assertThat(virginia.decrypt(DecryptRequest.of(back)).plaintext()).isEqualTo(data);
        assertThat(virginia.describeKey(DescribeKeyRequest.of(primary.keyId())).keyMetadata()
                .multiRegionConfiguration().replicaKeys()).containsExactly(new MultiRegionKey(replica.arn(),
                        "eu-west-1"));
    }

    @Test
    void aSingleRegionKeysCiphertext_stillDoesNotDecryptElsewhere() {
        KeyMetadata single = TestLabs.symmetricKey(virginia);
        byte[] blob = virginia.encrypt(EncryptRequest.of(single.keyId(), data)).ciphertextBlob();
        assertKmsError(() -> ireland.decrypt(DecryptRequest.of(blob)), "AccessDeniedException",
                "The ciphertext refers to a customer master key that does not exist, does not exist in this region, "
                        + "or you are not allowed to access.");
    }

    @Test
    void stateAliasesAndPolicy_arePerReplica_rotationIsShared() {
        virginia.replicateKey(ReplicateKeyRequest.of(primary.keyId(), "eu-west-1"));
        virginia.enableKeyRotation(EnableKeyRotationRequest.of(primary.keyId()));
        ireland.describeKey(DescribeKeyRequest.of(primary.keyId()));
        assertKmsError(() -> ireland.enableKeyRotation(EnableKeyRotationRequest.of(primary.keyId())),
                "UnsupportedOperationException", "arn:aws:kms:eu-west-1:111122223333:key/" + primary.keyId()
                        + " is not a multi-region primary key.");
        ireland.disableKey(DisableKeyRequest.of(primary.keyId()));
        ireland.createAlias(CreateAliasRequest.of("alias/in-ireland", primary.keyId()));

        assertThat(virginia.describeKey(DescribeKeyRequest.of(primary.keyId())).keyMetadata().keyState())
                .isEqualTo(KeyState.Enabled);
        assertKmsError(() -> virginia.describeKey(DescribeKeyRequest.of("alias/in-ireland")), "NotFoundException",
                "Alias arn:aws:kms:us-east-1:111122223333:alias/in-ireland is not found.");
        lab.clock().advance(Duration.ofDays(366));
        assertThat(ireland.describeKey(DescribeKeyRequest.of(primary.keyId())).keyMetadata().currentKeyMaterialId())
                .isEqualTo(virginia.describeKey(DescribeKeyRequest.of(primary.keyId())).keyMetadata()
                        .currentKeyMaterialId())
                .isNotEqualTo(primary.currentKeyMaterialId());
    }

    private List<AuditEvent> synchronizations() {
        return lab.auditTrail().query(AuditQuery.account("111122223333").eventName("SynchronizeMultiRegionKey"));
    }

    /** ct-synchronize-multi-region-key.html: KMS logs the synchronization of the primary's shared properties. */
    @Test
    void aRotationOfAPrimaryWithReplicas_isSynchronized_andLoggedAsSynchronizeMultiRegionKey() {
        virginia.rotateKeyOnDemand(RotateKeyOnDemandRequest.of(primary.keyId()));
        assertThat(synchronizations()).as("a primary without replicas has nothing to synchronize").isEmpty();

        virginia.replicateKey(ReplicateKeyRequest.of(primary.keyId(), "eu-west-1"));
        ireland.describeKey(DescribeKeyRequest.of(primary.keyId()));
        virginia.rotateKeyOnDemand(RotateKeyOnDemandRequest.of(primary.keyId()));
        List<AuditEvent> synced = synchronizations();
        assertThat(synced).hasSize(1);
        AuditEvent event = synced.get(0);
        assertThat(event.eventType()).isEqualTo("AwsApiCall");
        assertThat(event.awsRegion()).isEqualTo("us-east-1");
        assertThat(event.readOnly()).isFalse();
        assertThat(event.requestID()).isNotBlank().isNotEqualTo(event.eventID());
        assertThat(event.resources()).extracting(r -> r.arn()).containsExactly(primary.arn());
        String json = AuditTrail.toJson(event);
        assertThat(json).contains("\"requestParameters\":null",
                "\"responseElements\":{\"keyId\":\"" + primary.arn() + "\"}",
                "\"sourceIPAddress\":\"AWS Internal\"", "\"userAgent\":\"AWS Internal\"",
                "\"userIdentity\":{\"accountId\":\"111122223333\",\"invokedBy\":\"AWS Internal\"}");
        // right after the RotateKey event of the same rotation
        List<AuditEvent> all = lab.auditTrail().query(AuditQuery.account("111122223333"));
        assertThat(all.get(all.indexOf(event) - 1).eventName()).isEqualTo("RotateKey");

        // an automatic rotation of the primary too, a year on
        virginia.enableKeyRotation(EnableKeyRotationRequest.of(primary.keyId()));
        lab.clock().advance(Duration.ofDays(366));
        assertThat(synchronizations()).hasSize(2);
    }

    @Test
    void replicateKey_onlyFromThePrimary_andOncePerRegion() {
        virginia.replicateKey(ReplicateKeyRequest.of(primary.keyId(), "eu-west-1"));
        assertKmsError(() -> virginia.replicateKey(ReplicateKeyRequest.of(primary.keyId(), "eu-west-1")),
                "AlreadyExistsException", "Key 'arn:aws:kms:eu-west-1:111122223333:key/" + primary.keyId()
                        + "' already exists");
        assertKmsError(() -> ireland.replicateKey(ReplicateKeyRequest.of(primary.keyId(), "ap-south-1")),
                "UnsupportedOperationException", "arn:aws:kms:eu-west-1:111122223333:key/" + primary.keyId()
                        + " is not a multi-region primary key.");
        KeyMetadata single = TestLabs.symmetricKey(virginia);
        assertKmsError(() -> virginia.replicateKey(ReplicateKeyRequest.of(single.keyId(), "eu-west-1")),
                "UnsupportedOperationException", single.arn() + " is not a multi-region primary key.");
    }

    @Test
    void updatePrimaryRegion_swapsTheRoles() {
        virginia.replicateKey(ReplicateKeyRequest.of(primary.keyId(), "eu-west-1"));
        ireland.describeKey(DescribeKeyRequest.of(primary.keyId()));
        virginia.updatePrimaryRegion(UpdatePrimaryRegionRequest.of(primary.keyId(), "eu-west-1"));

        assertThat(ireland.describeKey(DescribeKeyRequest.of(primary.keyId())).keyMetadata()
                .multiRegionConfiguration().multiRegionKeyType()).isEqualTo(MultiRegionKeyType.PRIMARY);
        assertThat(virginia.describeKey(DescribeKeyRequest.of(primary.keyId())).keyMetadata()
                .multiRegionConfiguration().primaryKey().region()).isEqualTo("eu-west-1");
    }

    /**
     * ct-update-primary-region.html: two entries, one in the Region of the former primary, one in the Region of the new
     * one (invokedBy kms.amazonaws.com, the key ARN there, the same requestID, no resources).
     */
    @Test
    void updatePrimaryRegion_isLoggedInBothRegions() {
        virginia.replicateKey(ReplicateKeyRequest.of(primary.keyId(), "eu-west-1"));
        ireland.describeKey(DescribeKeyRequest.of(primary.keyId()));
        virginia.updatePrimaryRegion(UpdatePrimaryRegionRequest.of(primary.keyId(), "eu-west-1"));

        List<AuditEvent> events = lab.auditTrail().query(AuditQuery.account("111122223333")
                .eventName("UpdatePrimaryRegion"));
        assertThat(events).extracting(AuditEvent::awsRegion).containsExactly("us-east-1", "eu-west-1");
        AuditEvent former = events.get(0);
        AuditEvent fresh = events.get(1);
        assertThat(former.userIdentity().invokedBy()).isNull();
        assertThat(former.requestParameters()).containsEntry("keyId", primary.keyId())
                .containsEntry("primaryRegion", "eu-west-1");
        assertThat(former.resources()).extracting(r -> r.arn()).containsExactly(primary.arn());
        assertThat(fresh.userIdentity().invokedBy()).isEqualTo("kms.amazonaws.com");
        assertThat(fresh.userIdentity().arn()).isEqualTo(former.userIdentity().arn());
        assertThat(fresh.requestParameters()).containsExactly(
                java.util.Map.entry("keyId", "arn:aws:kms:eu-west-1:111122223333:key/" + primary.keyId()),
                java.util.Map.entry("primaryRegion", "eu-west-1"));
        assertThat(fresh.requestID()).isEqualTo(former.requestID());
        assertThat(fresh.eventID()).isNotEqualTo(former.eventID());
        assertThat(fresh.resources()).isNull();
        assertThat(fresh.readOnly()).isFalse();
        assertThat(AuditTrail.toJson(fresh)).contains("\"responseElements\":null");

        // the primary named where it already is: one entry, in that Region
        ireland.updatePrimaryRegion(UpdatePrimaryRegionRequest.of(primary.keyId(), "eu-west-1"));
        assertThat(lab.auditTrail().query(AuditQuery.account("111122223333").eventName("UpdatePrimaryRegion")))
                .extracting(AuditEvent::awsRegion).containsExactly("us-east-1", "eu-west-1", "eu-west-1");
        // a refused UpdatePrimaryRegion is one event, in the caller's Region
        assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> virginia.updatePrimaryRegion(
                UpdatePrimaryRegionRequest.of(primary.keyId(), "eu-west-1"))))
                .isInstanceOf(io.kmslab.errors.KmsException.class);
        assertThat(lab.auditTrail().query(AuditQuery.account("111122223333").eventName("UpdatePrimaryRegion")))
                .hasSize(4);
    }
}
