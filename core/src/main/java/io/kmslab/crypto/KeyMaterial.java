package io.kmslab.crypto;

import io.kmslab.keys.KeySpec;
import java.security.KeyPair;
import java.security.PublicKey;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One generation of a KMS key's cryptographic material, named by its key material id (64 hexadecimal characters, as
 * AWS gives it). A symmetric or HMAC key holds secret bytes; an asymmetric key holds a key pair. Rotation (automatic
 * or on demand) adds generations; every generation stays to decrypt what it encrypted.
 */
public sealed interface KeyMaterial {

    Pattern ID_PATTERN = Pattern.compile("[0-9a-f]{64}");

    /** The key material id: 64 lower-case hexadecimal characters. */
    String id();

    /** When the material was made (or imported). */
    Instant createdAt();

    /** Secret bytes: AES-256 for SYMMETRIC_DEFAULT, the HMAC key for HMAC specs. */
    record Secret(String id, Instant createdAt, SecretBytes key) implements KeyMaterial {
        public Secret {
            checkId(id);
            Objects.requireNonNull(key);
        }

        @Override
        public String toString() {
            return "KeyMaterial.Secret[id=" + id + ", createdAt=" + createdAt + ", " + key.size() + " bytes]";
        }
    }

    /** An asymmetric key pair (RSA or ECC). */
    record Pair(String id, Instant createdAt, KeyPair keyPair) implements KeyMaterial {
        public Pair {
            checkId(id);
            Objects.requireNonNull(keyPair);
        }

        public PublicKey publicKey() {
            return keyPair.getPublic();
        }

        @Override
        public String toString() {
            return "KeyMaterial.Pair[id=" + id + ", createdAt=" + createdAt + ", "
                    + keyPair.getPublic().getAlgorithm() + "]";
        }
    }

    /** The raw 32 bytes of a key material id, as they sit in a ciphertext header. */
    static byte[] idBytes(String id) {
        // ids are checked when material is made; parseHex still refuses anything that is not hex
        return HexFormat.of().parseHex(id);
    }

    static String idOf(byte[] raw) {
        return HexFormat.of().formatHex(raw);
    }

    private static void checkId(String id) {
        if (id == null || !ID_PATTERN.matcher(id).matches()) {
            throw new IllegalArgumentException("A key material id is 64 lower-case hex characters, not " + id);
        }
    }
}
