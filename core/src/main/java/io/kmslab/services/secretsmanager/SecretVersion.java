package io.kmslab.services.secretsmanager;

import io.kmslab.services.common.SealedData;
import java.time.Instant;
import java.util.Set;

/**
 * One version of a secret as Secrets Manager keeps it: the value encrypted under its own data key (AES-256-GCM,
 * bound to the secret's ARN and the version id) and that data key encrypted by KMS. "Secrets Manager stores the
 * encrypted data key in the metadata of the secret" and "none of the Secrets Manager APIs return the encrypted
 * secret or the encrypted data key" (https://docs.aws.amazon.com/secretsmanager/latest/userguide/security-encryption.html).
 *
 * @param kmsKeyArn the KMS key the data key is encrypted under now (KMS names it in its answers)
 */
record SecretVersion(String versionId, Set<String> stages, Instant createdDate, byte[] encryptedDataKey,
        SealedData sealed, boolean binary, String kmsKeyArn) {

    SecretVersion {
        stages = Set.copyOf(stages);
        encryptedDataKey = encryptedDataKey.clone();
    }

    @Override
    public byte[] encryptedDataKey() {
        return encryptedDataKey.clone();
    }

    SecretVersion withStages(Set<String> newStages) {
        return new SecretVersion(versionId, newStages, createdDate, encryptedDataKey, sealed, binary, kmsKeyArn);
    }

    SecretVersion reencrypted(byte[] newEncryptedDataKey, String newKeyArn) {
        return new SecretVersion(versionId, stages, createdDate, newEncryptedDataKey, sealed, binary, newKeyArn);
    }

    @Override
    public String toString() {
        return "SecretVersion[" + versionId + ", stages=" + stages + ", " + sealed + ", key=" + kmsKeyArn + "]";
    }
}
