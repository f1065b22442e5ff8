package io.kmslab.crypto;

import java.security.MessageDigest;
import java.util.Arrays;

/**
 * Secret key bytes. They must be asked for explicitly, are compared in constant time, and never appear in
 * {@code toString()} or a hash code.
 */
public final class SecretBytes {
    private final byte[] bytes;

    private SecretBytes(byte[] bytes) {
        this.bytes = bytes;
    }

    /** Takes a copy of the given bytes. */
    public static SecretBytes copyOf(byte[] bytes) {
        return new SecretBytes(bytes.clone());
    }

    /** A copy of the secret; the caller owns it and should clear it when done. */
    public byte[] toByteArray() {
        return bytes.clone();
    }

    /** The secret itself, without a copy, for the crypto package only. */
    byte[] unsafeBytes() {
        return bytes;
    }

    public int size() {
        return bytes.length;
    }

    /** Constant-time comparison. */
    public boolean sameAs(SecretBytes other) {
        return MessageDigest.isEqual(bytes, other.bytes);
    }

    @Override
    public boolean equals(Object o) {
        return o == this;
    }

    @Override
    public int hashCode() {
        return System.identityHashCode(this);
    }

    @Override
    public String toString() {
        return "SecretBytes[" + bytes.length + " bytes]";
    }

    /** Overwrites the secret with zeros. */
    public void destroy() {
        Arrays.fill(bytes, (byte) 0);
    }
}
