package io.kmslab.api;

import io.kmslab.keys.EncapsulationAlgorithmSpec;
import java.util.List;

/**
 * Encapsulate: a new shared secret and its encapsulated form, made with the public key of an ML-KEM KMS key
 * (https://docs.aws.amazon.com/kms/latest/APIReference/API_Encapsulate.html).
 */
public record EncapsulateRequest(String keyId, EncapsulationAlgorithmSpec encapsulationAlgorithm,
        List<String> grantTokens, boolean dryRun) {
    public EncapsulateRequest {
        grantTokens = grantTokens == null ? List.of() : List.copyOf(grantTokens);
    }

    /** ML_KEM with the KMS key named. */
    public static EncapsulateRequest of(String keyId) {
        return new EncapsulateRequest(keyId, EncapsulationAlgorithmSpec.ML_KEM, null, false);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A copy of this value with some members changed. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.keyId = keyId;
        b.encapsulationAlgorithm = encapsulationAlgorithm;
        b.grantTokens = grantTokens;
        b.dryRun = dryRun;
        return b;
    }

    /** Builds an EncapsulateRequest; members left unset are absent, as in the AWS API. */
    public static final class Builder {
        private String keyId;
        private EncapsulationAlgorithmSpec encapsulationAlgorithm;
        private List<String> grantTokens;
        private boolean dryRun;

        private Builder() {
        }

        public Builder keyId(String keyId) {
            this.keyId = keyId;
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

        public EncapsulateRequest build() {
            return new EncapsulateRequest(keyId, encapsulationAlgorithm, grantTokens, dryRun);
        }
    }
}
