package io.kmslab.api;

import io.kmslab.keys.EncapsulationAlgorithmSpec;
import java.util.List;

/**
 * Decapsulate: the shared secret carried by an encapsulated shared secret, recovered with the private key of the
 * ML-KEM KMS key whose public key made it (https://docs.aws.amazon.com/kms/latest/APIReference/API_Decapsulate.html).
 */
public record DecapsulateRequest(String keyId, byte[] sharedSecretCiphertextBlob,
        EncapsulationAlgorithmSpec encapsulationAlgorithm, List<String> grantTokens, boolean dryRun) {
    public DecapsulateRequest {
        grantTokens = grantTokens == null ? List.of() : List.copyOf(grantTokens);
    }

    /** ML_KEM with the KMS key named and the encapsulated shared secret. */
    public static DecapsulateRequest of(String keyId, byte[] sharedSecretCiphertextBlob) {
        return new DecapsulateRequest(keyId, sharedSecretCiphertextBlob, EncapsulationAlgorithmSpec.ML_KEM, null,
                false);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A copy of this value with some members changed. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.keyId = keyId;
        b.sharedSecretCiphertextBlob = sharedSecretCiphertextBlob;
        b.encapsulationAlgorithm = encapsulationAlgorithm;
        b.grantTokens = grantTokens;
        b.dryRun = dryRun;
        return b;
    }

    @Override
    public String toString() {
        return "DecapsulateRequest[keyId=" + keyId + ", sharedSecretCiphertextBlob="
                + (sharedSecretCiphertextBlob == null ? "null" : "<" + sharedSecretCiphertextBlob.length + " bytes>")
                + ", encapsulationAlgorithm=" + encapsulationAlgorithm + ", grantTokens=" + grantTokens
                + ", dryRun=" + dryRun + "]";
    }

    /** Builds a DecapsulateRequest; members left unset are absent, as in the AWS API. */
    public static final class Builder {
        private String keyId;
        private byte[] sharedSecretCiphertextBlob;
        private EncapsulationAlgorithmSpec encapsulationAlgorithm;
        private List<String> grantTokens;
        private boolean dryRun;

        private Builder() {
        }

        public Builder keyId(String keyId) {
            this.keyId = keyId;
            return this;
        }

        public Builder sharedSecretCiphertextBlob(byte[] sharedSecretCiphertextBlob) {
            this.sharedSecretCiphertextBlob = sharedSecretCiphertextBlob;
            return this;
        }

        public Builder encapsulationAlgorithm(EncapsulationAlgorithmSpec encapsulationAlgorithm) {
            this.encapsulationAlgorithm = encapsulationAlgorithm;
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

        public DecapsulateRequest build() {
            return new DecapsulateRequest(keyId, sharedSecretCiphertextBlob, encapsulationAlgorithm, grantTokens,
                    dryRun);
        }
    }
}
