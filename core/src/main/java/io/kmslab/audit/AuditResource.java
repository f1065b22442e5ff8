package io.kmslab.audit;

import com.fasterxml.jackson.annotation.JsonProperty;

/** A resource of a CloudTrail event: {@code {"accountId", "type": "AWS::KMS::Key", "ARN"}}. */
public record AuditResource(String accountId, String type, @JsonProperty("ARN") String arn) {

    public static AuditResource key(String accountId, String keyArn) {
        return new AuditResource(accountId, "AWS::KMS::Key", keyArn);
    }
}
