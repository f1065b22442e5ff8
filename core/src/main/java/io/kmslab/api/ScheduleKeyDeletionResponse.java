package io.kmslab.api;

import io.kmslab.keys.KeyState;
import java.time.Instant;

public record ScheduleKeyDeletionResponse(String keyId, Instant deletionDate, KeyState keyState, Integer pendingWindowInDays) {
    public static Builder builder() {
        return new Builder();
    }

    /** A copy of this value with some members changed. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.keyId = keyId;
        b.deletionDate = deletionDate;
        b.keyState = keyState;
        b.pendingWindowInDays = pendingWindowInDays;
        return b;
    }

    @Override
    public String toString() {
        return "ScheduleKeyDeletionResponse[" + "keyId=" + keyId + ", " + "deletionDate=" + deletionDate + ", " + "keyState=" + keyState + ", " + "pendingWindowInDays=" + pendingWindowInDays + "]";
    }

    /** Builds a ScheduleKeyDeletionResponse; members left unset are absent, as in the AWS API. */
    public static final class Builder {
        private String keyId;
        private Instant deletionDate;
        private KeyState keyState;
        private Integer pendingWindowInDays;

        private Builder() {
        }

        public Builder keyId(String keyId) {
            this.keyId = keyId;
            return this;
        }

        public Builder deletionDate(Instant deletionDate) {
            this.deletionDate = deletionDate;
            return this;
        }

        public Builder keyState(KeyState keyState) {
            this.keyState = keyState;
            return this;
        }

        public Builder pendingWindowInDays(Integer pendingWindowInDays) {
            this.pendingWindowInDays = pendingWindowInDays;
            return this;
        }

        public ScheduleKeyDeletionResponse build() {
            return new ScheduleKeyDeletionResponse(keyId, deletionDate, keyState, pendingWindowInDays);
        }
    }
}
