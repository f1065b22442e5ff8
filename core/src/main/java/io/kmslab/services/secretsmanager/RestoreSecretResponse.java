package io.kmslab.services.secretsmanager;

/** What RestoreSecret answers. */
public record RestoreSecretResponse(String arn, String name) {
}
