package io.kmslab.api;

import java.util.List;

/** UntagResource: removes tags of a key by tag key. */
public record UntagResourceRequest(String keyId, List<String> tagKeys) {
    public UntagResourceRequest {
        tagKeys = tagKeys == null ? List.of() : List.copyOf(tagKeys);
    }

    public static UntagResourceRequest of(String keyId, List<String> tagKeys) {
        return new UntagResourceRequest(keyId, tagKeys);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A copy of this value with some members changed. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.keyId = keyId;
        b.tagKeys = tagKeys;
        return b;
    }

    @Override
    public String toString() {
        return "UntagResourceRequest[" + "keyId=" + keyId + ", " + "tagKeys=" + tagKeys + "]";
    }

    /** Builds a UntagResourceRequest; members left unset are absent, as in the AWS API. */
    public static final class Builder {
        private String keyId;
        private List<String> tagKeys;

        private Builder() {
        }

        public Builder keyId(String keyId) {
            this.keyId = keyId;
            return this;
        }

        public Builder tagKeys(List<String> tagKeys) {
            this.tagKeys = tagKeys;
            return this;
        }

        public UntagResourceRequest build() {
            return new UntagResourceRequest(keyId, tagKeys);
        }
    }
}
