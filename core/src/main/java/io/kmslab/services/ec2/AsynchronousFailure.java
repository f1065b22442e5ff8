package io.kmslab.services.ec2;

import io.kmslab.errors.KmsException;
import io.kmslab.policy.PolicyDecision;
import java.util.Optional;

/**
 * KMS Lab's own (no EC2 API gives it): why an operation EBS finishes after answering failed, a volume creation or a
 * snapshot copy whose KMS call was refused. AWS reports only the snapshot's {@code StateMessage} or the EventBridge
 * cause; KMS Lab keeps the KMS error and the authorization decision too, so {@code explain()} can say which
 * permission was missing.
 *
 * @param resourceId the volume or snapshot that was not made
 * @param event {@code createVolume} or {@code copySnapshot}
 * @param message what AWS shows: the StateMessage of a failed copy, the EventBridge cause of a failed creation
 * @param kmsError the KMS error of the call that failed; null when no KMS call failed (a copy whose source snapshot
 *     is not there or not shared with the account)
 * @param kmsDecision the KMS decision of that call when KMS refused it for lack of permission, else null
 */
public record AsynchronousFailure(String resourceId, String event, String message, KmsException kmsError,
        PolicyDecision kmsDecision) {

    /** Why KMS refused, when it was for lack of permission. */
    public Optional<String> explain() {
        return Optional.ofNullable(kmsDecision).map(PolicyDecision::explain);
    }
}
