package io.kmslab;

import static io.kmslab.KmsErrors.assertKmsError;
import static org.assertj.core.api.Assertions.assertThat;

import io.kmslab.api.CreateAliasRequest;
import io.kmslab.api.DecryptRequest;
import io.kmslab.api.DescribeKeyRequest;
import io.kmslab.api.DisableKeyRequest;
import io.kmslab.api.DisableKeyRotationRequest;
import io.kmslab.api.EncryptRequest;
import io.kmslab.api.GetKeyRotationStatusRequest;
import io.kmslab.api.KeyMetadata;
import io.kmslab.api.ListKeyRotationsRequest;
import io.kmslab.api.PutKeyPolicyRequest;
import io.kmslab.api.ScheduleKeyDeletionRequest;
import io.kmslab.keys.KeyManagerType;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class AwsManagedKeysTest {
    private final KmsLab lab = TestLabs.lab();
    private final Kms kms = lab.kms("eu-west-2");
    private final byte[] data = "volume key".getBytes(StandardCharsets.UTF_8);

    @Test
    void createdOnFirstUse_onceAndForAll() {
        KeyMetadata ebs = kms.awsManagedKey("ebs");
        assertThat(kms.awsManagedKey("ebs").keyId()).isEqualTo(ebs.keyId());
        assertThat(ebs.keyManager()).isEqualTo(KeyManagerType.AWS);
        assertThat(ebs.description()).isEqualTo("Default key that protects my EBS volumes when no other key is defined");
        assertThat(kms.describeKey(DescribeKeyRequest.of("alias/aws/ebs")).keyMetadata().keyId())
                .isEqualTo(ebs.keyId());
    }

    @Test
    void directEncrypt_isDenied_throughTheServiceIsAllowed() {
        KeyMetadata ebs = kms.awsManagedKey("ebs");
        assertKmsError(() -> kms.encrypt(EncryptRequest.of("alias/aws/ebs", data)), "AccessDeniedException",
                "User: arn:aws:iam::111122223333:root is not authorized to perform: kms:Encrypt on resource: "
                        + ebs.arn() + " because no resource-based policy allows the kms:Encrypt action");
        byte[] blob = kms.viaService("ec2").encrypt(EncryptRequest.of("alias/aws/ebs", data)).ciphertextBlob();
        assertThat(kms.viaService("ec2").decrypt(DecryptRequest.of(blob)).plaintext()).isEqualTo(data);
        assertKmsError(() -> kms.viaService("s3").encrypt(EncryptRequest.of("alias/aws/ebs", data)),
                "AccessDeniedException", "User: arn:aws:iam::111122223333:root is not authorized to perform: "
                        + "kms:Encrypt on resource: " + ebs.arn() + " because no resource-based policy allows the "
                        + "kms:Encrypt action");
    }

    @Test
    void cannotBeDisabledDeletedReconfiguredOrStopRotating() {
        KeyMetadata s3 = kms.awsManagedKey("s3");
        String head = "User: arn:aws:iam::111122223333:root is not authorized to perform: kms:";
        String tail = " on resource: " + s3.arn() + " because no resource-based policy allows the kms:";
        assertKmsError(() -> kms.disableKey(DisableKeyRequest.of(s3.keyId())), "AccessDeniedException",
                head + "DisableKey" + tail + "DisableKey action");
        assertKmsError(() -> kms.scheduleKeyDeletion(ScheduleKeyDeletionRequest.of(s3.keyId(), 7)),
                "AccessDeniedException", head + "ScheduleKeyDeletion" + tail + "ScheduleKeyDeletion action");
        assertKmsError(() -> kms.putKeyPolicy(PutKeyPolicyRequest.of(s3.keyId(), io.kmslab.policy.KeyPolicies
                .sdkDefault("111122223333"))), "AccessDeniedException", head + "PutKeyPolicy" + tail
                        + "PutKeyPolicy action");
        assertKmsError(() -> kms.disableKeyRotation(DisableKeyRotationRequest.of(s3.keyId())),
                "AccessDeniedException", head + "DisableKeyRotation" + tail + "DisableKeyRotation action");
        assertThat(kms.getKeyRotationStatus(GetKeyRotationStatusRequest.of(s3.keyId())).keyRotationEnabled())
                .isTrue();
    }

    @Test
    void rotatesEveryYearByItself() {
        KeyMetadata s3 = kms.awsManagedKey("s3");
        lab.clock().advance(Duration.ofDays(366));
        assertThat(kms.listKeyRotations(ListKeyRotationsRequest.of(s3.keyId())).rotations()).hasSize(1);
        assertThat(kms.describeKey(DescribeKeyRequest.of(s3.keyId())).keyMetadata().currentKeyMaterialId())
                .isNotEqualTo(s3.currentKeyMaterialId());
    }

    @Test
    void describeKey_ofAnAwsManagedAliasNotYetCreated_createsTheKey() {
        KeyMetadata ssm = kms.describeKey(DescribeKeyRequest.of("alias/aws/ssm")).keyMetadata();
        assertThat(ssm.keyManager()).isEqualTo(KeyManagerType.AWS);
        assertThat(kms.describeKey(DescribeKeyRequest.of("arn:aws:kms:eu-west-2:111122223333:alias/aws/ssm"))
                .keyMetadata().keyId()).isEqualTo(ssm.keyId());
        assertKmsError(() -> kms.describeKey(DescribeKeyRequest.of("alias/aws/no-such-service")), "NotFoundException",
                "Alias arn:aws:kms:eu-west-2:111122223333:alias/aws/no-such-service is not found.");
    }

    @Test
    void aliasAwsIsReservedForCustomers() {
        KeyMetadata key = TestLabs.symmetricKey(kms);
        assertKmsError(() -> kms.createAlias(CreateAliasRequest.of("alias/aws/mine", key.keyId())),
                "NotAuthorizedException", "");
    }
}
