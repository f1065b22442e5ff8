import io.kmslab.KmsApi;
import io.kmslab.api.DecryptRequest;
import io.kmslab.api.EncryptRequest;
import io.kmslab.labs.Envelope;
import java.util.Map;

/** "KMS encrypts, so let KMS encrypt the file": Encrypt takes at most 4,096 bytes. */
public class EnvelopeEncryption implements Envelope {
    private static final Map<String, String> CONTEXT = Map.of("app", "file-vault");

    @Override
    public Sealed seal(KmsApi kms, String keyId, byte[] data) {
        byte[] blob = kms.encrypt(EncryptRequest.of(keyId, data, CONTEXT)).ciphertextBlob();
        return new Sealed(new byte[0], blob, CONTEXT);
    }

    @Override
    public byte[] open(KmsApi kms, Sealed sealed) {
        return kms.decrypt(DecryptRequest.of(sealed.encryptedData(), sealed.encryptionContext())).plaintext();
    }
}
