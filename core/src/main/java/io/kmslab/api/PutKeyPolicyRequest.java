package io.kmslab.api;

/** PutKeyPolicy: replaces the key policy, after checking it would not lock the caller out (unless bypassed). */
public record PutKeyPolicyRequest(String keyId, String policyName, String policy, boolean bypassPolicyLockoutSafetyCheck) {
    public static PutKeyPolicyRequest of(String keyId, String policy) {
        return new PutKeyPolicyRequest(keyId, null, policy, false);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A copy of this value with some members changed. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.keyId = keyId;
        b.policyName = policyName;
        b.policy = policy;
        b.bypassPolicyLockoutSafetyCheck = bypassPolicyLockoutSafetyCheck;
        return b;
    }

    @Override
    public String toString() {
        return "PutKeyPolicyRequest[" + "keyId=" + keyId + ", " + "policyName=" + policyName + ", " + "policy=" + policy + ", " + "bypassPolicyLockoutSafetyCheck=" + bypassPolicyLockoutSafetyCheck + "]";
    }

    /** Builds a PutKeyPolicyRequest; members left unset are absent, as in the AWS API. */
    public static final class Builder {
        private String keyId;
        private String policyName;
        private String policy;
        private boolean bypassPolicyLockoutSafetyCheck;

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

        public Builder policy(String policy) {
            this.policy = policy;
            return this;
        }

        public Builder bypassPolicyLockoutSafetyCheck(boolean bypassPolicyLockoutSafetyCheck) {
            this.bypassPolicyLockoutSafetyCheck = bypassPolicyLockoutSafetyCheck;
            return this;
        }

        public PutKeyPolicyRequest build() {
            return new PutKeyPolicyRequest(keyId, policyName, policy, bypassPolicyLockoutSafetyCheck);
        }
    }
}
