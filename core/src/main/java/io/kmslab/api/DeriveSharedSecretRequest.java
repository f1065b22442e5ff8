package io.kmslab.api;

import io.kmslab.keys.KeyAgreementAlgorithmSpec;
import java.util.List;

/**
 * DeriveSharedSecret: the raw ECDH shared secret of a KEY_AGREEMENT key's private key and another party's public key
 * (DER SubjectPublicKeyInfo).
 */
public record DeriveSharedSecretRequest(String keyId, KeyAgreementAlgorithmSpec keyAgreementAlgorithm, byte[] publicKey,
        List<String> grantTokens, boolean dryRun, RecipientInfo recipient) {
    public DeriveSharedSecretRequest {
        grantTokens = grantTokens == null ? List.of() : List.copyOf(grantTokens);
    }

    /** ECDH with the KMS key named and the other party's public key. */
    public static DeriveSharedSecretRequest of(String keyId, byte[] publicKey) {
        return new DeriveSharedSecretRequest(keyId, KeyAgreementAlgorithmSpec.ECDH, publicKey, null, false, null);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A copy of this value with some members changed. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.keyId = keyId;
        b.keyAgreementAlgorithm = keyAgreementAlgorithm;
        b.publicKey = publicKey;
        b.grantTokens = grantTokens;
        b.dryRun = dryRun;
        b.recipient = recipient;
        return b;
    }

    @Override
    public String toString() {
        return "DeriveSharedSecretRequest[keyId=" + keyId + ", keyAgreementAlgorithm=" + keyAgreementAlgorithm
                + ", publicKey=" + (publicKey == null ? "null" : "<" + publicKey.length + " bytes>")
                + ", grantTokens=" + grantTokens + ", dryRun=" + dryRun + ", recipient=" + recipient + "]";
    }

    /** Builds a DeriveSharedSecretRequest; members left unset are absent, as in the AWS API. */
    public static final class Builder {
        private String keyId;
        private KeyAgreementAlgorithmSpec keyAgreementAlgorithm;
        private byte[] publicKey;
        private List<String> grantTokens;
        private boolean dryRun;
        private RecipientInfo recipient;

        private Builder() {
        }

        public Builder keyId(String keyId) {
            this.keyId = keyId;
            return this;
        }

        public Builder keyAgreementAlgorithm(KeyAgreementAlgorithmSpec keyAgreementAlgorithm) {
            this.keyAgreementAlgorithm = keyAgreementAlgorithm;
            return this;
        }

        public Builder publicKey(byte[] publicKey) {
            this.publicKey = publicKey;
            return this;
        }

        public Builder grantTokens(List<String> grantTokens) {
            this.grantTokens = grantTokens;
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

        public DeriveSharedSecretRequest build() {
            return new DeriveSharedSecretRequest(keyId, keyAgreementAlgorithm, publicKey, grantTokens, dryRun,
                    recipient);
        }
    }
}
