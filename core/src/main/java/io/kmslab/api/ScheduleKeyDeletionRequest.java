package io.kmslab.api;

/** ScheduleKeyDeletion: the key becomes PendingDeletion and is deleted when the waiting period (7 to 30 days, default 30) ends. */
public record ScheduleKeyDeletionRequest(String keyId, Integer pendingWindowInDays) {
    public static ScheduleKeyDeletionRequest of(String keyId) {
        return new ScheduleKeyDeletionRequest(keyId, null);
    }

    public static ScheduleKeyDeletionRequest of(String keyId, Integer pendingWindowInDays) {
        return new ScheduleKeyDeletionRequest(keyId, pendingWindowInDays);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A copy of this value with some members changed. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.keyId = keyId;
        b.pendingWindowInDays = pendingWindowInDays;
        return b;
    }

    @Override
    public String toString() {
        return "ScheduleKeyDeletionRequest[" + "keyId=" + keyId + ", " + "pendingWindowInDays=" + pendingWindowInDays + "]";
    }

    /** Builds a ScheduleKeyDeletionRequest; members left unset are absent, as in the AWS API. */
    public static final class Builder {
        private String keyId;
        private Integer pendingWindowInDays;

        private Builder() {
        }

        public Builder keyId(String keyId) {
            this.keyId = keyId;
            return this;
        }

        public Builder pendingWindowInDays(Integer pendingWindowInDays) {
            this.pendingWindowInDays = pendingWindowInDays;
            return this;
        }

        public ScheduleKeyDeletionRequest build() {
            return new ScheduleKeyDeletionRequest(keyId, pendingWindowInDays);
        }
    }
}
