package io.kmslab.api;

import io.kmslab.keys.EncryptionAlgorithmSpec;
import java.util.List;
import java.util.Map;

/** Encrypt: up to 4096 bytes with a symmetric key (AES-256-GCM, encryption context bound as additional authenticated data) or an RSA key (OAEP). */
public record EncryptRequest(String keyId, byte[] plaintext, Map<String, String> encryptionContext, List<String> grantTokens, EncryptionAlgorithmSpec encryptionAlgorithm, boolean dryRun) {
    public EncryptRequest {
        encryptionContext = encryptionContext == null ? Map.of() : Map.copyOf(encryptionContext);
        grantTokens = grantTokens == null ? List.of() : List.copyOf(grantTokens);
    }

    public static EncryptRequest of(String keyId, byte[] plaintext) {
        return new EncryptRequest(keyId, plaintext, null, null, null, false);
    }

    public static EncryptRequest of(String keyId, byte[] plaintext, Map<String, String> encryptionContext) {
        return new EncryptRequest(keyId, plaintext, encryptionContext, null, null, false);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A copy of this value with some members changed. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.keyId = keyId;
        b.plaintext = plaintext;
        b.encryptionContext = encryptionContext;
        b.grantTokens = grantTokens;
        b.encryptionAlgorithm = encryptionAlgorithm;
        b.dryRun = dryRun;
        return b;
    }

    @Override
    public String toString() {
        return "EncryptRequest[" + "keyId=" + keyId + ", " + "plaintext=" + (plaintext == null ? "null" : "*** sensitive, " + plaintext.length + " bytes ***") + ", " + "encryptionContext=" + encryptionContext + ", " + "grantTokens=" + grantTokens + ", " + "encryptionAlgorithm=" + encryptionAlgorithm + ", " + "dryRun=" + dryRun + "]";
    }

    /** Builds a EncryptRequest; members left unset are absent, as in the AWS API. */
    public static final class Builder {
        private String keyId;
        private byte[] plaintext;
        private Map<String, String> encryptionContext;
        private List<String> grantTokens;
        private EncryptionAlgorithmSpec encryptionAlgorithm;
        private boolean dryRun;

        private Builder() {
        }

        public Builder keyId(String keyId) {
            this.keyId = keyId;
            return this;
        }

        public Builder plaintext(byte[] plaintext) {
            this.plaintext = plaintext;
            return this;
        }

        public Builder encryptionContext(Map<String, String> encryptionContext) {
            this.encryptionContext = encryptionContext;
            return this;
        }

        public Builder grantTokens(List<String> grantTokens) {
            this.grantTokens = grantTokens;
            return this;
        }

        public Builder encryptionAlgorithm(EncryptionAlgorithmSpec encryptionAlgorithm) {
            this.encryptionAlgorithm = encryptionAlgorithm;
            return this;
        }

        public Builder dryRun(boolean dryRun) {
            this.dryRun = dryRun;
            return this;
        }

        public EncryptRequest build() {
            return new EncryptRequest(keyId, plaintext, encryptionContext, grantTokens, encryptionAlgorithm, dryRun);
        }
    }
}
