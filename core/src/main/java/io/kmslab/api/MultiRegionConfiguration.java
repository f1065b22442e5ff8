package io.kmslab.api;

import io.kmslab.keys.MultiRegionKeyType;
import java.util.List;

/** The primary and replicas of a multi-Region key, as DescribeKey shows them. */
public record MultiRegionConfiguration(MultiRegionKeyType multiRegionKeyType, MultiRegionKey primaryKey, List<MultiRegionKey> replicaKeys) {
    public MultiRegionConfiguration {
        replicaKeys = replicaKeys == null ? List.of() : List.copyOf(replicaKeys);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A copy of this value with some members changed. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.multiRegionKeyType = multiRegionKeyType;
        b.primaryKey = primaryKey;
        b.replicaKeys = replicaKeys;
        return b;
    }

    @Override
    public String toString() {
        return "MultiRegionConfiguration[" + "multiRegionKeyType=" + multiRegionKeyType + ", " + "primaryKey=" + primaryKey + ", " + "replicaKeys=" + replicaKeys + "]";
    }

    /** Builds a MultiRegionConfiguration; members left unset are absent, as in the AWS API. */
    public static final class Builder {
        private MultiRegionKeyType multiRegionKeyType;
        private MultiRegionKey primaryKey;
        private List<MultiRegionKey> replicaKeys;

        private Builder() {
        }

        public Builder multiRegionKeyType(MultiRegionKeyType multiRegionKeyType) {
            this.multiRegionKeyType = multiRegionKeyType;
            return this;
        }

        public Builder primaryKey(MultiRegionKey primaryKey) {
            this.primaryKey = primaryKey;
            return this;
        }

        public Builder replicaKeys(List<MultiRegionKey> replicaKeys) {
            this.replicaKeys = replicaKeys;
            return this;
        }

        public MultiRegionConfiguration build() {
            return new MultiRegionConfiguration(multiRegionKeyType, primaryKey, replicaKeys);
        }
    }
}
