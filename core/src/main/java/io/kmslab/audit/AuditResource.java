package io.kmslab.audit;

import com.fasterxml.jackson.annotation.JsonProperty;

/** A resource of a CloudTrail event: {@code {"accountId", "type": "AWS::KMS::Key", "ARN"}}. */
public record AuditResource(String accountId, String type, @JsonProperty("ARN") String arn) {

    public static AuditResource key(String accountId, String keyArn) {
        return new AuditResource(accountId, "AWS::KMS::Key", keyArn);
    }

    /**
     * An alias, as the events of CreateAlias, UpdateAlias and DeleteAlias list it beside the key ("The resources
     * element includes fields for the alias and KMS key resources", ct-createalias.html). Its type is
     * {@code AWS::KMS::Key}, as AWS's UpdateAlias example (ct-updatealias.html) writes it for the alias entry too.
     */
    public static AuditResource alias(String accountId, String aliasArn) {
        return new AuditResource(accountId, "AWS::KMS::Key", aliasArn);
    }
}
