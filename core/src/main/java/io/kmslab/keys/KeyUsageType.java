package io.kmslab.keys;

/** What a KMS key can be used for (the AWS KeyUsageType enum). */
public enum KeyUsageType {
    ENCRYPT_DECRYPT,
    SIGN_VERIFY,
    GENERATE_VERIFY_MAC,
    KEY_AGREEMENT,
    /** ML-KEM keys: Encapsulate and Decapsulate (the AWS SDK 2.57.8 model's KeyUsageType). */
    ENCAPSULATE_DECAPSULATE
}
