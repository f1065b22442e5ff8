import io.kmslab.KmsApi;
import io.kmslab.api.GetParametersForImportRequest;
import io.kmslab.api.GetParametersForImportResponse;
import io.kmslab.api.ImportKeyMaterialRequest;
import io.kmslab.keys.AlgorithmSpec;
import io.kmslab.keys.ExpirationModelType;
import io.kmslab.keys.WrappingKeySpec;
import io.kmslab.labs.KeyMaterialImport;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.X509EncodedKeySpec;
import java.time.Instant;
import javax.crypto.Cipher;
import javax.crypto.spec.OAEPParameterSpec;
import javax.crypto.spec.PSource;

/** The import without an expiration: ExpirationModel left to its default, ValidTo not given. */
public class KeyMaterialImporter implements KeyMaterialImport {
    private static final OAEPParameterSpec RSAES_OAEP_SHA_256 = new OAEPParameterSpec("SHA-256", "MGF1",
            MGF1ParameterSpec.SHA256, PSource.PSpecified.DEFAULT);

    @Override
    public void importKeyMaterial(KmsApi kms, String keyId, byte[] keyMaterial, Instant validTo)
            throws GeneralSecurityException {
        GetParametersForImportResponse parameters = kms.getParametersForImport(GetParametersForImportRequest.of(
                keyId, AlgorithmSpec.RSAES_OAEP_SHA_256, WrappingKeySpec.RSA_2048));
        PublicKey wrappingKey = KeyFactory.getInstance("RSA")
                .generatePublic(new X509EncodedKeySpec(parameters.publicKey()));
        Cipher oaep = Cipher.getInstance("RSA/ECB/OAEPPadding");
        oaep.init(Cipher.ENCRYPT_MODE, wrappingKey, RSAES_OAEP_SHA_256);
        byte[] wrapped = oaep.doFinal(keyMaterial);
        kms.importKeyMaterial(ImportKeyMaterialRequest.builder()
                .keyId(keyId)
                .importToken(parameters.importToken())
                .encryptedKeyMaterial(wrapped)
                .build());
    }
}
