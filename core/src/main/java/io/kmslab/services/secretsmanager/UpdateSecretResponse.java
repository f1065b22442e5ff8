package io.kmslab.services.secretsmanager;

/** What UpdateSecret answers: the new version's id when the update gave the secret a new value, otherwise null. */
public record UpdateSecretResponse(String arn, String name, String versionId) {
}
