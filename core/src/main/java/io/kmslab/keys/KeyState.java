package io.kmslab.keys;

/** The state of a KMS key (the AWS KeyState enum). */
public enum KeyState {
    Creating,
    Enabled,
    Disabled,
    PendingDeletion,
    PendingImport,
    PendingReplicaDeletion,
    Unavailable,
    Updating
}
