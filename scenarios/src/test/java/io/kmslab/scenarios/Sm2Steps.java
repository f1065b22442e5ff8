package io.kmslab.scenarios;

import static io.kmslab.scenarios.LabWorld.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import io.cucumber.java.en.Given;
import io.cucumber.java.en.Then;
import io.cucumber.java.en.When;
import io.kmslab.api.CreateKeyRequest;
import io.kmslab.api.GetPublicKeyRequest;
import io.kmslab.api.SignRequest;
import io.kmslab.api.SignResponse;
import io.kmslab.crypto.Sm2Signatures;
import io.kmslab.keys.KeySpec;
import io.kmslab.keys.KeyUsageType;
import io.kmslab.keys.MessageType;
import io.kmslab.keys.SigningAlgorithmSpec;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.Provider;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.crypto.InvalidCipherTextException;
import org.bouncycastle.crypto.engines.SM2Engine;
import org.bouncycastle.crypto.params.ParametersWithID;
import org.bouncycastle.crypto.params.ParametersWithRandom;
import org.bouncycastle.crypto.signers.SM2Signer;
import org.bouncycastle.jcajce.provider.asymmetric.util.ECUtil;
import org.bouncycastle.jce.provider.BouncyCastleProvider;

/**
 * SM2 keys (China Regions): SM2DSA signatures checked outside KMS with Bouncy Castle and a distinguishing ID, SM2
 * digests computed outside (SM3 of Z_A || message), and SM2PKE ciphertext made outside in the ASN.1 form KMS takes, as
 * AWS's SM2OfflineOperationHelper does (asymmetric-key-specs.html#key-spec-sm-offline).
 */
public class Sm2Steps {
    private static final Provider BOUNCY_CASTLE = new BouncyCastleProvider();

    private final LabWorld world;
    private String signedText;
    private byte[] signature;
    private byte[] digest;

    public Sm2Steps(LabWorld world) {
        this.world = world;
    }

    @When("I try to create an SM2 key for {keyUsage}")
    public void iTryToCreateAnSm2Key(KeyUsageType usage) {
        world.attempt(() -> world.createKey("the key", CreateKeyRequest.builder().keySpec(KeySpec.SM2)
                .keyUsage(usage).build()));
    }

    @When("{keyRef} signs the message {string} with SM2DSA")
    public void signsTheMessage(String name, String text) {
        signedText = text;
        keep(world.attempt(() -> world.kms().sign(SignRequest.builder().keyId(world.key(name).keyId())
                .message(utf8(text)).signingAlgorithm(SigningAlgorithmSpec.SM2DSA).build())));
    }

    @Given("I compute the SM2 digest of {string} outside KMS with the public key of {keyRef}")
    public void iComputeTheDigest(String text, String name) throws GeneralSecurityException {
        signedText = text;
        digest = Sm2Signatures.digest(publicKey(name), utf8(text));
    }

    @When("{keyRef} signs that digest with SM2DSA")
    public void signsThatDigest(String name) {
        keep(world.attempt(() -> world.kms().sign(SignRequest.builder().keyId(world.key(name).keyId())
                .message(digest).messageType(MessageType.DIGEST).signingAlgorithm(SigningAlgorithmSpec.SM2DSA)
                .build())));
    }

    @Then("the signature of {keyRef} verifies outside KMS with the distinguishing ID {string}")
    public void theSignatureVerifies(String name, String id) throws GeneralSecurityException {
        assertThat(verifiesOutside(name, id)).as("SM2DSA verification outside KMS with ID %s", id).isTrue();
    }

    @Then("the signature of {keyRef} does not verify outside KMS with the distinguishing ID {string}")
    public void theSignatureDoesNotVerify(String name, String id) throws GeneralSecurityException {
        assertThat(verifiesOutside(name, id)).as("SM2DSA verification outside KMS with ID %s", id).isFalse();
    }

    /** Bouncy Castle's SM2PKE gives C1 || C2 || C3; KMS takes SEQUENCE { x, y, C3, C2 } (GM/T 0009-2012). */
    @When("a partner encrypts {string} outside KMS with the public key of {keyRef} in the ASN.1 form")
    public void aPartnerEncrypts(String text, String name) throws GeneralSecurityException, InvalidCipherTextException,
            java.io.IOException {
        SM2Engine engine = new SM2Engine();
        engine.init(true, new ParametersWithRandom(ECUtil.generatePublicKeyParameter(publicKey(name)),
                new SecureRandom()));
        byte[] plaintext = utf8(text);
        byte[] raw = engine.processBlock(plaintext, 0, plaintext.length);
        world.ciphertext(new DERSequence(new ASN1Encodable[] {
            new ASN1Integer(new BigInteger(1, Arrays.copyOfRange(raw, 1, 33))),
            new ASN1Integer(new BigInteger(1, Arrays.copyOfRange(raw, 33, 65))),
            new DEROctetString(Arrays.copyOfRange(raw, raw.length - 32, raw.length)),
            new DEROctetString(Arrays.copyOfRange(raw, 65, raw.length - 32))
        }).getEncoded("DER"));
    }

    private void keep(SignResponse response) {
        signature = response == null ? null : response.signature();
    }

    private boolean verifiesOutside(String name, String id) throws GeneralSecurityException {
        world.requireSuccess();
        SM2Signer verifier = new SM2Signer();
        verifier.init(false, new ParametersWithID(ECUtil.generatePublicKeyParameter(publicKey(name)),
                id.getBytes(StandardCharsets.UTF_8)));
        byte[] message = utf8(signedText);
        verifier.update(message, 0, message.length);
        return verifier.verifySignature(signature);
    }

    private PublicKey publicKey(String name) throws GeneralSecurityException {
        byte[] spki = world.kms().getPublicKey(GetPublicKeyRequest.of(world.key(name).keyId())).publicKey();
        return KeyFactory.getInstance("EC", BOUNCY_CASTLE).generatePublic(new X509EncodedKeySpec(spki));
    }
}
