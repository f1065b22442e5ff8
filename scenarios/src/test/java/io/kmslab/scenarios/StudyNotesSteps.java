package io.kmslab.scenarios;

import static io.kmslab.scenarios.LabWorld.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import io.cucumber.java.en.Given;
import io.cucumber.java.en.Then;
import io.cucumber.java.en.When;
import io.kmslab.KmsApi;
import io.kmslab.api.GenerateMacRequest;
import io.kmslab.api.GetParametersForImportRequest;
import io.kmslab.api.GetParametersForImportResponse;
import io.kmslab.api.GetPublicKeyRequest;
import io.kmslab.api.ImportKeyMaterialRequest;
import io.kmslab.api.KeyMetadata;
import io.kmslab.api.SignRequest;
import io.kmslab.crypto.ImportedMaterial;
import io.kmslab.keys.AlgorithmSpec;
import io.kmslab.keys.ExpirationModelType;
import io.kmslab.keys.KeySpec;
import io.kmslab.keys.MacAlgorithmSpec;
import io.kmslab.keys.SigningAlgorithmSpec;
import io.kmslab.keys.WrappingKeySpec;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import javax.crypto.Cipher;
import javax.crypto.KeyGenerator;
import javax.crypto.Mac;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * Steps of {@code study_notes.feature}: what common study notes get wrong, shown by the simulator. Most of that feature
 * reuses the steps of the behaviour it is about; these are the few it needs of its own: an RSA key pair made outside
 * AWS and imported as the material of a KMS key (wrapped with RSA_AES_KEY_WRAP_SHA_256 in plain JCA, as a learner
 * would with OpenSSL), a check that KMS computes with exactly the material imported, and the CMK-era field names
 * AWS keeps. Every call goes through {@link LabWorld#kmsOf(String)}, so the steps run in-process and through the
 * endpoint.
 */
public class StudyNotesSteps {
    private final LabWorld world;
    private final ImportWorld imports;
    private final Map<String, KeyPair> keyPairs = new LinkedHashMap<>();

    public StudyNotesSteps(LabWorld world, ImportWorld imports) {
        this.world = world;
        this.imports = imports;
    }

    @Given("an RSA {int}-bit key pair {string} made outside AWS")
    public void anRsaKeyPairMadeOutsideAws(int bits, String name) throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(bits);
        keyPairs.put(name, generator.generateKeyPair());
    }

    /**
     * GetParametersForImport with RSA_AES_KEY_WRAP_SHA_256 (the wrapping AWS requires for RSA private keys: "For
     * asymmetric key pairs, encrypt and import only the private key",
     * https://docs.aws.amazon.com/kms/latest/developerguide/importing-keys-encrypt-key-material.html), the PKCS #8
     * private key wrapped outside KMS, then ImportKeyMaterial that does not expire.
     */
    @When("I import the private key of {string} into {keyRef}, without expiry")
    public void iImportThePrivateKey(String pair, String name) {
        world.attempt(() -> {
            KmsApi kms = world.kmsOf(name);
            GetParametersForImportResponse params = kms.getParametersForImport(GetParametersForImportRequest.of(
                    world.key(name).keyId(), AlgorithmSpec.RSA_AES_KEY_WRAP_SHA_256, WrappingKeySpec.RSA_4096));
            byte[] wrapped = rsaAesKeyWrap(params.publicKey(), keyPair(pair).getPrivate().getEncoded());
            return kms.importKeyMaterial(ImportKeyMaterialRequest.builder().keyId(world.key(name).keyId())
                    .importToken(params.importToken()).encryptedKeyMaterial(wrapped)
                    .expirationModel(ExpirationModelType.KEY_MATERIAL_DOES_NOT_EXPIRE).build());
        });
    }

    @Then("GetPublicKey of {keyRef} answers the public key of {string}")
    public void getPublicKeyAnswersThePublicKeyOf(String name, String pair) {
        byte[] der = world.kmsOf(name).getPublicKey(GetPublicKeyRequest.of(world.key(name).keyId())).publicKey();
        assertThat(der).isEqualTo(keyPair(pair).getPublic().getEncoded());
    }

    @Then("what {keyRef} signs with {signingAlgorithm} verifies outside KMS with the public key of {string}")
    public void whatKmsSignsVerifiesOutside(String name, SigningAlgorithmSpec algorithm, String pair)
            throws GeneralSecurityException {
        byte[] message = utf8("signed in KMS with imported material");
        byte[] signature = world.kmsOf(name).sign(SignRequest.of(world.key(name).keyId(), message, algorithm))
                .signature();
        Signature jca = Signature.getInstance(jcaSignature(algorithm));
        jca.initVerify(keyPair(pair).getPublic());
        jca.update(message);
        assertThat(jca.verify(signature)).as("the signature verifies with the public key made outside AWS").isTrue();
    }

    /** The MAC KMS computes is the HMAC of the message under the bytes imported: KMS uses exactly that material. */
    @Then("the MAC {keyRef} makes of {string} with {macAlgorithm} is the HMAC of {string} "
            + "under the key material {string}")
    public void theMacIsTheHmacUnderTheMaterial(String name, String text, MacAlgorithmSpec algorithm, String same,
            String material) throws GeneralSecurityException {
        assertThat(same).isEqualTo(text);
        byte[] mac = world.kmsOf(name).generateMac(GenerateMacRequest.of(world.key(name).keyId(), utf8(text),
                algorithm)).mac();
        String jcaName = "Hmac" + algorithm.name().substring("HMAC_".length()).replace("_", "");
        Mac jca = Mac.getInstance(jcaName);
        jca.init(new SecretKeySpec(imports.material(material), jcaName));
        assertThat(mac).isEqualTo(jca.doFinal(utf8(text)));
    }

    /**
     * "AWS KMS is replacing the term customer master key (CMK) with AWS KMS key and KMS key. The concept has not
     * changed. To prevent breaking changes, AWS KMS is keeping some variations of this term."
     * (https://docs.aws.amazon.com/kms/latest/cryptographic-details/basic-concepts.html): KeyMetadata still carries the
     * deprecated CustomerMasterKeySpec beside KeySpec.
     */
    @Then("DescribeKey shows {keyRef} with KeySpec {keySpec} "
            + "and the same value in the deprecated CustomerMasterKeySpec")
    public void describeKeyShowsKeySpecAndCustomerMasterKeySpec(String name, KeySpec spec) {
        KeyMetadata metadata = world.describe(name);
        assertThat(metadata.keySpec()).isEqualTo(spec);
        assertThat(metadata.customerMasterKeySpec()).isEqualTo(spec);
    }

    private KeyPair keyPair(String name) {
        KeyPair pair = keyPairs.get(name);
        if (pair == null) {
            throw new IllegalStateException("No key pair called '" + name + "' in this scenario; known: "
                    + keyPairs.keySet());
        }
        return pair;
    }

    private static String jcaSignature(SigningAlgorithmSpec algorithm) {
        return switch (algorithm) {
            case RSASSA_PKCS1_V1_5_SHA_256 -> "SHA256withRSA";
            case RSASSA_PKCS1_V1_5_SHA_384 -> "SHA384withRSA";
            case RSASSA_PKCS1_V1_5_SHA_512 -> "SHA512withRSA";
            default -> throw new IllegalArgumentException("This step verifies PKCS #1 v1.5 signatures only, not "
                    + algorithm.name().toLowerCase(Locale.ROOT));
        };
    }

    /** RSA_AES_KEY_WRAP_SHA_256: RSA-OAEP (SHA-256) of a fresh AES-256 key, then AES Key Wrap with Padding. */
    private static byte[] rsaAesKeyWrap(byte[] wrappingPublicKeyDer, byte[] material) {
        try {
            KeyGenerator aes = KeyGenerator.getInstance("AES");
            aes.init(256);
            SecretKey ephemeral = aes.generateKey();
            PublicKey wrappingKey = KeyFactory.getInstance("RSA")
                    .generatePublic(new X509EncodedKeySpec(wrappingPublicKeyDer));
            Cipher oaep = Cipher.getInstance("RSA/ECB/OAEPPadding");
            oaep.init(Cipher.ENCRYPT_MODE, wrappingKey, ImportedMaterial.oaep(AlgorithmSpec.RSA_AES_KEY_WRAP_SHA_256));
            byte[] wrappedKey = oaep.doFinal(ephemeral.getEncoded());
            Cipher kwp = Cipher.getInstance("AES/KWP/NoPadding");
            kwp.init(Cipher.ENCRYPT_MODE, ephemeral);
            byte[] wrappedMaterial = kwp.doFinal(material);
            return ByteBuffer.allocate(wrappedKey.length + wrappedMaterial.length).put(wrappedKey).put(wrappedMaterial)
                    .array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("The private key could not be wrapped outside KMS", e);
        }
    }
}
