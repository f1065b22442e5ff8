package io.kmslab.api;

/** EnableKeyRotation: automatic rotation every RotationPeriodInDays (90 to 2560, default 365) for a symmetric key with AWS_KMS origin. */
public record EnableKeyRotationRequest(String keyId, Integer rotationPeriodInDays) {
    public static EnableKeyRotationRequest of(String keyId) {
        return new EnableKeyRotationRequest(keyId, null);
    }

    public static EnableKeyRotationRequest of(String keyId, Integer rotationPeriodInDays) {
        return new EnableKeyRotationRequest(keyId, rotationPeriodInDays);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A copy of this value with some members changed. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.keyId = keyId;
        b.rotationPeriodInDays = rotationPeriodInDays;
        return b;
    }

    @Override
    public String toString() {
        return "EnableKeyRotationRequest[" + "keyId=" + keyId + ", " + "rotationPeriodInDays=" + rotationPeriodInDays + "]";
    }

    /** Builds a EnableKeyRotationRequest; members left unset are absent, as in the AWS API. */
    public static final class Builder {
        private String keyId;
        private Integer rotationPeriodInDays;

        private Builder() {
        }

        public Builder keyId(String keyId) {
            this.keyId = keyId;
            return this;
        }

        public Builder rotationPeriodInDays(Integer rotationPeriodInDays) {
            this.rotationPeriodInDays = rotationPeriodInDays;
            return this;
        }

        public EnableKeyRotationRequest build() {
            return new EnableKeyRotationRequest(keyId, rotationPeriodInDays);
        }
    }
}
