package io.kmslab.operations;

import io.kmslab.crypto.KeyMaterial;
import io.kmslab.errors.InvalidKeyUsageException;
import io.kmslab.keys.KeySpec;
import io.kmslab.keys.KeyUsageType;

/**
 * The KMS key of a cryptographic operation: the check of its key usage, the error for an algorithm its key spec does
 * not support, and its current key material.
 */
public final class CryptoKeys {
    private CryptoKeys() {
    }

    static void requireUsage(KmsKey key, KeyUsageType usage, String operation) {
        if (key.keyUsage() != usage) {
            throw new InvalidKeyUsageException(key.arn() + " key usage is " + key.keyUsage()
                    + " which is not valid for " + operation + ".");
        }
    }

    static InvalidKeyUsageException incompatible(Enum<?> algorithm, KeySpec spec) {
        return new InvalidKeyUsageException("Algorithm " + algorithm + " is incompatible with key spec " + spec + ".");
    }

    static KeyMaterial.Secret secret(KmsKey key) {
        return (KeyMaterial.Secret) key.currentMaterial().orElseThrow();
    }

    static KeyMaterial.Pair pair(KmsKey key) {
        return (KeyMaterial.Pair) key.currentMaterial().orElseThrow(
                () -> new io.kmslab.errors.KmsInvalidStateException(key.arn() + " is pending import."));
    }
}
