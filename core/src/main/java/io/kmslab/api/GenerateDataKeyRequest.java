package io.kmslab.api;

import io.kmslab.keys.DataKeySpec;
import java.util.List;
import java.util.Map;

/** GenerateDataKey: a data key in plaintext and encrypted under a symmetric KMS key (envelope encryption). */
public record GenerateDataKeyRequest(String keyId, Map<String, String> encryptionContext, Integer numberOfBytes, DataKeySpec keySpec, List<String> grantTokens, boolean dryRun, RecipientInfo recipient) {
    /** The members before {@code recipient}, which is left absent. */
    public GenerateDataKeyRequest(String keyId, Map<String, String> encryptionContext, Integer numberOfBytes, DataKeySpec keySpec, List<String> grantTokens, boolean dryRun) {
        this(keyId, encryptionContext, numberOfBytes, keySpec, grantTokens, dryRun, null);
    }

    public GenerateDataKeyRequest {
        encryptionContext = encryptionContext == null ? Map.of() : Map.copyOf(encryptionContext);
        grantTokens = grantTokens == null ? List.of() : List.copyOf(grantTokens);
    }

    public static GenerateDataKeyRequest of(String keyId, DataKeySpec keySpec) {
        return new GenerateDataKeyRequest(keyId, null, null, keySpec, null, false);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A copy of this value with some members changed. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.keyId = keyId;
        b.encryptionContext = encryptionContext;
        b.numberOfBytes = numberOfBytes;
        b.keySpec = keySpec;
        b.grantTokens = grantTokens;
        b.dryRun = dryRun;
        b.recipient = recipient;
        return b;
    }

    @Override
    public String toString() {
        return "GenerateDataKeyRequest[" + "keyId=" + keyId + ", " + "encryptionContext=" + encryptionContext + ", " + "numberOfBytes=" + numberOfBytes + ", " + "keySpec=" + keySpec + ", " + "grantTokens=" + grantTokens + ", " + "dryRun=" + dryRun + ", " + "recipient=" + recipient + "]";
    }

    /** Builds a GenerateDataKeyRequest; members left unset are absent, as in the AWS API. */
    public static final class Builder {
        private String keyId;
        private Map<String, String> encryptionContext;
        private Integer numberOfBytes;
        private DataKeySpec keySpec;
        private List<String> grantTokens;
        private boolean dryRun;
        private RecipientInfo recipient;

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

        public Builder numberOfBytes(Integer numberOfBytes) {
            this.numberOfBytes = numberOfBytes;
            return this;
        }

        public Builder keySpec(DataKeySpec keySpec) {
            this.keySpec = keySpec;
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

        public GenerateDataKeyRequest build() {
            return new GenerateDataKeyRequest(keyId, encryptionContext, numberOfBytes, keySpec, grantTokens, dryRun, recipient);
        }
    }
}
