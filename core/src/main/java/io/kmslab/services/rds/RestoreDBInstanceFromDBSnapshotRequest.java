package io.kmslab.services.rds;

/**
 * RestoreDBInstanceFromDBSnapshot
 * (https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_RestoreDBInstanceFromDBSnapshot.html): it has no KMS
 * key member, the new instance is encrypted under the snapshot's key, or not at all. To encrypt an unencrypted
 * database, first copy its snapshot with a KMS key.
 */
public record RestoreDBInstanceFromDBSnapshotRequest(String dbInstanceIdentifier, String dbSnapshotIdentifier) {

    public static RestoreDBInstanceFromDBSnapshotRequest of(String dbInstanceIdentifier, String dbSnapshotIdentifier) {
        return new RestoreDBInstanceFromDBSnapshotRequest(dbInstanceIdentifier, dbSnapshotIdentifier);
    }
}
