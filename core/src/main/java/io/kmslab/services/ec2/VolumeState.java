package io.kmslab.services.ec2;

/** The state of an EBS volume (the EC2 {@code VolumeState} values; {@link #value()} is the API's spelling). */
public enum VolumeState {
    CREATING("creating"),
    AVAILABLE("available"),
    IN_USE("in-use"),
    DELETING("deleting"),
    DELETED("deleted"),
    ERROR("error");

    private final String value;

    VolumeState(String value) {
        this.value = value;
    }

    /** The value as the EC2 API writes it, {@code in-use}. */
    public String value() {
        return value;
    }

    @Override
    public String toString() {
        return value;
    }
}
