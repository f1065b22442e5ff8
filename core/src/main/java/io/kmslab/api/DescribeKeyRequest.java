package io.kmslab.api;

import java.util.List;

/** DescribeKey: the metadata of a key named by key id, key ARN, alias name or alias ARN. */
public record DescribeKeyRequest(String keyId, List<String> grantTokens) {
    public DescribeKeyRequest {
        grantTokens = grantTokens == null ? List.of() : List.copyOf(grantTokens);
    }

    public static DescribeKeyRequest of(String keyId) {
        return new DescribeKeyRequest(keyId, null);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A copy of this value with some members changed. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.keyId = keyId;
        b.grantTokens = grantTokens;
        return b;
    }

    @Override
    public String toString() {
        return "DescribeKeyRequest[" + "keyId=" + keyId + ", " + "grantTokens=" + grantTokens + "]";
    }

    /** Builds a DescribeKeyRequest; members left unset are absent, as in the AWS API. */
    public static final class Builder {
        private String keyId;
        private List<String> grantTokens;

        private Builder() {
        }

        public Builder keyId(String keyId) {
            this.keyId = keyId;
            return this;
        }

        public Builder grantTokens(List<String> grantTokens) {
            this.grantTokens = grantTokens;
            return this;
        }

        public DescribeKeyRequest build() {
            return new DescribeKeyRequest(keyId, grantTokens);
        }
    }
}
