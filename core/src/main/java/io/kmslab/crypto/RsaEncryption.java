package io.kmslab.crypto;

import io.kmslab.errors.InvalidCiphertextException;
import io.kmslab.keys.EncryptionAlgorithmSpec;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.MGF1ParameterSpec;
import javax.crypto.Cipher;
import javax.crypto.spec.OAEPParameterSpec;
import javax.crypto.spec.PSource;

/**
 * RSAES-OAEP as KMS does it: RSAES_OAEP_SHA_1 and RSAES_OAEP_SHA_256 use the named hash for both OAEP and MGF1, with
 * an empty label. The ciphertext is the plain OAEP output, so data encrypted outside KMS with the public key
 * decrypts here, and the reverse.
 */
public final class RsaEncryption {
    private RsaEncryption() {
    }

    public static OAEPParameterSpec parameters(EncryptionAlgorithmSpec algorithm) {
        String digest = algorithm.oaepDigest();
        MGF1ParameterSpec mgf = "SHA-1".equals(digest) ? MGF1ParameterSpec.SHA1 : MGF1ParameterSpec.SHA256;
        return new OAEPParameterSpec(digest, "MGF1", mgf, PSource.PSpecified.DEFAULT);
    }

    public static byte[] encrypt(PublicKey key, EncryptionAlgorithmSpec algorithm, byte[] plaintext) {
        try {
            Cipher cipher = Cipher.getInstance("RSA/ECB/OAEPPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, parameters(algorithm));
            return cipher.doFinal(plaintext);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("RSA-OAEP failed", e);
        }
    }

    /** Any failure to decrypt (wrong key, wrong algorithm, changed bytes) is {@link InvalidCiphertextException}. */
    public static byte[] decrypt(PrivateKey key, EncryptionAlgorithmSpec algorithm, byte[] ciphertext) {
        try {
            Cipher cipher = Cipher.getInstance("RSA/ECB/OAEPPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, parameters(algorithm));
            return cipher.doFinal(ciphertext);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new InvalidCiphertextException("");
        }
    }
}
