package io.kmslab.benchmarks;

import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The raw primitive under SYMMETRIC_DEFAULT, without the engine: AES-256-GCM through JCA with a random 12-byte IV
 * per message and a header bound as additional authenticated data. Per call it does the cryptographic work the
 * engine's {@code SymmetricEncryption} does: {@code Cipher.getInstance}, {@code init}, {@code updateAAD},
 * {@code doFinal}. Its blob is {@code IV || ciphertext || tag}.
 */
final class RawAesGcm {
    static final String TRANSFORMATION = "AES/GCM/NoPadding";
    static final int IV_BYTES = 12;
    static final int TAG_BITS = 128;
    /**
     * As many bytes as the engine authenticates for a key of eu-west-2 and no encryption context: the 109-byte
     * ciphertext header (version, ARN length, 75-byte key ARN, 32-byte key material id) and the 2-byte empty context.
     */
    static final int HEADER_BYTES = 111;

    private final SecureRandom random;
    private final SecretKey key;
    private final byte[] header;

    RawAesGcm(SecureRandom random) {
        this.random = random;
        byte[] keyBytes = new byte[32];
        random.nextBytes(keyBytes);
        this.key = new SecretKeySpec(keyBytes, "AES");
        this.header = new byte[HEADER_BYTES];
        random.nextBytes(header);
    }

    byte[] seal(byte[] plaintext) {
        byte[] iv = new byte[IV_BYTES];
        random.nextBytes(iv);
        try {
            Cipher cipher = Cipher.getInstance(TRANSFORMATION);
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, iv));
            cipher.updateAAD(header);
            byte[] blob = new byte[IV_BYTES + cipher.getOutputSize(plaintext.length)];
            System.arraycopy(iv, 0, blob, 0, IV_BYTES);
            cipher.doFinal(plaintext, 0, plaintext.length, blob, IV_BYTES);
            return blob;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available in this JVM", e);
        }
    }

    byte[] open(byte[] blob) {
        try {
            Cipher cipher = Cipher.getInstance(TRANSFORMATION);
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, blob, 0, IV_BYTES));
            cipher.updateAAD(header);
            return cipher.doFinal(blob, IV_BYTES, blob.length - IV_BYTES);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the blob does not authenticate", e);
        }
    }
}
