package io.kmslab.services.secretsmanager;

/**
 * CreateSecret: a new secret, with a first version when it is given a value (SecretString or SecretBinary, not both).
 *
 * @param kmsKeyId the KMS key that protects the secret's versions, in any form KMS accepts, as given: a bare key id is
 *     resolved by KMS in the account of whoever later writes a version; null (or "") for {@code aws/secretsmanager}
 * @param clientRequestToken the id of the first version; null lets KMS Lab make one (as the AWS SDKs do: a UUID)
 */
public record CreateSecretRequest(String name, String description, String kmsKeyId, String secretString,
        byte[] secretBinary, String clientRequestToken) {

    public CreateSecretRequest {
        secretBinary = secretBinary == null ? null : secretBinary.clone();
    }

    @Override
    public byte[] secretBinary() {
        return secretBinary == null ? null : secretBinary.clone();
    }

    /** A secret with a string value under {@code aws/secretsmanager}. */
    public static CreateSecretRequest of(String name, String secretString) {
        return new CreateSecretRequest(name, null, null, secretString, null, null);
    }

    /** A secret with a string value under a KMS key. */
    public static CreateSecretRequest of(String name, String secretString, String kmsKeyId) {
        return new CreateSecretRequest(name, null, kmsKeyId, secretString, null, null);
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public String toString() {
        return "CreateSecretRequest[name=" + name + ", kmsKeyId=" + kmsKeyId + ", secretString="
                + (secretString == null ? "null" : "*** sensitive ***") + ", secretBinary="
                + (secretBinary == null ? "null" : "*** sensitive ***") + "]";
    }

    /** Builds a CreateSecretRequest; members left unset are absent, as in the AWS API. */
    public static final class Builder {
        private String name;
        private String description;
        private String kmsKeyId;
        private String secretString;
        private byte[] secretBinary;
        private String clientRequestToken;

        private Builder() {
        }

        public Builder name(String name) {
            this.name = name;
            return this;
        }

        public Builder description(String description) {
            this.description = description;
            return this;
        }

        public Builder kmsKeyId(String kmsKeyId) {
            this.kmsKeyId = kmsKeyId;
            return this;
        }

        public Builder secretString(String secretString) {
            this.secretString = secretString;
            return this;
        }

        public Builder secretBinary(byte[] secretBinary) {
            this.secretBinary = secretBinary;
            return this;
        }

        public Builder clientRequestToken(String clientRequestToken) {
            this.clientRequestToken = clientRequestToken;
            return this;
        }

        public CreateSecretRequest build() {
            return new CreateSecretRequest(name, description, kmsKeyId, secretString, secretBinary,
                    clientRequestToken);
        }
    }
}
