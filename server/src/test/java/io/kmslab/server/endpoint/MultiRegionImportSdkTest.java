package io.kmslab.server.endpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.kmslab.KmsLab;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.SecureRandom;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.X509EncodedKeySpec;
import java.time.Instant;
import java.util.List;
import javax.crypto.Cipher;
import javax.crypto.spec.OAEPParameterSpec;
import javax.crypto.spec.PSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.AlgorithmSpec;
import software.amazon.awssdk.services.kms.model.ExpirationModelType;
import software.amazon.awssdk.services.kms.model.GetParametersForImportResponse;
import software.amazon.awssdk.services.kms.model.ImportType;
import software.amazon.awssdk.services.kms.model.IncludeKeyMaterial;
import software.amazon.awssdk.services.kms.model.KeyMaterialState;
import software.amazon.awssdk.services.kms.model.KeyMetadata;
import software.amazon.awssdk.services.kms.model.KmsInvalidStateException;
import software.amazon.awssdk.services.kms.model.OriginType;
import software.amazon.awssdk.services.kms.model.RotationsListEntry;
import software.amazon.awssdk.services.kms.model.UnsupportedOperationException;
import software.amazon.awssdk.services.kms.model.WrappingKeySpec;

/**
 * New key material for a multi-Region key with imported material, through the endpoint with the AWS SDK for Java v2:
 * into the primary with NEW_KEY_MATERIAL, into the replica with EXISTING_KEY_MATERIAL, then RotateKeyOnDemand on the
 * primary; the SDK reads the KeyMaterialState PENDING_MULTI_REGION_IMPORT_AND_ROTATION as its own enum value.
 */
class MultiRegionImportSdkTest {
    private static final byte[] DATA = "imported in two Regions".getBytes(StandardCharsets.UTF_8);
    private static KmsEndpoint endpoint;
    private static KmsClient virginia;
    private static KmsClient ireland;
    private final SecureRandom random = new SecureRandom();

    @BeforeAll
    static void start() {
        KmsLab lab = KmsLab.builder().startingAt(Instant.parse("2026-01-20T09:00:00Z")).build();
        endpoint = KmsEndpoint.start(lab, Identities.anyKeyIsRootOf("111122223333"), "127.0.0.1", 0, "us-east-1");
        virginia = SdkClientTest.clientOf(endpoint, Region.US_EAST_1);
        ireland = SdkClientTest.clientOf(endpoint, Region.EU_WEST_1);
    }

    @AfterAll
    static void stop() {
        virginia.close();
        ireland.close();
        endpoint.close();
    }

    @Test
    void newMaterial_intoThePrimary_thenTheReplica_thenRotateOnDemand_throughTheSdk() throws Exception {
        byte[] first = random32();
        byte[] second = random32();
        KeyMetadata primary = virginia.createKey(b -> b.origin(OriginType.EXTERNAL).multiRegion(true)).keyMetadata();
        String firstId = importInto(virginia, primary.keyId(), first, null);
        virginia.replicateKey(b -> b.keyId(primary.keyId()).replicaRegion("eu-west-1"));
        importInto(ireland, primary.keyId(), first, null);
        SdkBytes before = virginia.encrypt(b -> b.keyId(primary.keyId()).plaintext(SdkBytes.fromByteArray(DATA)))
                .ciphertextBlob();

        UnsupportedOperationException intoReplica = catchThrowableOfType(UnsupportedOperationException.class,
                () -> importInto(ireland, primary.keyId(), second, ImportType.NEW_KEY_MATERIAL));
        assertThat(intoReplica.awsErrorDetails().errorCode()).isEqualTo("UnsupportedOperationException");
        String secondId = importInto(virginia, primary.keyId(), second, ImportType.NEW_KEY_MATERIAL);
        assertThat(states(virginia, primary.keyId())).containsExactly(KeyMaterialState.CURRENT,
                KeyMaterialState.PENDING_MULTI_REGION_IMPORT_AND_ROTATION);
        KmsInvalidStateException early = catchThrowableOfType(KmsInvalidStateException.class,
                () -> virginia.rotateKeyOnDemand(b -> b.keyId(primary.keyId())));
        assertThat(early.awsErrorDetails().errorMessage()).isEqualTo("The key material pending rotation for "
                + primary.arn() + " is not yet imported into its replica Region keys in eu-west-1. Import the same "
                + "key material into each replica Region key first.");
        assertThat(early.statusCode()).isEqualTo(400);

        assertThat(importInto(ireland, primary.keyId(), second, ImportType.EXISTING_KEY_MATERIAL))
                .isEqualTo(secondId);
        assertThat(states(virginia, primary.keyId())).containsExactly(KeyMaterialState.CURRENT,
                KeyMaterialState.PENDING_ROTATION);
        virginia.rotateKeyOnDemand(b -> b.keyId(primary.keyId()));

        assertThat(ireland.describeKey(b -> b.keyId(primary.keyId())).keyMetadata().currentKeyMaterialId())
                .isEqualTo(secondId).isNotEqualTo(firstId);
        assertThat(states(ireland, primary.keyId())).containsExactly(KeyMaterialState.NON_CURRENT,
                KeyMaterialState.CURRENT);
        assertThat(ireland.decrypt(b -> b.ciphertextBlob(before)).plaintext().asByteArray()).isEqualTo(DATA);
    }

    private static List<KeyMaterialState> states(KmsClient kms, String keyId) {
        return kms.listKeyRotations(b -> b.keyId(keyId).includeKeyMaterial(IncludeKeyMaterial.ALL_KEY_MATERIAL))
                .rotations().stream().map(RotationsListEntry::keyMaterialState).toList();
    }

    /** Wraps the material with RSAES_OAEP_SHA_256 in plain JCA and imports it; returns its key material id. */
    private static String importInto(KmsClient kms, String keyId, byte[] material, ImportType type)
            throws Exception {
        GetParametersForImportResponse params = kms.getParametersForImport(b -> b.keyId(keyId)
                .wrappingAlgorithm(AlgorithmSpec.RSAES_OAEP_SHA_256).wrappingKeySpec(WrappingKeySpec.RSA_2048));
        Cipher cipher = Cipher.getInstance("RSA/ECB/OAEPPadding");
        cipher.init(Cipher.ENCRYPT_MODE, KeyFactory.getInstance("RSA").generatePublic(
                new X509EncodedKeySpec(params.publicKey().asByteArray())), new OAEPParameterSpec("SHA-256", "MGF1",
                        MGF1ParameterSpec.SHA256, PSource.PSpecified.DEFAULT));
        byte[] wrapped = cipher.doFinal(material);
        return kms.importKeyMaterial(b -> b.keyId(keyId).importToken(params.importToken())
                .encryptedKeyMaterial(SdkBytes.fromByteArray(wrapped)).importType(type)
                .expirationModel(ExpirationModelType.KEY_MATERIAL_DOES_NOT_EXPIRE)).keyMaterialId();
    }

    private byte[] random32() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return bytes;
    }
}
