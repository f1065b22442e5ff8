package io.kmslab.api;

import java.time.Instant;

public record GetKeyRotationStatusResponse(boolean keyRotationEnabled, String keyId, Integer rotationPeriodInDays, Instant nextRotationDate, Instant onDemandRotationStartDate) {
    public static Builder builder() {
        return new Builder();
    }

    /** A copy of this value with some members changed. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.keyRotationEnabled = keyRotationEnabled;
        b.keyId = keyId;
        b.rotationPeriodInDays = rotationPeriodInDays;
        b.nextRotationDate = nextRotationDate;
        b.onDemandRotationStartDate = onDemandRotationStartDate;
        return b;
    }

    @Override
    public String toString() {
        return "GetKeyRotationStatusResponse[" + "keyRotationEnabled=" + keyRotationEnabled + ", " + "keyId=" + keyId + ", " + "rotationPeriodInDays=" + rotationPeriodInDays + ", " + "nextRotationDate=" + nextRotationDate + ", " + "onDemandRotationStartDate=" + onDemandRotationStartDate + "]";
    }

    /** Builds a GetKeyRotationStatusResponse; members left unset are absent, as in the AWS API. */
    public static final class Builder {
        private boolean keyRotationEnabled;
        private String keyId;
        private Integer rotationPeriodInDays;
        private Instant nextRotationDate;
        private Instant onDemandRotationStartDate;

        private Builder() {
        }

        public Builder keyRotationEnabled(boolean keyRotationEnabled) {
            this.keyRotationEnabled = keyRotationEnabled;
            return this;
        }

        public Builder keyId(String keyId) {
            this.keyId = keyId;
            return this;
        }

        public Builder rotationPeriodInDays(Integer rotationPeriodInDays) {
            this.rotationPeriodInDays = rotationPeriodInDays;
            return this;
        }

        public Builder nextRotationDate(Instant nextRotationDate) {
            this.nextRotationDate = nextRotationDate;
            return this;
        }

        public Builder onDemandRotationStartDate(Instant onDemandRotationStartDate) {
            this.onDemandRotationStartDate = onDemandRotationStartDate;
            return this;
        }

        public GetKeyRotationStatusResponse build() {
            return new GetKeyRotationStatusResponse(keyRotationEnabled, keyId, rotationPeriodInDays, nextRotationDate, onDemandRotationStartDate);
        }
    }
}
