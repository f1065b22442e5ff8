package io.kmslab.services.ec2;

import java.time.Instant;

/**
 * A volume's attachment to an instance (the EC2 {@code VolumeAttachment} shape): what AttachVolume and DetachVolume
 * answer, and what DescribeVolumes lists under a volume in use.
 */
public record VolumeAttachment(String volumeId, String instanceId, String device, VolumeAttachmentState state,
        Instant attachTime, boolean deleteOnTermination) {
}
