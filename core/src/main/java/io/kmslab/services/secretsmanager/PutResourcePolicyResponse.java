package io.kmslab.services.secretsmanager;

/** What PutResourcePolicy answers. */
public record PutResourcePolicyResponse(String arn, String name) {
}
