package io.kmslab.services.redshift;

import java.time.Instant;

/**
 * A cluster snapshot (the subset of the AWS {@code Snapshot} shape that concerns encryption):
 * https://docs.aws.amazon.com/redshift/latest/APIReference/API_Snapshot.html
 *
 * @param snapshotIdentifier its name; a cross-Region copy is named {@code copy:<source name>} (unconfirmed)
 * @param snapshotArn {@code arn:aws:redshift:<region>:<account>:snapshot:<cluster>/<snapshot>}
 * @param clusterIdentifier the cluster it was taken of
 * @param snapshotCreateTime when it was taken (or copied)
 * @param status {@code available}
 * @param snapshotType {@code manual}
 * @param encrypted whether it is encrypted
 * @param kmsKeyId the ARN of its KMS key, null when not encrypted
 * @param ownerAccount the account that owns it
 * @param sourceRegion for a cross-Region copy, the Region of the cluster, else null
 */
public record Snapshot(String snapshotIdentifier, String snapshotArn, String clusterIdentifier,
        Instant snapshotCreateTime, String status, String snapshotType, boolean encrypted, String kmsKeyId,
        String ownerAccount, String sourceRegion) {
}
