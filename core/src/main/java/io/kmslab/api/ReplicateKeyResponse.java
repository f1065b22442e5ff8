package io.kmslab.api;

import java.util.List;

public record ReplicateKeyResponse(KeyMetadata replicaKeyMetadata, String replicaPolicy, List<Tag> replicaTags) {
    public ReplicateKeyResponse {
        replicaTags = replicaTags == null ? List.of() : List.copyOf(replicaTags);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A copy of this value with some members changed. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.replicaKeyMetadata = replicaKeyMetadata;
        b.replicaPolicy = replicaPolicy;
        b.replicaTags = replicaTags;
        return b;
    }

    @Override
    public String toString() {
        return "ReplicateKeyResponse[" + "replicaKeyMetadata=" + replicaKeyMetadata + ", " + "replicaPolicy=" + replicaPolicy + ", " + "replicaTags=" + replicaTags + "]";
    }

    /** Builds a ReplicateKeyResponse; members left unset are absent, as in the AWS API. */
    public static final class Builder {
        private KeyMetadata replicaKeyMetadata;
        private String replicaPolicy;
        private List<Tag> replicaTags;

        private Builder() {
        }

        public Builder replicaKeyMetadata(KeyMetadata replicaKeyMetadata) {
            this.replicaKeyMetadata = replicaKeyMetadata;
            return this;
        }

        public Builder replicaPolicy(String replicaPolicy) {
            this.replicaPolicy = replicaPolicy;
            return this;
        }

        public Builder replicaTags(List<Tag> replicaTags) {
            this.replicaTags = replicaTags;
            return this;
        }

        public ReplicateKeyResponse build() {
            return new ReplicateKeyResponse(replicaKeyMetadata, replicaPolicy, replicaTags);
        }
    }
}
