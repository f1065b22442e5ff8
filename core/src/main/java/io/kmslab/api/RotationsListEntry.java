package io.kmslab.api;

import io.kmslab.keys.KeyMaterialState;
import io.kmslab.keys.RotationType;
import java.time.Instant;

/** One rotation (or generation of key material) of a key. */
public record RotationsListEntry(String keyId, String keyMaterialId, KeyMaterialState keyMaterialState, Instant rotationDate, RotationType rotationType) {
    public static Builder builder() {
        return new Builder();
    }

    /** A copy of this value with some members changed. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.keyId = keyId;
        b.keyMaterialId = keyMaterialId;
        b.keyMaterialState = keyMaterialState;
        b.rotationDate = rotationDate;
        b.rotationType = rotationType;
        return b;
    }

    @Override
    public String toString() {
        return "RotationsListEntry[" + "keyId=" + keyId + ", " + "keyMaterialId=" + keyMaterialId + ", " + "keyMaterialState=" + keyMaterialState + ", " + "rotationDate=" + rotationDate + ", " + "rotationType=" + rotationType + "]";
    }

    /** Builds a RotationsListEntry; members left unset are absent, as in the AWS API. */
    public static final class Builder {
        private String keyId;
        private String keyMaterialId;
        private KeyMaterialState keyMaterialState;
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

        public Builder keyMaterialState(KeyMaterialState keyMaterialState) {
            this.keyMaterialState = keyMaterialState;
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
            return new RotationsListEntry(keyId, keyMaterialId, keyMaterialState, rotationDate, rotationType);
        }
    }
}
