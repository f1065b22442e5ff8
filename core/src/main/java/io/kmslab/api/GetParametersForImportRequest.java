package io.kmslab.api;

import io.kmslab.keys.AlgorithmSpec;
import io.kmslab.keys.WrappingKeySpec;

/** GetParametersForImport: a wrapping public key and an import token, valid 24 hours, to import key material into an EXTERNAL key. */
public record GetParametersForImportRequest(String keyId, AlgorithmSpec wrappingAlgorithm, WrappingKeySpec wrappingKeySpec) {
    public static GetParametersForImportRequest of(String keyId, AlgorithmSpec wrappingAlgorithm, WrappingKeySpec wrappingKeySpec) {
        return new GetParametersForImportRequest(keyId, wrappingAlgorithm, wrappingKeySpec);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A copy of this value with some members changed. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.keyId = keyId;
        b.wrappingAlgorithm = wrappingAlgorithm;
        b.wrappingKeySpec = wrappingKeySpec;
        return b;
    }

    @Override
    public String toString() {
        return "GetParametersForImportRequest[" + "keyId=" + keyId + ", " + "wrappingAlgorithm=" + wrappingAlgorithm + ", " + "wrappingKeySpec=" + wrappingKeySpec + "]";
    }

    /** Builds a GetParametersForImportRequest; members left unset are absent, as in the AWS API. */
    public static final class Builder {
        private String keyId;
        private AlgorithmSpec wrappingAlgorithm;
        private WrappingKeySpec wrappingKeySpec;

        private Builder() {
        }

        public Builder keyId(String keyId) {
            this.keyId = keyId;
            return this;
        }

        public Builder wrappingAlgorithm(AlgorithmSpec wrappingAlgorithm) {
            this.wrappingAlgorithm = wrappingAlgorithm;
            return this;
        }

        public Builder wrappingKeySpec(WrappingKeySpec wrappingKeySpec) {
            this.wrappingKeySpec = wrappingKeySpec;
            return this;
        }

        public GetParametersForImportRequest build() {
            return new GetParametersForImportRequest(keyId, wrappingAlgorithm, wrappingKeySpec);
        }
    }
}
