package io.kmslab.scenarios;

import static io.kmslab.scenarios.LabWorld.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import io.cucumber.java.en.Then;
import io.cucumber.java.en.When;
import io.kmslab.api.GenerateMacRequest;
import io.kmslab.api.GenerateMacResponse;
import io.kmslab.api.VerifyMacRequest;
import io.kmslab.api.VerifyMacResponse;
import io.kmslab.keys.MacAlgorithmSpec;

/** GenerateMac and VerifyMac with HMAC keys, whose secret never leaves KMS. */
public class HmacSteps {
    private final LabWorld world;
    private byte[] mac;
    private MacAlgorithmSpec macAlgorithm;
    private VerifyMacResponse verified;

    public HmacSteps(LabWorld world) {
        this.world = world;
    }

    @When("I generate a MAC of {string} with {keyRef} using {macAlgorithm}")
    public void iGenerateAMac(String text, String name, MacAlgorithmSpec algorithm) {
        GenerateMacResponse response = world.attempt(() -> generate(text, name, algorithm));
        if (response != null) {
            mac = response.mac();
            macAlgorithm = response.macAlgorithm();
            assertThat(response.keyId()).isEqualTo(world.key(name).arn());
        }
    }

    @When("I verify the MAC of {string} with {keyRef} using {macAlgorithm}")
    public void iVerifyTheMac(String text, String name, MacAlgorithmSpec algorithm) {
        world.requireSuccess();
        verified = world.attempt(() -> world.kms().verifyMac(
                VerifyMacRequest.of(world.key(name).keyId(), utf8(text), mac, algorithm)));
    }

    @Then("the MAC is {int} bytes long")
    public void theMacIsBytesLong(int size) {
        world.requireSuccess();
        assertThat(mac).hasSize(size);
    }

    @Then("KMS confirms the MAC is valid for {keyRef}")
    public void kmsConfirmsTheMacIsValid(String name) {
        world.requireSuccess();
        assertThat(verified.macValid()).isTrue();
        assertThat(verified.keyId()).isEqualTo(world.key(name).arn());
        assertThat(verified.macAlgorithm()).isEqualTo(macAlgorithm);
    }

    @Then("generating the MAC of {string} again with {keyRef} gives the same MAC")
    public void generatingAgainGivesTheSameMac(String text, String name) {
        world.requireSuccess();
        assertThat(generate(text, name, macAlgorithm).mac()).isEqualTo(mac);
    }

    @Then("generating the MAC of {string} with {keyRef} gives a different MAC")
    public void generatingWithAnotherKeyGivesADifferentMac(String text, String name) {
        world.requireSuccess();
        assertThat(generate(text, name, macAlgorithm).mac()).isNotEqualTo(mac);
    }

    private GenerateMacResponse generate(String text, String name, MacAlgorithmSpec algorithm) {
        return world.kms().generateMac(GenerateMacRequest.of(world.key(name).keyId(), utf8(text), algorithm));
    }
}
