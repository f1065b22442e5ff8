package io.kmslab.services.redshift;

/**
 * Cross-Region snapshot copy of a cluster (the AWS {@code ClusterSnapshotCopyStatus} shape): the destination Region,
 * how many days copied automated snapshots are kept there, and the snapshot copy grant of that Region that lets
 * Redshift encrypt the copies under a KMS key of it.
 */
public record ClusterSnapshotCopyStatus(String destinationRegion, int retentionPeriod, String snapshotCopyGrantName) {
}
