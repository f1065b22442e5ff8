package io.kmslab.services.ssm;

import io.kmslab.services.common.SealedData;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The encrypted value of an advanced SecureString: the data key encrypted by KMS (GenerateDataKey), the encryption
 * context it was encrypted with, and the value encrypted under the data key with that context as associated data.
 * AWS stores an AWS Encryption SDK message here ("Parameter Store stores the entire encrypted message in the secure
 * string parameter value", https://docs.aws.amazon.com/kms/latest/developerguide/services-parameter-store.html);
 * this is KMS Lab's own, simpler layout with the same parts, not the Encryption SDK's message format:
 * version byte 1, then the encrypted data key, the context key, the context value, the IV and the ciphertext, each
 * but the last two preceded by its length (2 bytes).
 */
record ParameterEnvelope(byte[] encryptedDataKey, String contextKey, String contextValue, SealedData sealed) {
    private static final int VERSION = 1;

    ParameterEnvelope {
        encryptedDataKey = encryptedDataKey.clone();
    }

    @Override
    public byte[] encryptedDataKey() {
        return encryptedDataKey.clone();
    }

    Map<String, String> encryptionContext() {
        return Map.of(contextKey, contextValue);
    }

    /** The associated data the value is sealed with: its encryption context. */
    static byte[] aad(String contextKey, String contextValue) {
        return (contextKey + "=" + contextValue).getBytes(StandardCharsets.UTF_8);
    }

    byte[] toBytes() {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            DataOutputStream out = new DataOutputStream(bytes);
            out.writeByte(VERSION);
            out.writeShort(encryptedDataKey.length);
            out.write(encryptedDataKey);
            out.writeUTF(contextKey);
            out.writeUTF(contextValue);
            out.write(sealed.iv());
            out.write(sealed.ciphertext());
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new IllegalStateException("writing to memory failed", e);
        }
    }

    /** Reads what {@link #toBytes()} wrote; IllegalArgumentException for anything else. */
    static ParameterEnvelope fromBytes(byte[] bytes) {
        try {
            DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes));
            if (in.readByte() != VERSION) {
                throw new IllegalArgumentException("not a KMS Lab parameter envelope");
            }
            byte[] key = new byte[in.readUnsignedShort()];
            in.readFully(key);
            String contextKey = in.readUTF();
            String contextValue = in.readUTF();
            byte[] iv = new byte[12];
            in.readFully(iv);
            byte[] ciphertext = in.readAllBytes();
            return new ParameterEnvelope(key, contextKey, contextValue, new SealedData(iv, ciphertext));
        } catch (IOException e) {
            throw new IllegalArgumentException("not a KMS Lab parameter envelope", e);
        }
    }

    @Override
    public String toString() {
        return "ParameterEnvelope[" + contextKey + "=" + contextValue + ", " + sealed + "]";
    }
}
