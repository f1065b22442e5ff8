package io.kmslab.services.redshift;

import java.time.Instant;

/**
 * A provisioned cluster as DescribeClusters shows it (the subset of the AWS {@code Cluster} shape that concerns
 * encryption): https://docs.aws.amazon.com/redshift/latest/APIReference/API_Cluster.html
 *
 * @param clusterIdentifier the name, in lowercase
 * @param clusterStatus {@code available}
 * @param clusterCreateTime when it was created (its minute is in the encryption context of its cluster key)
 * @param encrypted whether its data is encrypted
 * @param kmsKeyId the ARN of the KMS key at the root of its key hierarchy, null when not encrypted
 * @param clusterSnapshotCopyStatus where its snapshots are copied, or null when cross-Region copy is off
 */
public record Cluster(String clusterIdentifier, String clusterStatus, Instant clusterCreateTime, boolean encrypted,
        String kmsKeyId, ClusterSnapshotCopyStatus clusterSnapshotCopyStatus) {
}
