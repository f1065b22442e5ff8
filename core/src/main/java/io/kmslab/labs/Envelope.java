package io.kmslab.labs;

import io.kmslab.KmsApi;
import java.security.GeneralSecurityException;
import java.util.Map;

/**
 * What lab 4's answer implements: envelope encryption of a file under a KMS key. {@code seal} asks KMS for a data
 * key, encrypts the file with it outside KMS and keeps only the encrypted copy of the data key; {@code open} asks KMS
 * to decrypt that copy and decrypts the file with it.
 */
public interface Envelope {
    /** Encrypts {@code data} (any size) with a data key of the KMS key {@code keyId}. */
    Sealed seal(KmsApi kms, String keyId, byte[] data) throws GeneralSecurityException;

    /** Gives back the data of a {@link Sealed}, or throws if it cannot be trusted (a byte changed). */
    byte[] open(KmsApi kms, Sealed sealed) throws GeneralSecurityException;

    /**
     * A sealed file as it is stored: the data key as KMS encrypted it, the encrypted data (its layout is the
     * learner's: IV, ciphertext, tag...), and the encryption context the data key was made with (not secret; stored
     * beside the data so that {@code open} can give it back to KMS). The arrays are not copied.
     */
    record Sealed(byte[] encryptedDataKey, byte[] encryptedData, Map<String, String> encryptionContext) {
        public Sealed {
            encryptionContext = encryptionContext == null ? Map.of() : Map.copyOf(encryptionContext);
        }

        @Override
        public String toString() {
            return "Sealed[encryptedDataKey=" + length(encryptedDataKey) + ", encryptedData="
                    + length(encryptedData) + ", encryptionContext=" + encryptionContext + "]";
        }

        private static String length(byte[] bytes) {
            return bytes == null ? "null" : "<" + bytes.length + " bytes>";
        }
    }
}
