package io.kmslab.services.ec2;

import java.time.Instant;
import java.util.List;

/**
 * An EBS volume as CreateVolume and DescribeVolumes show it (a subset of the EC2 {@code Volume} shape). A volume's
 * encryption and KMS key are set when it is created and never change.
 *
 * @param kmsKeyId the ARN of the KMS key that protects the volume's data key, or null for an unencrypted volume
 * @param attachments the instance it is attached to, if any (DescribeVolumes only)
 */
public record Volume(String volumeId, int size, String snapshotId, String availabilityZone, VolumeState state,
        Instant createTime, List<VolumeAttachment> attachments, boolean encrypted, String kmsKeyId,
        String volumeType) {
    public Volume {
        attachments = attachments == null ? List.of() : List.copyOf(attachments);
    }
}
