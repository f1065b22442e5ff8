package io.kmslab.services.secretsmanager;

/**
 * DeleteSecret: schedules the deletion after a recovery window of 7 to 30 days (30 when neither member is given), or
 * deletes at once with {@code forceDeleteWithoutRecovery}; not both.
 */
public record DeleteSecretRequest(String secretId, Long recoveryWindowInDays, boolean forceDeleteWithoutRecovery) {

    /** Deletion after the default recovery window, 30 days. */
    public static DeleteSecretRequest of(String secretId) {
        return new DeleteSecretRequest(secretId, null, false);
    }

    public static DeleteSecretRequest withRecoveryWindow(String secretId, long days) {
        return new DeleteSecretRequest(secretId, days, false);
    }

    public static DeleteSecretRequest withoutRecovery(String secretId) {
        return new DeleteSecretRequest(secretId, null, true);
    }
}
