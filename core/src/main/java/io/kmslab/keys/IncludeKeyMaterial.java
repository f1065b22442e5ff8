package io.kmslab.keys;

/** What ListKeyRotations lists (the AWS IncludeKeyMaterial enum). */
public enum IncludeKeyMaterial {
    ROTATIONS_ONLY,
    ALL_KEY_MATERIAL
}
