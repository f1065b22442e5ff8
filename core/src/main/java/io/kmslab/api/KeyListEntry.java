package io.kmslab.api;

/** One entry of ListKeys: the key id and its ARN. */
public record KeyListEntry(String keyId, String keyArn) {
    public static Builder builder() {
        return new Builder();
    }

    /** A copy of this value with some members changed. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.keyId = keyId;
        b.keyArn = keyArn;
        return b;
    }

    @Override
    public String toString() {
        return "KeyListEntry[" + "keyId=" + keyId + ", " + "keyArn=" + keyArn + "]";
    }

    /** Builds a KeyListEntry; members left unset are absent, as in the AWS API. */
    public static final class Builder {
        private String keyId;
        private String keyArn;

        private Builder() {
        }

        public Builder keyId(String keyId) {
            this.keyId = keyId;
            return this;
        }

        public Builder keyArn(String keyArn) {
            this.keyArn = keyArn;
            return this;
        }

        public KeyListEntry build() {
            return new KeyListEntry(keyId, keyArn);
        }
    }
}
