package io.kmslab.services;

import io.kmslab.Kms;
import io.kmslab.api.GetParametersForImportRequest;
import io.kmslab.api.GetParametersForImportResponse;
import io.kmslab.api.ImportKeyMaterialRequest;
import io.kmslab.crypto.ImportedMaterial;
import io.kmslab.keys.AlgorithmSpec;
import io.kmslab.keys.ExpirationModelType;
import io.kmslab.keys.WrappingKeySpec;
import java.security.KeyFactory;
import java.security.spec.X509EncodedKeySpec;
import javax.crypto.Cipher;

/** KMS keys as the service tests prepare them, the way a client would. */
final class TestKeys {
    private TestKeys() {
    }

    /**
     * Imports {@code material} into a key of origin EXTERNAL, not to expire: wrapped with RSAES_OAEP_SHA_256 under the
     * 2048-bit wrapping key of GetParametersForImport, in plain JCA.
     */
    static void importMaterial(Kms kms, String keyId, byte[] material) throws Exception {
        GetParametersForImportResponse parameters = kms.getParametersForImport(GetParametersForImportRequest.of(keyId,
                AlgorithmSpec.RSAES_OAEP_SHA_256, WrappingKeySpec.RSA_2048));
        Cipher rsa = Cipher.getInstance("RSA/ECB/OAEPPadding");
        rsa.init(Cipher.ENCRYPT_MODE, KeyFactory.getInstance("RSA").generatePublic(
                new X509EncodedKeySpec(parameters.publicKey())),
                ImportedMaterial.oaep(AlgorithmSpec.RSAES_OAEP_SHA_256));
        kms.importKeyMaterial(ImportKeyMaterialRequest.builder().keyId(keyId).importToken(parameters.importToken())
                .encryptedKeyMaterial(rsa.doFinal(material))
                .expirationModel(ExpirationModelType.KEY_MATERIAL_DOES_NOT_EXPIRE).build());
    }
}
