package io.kmslab.api;

import java.util.List;

public record ListKeyPoliciesResponse(List<String> policyNames, String nextMarker, boolean truncated) {
    public ListKeyPoliciesResponse {
        policyNames = policyNames == null ? List.of() : List.copyOf(policyNames);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A copy of this value with some members changed. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.policyNames = policyNames;
        b.nextMarker = nextMarker;
        b.truncated = truncated;
        return b;
    }

    @Override
    public String toString() {
        return "ListKeyPoliciesResponse[" + "policyNames=" + policyNames + ", " + "nextMarker=" + nextMarker + ", " + "truncated=" + truncated + "]";
    }

    /** Builds a ListKeyPoliciesResponse; members left unset are absent, as in the AWS API. */
    public static final class Builder {
        private List<String> policyNames;
        private String nextMarker;
        private boolean truncated;

        private Builder() {
        }

        public Builder policyNames(List<String> policyNames) {
            this.policyNames = policyNames;
            return this;
        }

        public Builder nextMarker(String nextMarker) {
            this.nextMarker = nextMarker;
            return this;
        }

        public Builder truncated(boolean truncated) {
            this.truncated = truncated;
            return this;
        }

        public ListKeyPoliciesResponse build() {
            return new ListKeyPoliciesResponse(policyNames, nextMarker, truncated);
        }
    }
}
