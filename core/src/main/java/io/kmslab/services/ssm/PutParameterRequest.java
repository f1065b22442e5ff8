package io.kmslab.services.ssm;

/**
 * PutParameter: creates a parameter, or with {@code overwrite} gives an existing one a new version.
 *
 * @param name the parameter's name: a plain name ({@code db-password}) or a path with a leading slash
 *     ({@code /prod/db/password})
 * @param description free text, or null
 * @param value the value; for a SecureString the plaintext, which Parameter Store encrypts before it stores it
 * @param type required when the parameter is created; null keeps an existing parameter's type
 * @param keyId the KMS key of a SecureString (any form KMS accepts: key id, key ARN, alias name or alias ARN); null
 *     for {@code alias/aws/ssm}
 * @param overwrite whether an existing parameter may be replaced
 * @param tier null for the default (Standard, or the parameter's own tier when it exists)
 */
public record PutParameterRequest(String name, String description, String value, ParameterType type, String keyId,
        boolean overwrite, ParameterTier tier) {

    /** A new parameter of a type, standard tier. */
    public static PutParameterRequest of(String name, String value, ParameterType type) {
        return new PutParameterRequest(name, null, value, type, null, false, null);
    }

    /** A new SecureString under {@code alias/aws/ssm}, standard tier. */
    public static PutParameterRequest secureString(String name, String value) {
        return of(name, value, ParameterType.SECURE_STRING);
    }

    /** A new SecureString under a KMS key, standard tier. */
    public static PutParameterRequest secureString(String name, String value, String keyId) {
        return new PutParameterRequest(name, null, value, ParameterType.SECURE_STRING, keyId, false, null);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A copy of this request with some members changed. */
    public Builder toBuilder() {
        return new Builder().name(name).description(description).value(value).type(type).keyId(keyId)
                .overwrite(overwrite).tier(tier);
    }

    @Override
    public String toString() {
        return "PutParameterRequest[name=" + name + ", value=" + (value == null ? "null"
                : type == ParameterType.SECURE_STRING ? "*** sensitive ***" : value) + ", type=" + type + ", keyId="
                + keyId + ", overwrite=" + overwrite + ", tier=" + tier + "]";
    }

    /** Builds a PutParameterRequest; members left unset are absent, as in the AWS API. */
    public static final class Builder {
        private String name;
        private String description;
        private String value;
        private ParameterType type;
        private String keyId;
        private boolean overwrite;
        private ParameterTier tier;

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

        public Builder value(String value) {
            this.value = value;
            return this;
        }

        public Builder type(ParameterType type) {
            this.type = type;
            return this;
        }

        public Builder keyId(String keyId) {
            this.keyId = keyId;
            return this;
        }

        public Builder overwrite(boolean overwrite) {
            this.overwrite = overwrite;
            return this;
        }

        public Builder tier(ParameterTier tier) {
            this.tier = tier;
            return this;
        }

        public PutParameterRequest build() {
            return new PutParameterRequest(name, description, value, type, keyId, overwrite, tier);
        }
    }
}
