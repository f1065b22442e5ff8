import io.kmslab.KmsApi;
import io.kmslab.api.DecryptRequest;
import io.kmslab.api.GenerateDataKeyRequest;
import io.kmslab.api.GenerateDataKeyResponse;
import io.kmslab.keys.DataKeySpec;
import io.kmslab.labs.Envelope;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Map;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * "Keep the data key with the file so that reading it needs no KMS call": the plaintext data key is stored in front
 * of the data. Layout of encryptedData: data key (32 bytes) | IV (12 bytes) | ciphertext | tag.
 */
public class EnvelopeEncryption implements Envelope {
    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();

    @Override
    public Sealed seal(KmsApi kms, String keyId, byte[] data) throws GeneralSecurityException {
        // not secret, logged by CloudTrail, and bound to the data key: KMS refuses another one at Decrypt
        Map<String, String> context = Map.of("app", "file-vault", "purpose", "backup");
        GenerateDataKeyResponse dataKey = kms.generateDataKey(GenerateDataKeyRequest.builder().keyId(keyId)
                .keySpec(DataKeySpec.AES_256).encryptionContext(context).build());
        byte[] key = dataKey.plaintext();
        try {
            byte[] iv = new byte[IV_BYTES];
            RANDOM.nextBytes(iv);
            Cipher gcm = Cipher.getInstance("AES/GCM/NoPadding");
            gcm.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"), new GCMParameterSpec(TAG_BITS, iv));
            byte[] body = gcm.doFinal(data);
            byte[] sealed = ByteBuffer.allocate(32 + IV_BYTES + body.length).put(key).put(iv).put(body).array();
            return new Sealed(dataKey.ciphertextBlob(), sealed, context);
        } finally {
            Arrays.fill(key, (byte) 0);
        }
    }

    @Override
    public byte[] open(KmsApi kms, Sealed sealed) throws GeneralSecurityException {
        byte[] data = sealed.encryptedData();
        if (data.length < IV_BYTES) {
            throw new GeneralSecurityException("the sealed data is too short to hold an IV");
        }
        byte[] key = Arrays.copyOfRange(data, 0, 32);
        data = Arrays.copyOfRange(data, 32, data.length);
        try {
            Cipher gcm = Cipher.getInstance("AES/GCM/NoPadding");
            gcm.init(Cipher.DECRYPT_MODE, new SecretKeySpec(key, "AES"),
                    new GCMParameterSpec(TAG_BITS, data, 0, IV_BYTES));
            // throws AEADBadTagException when any byte of IV, ciphertext or tag changed
            return gcm.doFinal(data, IV_BYTES, data.length - IV_BYTES);
        } finally {
            Arrays.fill(key, (byte) 0);
        }
    }
}
