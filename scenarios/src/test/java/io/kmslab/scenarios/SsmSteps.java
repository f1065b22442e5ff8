package io.kmslab.scenarios;

import static org.assertj.core.api.Assertions.assertThat;

import io.cucumber.java.en.Given;
import io.cucumber.java.en.Then;
import io.cucumber.java.en.When;
import io.kmslab.Caller;
import io.kmslab.audit.AuditEvent;
import io.kmslab.scenarios.ServiceOutcome.Service;
import io.kmslab.services.AwsCloud;
import io.kmslab.services.ssm.DescribeParametersRequest;
import io.kmslab.services.ssm.GetParameterRequest;
import io.kmslab.services.ssm.Parameter;
import io.kmslab.services.ssm.ParameterMetadata;
import io.kmslab.services.ssm.ParameterStringFilter;
import io.kmslab.services.ssm.ParameterTier;
import io.kmslab.services.ssm.ParameterType;
import io.kmslab.services.ssm.PutParameterRequest;
import io.kmslab.services.ssm.PutParameterResponse;
import io.kmslab.services.ssm.Ssm;
import java.util.Base64;
import java.util.List;
import java.util.function.Supplier;

/**
 * SSM Parameter Store, as a principal of the scenario uses it: SecureString parameters of both tiers, read with or
 * without decryption. The service is the engine's ({@link AwsCloud}) in both runs of the suite; the keys, IAM and the
 * audit trail it uses are the scenario's lab, whichever way the other steps reach it. Parameter Store's answers
 * (its own errors, with the KMS error behind them) are checked by {@link ServiceAnswerSteps}.
 */
public class SsmSteps {
    private static final List<String> KMS_CALLS = List.of("Encrypt", "Decrypt", "GenerateDataKey");

    private final LabWorld world;
    private final AuthorizationWorld access;
    private final ServiceOutcome outcome;
    private PutParameterResponse put;
    private Parameter parameter;
    private long kmsCallsBefore;

    public SsmSteps(LabWorld world, AuthorizationWorld access, ServiceOutcome outcome) {
        this.world = world;
        this.access = access;
        this.outcome = outcome;
        world.placeholders(this::placeholder);
    }

    // ------------------------------------------------------------------------------------------ PutParameter

    @Given("the SecureString parameter {string} with the value {string}")
    @When("I put the SecureString parameter {string} with the value {string}")
    public void iPutTheSecureString(String name, String value) {
        put("the root user", PutParameterRequest.secureString(name, value));
    }

    @Given("the SecureString parameter {string} with the value {string} under {keyRef}")
    @When("I put the SecureString parameter {string} with the value {string} under {keyRef}")
    public void iPutTheSecureStringUnder(String name, String value, String key) {
        put("the root user", PutParameterRequest.secureString(name, value, world.key(key).keyId()));
    }

    @Given("the {word} SecureString parameter {string} with the value {string} under {keyRef}")
    public void theTieredSecureStringUnder(String tier, String name, String value, String key) {
        put("the root user", PutParameterRequest.secureString(name, value, world.key(key).keyId()).toBuilder()
                .tier(ParameterTier.fromAwsName(tier)).build());
    }

    @When("{principal} puts the SecureString parameter {string} with the value {string}")
    public void putsTheSecureString(String principal, String name, String value) {
        put(principal, PutParameterRequest.secureString(name, value));
    }

    @When("{principal} puts the SecureString parameter {string} with the value {string} under {keyRef}")
    public void putsTheSecureStringUnder(String principal, String name, String value, String key) {
        put(principal, PutParameterRequest.secureString(name, value, world.key(key).keyId()));
    }

    /** A value of that many "x" characters, in the tier named (Standard, Advanced or Intelligent-Tiering). */
    @When("I put the SecureString parameter {string} with a value of {int} characters in the {word} tier")
    public void iPutALongSecureString(String name, int size, String tier) {
        put("the root user", PutParameterRequest.secureString(name, "x".repeat(size)).toBuilder()
                .tier(ParameterTier.fromAwsName(tier)).build());
    }

    @When("I overwrite the parameter {string} with the value {string} in the {word} tier")
    public void iOverwriteInTier(String name, String value, String tier) {
        put("the root user", PutParameterRequest.secureString(name, value).toBuilder().overwrite(true)
                .tier(ParameterTier.fromAwsName(tier)).build());
    }

    @When("I put the String parameter {string} with the value {string}")
    public void iPutTheString(String name, String value) {
        put("the root user", PutParameterRequest.of(name, value, ParameterType.STRING));
    }

    private void put(String principal, PutParameterRequest request) {
        put = attempt(() -> ssm(principal).putParameter(request));
    }

    @Then("the parameter is stored in the {word} tier, version {int}")
    public void theParameterIsStoredIn(String tier, int version) {
        requireSuccess();
        assertThat(put).as("a PutParameter answer").isNotNull();
        assertThat(put.tier().awsName()).isEqualTo(tier);
        assertThat(put.version()).isEqualTo(version);
    }

    // ------------------------------------------------------------------------------------------ GetParameter

    @When("I get the parameter {string}")
    public void iGetTheParameter(String name) {
        get("the root user", GetParameterRequest.of(name));
    }

    @When("I get the parameter {string} with decryption")
    public void iGetTheParameterWithDecryption(String name) {
        get("the root user", GetParameterRequest.withDecryption(name));
    }

    @When("{principal} gets the parameter {string}")
    public void getsTheParameter(String principal, String name) {
        get(principal, GetParameterRequest.of(name));
    }

    @When("{principal} gets the parameter {string} with decryption")
    public void getsTheParameterWithDecryption(String principal, String name) {
        get(principal, GetParameterRequest.withDecryption(name));
    }

    private void get(String principal, GetParameterRequest request) {
        kmsCallsBefore = kmsCalls();
        parameter = attempt(() -> ssm(principal).getParameter(request).parameter());
    }

    @Then("the value is {string}")
    public void theValueIs(String value) {
        assertThat(parameter().value()).isEqualTo(value);
    }

    @Then("the value is {int} characters long")
    public void theValueIsLong(int length) {
        assertThat(parameter().value()).hasSize(length);
    }

    /**
     * The value as stored: base64 of a KMS ciphertext for a standard parameter, whose header names the key (read
     * with the lab's inspector, as {@code kmslab inspect} does).
     */
    @Then("the value is a KMS ciphertext in base64, under {keyRef}")
    public void theValueIsAKmsCiphertextUnder(String key) {
        byte[] blob = Base64.getDecoder().decode(parameter().value());
        assertThat(world.lab().inspect(blob).keyArn()).isEqualTo(world.key(key).arn());
    }

    @Then("the value is a KMS ciphertext in base64, under the AWS managed key alias\\/aws\\/ssm")
    public void theValueIsAKmsCiphertextUnderAwsSsm() {
        byte[] blob = Base64.getDecoder().decode(parameter().value());
        assertThat(world.lab().inspect(blob).keyArn()).isEqualTo(world.engine().awsManagedKey("ssm").arn());
    }

    /** An advanced parameter's stored value: KMS Lab's envelope, not readable as the value. */
    @Then("the value is encrypted, not {string}")
    public void theValueIsEncryptedNot(String plaintext) {
        String stored = parameter().value();
        assertThat(stored).isNotEqualTo(plaintext);
        assertThat(new String(Base64.getDecoder().decode(stored), java.nio.charset.StandardCharsets.ISO_8859_1))
                .doesNotContain(plaintext);
    }

    @Then("Parameter Store made no KMS call")
    public void parameterStoreMadeNoKmsCall() {
        requireSuccess();
        assertThat(kmsCalls()).isEqualTo(kmsCallsBefore);
    }

    @Then("the trail has no {word} event")
    public void theTrailHasNoEvent(String eventName) {
        assertThat(world.lab().auditTrail().events().filter(e -> e.eventName().equals(eventName))).isEmpty();
    }

    // ------------------------------------------------------------------------------------------ DescribeParameters

    @Then("DescribeParameters shows the parameter {string} under the key {string} in the {word} tier")
    public void describeParametersShows(String name, String keyId, String tier) {
        List<ParameterMetadata> found = ssm("the root user").describeParameters(DescribeParametersRequest.filtered(
                ParameterStringFilter.equals("Name", name))).parameters();
        assertThat(found).hasSize(1);
        assertThat(found.get(0).keyId()).isEqualTo(world.expand(keyId));
        assertThat(found.get(0).tier().awsName()).isEqualTo(tier);
    }

    // ------------------------------------------------------------------------------------------ the outcome

    /** A Parameter Store request whose answer a later step checks ({@link ServiceAnswerSteps}). */
    private <T> T attempt(Supplier<T> request) {
        parameter = null;
        put = null;
        return outcome.attempt(Service.PARAMETER_STORE, request);
    }

    private void requireSuccess() {
        outcome.requireSuccess();
    }

    private Parameter parameter() {
        requireSuccess();
        assertThat(parameter).as("a parameter GetParameter answered").isNotNull();
        return parameter;
    }

    private Ssm ssm(String principal) {
        Caller caller = access.principal(principal);
        return AwsCloud.of(world.lab()).ssm(caller, world.region());
    }

    private long kmsCalls() {
        return world.lab().auditTrail().events().map(AuditEvent::eventName).filter(KMS_CALLS::contains).count();
    }

    /** {@code <parameter ARN of /prod/db>}: the ARN of a parameter in the scenario's Region and account. */
    private String placeholder(String name) {
        String prefix = "parameter ARN of ";
        if (name.startsWith(prefix)) {
            return ssm("the root user").parameterArn(name.substring(prefix.length()));
        }
        return null;
    }
}
