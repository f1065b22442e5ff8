package io.kmslab.keystores;

/** The kind of a custom key store (the AWS CustomKeyStoreType enum); KMS Lab simulates AWS_CLOUDHSM only. */
public enum CustomKeyStoreType {
    AWS_CLOUDHSM,
    EXTERNAL_KEY_STORE
}
