package io.kmslab.services.redshift;

/**
 * EnableSnapshotCopy, sent to the cluster's (the source) Region
 * (https://docs.aws.amazon.com/redshift/latest/APIReference/API_EnableSnapshotCopy.html).
 *
 * @param clusterIdentifier the cluster whose snapshots are copied
 * @param destinationRegion the Region they are copied to
 * @param retentionPeriod days to keep copied automated snapshots there, 1 to 35 (null: 7)
 * @param snapshotCopyGrantName the snapshot copy grant in the destination Region, for an encrypted cluster
 */
public record EnableSnapshotCopyRequest(String clusterIdentifier, String destinationRegion, Integer retentionPeriod,
        String snapshotCopyGrantName) {

    public static EnableSnapshotCopyRequest of(String clusterIdentifier, String destinationRegion,
            String snapshotCopyGrantName) {
        return new EnableSnapshotCopyRequest(clusterIdentifier, destinationRegion, null, snapshotCopyGrantName);
    }
}
