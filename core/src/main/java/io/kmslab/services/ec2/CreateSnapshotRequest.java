package io.kmslab.services.ec2;

/** CreateSnapshot: a point-in-time copy of a volume, which keeps the volume's KMS key and data key. */
public record CreateSnapshotRequest(String volumeId, String description) {

    public static CreateSnapshotRequest of(String volumeId) {
        return new CreateSnapshotRequest(volumeId, null);
    }
}
