package io.kmslab.scenarios;

import static org.assertj.core.api.Assertions.assertThat;

import io.cucumber.java.en.Given;
import io.cucumber.java.en.Then;
import io.cucumber.java.en.When;
import io.kmslab.Kms;
import io.kmslab.KmsApi;
import io.kmslab.api.CreateKeyRequest;
import io.kmslab.api.GetKeyPolicyRequest;
import io.kmslab.api.GetKeyPolicyResponse;
import io.kmslab.api.PutKeyPolicyRequest;
import java.nio.charset.StandardCharsets;

/** Keys created with a key policy, and GetKeyPolicy and PutKeyPolicy with their checks. */
public class KeyPolicySteps {
    private static final String DEFAULT_ID = "\"Id\":\"key-default-1\"";

    private final LabWorld world;
    private final AuthorizationWorld access;
    private GetKeyPolicyResponse policy;

    public KeyPolicySteps(LabWorld world, AuthorizationWorld access) {
        this.world = world;
        this.access = access;
    }

    // ------------------------------------------------------------------------------------------ keys with a policy

    /** CreateKey without a Policy: KMS writes the default key policy, which delegates to IAM. */
    @Given("{keyRef} is a symmetric key with the default key policy")
    public void isASymmetricKeyWithTheDefaultKeyPolicy(String name) {
        world.createKey(name, CreateKeyRequest.of());
    }

    @Given("{keyRef} is a symmetric key with the key policy:")
    public void isASymmetricKeyWithTheKeyPolicy(String name, String policy) {
        world.createKey(name, CreateKeyRequest.builder().policy(policy).build());
    }

    /** A policy that does not let its creator change it later needs BypassPolicyLockoutSafetyCheck. */
    @Given("{keyRef} is a symmetric key with the key policy, bypassing the lockout safety check:")
    public void isASymmetricKeyWithTheKeyPolicyBypassing(String name, String policy) {
        world.createKey(name, CreateKeyRequest.builder().policy(policy).bypassPolicyLockoutSafetyCheck(true).build());
    }

    @When("I create a key with the key policy:")
    public void iCreateAKeyWithTheKeyPolicy(String policy) {
        access.request(() -> world.createKey(LabWorld.THE_KEY, CreateKeyRequest.builder().policy(policy).build()));
    }

    // ------------------------------------------------------------------------------------------ GetKeyPolicy

    @When("I get the key policy of {keyRef}")
    public void iGetTheKeyPolicy(String name) {
        getsTheKeyPolicy(world.kms(), name);
    }

    @When("{principal} gets the key policy of {keyRef}")
    public void principalGetsTheKeyPolicy(String principal, String name) {
        getsTheKeyPolicy(access.kms(principal), name);
    }

    private void getsTheKeyPolicy(KmsApi kms, String name) {
        policy = access.request(() -> kms.getKeyPolicy(GetKeyPolicyRequest.of(world.key(name).keyId())));
    }

    @Then("the key policy is named {string} and reads exactly:")
    public void theKeyPolicyIsNamedAndReads(String policyName, String text) {
        world.requireSuccess();
        assertThat(policy).as("a GetKeyPolicy response").isNotNull();
        assertThat(policy.policyName()).isEqualTo(policyName);
        assertThat(policy.policy()).isEqualTo(text);
    }

    @Then("the key policy reads exactly:")
    public void theKeyPolicyReads(String text) {
        world.requireSuccess();
        assertThat(policy.policy()).isEqualTo(text);
    }

    /** Read as the account root user, who the default key policy allows. */
    @Then("the key policy of {keyRef} is still the default key policy")
    public void isStillTheDefaultKeyPolicy(String name) {
        assertThat(currentPolicy(name)).isEqualTo(Kms.defaultKeyPolicy(world.account()));
    }

    @Then("the key policy of {keyRef} is {int} bytes long")
    public void theKeyPolicyIsBytesLong(String name, int size) {
        world.requireSuccess();
        assertThat(currentPolicy(name).getBytes(StandardCharsets.UTF_8)).hasSize(size);
    }

    private String currentPolicy(String name) {
        return world.kms().getKeyPolicy(GetKeyPolicyRequest.of(world.key(name).keyId())).policy();
    }

    // ------------------------------------------------------------------------------------------ PutKeyPolicy

    @When("I put the key policy on {keyRef}:")
    public void iPutTheKeyPolicy(String name, String text) {
        putsTheKeyPolicy(world.kms(), name, text, false);
    }

    @When("I put the key policy on {keyRef}, bypassing the lockout safety check:")
    public void iPutTheKeyPolicyBypassing(String name, String text) {
        putsTheKeyPolicy(world.kms(), name, text, true);
    }

    @When("{principal} puts the key policy on {keyRef}:")
    public void principalPutsTheKeyPolicy(String principal, String name, String text) {
        putsTheKeyPolicy(access.kms(principal), name, text, false);
    }

    @When("I put the default key policy back on {keyRef}")
    public void iPutTheDefaultKeyPolicyBack(String name) {
        putsTheKeyPolicy(world.kms(), name, Kms.defaultKeyPolicy(world.account()), false);
    }

    /**
     * The default key policy, made exactly {@code size} bytes long by a longer Id: a valid policy that still lets
     * the account root user manage the key.
     */
    @When("I put a key policy of {int} bytes on {keyRef}")
    public void iPutAKeyPolicyOfBytes(int size, String name) {
        String base = Kms.defaultKeyPolicy(world.account());
        assertThat(base).contains(DEFAULT_ID);
        int padding = size - (base.length() - "key-default-1".length());
        assertThat(padding).as("padding of the Id").isPositive();
        String text = base.replace(DEFAULT_ID, "\"Id\":\"" + "x".repeat(padding) + "\"");
        assertThat(text.getBytes(StandardCharsets.UTF_8)).hasSize(size);
        putsTheKeyPolicy(world.kms(), name, text, false);
    }

    private void putsTheKeyPolicy(KmsApi kms, String name, String text, boolean bypass) {
        access.request(() -> kms.putKeyPolicy(PutKeyPolicyRequest.builder().keyId(world.key(name).keyId())
                .policy(text).bypassPolicyLockoutSafetyCheck(bypass).build()));
    }

    @Then("the error message starts with {string}")
    public void theErrorMessageStartsWith(String start) {
        assertThat(world.error().getMessage()).startsWith(start);
    }
}
