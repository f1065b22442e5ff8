package io.kmslab.api;

import java.time.Instant;

/**
 * GetKeyLastUsage's answer: the key, its last successful cryptographic use ({@link KeyLastUsageData#NONE} when it has
 * none since tracking began), the date tracking began for it and the key's creation date.
 */
public record GetKeyLastUsageResponse(String keyId, KeyLastUsageData keyLastUsage, Instant trackingStartDate,
        Instant keyCreationDate) {
}
