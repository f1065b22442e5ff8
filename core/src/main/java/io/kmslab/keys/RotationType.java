package io.kmslab.keys;

/** How a rotation happened (the AWS RotationType enum). */
public enum RotationType {
    AUTOMATIC,
    ON_DEMAND
}
