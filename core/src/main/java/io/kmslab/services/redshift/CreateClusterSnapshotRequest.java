package io.kmslab.services.redshift;

/** CreateClusterSnapshot (https://docs.aws.amazon.com/redshift/latest/APIReference/API_CreateClusterSnapshot.html). */
public record CreateClusterSnapshotRequest(String snapshotIdentifier, String clusterIdentifier) {

    public static CreateClusterSnapshotRequest of(String snapshotIdentifier, String clusterIdentifier) {
        return new CreateClusterSnapshotRequest(snapshotIdentifier, clusterIdentifier);
    }
}
