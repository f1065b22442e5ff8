package io.kmslab.keys;

/** Whether imported key material expires (the AWS ExpirationModelType enum). */
public enum ExpirationModelType {
    KEY_MATERIAL_EXPIRES,
    KEY_MATERIAL_DOES_NOT_EXPIRE
}
