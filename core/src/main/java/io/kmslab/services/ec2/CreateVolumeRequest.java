package io.kmslab.services.ec2;

/**
 * CreateVolume (a subset of the EC2 {@code CreateVolume} request): a new empty volume of {@code size} GiB, or one
 * restored from {@code snapshotId}, in an Availability Zone of the Region. Whether it is encrypted and under which
 * KMS key follows the EBS encryption outcomes: {@code kmsKeyId} requires {@code encrypted} true; without a key the
 * volume is unencrypted, or under the Region's default key, or under the snapshot's key, as the source and
 * encryption by default say.
 *
 * @param size in GiB; optional when restoring a snapshot (the snapshot's size)
 * @param encrypted null when not given
 * @param kmsKeyId key id, key ARN, alias name or alias ARN, as the request names it; null when not given
 * @param volumeType gp3 when not given
 */
public record CreateVolumeRequest(String availabilityZone, Integer size, String snapshotId, Boolean encrypted,
        String kmsKeyId, String volumeType) {

    /** A new empty volume, encrypted only if encryption by default says so. */
    public static CreateVolumeRequest empty(String availabilityZone, int size) {
        return new CreateVolumeRequest(availabilityZone, size, null, null, null, null);
    }

    /** A new empty volume encrypted under {@code kmsKeyId}, or under the default key when it is null. */
    public static CreateVolumeRequest encrypted(String availabilityZone, int size, String kmsKeyId) {
        return new CreateVolumeRequest(availabilityZone, size, null, true, kmsKeyId, null);
    }

    /** A volume restored from a snapshot, with no encryption parameters. */
    public static CreateVolumeRequest fromSnapshot(String availabilityZone, String snapshotId) {
        return new CreateVolumeRequest(availabilityZone, null, snapshotId, null, null, null);
    }

    /** A volume restored from a snapshot and encrypted under {@code kmsKeyId} (or the default key when null). */
    public static CreateVolumeRequest fromSnapshot(String availabilityZone, String snapshotId, String kmsKeyId) {
        return new CreateVolumeRequest(availabilityZone, null, snapshotId, true, kmsKeyId, null);
    }
}
