package io.kmslab.services.ssm;

import java.time.Instant;

/**
 * A parameter as Parameter Store keeps it: a String or StringList value as text; a SecureString only encrypted, as
 * {@code encrypted} (the KMS ciphertext of a standard parameter, the {@link ParameterEnvelope} of an advanced one).
 * Only the current version is kept.
 */
record StoredParameter(String name, String arn, ParameterType type, ParameterTier tier, String keyId,
        String description, String plainValue, byte[] encrypted, long version, Instant lastModifiedDate,
        String lastModifiedUser) {

    StoredParameter {
        encrypted = encrypted == null ? null : encrypted.clone();
    }

    @Override
    public byte[] encrypted() {
        return encrypted == null ? null : encrypted.clone();
    }

    ParameterMetadata metadata() {
        return new ParameterMetadata(name, arn, type, keyId, lastModifiedDate, lastModifiedUser, description, version,
                tier, "text");
    }

    @Override
    public String toString() {
        return "StoredParameter[name=" + name + ", type=" + type + ", tier=" + tier + ", version=" + version + "]";
    }
}
