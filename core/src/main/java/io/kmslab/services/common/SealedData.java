package io.kmslab.services.common;

import java.security.GeneralSecurityException;
import java.util.random.RandomGenerator;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Data a service keeps encrypted under a data key (envelope encryption): AES-256-GCM with a random 12-byte IV and the
 * given associated data. The service keeps this beside the data key encrypted by KMS, never the plaintext data key.
 * How each AWS service lays out its own encrypted data is not published; this is KMS Lab's layout, the same for all.
 *
 * @param iv the 12-byte GCM nonce
 * @param ciphertext the encrypted data followed by its 16-byte tag
 */
public record SealedData(byte[] iv, byte[] ciphertext) {
    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;

    public SealedData {
        iv = iv.clone();
        ciphertext = ciphertext.clone();
    }

    /** Encrypts {@code data} under a 32-byte data key; {@code aad} binds it to where it belongs. */
    public static SealedData seal(byte[] dataKey, byte[] data, byte[] aad, RandomGenerator random) {
        byte[] iv = new byte[IV_BYTES];
        random.nextBytes(iv);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(dataKey, "AES"), new GCMParameterSpec(TAG_BITS, iv));
            cipher.updateAAD(aad);
            return new SealedData(iv, cipher.doFinal(data));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available in this JVM", e);
        }
    }

    /**
     * Decrypts with the data key; a wrong key, other associated data or any changed byte throws
     * {@link TamperedDataException}.
     */
    public byte[] open(byte[] dataKey, byte[] aad) {
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, new SecretKeySpec(dataKey, "AES"), new GCMParameterSpec(TAG_BITS, iv));
            cipher.updateAAD(aad);
            return cipher.doFinal(ciphertext);
        } catch (AEADBadTagException e) {
            throw new TamperedDataException();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available in this JVM", e);
        }
    }

    @Override
    public byte[] iv() {
        return iv.clone();
    }

    @Override
    public byte[] ciphertext() {
        return ciphertext.clone();
    }

    /** The size of the encrypted data, without its IV and tag. */
    public int dataSize() {
        return ciphertext.length - TAG_BITS / 8;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SealedData other && java.util.Arrays.equals(iv, other.iv)
                && java.util.Arrays.equals(ciphertext, other.ciphertext);
    }

    @Override
    public int hashCode() {
        return 31 * java.util.Arrays.hashCode(iv) + java.util.Arrays.hashCode(ciphertext);
    }

    @Override
    public String toString() {
        return "SealedData[" + dataSize() + " bytes]";
    }

    /** Encrypted data that does not decrypt with the key and associated data given: changed, or not theirs. */
    public static final class TamperedDataException extends RuntimeException {
        TamperedDataException() {
            super("The encrypted data does not authenticate: it was changed, or it belongs elsewhere");
        }
    }

    /** The bytes of {@code s} in UTF-8, a convenience for associated data made of names. */
    public static byte[] aad(String s) {
        return s.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }
}
