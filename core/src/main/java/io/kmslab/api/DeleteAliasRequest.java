package io.kmslab.api;

/** DeleteAlias: removes an alias; the key is not affected. */
public record DeleteAliasRequest(String aliasName) {
    public static DeleteAliasRequest of(String aliasName) {
        return new DeleteAliasRequest(aliasName);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A copy of this value with some members changed. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.aliasName = aliasName;
        return b;
    }

    @Override
    public String toString() {
        return "DeleteAliasRequest[" + "aliasName=" + aliasName + "]";
    }

    /** Builds a DeleteAliasRequest; members left unset are absent, as in the AWS API. */
    public static final class Builder {
        private String aliasName;

        private Builder() {
        }

        public Builder aliasName(String aliasName) {
            this.aliasName = aliasName;
            return this;
        }

        public DeleteAliasRequest build() {
            return new DeleteAliasRequest(aliasName);
        }
    }
}
