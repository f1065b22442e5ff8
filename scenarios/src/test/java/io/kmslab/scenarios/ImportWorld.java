package io.kmslab.scenarios;

import static org.assertj.core.api.Assertions.assertThat;

import io.kmslab.KmsApi;
import io.kmslab.api.CreateKeyRequest;
import io.kmslab.api.GetParametersForImportRequest;
import io.kmslab.api.GetParametersForImportResponse;
import io.kmslab.api.ImportKeyMaterialRequest;
import io.kmslab.api.ImportKeyMaterialResponse;
import io.kmslab.api.KeyMetadata;
import io.kmslab.crypto.ImportedMaterial;
import io.kmslab.keys.AlgorithmSpec;
import io.kmslab.keys.ExpirationModelType;
import io.kmslab.keys.ImportType;
import io.kmslab.keys.OriginType;
import io.kmslab.keys.WrappingKeySpec;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.spec.X509EncodedKeySpec;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.crypto.Cipher;

/**
 * What a scenario about imported key material knows: the key material made outside AWS (by name), the key material id
 * each named material got in each key, and the answers of GetParametersForImport and ImportKeyMaterial. Material is
 * wrapped outside KMS with plain JCA, as a learner would with OpenSSL.
 */
public final class ImportWorld {
    private static final SecureRandom RANDOM = new SecureRandom();

    private final LabWorld world;
    private final Map<String, byte[]> materials = new LinkedHashMap<>();
    private final Map<String, String> firstMaterialIds = new LinkedHashMap<>();
    /** Per key name: the KeyMaterialId the first successful import of each named material answered. */
    private final Map<String, Map<String, String>> materialIds = new LinkedHashMap<>();
    /** Every KeyMaterialId an import answered, with the name of the material imported. */
    private final Map<String, String> materialNames = new LinkedHashMap<>();
    private GetParametersForImportResponse parameters;
    private ImportKeyMaterialResponse imported;
    private String importedInto;

    public ImportWorld(LabWorld world) {
        this.world = world;
    }

    /** CreateKey with Origin EXTERNAL: a key without material, PendingImport. */
    public KeyMetadata createExternalKey(String name) {
        return world.createKey(name, CreateKeyRequest.builder().origin(OriginType.EXTERNAL).build());
    }

    /** CreateKey with Origin EXTERNAL and MultiRegion: a multi-Region primary key without material, PendingImport. */
    public KeyMetadata createExternalMultiRegionKey(String name) {
        return world.createKey(name, CreateKeyRequest.builder().origin(OriginType.EXTERNAL).multiRegion(true)
                .build());
    }

    /** Random bytes made outside AWS (as with {@code openssl rand}). */
    public void makeMaterial(String name, int bytes) {
        byte[] material = new byte[bytes];
        RANDOM.nextBytes(material);
        materials.put(name, material);
    }

    public byte[] material(String name) {
        byte[] material = materials.get(name);
        if (material == null) {
            throw new IllegalStateException("No key material called '" + name + "' in this scenario; known: "
                    + materials.keySet());
        }
        return material;
    }

    public GetParametersForImportResponse getParameters(String keyName, AlgorithmSpec algorithm,
            WrappingKeySpec wrappingKeySpec) {
        parameters = world.kmsOf(keyName).getParametersForImport(
                GetParametersForImportRequest.of(world.key(keyName).keyId(), algorithm, wrappingKeySpec));
        return parameters;
    }

    public GetParametersForImportResponse parameters() {
        world.requireSuccess();
        assertThat(parameters).as("a GetParametersForImport response").isNotNull();
        return parameters;
    }

    /**
     * GetParametersForImport (RSAES_OAEP_SHA_256, RSA_2048), then the material wrapped with the public key outside
     * KMS, then ImportKeyMaterial with the expiration model and ValidTo given (null: as the request leaves them out).
     */
    public ImportKeyMaterialResponse importMaterial(String keyName, String materialName, ExpirationModelType model,
            Instant validTo) {
        return importMaterial(keyName, materialName, null, null, model, validTo);
    }

    /**
     * As {@link #importMaterial(String, String, ExpirationModelType, Instant)}, with an ImportType and a KeyMaterialId
     * (null: left out of the request, as a client leaves them out).
     */
    public ImportKeyMaterialResponse importMaterial(String keyName, String materialName, ImportType importType,
            String keyMaterialId, ExpirationModelType model, Instant validTo) {
        KmsApi kms = world.kmsOf(keyName);
        GetParametersForImportResponse params = getParameters(keyName, AlgorithmSpec.RSAES_OAEP_SHA_256,
                WrappingKeySpec.RSA_2048);
        byte[] wrapped = wrap(params.publicKey(), AlgorithmSpec.RSAES_OAEP_SHA_256, material(materialName));
        ImportKeyMaterialResponse response = kms.importKeyMaterial(ImportKeyMaterialRequest.builder()
                .keyId(world.key(keyName).keyId()).importToken(params.importToken()).encryptedKeyMaterial(wrapped)
                .expirationModel(model).validTo(validTo).importType(importType).keyMaterialId(keyMaterialId).build());
        imported = response;
        importedInto = keyName;
        firstMaterialIds.putIfAbsent(keyName, response.keyMaterialId());
        materialIds.computeIfAbsent(keyName, k -> new LinkedHashMap<>()).putIfAbsent(materialName,
                response.keyMaterialId());
        materialNames.putIfAbsent(response.keyMaterialId(), materialName);
        return response;
    }

    public ImportKeyMaterialResponse imported() {
        world.requireSuccess();
        assertThat(imported).as("an ImportKeyMaterial response").isNotNull();
        return imported;
    }

    /** The name of the key the last successful import went into. */
    public String importedInto() {
        imported();
        return importedInto;
    }

    /** The KeyMaterialId the first successful import into a key answered. */
    public String firstMaterialId(String keyName) {
        String id = firstMaterialIds.get(keyName);
        assertThat(id).as("a first import into %s", keyName).isNotNull();
        return id;
    }

    /** The KeyMaterialId the first successful import of a named material into a key answered. */
    public String materialId(String keyName, String materialName) {
        String id = materialIds.getOrDefault(keyName, Map.of()).get(materialName);
        assertThat(id).as("an import of the key material %s into %s", materialName, keyName).isNotNull();
        return id;
    }

    /**
     * The name of the material a KeyMaterialId was answered for ("M1"), or the id itself if no import of the scenario
     * answered it (so that an assertion shows what it got); null for null.
     */
    public String materialName(String keyMaterialId) {
        return keyMaterialId == null ? null : materialNames.getOrDefault(keyMaterialId, keyMaterialId);
    }

    /** RSAES_OAEP_SHA_* wrapping with the public key of GetParametersForImport (DER SubjectPublicKeyInfo). */
    static byte[] wrap(byte[] publicKeyDer, AlgorithmSpec algorithm, byte[] material) {
        try {
            PublicKey publicKey = KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(publicKeyDer));
            Cipher cipher = Cipher.getInstance("RSA/ECB/OAEPPadding");
            cipher.init(Cipher.ENCRYPT_MODE, publicKey, ImportedMaterial.oaep(algorithm));
            return cipher.doFinal(material);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("The key material could not be wrapped outside KMS", e);
        }
    }
}
