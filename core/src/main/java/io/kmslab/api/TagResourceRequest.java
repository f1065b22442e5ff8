package io.kmslab.api;

import java.util.List;

/** TagResource: adds or replaces tags of a key. */
public record TagResourceRequest(String keyId, List<Tag> tags) {
    public TagResourceRequest {
        tags = tags == null ? List.of() : List.copyOf(tags);
    }

    public static TagResourceRequest of(String keyId, List<Tag> tags) {
        return new TagResourceRequest(keyId, tags);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A copy of this value with some members changed. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.keyId = keyId;
        b.tags = tags;
        return b;
    }

    @Override
    public String toString() {
        return "TagResourceRequest[" + "keyId=" + keyId + ", " + "tags=" + tags + "]";
    }

    /** Builds a TagResourceRequest; members left unset are absent, as in the AWS API. */
    public static final class Builder {
        private String keyId;
        private List<Tag> tags;

        private Builder() {
        }

        public Builder keyId(String keyId) {
            this.keyId = keyId;
            return this;
        }

        public Builder tags(List<Tag> tags) {
            this.tags = tags;
            return this;
        }

        public TagResourceRequest build() {
            return new TagResourceRequest(keyId, tags);
        }
    }
}
