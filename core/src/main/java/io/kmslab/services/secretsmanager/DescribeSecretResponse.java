package io.kmslab.services.secretsmanager;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A secret's metadata. {@code kmsKeyId} is null (absent) when the secret uses {@code aws/secretsmanager}: "When the
 * secret is associated with the AWS managed key for Secrets Manager (aws/secretsmanager), these operations do not
 * return a KMS key identifier" (https://docs.aws.amazon.com/secretsmanager/latest/userguide/security-encryption.html).
 * {@code deletedDate} is the date a deletion was scheduled on, null for a secret not scheduled for deletion.
 *
 * @param versionIdsToStages the versions that have staging labels, with their labels
 */
public record DescribeSecretResponse(String arn, String name, String description, String kmsKeyId,
        Instant createdDate, Instant lastChangedDate, Instant lastAccessedDate, Instant deletedDate,
        Map<String, List<String>> versionIdsToStages) {

    public DescribeSecretResponse {
        versionIdsToStages = Map.copyOf(versionIdsToStages);
    }
}
