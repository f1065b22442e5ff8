package io.kmslab.api;

import io.kmslab.KmsOperation;
import java.time.Instant;

/**
 * The last successful cryptographic operation with a key: which operation, when, and the CloudTrail {@code eventID}
 * and KMS request id of its event. AWS (API_KeyLastUsageData): each member is "Absent if the key has not been used
 * since AWS KMS began tracking"; {@link #NONE} is that answer, every member absent.
 */
public record KeyLastUsageData(KmsOperation operation, Instant timestamp, String cloudTrailEventId,
        String kmsRequestId) {
    /** No use since tracking began: AWS answers the element empty. */
    public static final KeyLastUsageData NONE = new KeyLastUsageData(null, null, null, null);
}
