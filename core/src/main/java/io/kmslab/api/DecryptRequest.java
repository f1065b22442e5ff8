package io.kmslab.api;

import io.kmslab.keys.EncryptionAlgorithmSpec;
import java.util.List;
import java.util.Map;

/** Decrypt: a symmetric ciphertext names its key, so KeyId is optional; an asymmetric one needs KeyId and EncryptionAlgorithm. */
public record DecryptRequest(byte[] ciphertextBlob, Map<String, String> encryptionContext, List<String> grantTokens, String keyId, EncryptionAlgorithmSpec encryptionAlgorithm, boolean dryRun, RecipientInfo recipient) {
    /** The members before {@code recipient}, which is left absent. */
    public DecryptRequest(byte[] ciphertextBlob, Map<String, String> encryptionContext, List<String> grantTokens, String keyId, EncryptionAlgorithmSpec encryptionAlgorithm, boolean dryRun) {
        this(ciphertextBlob, encryptionContext, grantTokens, keyId, encryptionAlgorithm, dryRun, null);
    }

    public DecryptRequest {
        encryptionContext = encryptionContext == null ? Map.of() : Map.copyOf(encryptionContext);
        grantTokens = grantTokens == null ? List.of() : List.copyOf(grantTokens);
    }

    public static DecryptRequest of(byte[] ciphertextBlob) {
        return new DecryptRequest(ciphertextBlob, null, null, null, null, false);
    }

    public static DecryptRequest of(byte[] ciphertextBlob, Map<String, String> encryptionContext) {
        return new DecryptRequest(ciphertextBlob, encryptionContext, null, null, null, false);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A copy of this value with some members changed. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.ciphertextBlob = ciphertextBlob;
        b.encryptionContext = encryptionContext;
        b.grantTokens = grantTokens;
        b.keyId = keyId;
        b.encryptionAlgorithm = encryptionAlgorithm;
        b.dryRun = dryRun;
        b.recipient = recipient;
        return b;
    }

    @Override
    public String toString() {
        return "DecryptRequest[" + "ciphertextBlob=" + (ciphertextBlob == null ? "null" : "<" + ciphertextBlob.length + " bytes>") + ", " + "encryptionContext=" + encryptionContext + ", " + "grantTokens=" + grantTokens + ", " + "keyId=" + keyId + ", " + "encryptionAlgorithm=" + encryptionAlgorithm + ", " + "dryRun=" + dryRun + ", " + "recipient=" + recipient + "]";
    }

    /** Builds a DecryptRequest; members left unset are absent, as in the AWS API. */
    public static final class Builder {
        private byte[] ciphertextBlob;
        private Map<String, String> encryptionContext;
        private List<String> grantTokens;
        private String keyId;
        private EncryptionAlgorithmSpec encryptionAlgorithm;
        private boolean dryRun;
        private RecipientInfo recipient;

        private Builder() {
        }

        public Builder ciphertextBlob(byte[] ciphertextBlob) {
            this.ciphertextBlob = ciphertextBlob;
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

        public Builder keyId(String keyId) {
            this.keyId = keyId;
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

        public Builder recipient(RecipientInfo recipient) {
            this.recipient = recipient;
            return this;
        }

        public DecryptRequest build() {
            return new DecryptRequest(ciphertextBlob, encryptionContext, grantTokens, keyId, encryptionAlgorithm, dryRun, recipient);
        }
    }
}
