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

/** "AES is AES": a data key from KMS, but AES in ECB mode, which neither hides patterns nor detects changes. */
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
            Cipher ecb = Cipher.getInstance("AES/ECB/PKCS5Padding");
            ecb.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"));
            return new Sealed(dataKey.ciphertextBlob(), ecb.doFinal(data), context);
        } finally {
            Arrays.fill(key, (byte) 0);
        }
    }

    @Override
    public byte[] open(KmsApi kms, Sealed sealed) throws GeneralSecurityException {
        byte[] data = sealed.encryptedData();
        byte[] key = kms.decrypt(DecryptRequest.of(sealed.encryptedDataKey(), sealed.encryptionContext()))
                .plaintext();
        try {
            Cipher ecb = Cipher.getInstance("AES/ECB/PKCS5Padding");
            ecb.init(Cipher.DECRYPT_MODE, new SecretKeySpec(key, "AES"));
            return ecb.doFinal(data);
        } finally {
            Arrays.fill(key, (byte) 0);
        }
    }
}
