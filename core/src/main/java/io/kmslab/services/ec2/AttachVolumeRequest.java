package io.kmslab.services.ec2;

/** AttachVolume: a volume, the instance to attach it to, and the device name it is exposed as. */
public record AttachVolumeRequest(String volumeId, String instanceId, String device) {

    /** The device KMS Lab names when none is given ({@code /dev/sdf}, as in AWS's examples). */
    public static final String DEFAULT_DEVICE = "/dev/sdf";

    public static AttachVolumeRequest of(String volumeId, String instanceId) {
        return new AttachVolumeRequest(volumeId, instanceId, DEFAULT_DEVICE);
    }
}
