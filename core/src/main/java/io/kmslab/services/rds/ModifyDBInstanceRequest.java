package io.kmslab.services.rds;

/**
 * ModifyDBInstance, the members KMS Lab simulates
 * (https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_ModifyDBInstance.html). The API has no
 * {@code StorageEncrypted} and no {@code KmsKeyId} member: an instance's encryption and key are fixed at creation.
 *
 * @param dbInstanceIdentifier the instance to change
 * @param newDBInstanceIdentifier a new name, or null; its {@code DbiResourceId}, and so its encryption context, stays
 */
public record ModifyDBInstanceRequest(String dbInstanceIdentifier, String newDBInstanceIdentifier) {

    public static ModifyDBInstanceRequest rename(String dbInstanceIdentifier, String newDBInstanceIdentifier) {
        return new ModifyDBInstanceRequest(dbInstanceIdentifier, newDBInstanceIdentifier);
    }
}
