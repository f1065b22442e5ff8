package io.kmslab.api;

/** UpdateAlias: points an existing alias at another key of the same type and usage (manual rotation). */
public record UpdateAliasRequest(String aliasName, String targetKeyId) {
    public static UpdateAliasRequest of(String aliasName, String targetKeyId) {
        return new UpdateAliasRequest(aliasName, targetKeyId);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A copy of this value with some members changed. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.aliasName = aliasName;
        b.targetKeyId = targetKeyId;
        return b;
    }

    @Override
    public String toString() {
        return "UpdateAliasRequest[" + "aliasName=" + aliasName + ", " + "targetKeyId=" + targetKeyId + "]";
    }

    /** Builds a UpdateAliasRequest; members left unset are absent, as in the AWS API. */
    public static final class Builder {
        private String aliasName;
        private String targetKeyId;

        private Builder() {
        }

        public Builder aliasName(String aliasName) {
            this.aliasName = aliasName;
            return this;
        }

        public Builder targetKeyId(String targetKeyId) {
            this.targetKeyId = targetKeyId;
            return this;
        }

        public UpdateAliasRequest build() {
            return new UpdateAliasRequest(aliasName, targetKeyId);
        }
    }
}
