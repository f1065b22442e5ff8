package io.kmslab.services.ec2;

/** The state of a volume's attachment (the EC2 {@code VolumeAttachmentState} values). */
public enum VolumeAttachmentState {
    ATTACHING("attaching"),
    ATTACHED("attached"),
    DETACHING("detaching"),
    DETACHED("detached");

    private final String value;

    VolumeAttachmentState(String value) {
        this.value = value;
    }

    /** The value as the EC2 API writes it, {@code attached}. */
    public String value() {
        return value;
    }

    @Override
    public String toString() {
        return value;
    }
}
