package io.kmslab.keys;

/** Where a key's material comes from (the AWS OriginType enum). */
public enum OriginType {
    AWS_KMS,
    EXTERNAL,
    AWS_CLOUDHSM,
    EXTERNAL_KEY_STORE
}
