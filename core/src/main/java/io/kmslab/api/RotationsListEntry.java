package io.kmslab.api;

import io.kmslab.keys.ExpirationModelType;
import io.kmslab.keys.ImportState;
import io.kmslab.keys.KeyMaterialState;
import io.kmslab.keys.RotationType;
import java.time.Instant;

/**
 * One key material of a key (ListKeyRotations): its rotation, if it came by one, and for imported material its
 * description, import state and expiration.
 */
public record RotationsListEntry(String keyId, String keyMaterialId, String keyMaterialDescription, ImportState importState, KeyMaterialState keyMaterialState, ExpirationModelType expirationModel, Instant validTo, Instant rotationDate, RotationType rotationType) {
    public static Builder builder() {
        return new Builder();
    }

    /** A copy of this value with some members changed. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.keyId = keyId;
        b.keyMaterialId = keyMaterialId;
        b.keyMaterialDescription = keyMaterialDescription;
        b.importState = importState;
        b.keyMaterialState = keyMaterialState;
        b.expirationModel = expirationModel;
        b.validTo = validTo;
        b.rotationDate = rotationDate;
        b.rotationType = rotationType;
        return b;
    }

    @Override
    public String toString() {
        return "RotationsListEntry[" + "keyId=" + keyId + ", " + "keyMaterialId=" + keyMaterialId + ", " + "keyMaterialDescription=" + keyMaterialDescription + ", " + "importState=" + importState + ", " + "keyMaterialState=" + keyMaterialState + ", " + "expirationModel=" + expirationModel + ", " + "validTo=" + validTo + ", " + "rotationDate=" + rotationDate + ", " + "rotationType=" + rotationType + "]";
    }

    /** Builds a RotationsListEntry; members left unset are absent, as in the AWS API. */
    public static final class Builder {
        private String keyId;
        private String keyMaterialId;
        private String keyMaterialDescription;
        private ImportState importState;
        private KeyMaterialState keyMaterialState;
        private ExpirationModelType expirationModel;
        private Instant validTo;
        private Instant rotationDate;
        private RotationType rotationType;

        private Builder() {
        }

        public Builder keyId(String keyId) {
            this.keyId = keyId;
            return this;
        }

        public Builder keyMaterialId(String keyMaterialId) {
            this.keyMaterialId = keyMaterialId;
            return this;
        }

        public Builder keyMaterialDescription(String keyMaterialDescription) {
            this.keyMaterialDescription = keyMaterialDescription;
            return this;
        }

        public Builder importState(ImportState importState) {
            this.importState = importState;
            return this;
        }

        public Builder keyMaterialState(KeyMaterialState keyMaterialState) {
            this.keyMaterialState = keyMaterialState;
            return this;
        }

        public Builder expirationModel(ExpirationModelType expirationModel) {
            this.expirationModel = expirationModel;
            return this;
        }

        public Builder validTo(Instant validTo) {
            this.validTo = validTo;
            return this;
        }

        public Builder rotationDate(Instant rotationDate) {
            this.rotationDate = rotationDate;
            return this;
        }

        public Builder rotationType(RotationType rotationType) {
            this.rotationType = rotationType;
            return this;
        }

        public RotationsListEntry build() {
            return new RotationsListEntry(keyId, keyMaterialId, keyMaterialDescription, importState, keyMaterialState, expirationModel, validTo, rotationDate, rotationType);
        }
    }
}
