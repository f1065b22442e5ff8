package io.kmslab.services.ec2;

/**
 * CopySnapshot, sent to the endpoint of the destination Region (the Region of the {@link Ec2} handle): the source
 * snapshot, its Region, and the encryption of the copy. {@code kmsKeyId} must name a key of the destination Region
 * and requires {@code encrypted} true; {@code encrypted} cannot turn an encrypted snapshot into an unencrypted copy.
 *
 * @param encrypted null when not given
 * @param kmsKeyId key id, key ARN, alias name or alias ARN in the destination Region; null for the default
 */
public record CopySnapshotRequest(String sourceRegion, String sourceSnapshotId, Boolean encrypted, String kmsKeyId,
        String description) {

    /** A copy with no encryption parameters. */
    public static CopySnapshotRequest of(String sourceRegion, String sourceSnapshotId) {
        return new CopySnapshotRequest(sourceRegion, sourceSnapshotId, null, null, null);
    }

    /** An encrypted copy under {@code kmsKeyId}, or under the destination's default key when it is null. */
    public static CopySnapshotRequest encrypted(String sourceRegion, String sourceSnapshotId, String kmsKeyId) {
        return new CopySnapshotRequest(sourceRegion, sourceSnapshotId, true, kmsKeyId, null);
    }
}
