package io.kmslab.crypto;

import io.kmslab.errors.InvalidCiphertextException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The KMS Lab symmetric ciphertext blob, version 1. AWS does not publish its own layout (it is "self-describing":
 * Decrypt needs no KeyId); this one is documented in {@code docs/ciphertext-format.md}:
 *
 * <pre>
 * offset      size  field
 * 0           1     format version (0x01)
 * 1           1     L, length of the key ARN
 * 2           L     key ARN, UTF-8 (names the account, the region and the key)
 * 2+L         32    key material id (the 64 hex characters as 32 bytes)
 * 34+L        12    AES-GCM initialisation vector (random)
 * 46+L        n     AES-256-GCM ciphertext (n = plaintext length)
 * 46+L+n      16    AES-GCM authentication tag
 * </pre>
 *
 * The header (bytes 0 to 34+L) followed by the encoded encryption context is the GCM additional authenticated data, so a
 * change to any byte, or to the context, fails authentication.
 */
public record SymmetricCiphertext(String keyArn, String keyMaterialId, byte[] iv, byte[] sealed) {

    public static final byte VERSION = 0x01;
    public static final int MATERIAL_ID_BYTES = 32;
    public static final int IV_BYTES = 12;
    public static final int TAG_BYTES = 16;
    private static final int MIN_ARN = 20;

    /** The bytes authenticated (not encrypted) before the IV. */
    public byte[] header() {
        return header(keyArn, keyMaterialId);
    }

    static byte[] header(String keyArn, String keyMaterialId) {
        byte[] arn = keyArn.getBytes(StandardCharsets.UTF_8);
        if (arn.length > 255) {
            throw new IllegalArgumentException("key ARN longer than 255 bytes: " + keyArn);
        }
        return ByteBuffer.allocate(2 + arn.length + MATERIAL_ID_BYTES)
                .put(VERSION)
                .put((byte) arn.length)
                .put(arn)
                .put(KeyMaterial.idBytes(keyMaterialId))
                .array();
    }

    /** The blob as KMS returns it. */
    public byte[] encode() {
        byte[] header = header();
        return ByteBuffer.allocate(header.length + IV_BYTES + sealed.length).put(header).put(iv).put(sealed).array();
    }

    /** Length of the plaintext this blob holds. */
    public int plaintextLength() {
        return sealed.length - TAG_BYTES;
    }

    /**
     * Reads a blob; anything that is not a well-formed version 1 blob is {@link InvalidCiphertextException}, as KMS
     * answers for a ciphertext it cannot read.
     */
    public static SymmetricCiphertext parse(byte[] blob) {
        if (blob == null || blob.length < 2 || blob[0] != VERSION) {
            throw invalid();
        }
        int arnLength = Byte.toUnsignedInt(blob[1]);
        int ivAt = 2 + arnLength + MATERIAL_ID_BYTES;
        int sealedAt = ivAt + IV_BYTES;
        if (arnLength < MIN_ARN || blob.length < sealedAt + TAG_BYTES) {
            throw invalid();
        }
        String arn;
        try {
            arn = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(blob, 2, arnLength))
                    .toString();
        } catch (CharacterCodingException e) {
            throw invalid();
        }
        String materialId = KeyMaterial.idOf(Arrays.copyOfRange(blob, 2 + arnLength, ivAt));
        return new SymmetricCiphertext(arn, materialId,
                Arrays.copyOfRange(blob, ivAt, sealedAt), Arrays.copyOfRange(blob, sealedAt, blob.length));
    }

    /** Whether a blob starts like a KMS Lab symmetric ciphertext (it may still be invalid). */
    public static boolean looksSymmetric(byte[] blob) {
        return blob != null && blob.length > 2 && blob[0] == VERSION;
    }

    private static InvalidCiphertextException invalid() {
        return new InvalidCiphertextException("");
    }

    @Override
    public String toString() {
        return "SymmetricCiphertext[keyArn=" + keyArn + ", keyMaterialId=" + keyMaterialId
                + ", plaintextLength=" + plaintextLength() + "]";
    }
}
