package io.kmslab.scenarios;

import static io.kmslab.scenarios.LabWorld.THE_KEY;
import static io.kmslab.scenarios.LabWorld.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import io.cucumber.java.en.Then;
import io.cucumber.java.en.When;
import io.kmslab.api.CreateKeyRequest;
import io.kmslab.api.DecryptRequest;
import io.kmslab.api.EncryptRequest;
import io.kmslab.api.GetPublicKeyRequest;
import io.kmslab.api.GetPublicKeyResponse;
import io.kmslab.api.SignRequest;
import io.kmslab.api.SignResponse;
import io.kmslab.api.VerifyRequest;
import io.kmslab.api.VerifyResponse;
import io.kmslab.keys.EncryptionAlgorithmSpec;
import io.kmslab.keys.KeySpec;
import io.kmslab.keys.MessageType;
import io.kmslab.keys.SigningAlgorithmSpec;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.Provider;
import java.security.PublicKey;
import java.security.Signature;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;
import java.security.spec.X509EncodedKeySpec;
import javax.crypto.Cipher;
import javax.crypto.spec.OAEPParameterSpec;
import javax.crypto.spec.PSource;
import org.bouncycastle.jce.provider.BouncyCastleProvider;

/**
 * RSA and elliptic curve keys: GetPublicKey, encryption outside KMS with the public key, Sign and Verify, and the
 * same signatures checked with plain JCA, as a partner outside AWS would.
 */
public class AsymmetricSteps {
    /** secp256k1 (ECC_SECG_P256K1) is missing from the JDK 17 providers; Bouncy Castle has it. */
    private static final Provider BOUNCY_CASTLE = new BouncyCastleProvider();

    private final LabWorld world;
    private GetPublicKeyResponse publicKeyResponse;
    private PublicKey publicKey;

    private String signedBy;
    private String signedText;
    private MessageType signedType;
    private SigningAlgorithmSpec signedWith;
    private byte[] signature;
    private VerifyResponse verified;

    public AsymmetricSteps(LabWorld world) {
        this.world = world;
    }

    // ------------------------------------------------------------------------------------------ keys

    @When("I create a(n) {keySpec} key without a key usage")
    public void iCreateAKeyWithoutAKeyUsage(KeySpec spec) {
        world.attempt(() -> world.createKey(THE_KEY, CreateKeyRequest.builder().keySpec(spec).build()));
    }

    @When("I download the public key of {keyRef}")
    public void iDownloadThePublicKey(String name) throws GeneralSecurityException {
        publicKeyResponse = world.attempt(
                () -> world.kms().getPublicKey(GetPublicKeyRequest.of(world.key(name).keyId())));
        if (publicKeyResponse != null) {
            publicKey = decode(publicKeyResponse.keySpec(), publicKeyResponse.publicKey());
        }
    }

    @Then("the public key is a {int}-bit RSA key")
    public void thePublicKeyIsAnRsaKey(int bits) {
        world.requireSuccess();
        assertThat(publicKey).isInstanceOf(RSAPublicKey.class);
        assertThat(((RSAPublicKey) publicKey).getModulus().bitLength()).isEqualTo(bits);
    }

    // ------------------------------------------------------------------------------------------ RSA encryption

    /** Plain JCA with GetPublicKey's DER SubjectPublicKeyInfo: what a partner without AWS credentials can do. */
    @When("I encrypt {string} outside KMS with the public key using {encryptionAlgorithm}")
    public void iEncryptOutsideKms(String text, EncryptionAlgorithmSpec algorithm) throws GeneralSecurityException {
        world.requireSuccess();
        Cipher cipher;
        OAEPParameterSpec parameters;
        if (algorithm == EncryptionAlgorithmSpec.RSAES_OAEP_SHA_256) {
            cipher = Cipher.getInstance("RSA/ECB/OAEPWithSHA-256AndMGF1Padding");
            parameters = new OAEPParameterSpec("SHA-256", "MGF1", MGF1ParameterSpec.SHA256, PSource.PSpecified.DEFAULT);
        } else if (algorithm == EncryptionAlgorithmSpec.RSAES_OAEP_SHA_1) {
            cipher = Cipher.getInstance("RSA/ECB/OAEPWithSHA-1AndMGF1Padding");
            parameters = new OAEPParameterSpec("SHA-1", "MGF1", MGF1ParameterSpec.SHA1, PSource.PSpecified.DEFAULT);
        } else {
            throw new IllegalArgumentException(algorithm + " is not an RSA encryption algorithm");
        }
        cipher.init(Cipher.ENCRYPT_MODE, publicKey, parameters);
        world.ciphertext(cipher.doFinal(utf8(text)));
    }

    @When("I encrypt {int} bytes under {keyRef} with {encryptionAlgorithm}")
    public void iEncryptBytesWith(int size, String name, EncryptionAlgorithmSpec algorithm) {
        world.encrypted(world.attempt(() -> world.kms().encrypt(EncryptRequest.builder()
                .keyId(world.key(name).keyId()).plaintext(EncryptionSteps.randomBytes(size))
                .encryptionAlgorithm(algorithm).build())));
    }

    @When("I decrypt the ciphertext naming {keyRef} and {encryptionAlgorithm}")
    public void iDecryptNamingKeyAndAlgorithm(String name, EncryptionAlgorithmSpec algorithm) {
        world.decrypted(world.attempt(() -> world.kms().decrypt(DecryptRequest.builder()
                .ciphertextBlob(world.ciphertext()).keyId(world.key(name).keyId()).encryptionAlgorithm(algorithm)
                .build())));
    }

    @When("I decrypt the ciphertext naming {keyRef} without an encryption algorithm")
    public void iDecryptNamingKeyWithoutAlgorithm(String name) {
        world.decrypted(world.attempt(() -> world.kms().decrypt(DecryptRequest.builder()
                .ciphertextBlob(world.ciphertext()).keyId(world.key(name).keyId()).build())));
    }

    // ------------------------------------------------------------------------------------------ signatures

    /** With DIGEST the step hashes the message itself and sends only the digest, as a client of KMS would. */
    @When("I sign the {messageType} message {string} with {keyRef} using {signingAlgorithm}")
    public void iSign(MessageType type, String text, String name, SigningAlgorithmSpec algorithm)
            throws GeneralSecurityException {
        signedBy = name;
        signedText = text;
        signedType = type;
        signedWith = algorithm;
        byte[] message = type == MessageType.DIGEST ? digest(algorithm, utf8(text)) : utf8(text);
        SignResponse response = world.attempt(() -> world.kms().sign(SignRequest.builder()
                .keyId(world.key(name).keyId()).message(message).messageType(type).signingAlgorithm(algorithm)
                .build()));
        signature = response == null ? null : response.signature();
    }

    @When("I sign a {int}-byte digest with {keyRef} using {signingAlgorithm}")
    public void iSignADigestOfSize(int size, String name, SigningAlgorithmSpec algorithm) {
        world.attempt(() -> world.kms().sign(SignRequest.builder().keyId(world.key(name).keyId())
                .message(EncryptionSteps.randomBytes(size)).messageType(MessageType.DIGEST)
                .signingAlgorithm(algorithm).build()));
    }

    @When("I ask KMS to verify the signature for the message {string}")
    public void iAskKmsToVerify(String text) throws GeneralSecurityException {
        world.requireSuccess();
        byte[] message = signedType == MessageType.DIGEST ? digest(signedWith, utf8(text)) : utf8(text);
        verified = world.attempt(() -> world.kms().verify(VerifyRequest.builder()
                .keyId(world.key(signedBy).keyId()).message(message).messageType(signedType).signature(signature)
                .signingAlgorithm(signedWith).build()));
    }

    @Then("KMS confirms the signature is valid")
    public void kmsConfirmsTheSignatureIsValid() throws GeneralSecurityException {
        iAskKmsToVerify(signedText);
        world.requireSuccess();
        assertThat(verified.signatureValid()).isTrue();
        assertThat(verified.keyId()).isEqualTo(world.key(signedBy).arn());
        assertThat(verified.signingAlgorithm()).isEqualTo(signedWith);
    }

    @Then("the signature verifies outside KMS with the public key")
    public void theSignatureVerifiesOutsideKms() throws GeneralSecurityException {
        assertThat(verifyOutside(signedText)).as("JCA verification of the KMS signature").isTrue();
    }

    @Then("the signature does not verify outside KMS for the message {string}")
    public void theSignatureDoesNotVerifyOutsideKms(String text) throws GeneralSecurityException {
        assertThat(verifyOutside(text)).as("JCA verification of the KMS signature for another message").isFalse();
    }

    /**
     * Verifies over the original message with the JCA algorithm of the same name: a signature KMS made over a DIGEST
     * is the signature of the message itself.
     */
    private boolean verifyOutside(String text) throws GeneralSecurityException {
        assertThat(signature).as("a signature made in KMS").isNotNull();
        GetPublicKeyResponse response = world.kms().getPublicKey(GetPublicKeyRequest.of(world.key(signedBy).keyId()));
        PublicKey key = decode(response.keySpec(), response.publicKey());
        String hash = hashName(signedWith);
        Signature verifier;
        String name = signedWith.name();
        if (name.startsWith("RSASSA_PSS_")) {
            verifier = Signature.getInstance("RSASSA-PSS");
            verifier.setParameter(new PSSParameterSpec(hash, "MGF1", new MGF1ParameterSpec(hash),
                    MessageDigest.getInstance(hash).getDigestLength(), PSSParameterSpec.TRAILER_FIELD_BC));
        } else if (name.startsWith("RSASSA_PKCS1_V1_5_")) {
            verifier = Signature.getInstance(hash.replace("-", "") + "withRSA");
        } else if (name.startsWith("ECDSA_")) {
            String jca = hash.replace("-", "") + "withECDSA";
            verifier = response.keySpec() == KeySpec.ECC_SECG_P256K1
                    ? Signature.getInstance(jca, BOUNCY_CASTLE) : Signature.getInstance(jca);
        } else if (signedWith == SigningAlgorithmSpec.ED25519_SHA_512) {
            verifier = Signature.getInstance("Ed25519"); // the JDK's own
        } else if (signedWith == SigningAlgorithmSpec.ED25519_PH_SHA_512) {
            // Ed25519ph of the digest KMS was given: AWS hashes the DIGEST message once more (API_Sign, MessageType)
            verifier = Signature.getInstance("Ed25519");
            verifier.setParameter(new java.security.spec.EdDSAParameterSpec(true));
            verifier.initVerify(key);
            verifier.update(digest(signedWith, utf8(text)));
            return verifier.verify(signature);
        } else if (signedWith == SigningAlgorithmSpec.ML_DSA_SHAKE_256) {
            verifier = Signature.getInstance("ML-DSA", BOUNCY_CASTLE);
        } else {
            throw new IllegalArgumentException("No JCA verification for " + signedWith + " in these scenarios");
        }
        verifier.initVerify(key);
        verifier.update(utf8(text));
        return verifier.verify(signature);
    }

    private static PublicKey decode(KeySpec spec, byte[] der) throws GeneralSecurityException {
        X509EncodedKeySpec encoded = new X509EncodedKeySpec(der);
        return switch (spec.family()) {
            case RSA -> KeyFactory.getInstance("RSA").generatePublic(encoded);
            case ECC -> spec == KeySpec.ECC_SECG_P256K1
                    ? KeyFactory.getInstance("EC", BOUNCY_CASTLE).generatePublic(encoded)
                    : KeyFactory.getInstance("EC").generatePublic(encoded);
            case EDWARDS -> KeyFactory.getInstance("Ed25519").generatePublic(encoded);
            case ML_DSA -> KeyFactory.getInstance("ML-DSA", BOUNCY_CASTLE).generatePublic(encoded);
            default -> throw new IllegalArgumentException("No public key decoding for " + spec + " in these scenarios");
        };
    }

    /** "ECDSA_SHA_384" -> "SHA-384": the hash an algorithm names. */
    private static String hashName(SigningAlgorithmSpec algorithm) {
        String name = algorithm.name();
        return "SHA-" + name.substring(name.lastIndexOf('_') + 1);
    }

    private static byte[] digest(SigningAlgorithmSpec algorithm, byte[] message) throws GeneralSecurityException {
        return MessageDigest.getInstance(hashName(algorithm)).digest(message);
    }
}
