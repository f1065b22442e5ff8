package io.kmslab.api;

import java.util.List;

/** ReplicateKey: a replica of a multi-Region primary key in another Region (same key id and material; its own policy, tags, aliases, grants, description and state). */
public record ReplicateKeyRequest(String keyId, String replicaRegion, String policy, boolean bypassPolicyLockoutSafetyCheck, String description, List<Tag> tags) {
    public ReplicateKeyRequest {
        tags = tags == null ? List.of() : List.copyOf(tags);
    }

    public static ReplicateKeyRequest of(String keyId, String replicaRegion) {
        return new ReplicateKeyRequest(keyId, replicaRegion, null, false, null, null);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A copy of this value with some members changed. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.keyId = keyId;
        b.replicaRegion = replicaRegion;
        b.policy = policy;
        b.bypassPolicyLockoutSafetyCheck = bypassPolicyLockoutSafetyCheck;
        b.description = description;
        b.tags = tags;
        return b;
    }

    @Override
    public String toString() {
        return "ReplicateKeyRequest[" + "keyId=" + keyId + ", " + "replicaRegion=" + replicaRegion + ", " + "policy=" + policy + ", " + "bypassPolicyLockoutSafetyCheck=" + bypassPolicyLockoutSafetyCheck + ", " + "description=" + description + ", " + "tags=" + tags + "]";
    }

    /** Builds a ReplicateKeyRequest; members left unset are absent, as in the AWS API. */
    public static final class Builder {
        private String keyId;
        private String replicaRegion;
        private String policy;
        private boolean bypassPolicyLockoutSafetyCheck;
        private String description;
        private List<Tag> tags;

        private Builder() {
        }

        public Builder keyId(String keyId) {
            this.keyId = keyId;
            return this;
        }

        public Builder replicaRegion(String replicaRegion) {
            this.replicaRegion = replicaRegion;
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

        public Builder description(String description) {
            this.description = description;
            return this;
        }

        public Builder tags(List<Tag> tags) {
            this.tags = tags;
            return this;
        }

        public ReplicateKeyRequest build() {
            return new ReplicateKeyRequest(keyId, replicaRegion, policy, bypassPolicyLockoutSafetyCheck, description, tags);
        }
    }
}
