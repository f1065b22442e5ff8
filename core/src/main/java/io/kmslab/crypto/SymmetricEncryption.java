package io.kmslab.crypto;

import io.kmslab.errors.InvalidCiphertextException;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Map;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * SYMMETRIC_DEFAULT: AES-256-GCM with a random 12-byte IV; the ciphertext header and the encryption context are the
 * additional authenticated data (see {@link SymmetricCiphertext} for the layout).
 */
public final class SymmetricEncryption {
    private static final String TRANSFORMATION = "AES/GCM/NoPadding";

    private final SecureRandom random;

    public SymmetricEncryption(SecureRandom random) {
        this.random = random;
    }

    /** Encrypts under the given material of the key named by {@code keyArn}; returns the whole blob. */
    public byte[] seal(KeyMaterial.Secret material, String keyArn, Map<String, String> context, byte[] plaintext) {
        byte[] header = SymmetricCiphertext.header(keyArn, material.id());
        byte[] iv = new byte[SymmetricCiphertext.IV_BYTES];
        random.nextBytes(iv);
        try {
            Cipher cipher = Cipher.getInstance(TRANSFORMATION);
            cipher.init(Cipher.ENCRYPT_MODE, aesKey(material),
                    new GCMParameterSpec(SymmetricCiphertext.TAG_BYTES * 8, iv));
            cipher.updateAAD(header);
            cipher.updateAAD(EncryptionContextEncoding.encode(context));
            // the blob made once, the cipher writing straight into it after the header and IV (the array form of
            // doFinal, as benchmarks' RawAesGcm does: no ByteBuffer views around the arrays)
            byte[] blob = new byte[header.length + iv.length + cipher.getOutputSize(plaintext.length)];
            System.arraycopy(header, 0, blob, 0, header.length);
            System.arraycopy(iv, 0, blob, header.length, iv.length);
            cipher.doFinal(plaintext, 0, plaintext.length, blob, header.length + iv.length);
            return blob;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available in this JVM", e);
        }
    }

    /**
     * Decrypts a parsed blob with the material it names. A wrong context or any changed byte fails authentication:
     * {@link InvalidCiphertextException}.
     */
    public byte[] open(KeyMaterial.Secret material, SymmetricCiphertext blob, Map<String, String> context) {
        try {
            Cipher cipher = Cipher.getInstance(TRANSFORMATION);
            cipher.init(Cipher.DECRYPT_MODE, aesKey(material),
                    new GCMParameterSpec(SymmetricCiphertext.TAG_BYTES * 8, blob.iv()));
            cipher.updateAAD(blob.header());
            cipher.updateAAD(EncryptionContextEncoding.encode(context));
            return cipher.doFinal(blob.sealed());
        } catch (AEADBadTagException e) {
            throw new InvalidCiphertextException("");
        } catch (GeneralSecurityException e) {
            throw new InvalidCiphertextException("");
        }
    }

    private static SecretKeySpec aesKey(KeyMaterial.Secret material) {
        return new SecretKeySpec(material.key().unsafeBytes(), "AES");
    }
}
