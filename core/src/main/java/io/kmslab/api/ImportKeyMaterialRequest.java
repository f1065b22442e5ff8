package io.kmslab.api;

import io.kmslab.keys.ExpirationModelType;
import io.kmslab.keys.ImportType;
import java.time.Instant;

/** ImportKeyMaterial: key material wrapped outside KMS with the public key of GetParametersForImport. */
public record ImportKeyMaterialRequest(String keyId, byte[] importToken, byte[] encryptedKeyMaterial, Instant validTo, ExpirationModelType expirationModel, ImportType importType, String keyMaterialDescription, String keyMaterialId) {
    public static ImportKeyMaterialRequest of(String keyId, byte[] importToken, byte[] encryptedKeyMaterial) {
        return new ImportKeyMaterialRequest(keyId, importToken, encryptedKeyMaterial, null, null, null, null, null);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A copy of this value with some members changed. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.keyId = keyId;
        b.importToken = importToken;
        b.encryptedKeyMaterial = encryptedKeyMaterial;
        b.validTo = validTo;
        b.expirationModel = expirationModel;
        b.importType = importType;
        b.keyMaterialDescription = keyMaterialDescription;
        b.keyMaterialId = keyMaterialId;
        return b;
    }

    @Override
    public String toString() {
        return "ImportKeyMaterialRequest[" + "keyId=" + keyId + ", " + "importToken=" + (importToken == null ? "null" : "*** sensitive, " + importToken.length + " bytes ***") + ", " + "encryptedKeyMaterial=" + (encryptedKeyMaterial == null ? "null" : "*** sensitive, " + encryptedKeyMaterial.length + " bytes ***") + ", " + "validTo=" + validTo + ", " + "expirationModel=" + expirationModel + ", " + "importType=" + importType + ", " + "keyMaterialDescription=" + keyMaterialDescription + ", " + "keyMaterialId=" + keyMaterialId + "]";
    }

    /** Builds a ImportKeyMaterialRequest; members left unset are absent, as in the AWS API. */
    public static final class Builder {
        private String keyId;
        private byte[] importToken;
        private byte[] encryptedKeyMaterial;
        private Instant validTo;
        private ExpirationModelType expirationModel;
        private ImportType importType;
        private String keyMaterialDescription;
        private String keyMaterialId;

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

        public Builder encryptedKeyMaterial(byte[] encryptedKeyMaterial) {
            this.encryptedKeyMaterial = encryptedKeyMaterial;
            return this;
        }

        public Builder validTo(Instant validTo) {
            this.validTo = validTo;
            return this;
        }

        public Builder expirationModel(ExpirationModelType expirationModel) {
            this.expirationModel = expirationModel;
            return this;
        }

        public Builder importType(ImportType importType) {
            this.importType = importType;
            return this;
        }

        public Builder keyMaterialDescription(String keyMaterialDescription) {
            this.keyMaterialDescription = keyMaterialDescription;
            return this;
        }

        public Builder keyMaterialId(String keyMaterialId) {
            this.keyMaterialId = keyMaterialId;
            return this;
        }

        public ImportKeyMaterialRequest build() {
            return new ImportKeyMaterialRequest(keyId, importToken, encryptedKeyMaterial, validTo, expirationModel, importType, keyMaterialDescription, keyMaterialId);
        }
    }
}
