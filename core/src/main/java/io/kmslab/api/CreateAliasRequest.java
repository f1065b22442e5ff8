package io.kmslab.api;

/** CreateAlias: a friendly name (alias/...) for a key of the same account and region. */
public record CreateAliasRequest(String aliasName, String targetKeyId) {
    public static CreateAliasRequest of(String aliasName, String targetKeyId) {
        return new CreateAliasRequest(aliasName, targetKeyId);
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
        return "CreateAliasRequest[" + "aliasName=" + aliasName + ", " + "targetKeyId=" + targetKeyId + "]";
    }

    /** Builds a CreateAliasRequest; members left unset are absent, as in the AWS API. */
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

        public CreateAliasRequest build() {
            return new CreateAliasRequest(aliasName, targetKeyId);
        }
    }
}
