package io.kmslab.crypto;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;

/**
 * The canonical bytes of an encryption context, bound to a symmetric ciphertext as additional authenticated data.
 * Pairs sorted by key; each key and value as a 2-byte length and UTF-8 bytes. Matching is exact and case-sensitive,
 * as in KMS.
 */
final class EncryptionContextEncoding {
    private EncryptionContextEncoding() {
    }

    static byte[] encode(Map<String, String> context) {
        if (context == null || context.isEmpty()) {
            return new byte[] {0, 0};
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(64);
        writeShort(out, context.size());
        for (Map.Entry<String, String> e : new TreeMap<>(context).entrySet()) {
            writeString(out, e.getKey());
            writeString(out, e.getValue());
        }
        return out.toByteArray();
    }

    private static void writeString(ByteArrayOutputStream out, String s) {
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        writeShort(out, bytes.length);
        out.writeBytes(bytes);
    }

    private static void writeShort(ByteArrayOutputStream out, int v) {
        out.write((v >>> 8) & 0xff);
        out.write(v & 0xff);
    }
}
