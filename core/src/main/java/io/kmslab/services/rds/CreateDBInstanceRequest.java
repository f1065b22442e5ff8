package io.kmslab.services.rds;

/**
 * CreateDBInstance, the members that concern encryption
 * (https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_CreateDBInstance.html).
 *
 * @param dbInstanceIdentifier 1 to 63 letters, digits or hyphens, starting with a letter, no trailing or double hyphen
 * @param engine the database engine, such as {@code mysql} or {@code postgres}
 * @param storageEncrypted whether the storage is encrypted (null: not encrypted, the API's default)
 * @param kmsKeyId the KMS key (key id, key ARN, alias name or alias ARN); without it an encrypted instance uses
 *     {@code aws/rds}. Only with {@code storageEncrypted} true.
 */
public record CreateDBInstanceRequest(String dbInstanceIdentifier, String engine, Boolean storageEncrypted,
        String kmsKeyId) {

    /** An instance without storage encryption. */
    public static CreateDBInstanceRequest unencrypted(String dbInstanceIdentifier, String engine) {
        return new CreateDBInstanceRequest(dbInstanceIdentifier, engine, null, null);
    }

    /** An encrypted instance under the given KMS key, or under {@code aws/rds} when {@code kmsKeyId} is null. */
    public static CreateDBInstanceRequest encrypted(String dbInstanceIdentifier, String engine, String kmsKeyId) {
        return new CreateDBInstanceRequest(dbInstanceIdentifier, engine, true, kmsKeyId);
    }
}
