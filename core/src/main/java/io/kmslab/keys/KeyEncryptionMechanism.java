package io.kmslab.keys;

/**
 * The algorithm that encrypts an attested answer (CiphertextForRecipient) under the public key of a Nitro enclave's
 * attestation document (the AWS KeyEncryptionMechanism enum). AWS, API_Decrypt, Recipient: "The only valid encryption
 * algorithm is RSAES_OAEP_SHA_256." (https://docs.aws.amazon.com/kms/latest/APIReference/API_Decrypt.html)
 */
public enum KeyEncryptionMechanism {
    RSAES_OAEP_SHA_256
}
