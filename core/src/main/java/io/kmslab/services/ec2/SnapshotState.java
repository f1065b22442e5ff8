package io.kmslab.services.ec2;

/** The state of an EBS snapshot (the EC2 {@code SnapshotState} values; {@link #value()} is the API's spelling). */
public enum SnapshotState {
    PENDING("pending"),
    COMPLETED("completed"),
    ERROR("error");

    private final String value;

    SnapshotState(String value) {
        this.value = value;
    }

    /** The value as the EC2 API writes it, {@code completed}. */
    public String value() {
        return value;
    }

    @Override
    public String toString() {
        return value;
    }
}
