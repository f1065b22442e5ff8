package io.kmslab.keys;

/** The state of one generation of key material (the AWS KeyMaterialState enum). */
public enum KeyMaterialState {
    CURRENT,
    NON_CURRENT,
    PENDING_ROTATION
}
