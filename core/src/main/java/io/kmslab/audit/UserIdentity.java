package io.kmslab.audit;

import com.fasterxml.jackson.annotation.JsonInclude;

/** The CloudTrail userIdentity of an event: who called, or {@code invokedBy} "AWS Internal" for KMS's own events. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record UserIdentity(String type, String principalId, String arn, String accountId, String accessKeyId,
        String invokedBy) {
}
