package io.kmslab.api;

import java.util.List;

/** GetPublicKey: the public key of an asymmetric key, DER-encoded SubjectPublicKeyInfo, for use outside KMS. */
public record GetPublicKeyRequest(String keyId, List<String> grantTokens) {
    public GetPublicKeyRequest {
        grantTokens = grantTokens == null ? List.of() : List.copyOf(grantTokens);
    }

    public static GetPublicKeyRequest of(String keyId) {
        return new GetPublicKeyRequest(keyId, null);
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
        return "GetPublicKeyRequest[" + "keyId=" + keyId + ", " + "grantTokens=" + grantTokens + "]";
    }

    /** Builds a GetPublicKeyRequest; members left unset are absent, as in the AWS API. */
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

        public GetPublicKeyRequest build() {
            return new GetPublicKeyRequest(keyId, grantTokens);
        }
    }
}
