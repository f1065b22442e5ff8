package io.kmslab.api;

import io.kmslab.keys.DataKeySpec;
import java.util.List;
import java.util.Map;

/** GenerateDataKeyWithoutPlaintext: only the encrypted copy of a new data key. */
public record GenerateDataKeyWithoutPlaintextRequest(String keyId, Map<String, String> encryptionContext, DataKeySpec keySpec, Integer numberOfBytes, List<String> grantTokens, boolean dryRun) {
    public GenerateDataKeyWithoutPlaintextRequest {
        encryptionContext = encryptionContext == null ? Map.of() : Map.copyOf(encryptionContext);
        grantTokens = grantTokens == null ? List.of() : List.copyOf(grantTokens);
    }

    public static GenerateDataKeyWithoutPlaintextRequest of(String keyId, DataKeySpec keySpec) {
        return new GenerateDataKeyWithoutPlaintextRequest(keyId, null, keySpec, null, null, false);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A copy of this value with some members changed. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.keyId = keyId;
        b.encryptionContext = encryptionContext;
        b.keySpec = keySpec;
        b.numberOfBytes = numberOfBytes;
        b.grantTokens = grantTokens;
        b.dryRun = dryRun;
        return b;
    }

    @Override
    public String toString() {
        return "GenerateDataKeyWithoutPlaintextRequest[" + "keyId=" + keyId + ", " + "encryptionContext=" + encryptionContext + ", " + "keySpec=" + keySpec + ", " + "numberOfBytes=" + numberOfBytes + ", " + "grantTokens=" + grantTokens + ", " + "dryRun=" + dryRun + "]";
    }

    /** Builds a GenerateDataKeyWithoutPlaintextRequest; members left unset are absent, as in the AWS API. */
    public static final class Builder {
        private String keyId;
        private Map<String, String> encryptionContext;
        private DataKeySpec keySpec;
        private Integer numberOfBytes;
        private List<String> grantTokens;
        private boolean dryRun;

        private Builder() {
        }

        public Builder keyId(String keyId) {
            this.keyId = keyId;
            return this;
        }

        public Builder encryptionContext(Map<String, String> encryptionContext) {
            this.encryptionContext = encryptionContext;
            return this;
        }

        public Builder keySpec(DataKeySpec keySpec) {
            this.keySpec = keySpec;
            return this;
        }

        public Builder numberOfBytes(Integer numberOfBytes) {
            this.numberOfBytes = numberOfBytes;
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

        public GenerateDataKeyWithoutPlaintextRequest build() {
            return new GenerateDataKeyWithoutPlaintextRequest(keyId, encryptionContext, keySpec, numberOfBytes, grantTokens, dryRun);
        }
    }
}
