package io.kmslab.api;

import java.time.Instant;

public record GetParametersForImportResponse(String keyId, byte[] importToken, byte[] publicKey, Instant parametersValidTo) {
    public static Builder builder() {
        return new Builder();
    }

    /** A copy of this value with some members changed. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.keyId = keyId;
        b.importToken = importToken;
        b.publicKey = publicKey;
        b.parametersValidTo = parametersValidTo;
        return b;
    }

    @Override
    public String toString() {
        return "GetParametersForImportResponse[" + "keyId=" + keyId + ", " + "importToken=" + (importToken == null ? "null" : "*** sensitive, " + importToken.length + " bytes ***") + ", " + "publicKey=" + (publicKey == null ? "null" : "<" + publicKey.length + " bytes>") + ", " + "parametersValidTo=" + parametersValidTo + "]";
    }

    /** Builds a GetParametersForImportResponse; members left unset are absent, as in the AWS API. */
    public static final class Builder {
        private String keyId;
        private byte[] importToken;
        private byte[] publicKey;
        private Instant parametersValidTo;

        private Builder() {
        }

        public Builder keyId(String keyId) {
            this.keyId = keyId;
            return this;
        }

        public Builder importToken(byte[] importToken) {
            this.importToken = importToken;
            return this;
        }

        public Builder publicKey(byte[] publicKey) {
            this.publicKey = publicKey;
            return this;
        }

        public Builder parametersValidTo(Instant parametersValidTo) {
            this.parametersValidTo = parametersValidTo;
            return this;
        }

        public GetParametersForImportResponse build() {
            return new GetParametersForImportResponse(keyId, importToken, publicKey, parametersValidTo);
        }
    }
}
