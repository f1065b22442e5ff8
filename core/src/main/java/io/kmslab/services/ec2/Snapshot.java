package io.kmslab.services.ec2;

import java.time.Instant;

/**
 * An EBS snapshot as CreateSnapshot and DescribeSnapshots show it (a subset of the EC2 {@code Snapshot} shape).
 *
 * @param volumeId the volume it was taken of; a copy has an arbitrary volume id (AWS: "Snapshots created by the
 *     CopySnapshot action have an arbitrary volume ID that should not be used for any purpose")
 * @param stateMessage why a copy failed, when {@code state} is {@code error}: EBS copies encrypted snapshots
 *     asynchronously and reports a KMS problem here, "Given key ID is not accessible"
 * @param kmsKeyId the ARN of the KMS key that protects the snapshot's data key, or null when unencrypted
 * @param dataEncryptionKeyId which data key encrypts the data: volumes, their snapshots and the volumes restored from
 *     them under the same KMS key share one, so the same id means the same lineage (DescribeSnapshots only)
 */
public record Snapshot(String snapshotId, String volumeId, SnapshotState state, String stateMessage,
        Instant startTime, String ownerId, String description, int volumeSize, boolean encrypted, String kmsKeyId,
        String dataEncryptionKeyId) {
}
