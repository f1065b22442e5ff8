package io.kmslab.scenarios;

import static org.assertj.core.api.Assertions.assertThat;

import io.cucumber.java.en.Given;
import io.cucumber.java.en.Then;
import io.cucumber.java.en.When;
import io.kmslab.api.DeriveSharedSecretRequest;
import io.kmslab.api.DeriveSharedSecretResponse;
import io.kmslab.api.GetPublicKeyRequest;
import io.kmslab.keys.KeyAgreementAlgorithmSpec;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.X509EncodedKeySpec;
import javax.crypto.KeyAgreement;

/**
 * KEY_AGREEMENT keys and DeriveSharedSecret: two parties exchange public keys and each computes the same raw ECDH
 * secret, one in KMS and the other in KMS or with plain JCA (the JDK's own provider), as a partner outside AWS would.
 */
public class KeyAgreementSteps {
    /** The SM2 curve (sm2p256v1, China Regions) is missing from the JDK 17 providers; Bouncy Castle has it. */
    private static final java.security.Provider BOUNCY_CASTLE =
            new org.bouncycastle.jce.provider.BouncyCastleProvider();

    private final LabWorld world;
    private KeyPair partner;
    private java.security.Provider partnerProvider;
    private byte[] firstSecret;
    private byte[] secondSecret;
    private DeriveSharedSecretResponse derived;

    public KeyAgreementSteps(LabWorld world) {
        this.world = world;
    }

    @Given("a partner outside AWS has an elliptic curve key pair on {word}")
    public void aPartnerHasAKeyPair(String curve) throws GeneralSecurityException {
        partnerProvider = curve.equals("sm2p256v1") ? BOUNCY_CASTLE : KeyFactory.getInstance("EC").getProvider();
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC", partnerProvider);
        generator.initialize(new ECGenParameterSpec(curve));
        partner = generator.generateKeyPair();
    }

    @When("{keyRef} derives a shared secret with the public key of {keyRef}")
    public void derivesWithTheKeyOf(String name, String other) {
        record(world.attempt(() -> world.kms().deriveSharedSecret(
                DeriveSharedSecretRequest.of(world.key(name).keyId(), publicKey(other)))));
    }

    @When("{keyRef} derives a shared secret with the partner's public key")
    public void derivesWithThePartnersKey(String name) {
        record(world.attempt(() -> world.kms().deriveSharedSecret(
                DeriveSharedSecretRequest.of(world.key(name).keyId(), partner.getPublic().getEncoded()))));
    }

    @When("the partner derives a shared secret with the public key of {keyRef}")
    public void thePartnerDerives(String name) throws GeneralSecurityException {
        KeyAgreement agreement = KeyAgreement.getInstance("ECDH", partnerProvider);
        agreement.init(partner.getPrivate());
        agreement.doPhase(KeyFactory.getInstance("EC", partnerProvider).generatePublic(
                new X509EncodedKeySpec(publicKey(name))), true);
        keep(agreement.generateSecret());
    }

    @Then("both secrets are the same {int} bytes")
    public void bothSecretsAreTheSame(int size) {
        assertThat(firstSecret).hasSize(size);
        assertThat(secondSecret).isEqualTo(firstSecret);
    }

    @Then("DeriveSharedSecret answers with the ARN of {keyRef}, the algorithm ECDH and the origin AWS_KMS")
    public void answersWithTheArn(String name) {
        world.requireSuccess();
        assertThat(derived.keyId()).isEqualTo(world.key(name).arn());
        assertThat(derived.keyAgreementAlgorithm()).isEqualTo(KeyAgreementAlgorithmSpec.ECDH);
        assertThat(derived.keyOrigin()).hasToString("AWS_KMS");
    }

    private void record(DeriveSharedSecretResponse response) {
        if (response != null) {
            derived = response;
            keep(response.sharedSecret());
        }
    }

    private void keep(byte[] secret) {
        if (firstSecret == null) {
            firstSecret = secret;
        } else {
            secondSecret = secret;
        }
    }

    private byte[] publicKey(String name) {
        return world.kms().getPublicKey(GetPublicKeyRequest.of(world.key(name).keyId())).publicKey();
    }
}
