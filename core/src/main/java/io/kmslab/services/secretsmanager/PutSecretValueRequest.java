package io.kmslab.services.secretsmanager;

import java.util.List;

/**
 * PutSecretValue: a new version of a secret. Without {@code versionStages} the new version becomes AWSCURRENT and the
 * version that was AWSCURRENT becomes AWSPREVIOUS.
 *
 * @param secretId the secret's name, or its ARN (another account's secret can only be named by ARN)
 */
public record PutSecretValueRequest(String secretId, String clientRequestToken, String secretString,
        byte[] secretBinary, List<String> versionStages) {

    public PutSecretValueRequest {
        secretBinary = secretBinary == null ? null : secretBinary.clone();
        versionStages = versionStages == null ? null : List.copyOf(versionStages);
    }

    @Override
    public byte[] secretBinary() {
        return secretBinary == null ? null : secretBinary.clone();
    }

    /** A new AWSCURRENT version with a string value. */
    public static PutSecretValueRequest of(String secretId, String secretString) {
        return new PutSecretValueRequest(secretId, null, secretString, null, null);
    }

    /** A new version with a string value and the staging labels given (AWSPENDING, during a rotation). */
    public static PutSecretValueRequest staged(String secretId, String secretString, String... stages) {
        return new PutSecretValueRequest(secretId, null, secretString, null, List.of(stages));
    }

    @Override
    public String toString() {
        return "PutSecretValueRequest[secretId=" + secretId + ", clientRequestToken=" + clientRequestToken
                + ", secretString=" + (secretString == null ? "null" : "*** sensitive ***") + ", secretBinary="
                + (secretBinary == null ? "null" : "*** sensitive ***") + ", versionStages=" + versionStages + "]";
    }
}
