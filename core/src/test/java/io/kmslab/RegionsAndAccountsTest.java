package io.kmslab;

import static io.kmslab.KmsErrors.assertKmsError;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kmslab.api.CreateAliasRequest;
import io.kmslab.api.DecryptRequest;
import io.kmslab.api.DescribeKeyRequest;
import io.kmslab.api.EncryptRequest;
import io.kmslab.api.KeyMetadata;
import io.kmslab.api.ListKeysRequest;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class RegionsAndAccountsTest {
    private static final String CIPHERTEXT_ELSEWHERE = "The ciphertext refers to a customer master key that does not "
            + "exist, does not exist in this region, or you are not allowed to access.";

    private final KmsLab lab = TestLabs.lab();
    private final Kms london = lab.kms("eu-west-2");
    private final Kms virginia = lab.kms("us-east-1");
    private final byte[] secret = "regional".getBytes(StandardCharsets.UTF_8);

    @Test
    void aKeyOfAnotherRegion_isNotFoundByKeyId() {
        KeyMetadata key = TestLabs.symmetricKey(london);
        assertKmsError(() -> virginia.describeKey(DescribeKeyRequest.of(key.keyId())), "NotFoundException",
                "Key 'arn:aws:kms:us-east-1:111122223333:key/" + key.keyId() + "' does not exist");
    }

    @Test
    void anArnOfAnotherRegion_isInvalidArn() {
        KeyMetadata key = TestLabs.symmetricKey(london);
        london.createAlias(CreateAliasRequest.of("alias/london", key.keyId()));
        assertKmsError(() -> virginia.describeKey(DescribeKeyRequest.of(key.arn())), "NotFoundException",
                "Invalid arn eu-west-2");
        assertKmsError(() -> virginia.encrypt(EncryptRequest.of("arn:aws:kms:eu-west-2:111122223333:alias/london",
                secret)), "NotFoundException", "Invalid arn eu-west-2");
        assertKmsError(() -> virginia.encrypt(EncryptRequest.of("alias/london", secret)), "NotFoundException",
                "Alias arn:aws:kms:us-east-1:111122223333:alias/london is not found.");
    }

    @Test
    void aCiphertextOfAnotherRegion_doesNotDecrypt() {
        KeyMetadata key = TestLabs.symmetricKey(london);
        byte[] blob = london.encrypt(EncryptRequest.of(key.keyId(), secret)).ciphertextBlob();

        assertKmsError(() -> virginia.decrypt(DecryptRequest.of(blob)), "AccessDeniedException",
                CIPHERTEXT_ELSEWHERE);
        assertThat(london.decrypt(DecryptRequest.of(blob)).plaintext()).isEqualTo(secret);
    }

    @Test
    void aCiphertextOfADeletedKey_isTheSameAccessDenied() {
        KeyMetadata key = TestLabs.symmetricKey(london);
        byte[] blob = london.encrypt(EncryptRequest.of(key.keyId(), secret)).ciphertextBlob();
        london.scheduleKeyDeletion(io.kmslab.api.ScheduleKeyDeletionRequest.of(key.keyId(), 7));
        lab.clock().advance(java.time.Duration.ofDays(8));

        assertKmsError(() -> london.decrypt(DecryptRequest.of(blob)), "AccessDeniedException", CIPHERTEXT_ELSEWHERE);
    }

    @Test
    void accounts_haveTheirOwnKeys_andAnotherAccountIsDeniedByDefault() {
        Kms other = lab.kms("444455556666", "eu-west-2");
        KeyMetadata mine = TestLabs.symmetricKey(london);
        KeyMetadata theirs = TestLabs.symmetricKey(other);
        byte[] blob = london.encrypt(EncryptRequest.of(mine.keyId(), secret)).ciphertextBlob();

        assertThat(theirs.arn()).startsWith("arn:aws:kms:eu-west-2:444455556666:key/");
        assertThat(london.listKeys(ListKeysRequest.builder().build()).keys()).hasSize(1);
        assertKmsError(() -> other.describeKey(DescribeKeyRequest.of(mine.keyId())), "NotFoundException",
                "Key 'arn:aws:kms:eu-west-2:444455556666:key/" + mine.keyId() + "' does not exist");
        assertKmsError(() -> other.encrypt(EncryptRequest.of(mine.arn(), secret)), "AccessDeniedException",
                "User: arn:aws:iam::444455556666:root is not authorized to perform: kms:Encrypt on resource: "
                        + mine.arn() + " because no resource-based policy allows the kms:Encrypt action");
        assertKmsError(() -> other.decrypt(DecryptRequest.of(blob)), "AccessDeniedException", CIPHERTEXT_ELSEWHERE);
    }

    @Test
    void malformedKeyIds_areNotFoundWithTheirOwnMessages() {
        assertKmsError(() -> london.describeKey(DescribeKeyRequest.of("foo")), "NotFoundException",
                "Invalid keyId 'foo'");
        assertKmsError(() -> london.describeKey(DescribeKeyRequest.of(
                "arn:aws:kms:eu-west-2:111122223333:key/foo")), "NotFoundException", "Invalid keyId foo");
        assertKmsError(() -> london.describeKey(DescribeKeyRequest.of("")), "ValidationException",
                "2 validation errors detected: Value '' at 'keyId' failed to satisfy constraint: Member must have "
                        + "length greater than or equal to 1; Value '' at 'keyId' failed to satisfy constraint: "
                        + "Member must satisfy regular expression pattern: ^\\p{ASCII}+$");
    }

    @Test
    void arnsAreFormedPerPartition() {
        assertThat(TestLabs.symmetricKey(lab.kms("cn-north-1")).arn()).startsWith("arn:aws-cn:kms:cn-north-1:");
        assertThat(TestLabs.symmetricKey(lab.kms("us-gov-west-1")).arn()).startsWith("arn:aws-us-gov:kms:");
    }

    @Test
    void unknownRegion_isRefusedByTheLab() {
        assertThatThrownBy(() -> lab.kms("eu-middle-9")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Unknown AWS Region 'eu-middle-9'");
    }
}
