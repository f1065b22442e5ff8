package io.kmslab.services.secretsmanager;

/**
 * GetSecretValue: the value of one version, AWSCURRENT unless {@code versionId} or {@code versionStage} names
 * another (both given must name the same version).
 *
 * @param secretId the secret's name, or its ARN (required for a secret of another account)
 */
public record GetSecretValueRequest(String secretId, String versionId, String versionStage) {

    /** The AWSCURRENT version. */
    public static GetSecretValueRequest of(String secretId) {
        return new GetSecretValueRequest(secretId, null, null);
    }

    /** The version that has a staging label: AWSCURRENT, AWSPREVIOUS, AWSPENDING or one of the caller's. */
    public static GetSecretValueRequest stage(String secretId, String versionStage) {
        return new GetSecretValueRequest(secretId, null, versionStage);
    }

    /** One version by its id. */
    public static GetSecretValueRequest version(String secretId, String versionId) {
        return new GetSecretValueRequest(secretId, versionId, null);
    }
}
