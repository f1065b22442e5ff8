package io.kmslab.services.secretsmanager;

/** RestoreSecret: cancels a scheduled deletion during the recovery window. */
public record RestoreSecretRequest(String secretId) {
    public static RestoreSecretRequest of(String secretId) {
        return new RestoreSecretRequest(secretId);
    }
}
