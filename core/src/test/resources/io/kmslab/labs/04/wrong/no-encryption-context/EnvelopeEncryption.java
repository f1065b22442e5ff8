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

/** Envelope encryption done right but for one thing: no encryption context (it is optional, so it was left out). */
public class EnvelopeEncryption implements Envelope {
    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();

    @Override
    public Sealed seal(KmsApi kms, String keyId, byte[] data) throws GeneralSecurityException {
        Map<String, String> context = Map.of();
        GenerateDataKeyResponse dataKey = kms.generateDataKey(GenerateDataKeyRequest.builder().keyId(keyId)
                .keySpec(DataKeySpec.AES_256).encryptionContext(context).build());
        byte[] key = dataKey.plaintext();
        try {
            byte[] iv = new byte[IV_BYTES];
            RANDOM.nextBytes(iv);
            Cipher gcm = Cipher.getInstance("AES/GCM/NoPadding");
            gcm.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"), new GCMParameterSpec(TAG_BITS, iv));
            byte[] body = gcm.doFinal(data);
            byte[] sealed = ByteBuffer.allocate(IV_BYTES + body.length).put(iv).put(body).array();
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
        byte[] key = kms.decrypt(DecryptRequest.of(sealed.encryptedDataKey(), sealed.encryptionContext()))
                .plaintext();
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
