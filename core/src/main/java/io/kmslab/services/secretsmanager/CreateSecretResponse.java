package io.kmslab.services.secretsmanager;

/** What CreateSecret answers: the secret's ARN (name, hyphen, six random characters) and its first version, if any. */
public record CreateSecretResponse(String arn, String name, String versionId) {
}
