package io.kmslab.keys;

/**
 * Key agreement algorithms (the AWS KeyAgreementAlgorithmSpec enum). AWS, API_DeriveSharedSecret: "Specifies the key
 * agreement algorithm used to derive the shared secret. The only valid value is ECDH."
 * (https://docs.aws.amazon.com/kms/latest/APIReference/API_DeriveSharedSecret.html)
 */
public enum KeyAgreementAlgorithmSpec {
    ECDH
}
