package io.kmslab.services.redshift;

/**
 * RestoreFromClusterSnapshot, in the snapshot's Region
 * (https://docs.aws.amazon.com/redshift/latest/APIReference/API_RestoreFromClusterSnapshot.html).
 *
 * @param clusterIdentifier the new cluster
 * @param snapshotIdentifier the snapshot, of this account and Region
 * @param kmsKeyId a key to encrypt the new cluster under instead of the snapshot's ("you can specify a new KMS key ID
 *     when you restore from an encrypted snapshot in the same account in order to change it"), or null
 */
public record RestoreFromClusterSnapshotRequest(String clusterIdentifier, String snapshotIdentifier, String kmsKeyId) {

    public static RestoreFromClusterSnapshotRequest of(String clusterIdentifier, String snapshotIdentifier) {
        return new RestoreFromClusterSnapshotRequest(clusterIdentifier, snapshotIdentifier, null);
    }
}
