package io.kmslab.api;

/** GetKeyPolicy: the key policy of a key; its only policy name is "default". */
public record GetKeyPolicyRequest(String keyId, String policyName) {
    public static GetKeyPolicyRequest of(String keyId) {
        return new GetKeyPolicyRequest(keyId, null);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A copy of this value with some members changed. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.keyId = keyId;
        b.policyName = policyName;
        return b;
    }

    @Override
    public String toString() {
        return "GetKeyPolicyRequest[" + "keyId=" + keyId + ", " + "policyName=" + policyName + "]";
    }

    /** Builds a GetKeyPolicyRequest; members left unset are absent, as in the AWS API. */
    public static final class Builder {
        private String keyId;
        private String policyName;

        private Builder() {
        }

        public Builder keyId(String keyId) {
            this.keyId = keyId;
            return this;
        }

        public Builder policyName(String policyName) {
            this.policyName = policyName;
            return this;
        }

        public GetKeyPolicyRequest build() {
            return new GetKeyPolicyRequest(keyId, policyName);
        }
    }
}
