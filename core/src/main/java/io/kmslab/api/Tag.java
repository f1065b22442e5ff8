package io.kmslab.api;

/** A key's tag: a TagKey and a TagValue. */
public record Tag(String tagKey, String tagValue) {
    public static Tag of(String tagKey, String tagValue) {
        return new Tag(tagKey, tagValue);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A copy of this value with some members changed. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.tagKey = tagKey;
        b.tagValue = tagValue;
        return b;
    }

    @Override
    public String toString() {
        return "Tag[" + "tagKey=" + tagKey + ", " + "tagValue=" + tagValue + "]";
    }

    /** Builds a Tag; members left unset are absent, as in the AWS API. */
    public static final class Builder {
        private String tagKey;
        private String tagValue;

        private Builder() {
        }

        public Builder tagKey(String tagKey) {
            this.tagKey = tagKey;
            return this;
        }

        public Builder tagValue(String tagValue) {
            this.tagValue = tagValue;
            return this;
        }

        public Tag build() {
            return new Tag(tagKey, tagValue);
        }
    }
}
