package io.kmslab.keys;

/** Whether an import brings back the existing material or stages new material for rotation (ImportType). */
public enum ImportType {
    EXISTING_KEY_MATERIAL,
    NEW_KEY_MATERIAL
}
