package io.kmslab.services.secretsmanager;

/**
 * UpdateSecret: a new description, a new KMS key (which re-encrypts the versions labelled AWSCURRENT, AWSPENDING and
 * AWSPREVIOUS under it) and/or a new value (a new AWSCURRENT version). Members left null are not changed;
 * {@code kmsKeyId} "" means {@code aws/secretsmanager}.
 */
public record UpdateSecretRequest(String secretId, String clientRequestToken, String description, String kmsKeyId,
        String secretString, byte[] secretBinary) {

    public UpdateSecretRequest {
        secretBinary = secretBinary == null ? null : secretBinary.clone();
    }

    @Override
    public byte[] secretBinary() {
        return secretBinary == null ? null : secretBinary.clone();
    }

    /** Changes the secret's KMS key. */
    public static UpdateSecretRequest kmsKey(String secretId, String kmsKeyId) {
        return new UpdateSecretRequest(secretId, null, null, kmsKeyId, null, null);
    }

    /** Gives the secret a new AWSCURRENT value. */
    public static UpdateSecretRequest value(String secretId, String secretString) {
        return new UpdateSecretRequest(secretId, null, null, null, secretString, null);
    }

    @Override
    public String toString() {
        return "UpdateSecretRequest[secretId=" + secretId + ", description=" + description + ", kmsKeyId=" + kmsKeyId
                + ", secretString=" + (secretString == null ? "null" : "*** sensitive ***") + ", secretBinary="
                + (secretBinary == null ? "null" : "*** sensitive ***") + "]";
    }
}
