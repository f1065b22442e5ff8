package io.kmslab.scenarios;

import static org.assertj.core.api.Assertions.assertThat;

import io.cucumber.java.en.Then;
import io.cucumber.java.en.When;
import io.kmslab.api.DecapsulateRequest;
import io.kmslab.api.DecapsulateResponse;
import io.kmslab.api.EncapsulateRequest;
import io.kmslab.api.EncapsulateResponse;
import io.kmslab.api.GetPublicKeyRequest;
import io.kmslab.keys.EncapsulationAlgorithmSpec;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.spec.X509EncodedKeySpec;
import javax.crypto.KeyGenerator;
import org.bouncycastle.jcajce.SecretKeyWithEncapsulation;
import org.bouncycastle.jcajce.spec.KEMGenerateSpec;
import org.bouncycastle.jce.provider.BouncyCastleProvider;

/**
 * ML-KEM keys, Encapsulate and Decapsulate: one party makes a shared secret and its ciphertext with the public key, in
 * KMS or outside it with Bouncy Castle as a partner outside AWS would, and KMS recovers it with the private key.
 */
public class MlKemSteps {
    private static final BouncyCastleProvider OUTSIDE = new BouncyCastleProvider();
    private final LabWorld world;
    private byte[] sentSecret;
    private byte[] ciphertext;
    private byte[] recoveredSecret;
    private EncapsulateResponse encapsulated;
    private DecapsulateResponse decapsulated;

    public MlKemSteps(LabWorld world) {
        this.world = world;
    }

    @When("{keyRef} encapsulates a new shared secret")
    public void encapsulates(String name) {
        EncapsulateResponse response = world.attempt(() -> world.kms().encapsulate(
                EncapsulateRequest.of(world.key(name).keyId())));
        if (response != null) {
            encapsulated = response;
            sentSecret = response.sharedSecret();
            ciphertext = response.sharedSecretCiphertextBlob();
        }
    }

    @When("a partner outside AWS encapsulates a shared secret to the public key of {keyRef}")
    public void aPartnerEncapsulates(String name) throws GeneralSecurityException {
        byte[] spki = world.kms().getPublicKey(GetPublicKeyRequest.of(world.key(name).keyId())).publicKey();
        PublicKey publicKey = KeyFactory.getInstance("ML-KEM", OUTSIDE).generatePublic(new X509EncodedKeySpec(spki));
        KeyGenerator generator = KeyGenerator.getInstance("ML-KEM", OUTSIDE);
        // FIPS 203's shared secret itself, with no KDF after it: what Decapsulate returns
        generator.init(new KEMGenerateSpec.Builder(publicKey, "Generic", 256).withNoKdf().build());
        SecretKeyWithEncapsulation made = (SecretKeyWithEncapsulation) generator.generateKey();
        sentSecret = made.getEncoded();
        ciphertext = made.getEncapsulation();
    }

    @When("someone alters one byte of the ciphertext")
    public void someoneAltersTheCiphertext() {
        ciphertext = ciphertext.clone();
        ciphertext[ciphertext.length / 2] ^= 0x01;
    }

    @When("{keyRef} decapsulates that ciphertext")
    public void decapsulates(String name) {
        DecapsulateResponse response = world.attempt(() -> world.kms().decapsulate(
                DecapsulateRequest.of(world.key(name).keyId(), ciphertext)));
        if (response != null) {
            decapsulated = response;
            recoveredSecret = response.sharedSecret();
        }
    }

    @Then("the recovered secret is the sent one, {int} bytes")
    public void theRecoveredSecretIsTheSentOne(int size) {
        world.requireSuccess();
        assertThat(sentSecret).hasSize(size);
        assertThat(recoveredSecret).isEqualTo(sentSecret);
    }

    @Then("the two secrets differ")
    public void theTwoSecretsDiffer() {
        assertThat(recoveredSecret).hasSize(32).isNotEqualTo(sentSecret);
    }

    @Then("the ciphertext is {int} bytes")
    public void theCiphertextIs(int size) {
        assertThat(ciphertext).hasSize(size);
    }

    @Then("Encapsulate and Decapsulate answer with the ARN of {keyRef} and the algorithm ML_KEM")
    public void answerWithTheArn(String name) {
        world.requireSuccess();
        assertThat(encapsulated.keyId()).isEqualTo(world.key(name).arn());
        assertThat(decapsulated.keyId()).isEqualTo(world.key(name).arn());
        assertThat(encapsulated.encapsulationAlgorithm()).isEqualTo(EncapsulationAlgorithmSpec.ML_KEM);
        assertThat(decapsulated.encapsulationAlgorithm()).isEqualTo(EncapsulationAlgorithmSpec.ML_KEM);
    }
}
