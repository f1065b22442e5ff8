package io.kmslab.api;

public record GetKeyPolicyResponse(String policy, String policyName) {
    public static Builder builder() {
        return new Builder();
    }

    /** A copy of this value with some members changed. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.policy = policy;
        b.policyName = policyName;
        return b;
    }

    @Override
    public String toString() {
        return "GetKeyPolicyResponse[" + "policy=" + policy + ", " + "policyName=" + policyName + "]";
    }

    /** Builds a GetKeyPolicyResponse; members left unset are absent, as in the AWS API. */
    public static final class Builder {
        private String policy;
        private String policyName;

        private Builder() {
        }

        public Builder policy(String policy) {
            this.policy = policy;
            return this;
        }

        public Builder policyName(String policyName) {
            this.policyName = policyName;
            return this;
        }

        public GetKeyPolicyResponse build() {
            return new GetKeyPolicyResponse(policy, policyName);
        }
    }
}
