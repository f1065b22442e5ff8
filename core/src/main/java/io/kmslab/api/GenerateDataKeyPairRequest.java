package io.kmslab.api;

import io.kmslab.keys.DataKeyPairSpec;
import java.util.List;
import java.util.Map;

/** GenerateDataKeyPair: an asymmetric data key pair; the private key is returned in plaintext and encrypted under a symmetric KMS key. */
public record GenerateDataKeyPairRequest(Map<String, String> encryptionContext, String keyId, DataKeyPairSpec keyPairSpec, List<String> grantTokens, boolean dryRun, RecipientInfo recipient) {
    /** The members before {@code recipient}, which is left absent. */
    public GenerateDataKeyPairRequest(Map<String, String> encryptionContext, String keyId, DataKeyPairSpec keyPairSpec, List<String> grantTokens, boolean dryRun) {
        this(encryptionContext, keyId, keyPairSpec, grantTokens, dryRun, null);
    }

    public GenerateDataKeyPairRequest {
        encryptionContext = encryptionContext == null ? Map.of() : Map.copyOf(encryptionContext);
        grantTokens = grantTokens == null ? List.of() : List.copyOf(grantTokens);
    }

    public static GenerateDataKeyPairRequest of(String keyId, DataKeyPairSpec keyPairSpec) {
        return new GenerateDataKeyPairRequest(null, keyId, keyPairSpec, null, false);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A copy of this value with some members changed. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.encryptionContext = encryptionContext;
        b.keyId = keyId;
        b.keyPairSpec = keyPairSpec;
        b.grantTokens = grantTokens;
        b.dryRun = dryRun;
        b.recipient = recipient;
        return b;
    }

    @Override
    public String toString() {
        return "GenerateDataKeyPairRequest[" + "encryptionContext=" + encryptionContext + ", " + "keyId=" + keyId + ", " + "keyPairSpec=" + keyPairSpec + ", " + "grantTokens=" + grantTokens + ", " + "dryRun=" + dryRun + ", " + "recipient=" + recipient + "]";
    }

    /** Builds a GenerateDataKeyPairRequest; members left unset are absent, as in the AWS API. */
    public static final class Builder {
        private Map<String, String> encryptionContext;
        private String keyId;
        private DataKeyPairSpec keyPairSpec;
        private List<String> grantTokens;
        private boolean dryRun;
        private RecipientInfo recipient;

        private Builder() {
        }

        public Builder encryptionContext(Map<String, String> encryptionContext) {
            this.encryptionContext = encryptionContext;
            return this;
        }

        public Builder keyId(String keyId) {
            this.keyId = keyId;
            return this;
        }

        public Builder keyPairSpec(DataKeyPairSpec keyPairSpec) {
            this.keyPairSpec = keyPairSpec;
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

        public GenerateDataKeyPairRequest build() {
            return new GenerateDataKeyPairRequest(encryptionContext, keyId, keyPairSpec, grantTokens, dryRun, recipient);
        }
    }
}
