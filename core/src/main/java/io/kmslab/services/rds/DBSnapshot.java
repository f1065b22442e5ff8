package io.kmslab.services.rds;

import java.time.Instant;

/**
 * A DB snapshot as DescribeDBSnapshots shows it (the subset of the AWS {@code DBSnapshot} shape that concerns
 * encryption): https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_DBSnapshot.html
 *
 * @param dbSnapshotIdentifier the name, in lowercase
 * @param dbSnapshotArn {@code arn:aws:rds:<region>:<account>:snapshot:<name>}
 * @param dbInstanceIdentifier the instance it was taken of
 * @param dbiResourceId the resource id of that instance (a copy keeps it)
 * @param engine the database engine
 * @param status {@code available}
 * @param encrypted whether the snapshot is encrypted
 * @param kmsKeyId the ARN of the KMS key of an encrypted snapshot, else null
 * @param snapshotType {@code manual}
 * @param snapshotCreateTime when the snapshot (or the copy) was made
 * @param sourceRegion for a copy from another Region, that Region, else null
 * @param sourceDBSnapshotIdentifier for a copy, the ARN of the snapshot it was copied from, else null
 */
public record DBSnapshot(String dbSnapshotIdentifier, String dbSnapshotArn, String dbInstanceIdentifier,
        String dbiResourceId, String engine, String status, boolean encrypted, String kmsKeyId, String snapshotType,
        Instant snapshotCreateTime, String sourceRegion, String sourceDBSnapshotIdentifier) {
}
