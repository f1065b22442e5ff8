package io.kmslab.services.ec2;

import java.time.Instant;
import java.util.List;

/**
 * An event EBS sends to Amazon EventBridge in the account and Region of a volume or snapshot ("EBS Volume
 * Notification", "EBS Snapshot Notification"): the only place AWS reports why an asynchronous operation failed, such
 * as a volume whose KMS key is disabled (cause "&lt;key ARN&gt; is disabled.").
 * https://docs.aws.amazon.com/ebs/latest/userguide/ebs-cloud-watch-events.html
 *
 * @param event {@code createVolume}, {@code attachVolume}, {@code createSnapshot}, {@code copySnapshot}
 * @param result {@code available}, {@code succeeded} or {@code failed}
 * @param cause empty when it did not fail
 */
public record EbsNotification(String detailType, String account, Instant time, String region,
        List<String> resources, String event, String result, String cause) {
    public EbsNotification {
        resources = List.copyOf(resources);
    }

    /** The {@code source} of every EBS event. */
    public String source() {
        return "aws.ec2";
    }

    public boolean failed() {
        return "failed".equals(result);
    }
}
