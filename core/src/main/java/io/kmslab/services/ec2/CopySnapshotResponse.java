package io.kmslab.services.ec2;

/**
 * What CopySnapshot answers: only the id of the new snapshot. Whether the copy worked shows later, in the snapshot's
 * state and StateMessage (DescribeSnapshots), as in AWS.
 */
public record CopySnapshotResponse(String snapshotId) {
}
