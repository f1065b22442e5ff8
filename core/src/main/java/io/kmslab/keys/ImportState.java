package io.kmslab.keys;

/** Whether a key material of a key with imported material is imported now (ListKeyRotations ImportState). */
public enum ImportState {
    IMPORTED,
    PENDING_IMPORT
}
