package io.kmslab.services.rds;

/**
 * CreateDBSnapshot (https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_CreateDBSnapshot.html): it has no
 * KMS key member, a snapshot is encrypted as its instance is.
 */
public record CreateDBSnapshotRequest(String dbSnapshotIdentifier, String dbInstanceIdentifier) {

    public static CreateDBSnapshotRequest of(String dbSnapshotIdentifier, String dbInstanceIdentifier) {
        return new CreateDBSnapshotRequest(dbSnapshotIdentifier, dbInstanceIdentifier);
    }
}
