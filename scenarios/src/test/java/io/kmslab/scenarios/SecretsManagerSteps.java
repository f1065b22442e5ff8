package io.kmslab.scenarios;

import static org.assertj.core.api.Assertions.assertThat;

import io.cucumber.java.en.Given;
import io.cucumber.java.en.Then;
import io.cucumber.java.en.When;
import io.kmslab.Caller;
import io.kmslab.audit.AuditEvent;
import io.kmslab.scenarios.ServiceOutcome.Service;
import io.kmslab.services.AwsCloud;
import io.kmslab.services.secretsmanager.CreateSecretRequest;
import io.kmslab.services.secretsmanager.CreateSecretResponse;
import io.kmslab.services.secretsmanager.DeleteSecretRequest;
import io.kmslab.services.secretsmanager.DeleteSecretResponse;
import io.kmslab.services.secretsmanager.DescribeSecretRequest;
import io.kmslab.services.secretsmanager.DescribeSecretResponse;
import io.kmslab.services.secretsmanager.GetSecretValueRequest;
import io.kmslab.services.secretsmanager.GetSecretValueResponse;
import io.kmslab.services.secretsmanager.PutResourcePolicyRequest;
import io.kmslab.services.secretsmanager.PutSecretValueRequest;
import io.kmslab.services.secretsmanager.RestoreSecretRequest;
import io.kmslab.services.secretsmanager.SecretsManager;
import io.kmslab.services.secretsmanager.UpdateSecretRequest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * AWS Secrets Manager, as a principal of the scenario uses it: secrets and their versions, their KMS key, their
 * resource policy, and their deletion. The service is the engine's ({@link AwsCloud}) in both runs of the suite; the
 * keys, IAM and the audit trail it uses are the scenario's lab. Secrets Manager's answers (its own errors, with the
 * KMS error behind them) are checked by {@link ServiceAnswerSteps}.
 */
public class SecretsManagerSteps {
    private final LabWorld world;
    private final AuthorizationWorld access;
    private final ServiceOutcome outcome;
    /** The secrets created in the scenario, by name: their ARN. */
    private final Map<String, String> arns = new LinkedHashMap<>();
    /** The versions created in the scenario, oldest first. */
    private final List<String> versions = new ArrayList<>();
    private GetSecretValueResponse value;
    private DeleteSecretResponse deleted;
    private int eventsBefore;

    public SecretsManagerSteps(LabWorld world, AuthorizationWorld access, ServiceOutcome outcome) {
        this.world = world;
        this.access = access;
        this.outcome = outcome;
        world.placeholders(this::placeholder);
    }

    // ------------------------------------------------------------------------------------------ creating secrets

    @Given("the secret {string} with the value {string}")
    @When("I create the secret {string} with the value {string}")
    public void iCreateTheSecret(String name, String secretValue) {
        create("the root user", CreateSecretRequest.of(name, secretValue));
    }

    /** The key by its ARN, as a secret read from another account must name it. */
    @Given("the secret {string} with the value {string} under {keyRef}")
    @When("I create the secret {string} with the value {string} under {keyRef}")
    public void iCreateTheSecretUnder(String name, String secretValue, String key) {
        create("the root user", CreateSecretRequest.of(name, secretValue, world.key(key).arn()));
    }

    /** The key by its bare key id: KMS resolves it in the account of whoever writes a version. */
    @Given("the secret {string} with the value {string} under the key id of {keyRef}")
    public void theSecretUnderTheKeyIdOf(String name, String secretValue, String key) {
        create("the root user", CreateSecretRequest.of(name, secretValue, world.key(key).keyId()));
    }

    @When("{principal} creates the secret {string} with the value {string}")
    public void createsTheSecret(String principal, String name, String secretValue) {
        create(principal, CreateSecretRequest.of(name, secretValue));
    }

    private void create(String principal, CreateSecretRequest request) {
        CreateSecretResponse created = attempt(() -> secrets(principal).createSecret(request));
        if (created != null) {
            arns.put(created.name(), created.arn());
            versions.add(created.versionId());
        }
    }

    @Then("the ARN of the secret {string} is its name, a hyphen and six random characters")
    public void theArnIsItsNameAndASuffix(String name) {
        requireSuccess();
        assertThat(arn(name)).matches("arn:aws:secretsmanager:" + world.region() + ":" + world.account() + ":secret:"
                + java.util.regex.Pattern.quote(name) + "-[A-Za-z0-9]{6}");
    }

    // ------------------------------------------------------------------------------------------ versions

    @When("I put the value {string} in the secret {string}")
    public void iPutTheValue(String secretValue, String name) {
        putsTheValue("the root user", secretValue, name);
    }

    @When("{principal} puts the value {string} in the secret {string}")
    public void putsTheValue(String principal, String secretValue, String name) {
        String id = secretId(principal, name);
        var put = attempt(() -> secrets(principal).putSecretValue(PutSecretValueRequest.of(id, secretValue)));
        if (put != null) {
            versions.add(put.versionId());
        }
    }

    @When("I put the value {string} in the secret {string} as {word}")
    public void iPutTheValueAs(String secretValue, String name, String stage) {
        var put = attempt(() -> secrets("the root user").putSecretValue(PutSecretValueRequest.staged(name,
                secretValue, stage)));
        if (put != null) {
            versions.add(put.versionId());
        }
    }

    @When("I get the value of the secret {string}")
    public void iGetTheValue(String name) {
        getsTheValue("the root user", name);
    }

    @When("I get the {word} value of the secret {string}")
    public void iGetTheStagedValue(String stage, String name) {
        value = attempt(() -> secrets("the root user").getSecretValue(GetSecretValueRequest.stage(name, stage)));
    }

    /** By name in the principal's own account; a secret of another account by its ARN. */
    @When("{principal} gets the value of the secret {string}")
    public void getsTheValue(String principal, String name) {
        String id = secretId(principal, name);
        value = attempt(() -> secrets(principal).getSecretValue(GetSecretValueRequest.of(id)));
    }

    @Then("the secret value is {string}")
    public void theSecretValueIs(String expected) {
        requireSuccess();
        assertThat(value).as("a GetSecretValue answer").isNotNull();
        assertThat(value.secretString()).isEqualTo(expected);
    }

    @Then("the secret {string} has the versions, oldest first:")
    public void theSecretHasTheVersions(String name, List<String> stages) {
        DescribeSecretResponse described = secrets("the root user").describeSecret(DescribeSecretRequest.of(name));
        assertThat(described.versionIdsToStages().keySet()).containsExactlyInAnyOrderElementsOf(
                versions.subList(0, stages.size()));
        for (int i = 0; i < stages.size(); i++) {
            assertThat(String.join(", ", described.versionIdsToStages().get(versions.get(i))))
                    .as("stages of version %d", i + 1).isEqualTo(stages.get(i));
        }
    }

    /** Each version's GenerateDataKey names the secret and that version in its encryption context. */
    @Then("each version of the secret {string} had its own GenerateDataKey call with the secret's ARN and its version id as encryption context")
    public void eachVersionHadItsOwnDataKey(String name) {
        List<Map<?, ?>> contexts = world.lab().auditTrail().events()
                .filter(e -> e.eventName().equals("GenerateDataKey") && e.errorCode() == null)
                .<Map<?, ?>>map(e -> (Map<?, ?>) e.requestParameters().get("encryptionContext")).toList();
        assertThat(contexts).hasSize(versions.size());
        for (int i = 0; i < versions.size(); i++) {
            assertThat(contexts.get(i)).isEqualTo(Map.of("SecretARN", arn(name), "SecretVersionId",
                    versions.get(i)));
        }
    }

    // ------------------------------------------------------------------------------------------ keys

    @When("I change the KMS key of the secret {string} to {keyRef}")
    public void iChangeTheKey(String name, String key) {
        eventsBefore = (int) world.lab().auditTrail().events().count();
        attempt(() -> secrets("the root user").updateSecret(UpdateSecretRequest.kmsKey(name, world.key(key).arn())));
    }

    @When("{principal} changes the KMS key of the secret {string} to {keyRef}")
    public void changesTheKey(String principal, String name, String key) {
        attempt(() -> secrets(principal).updateSecret(UpdateSecretRequest.kmsKey(name, world.key(key).arn())));
    }

    /** Rows: event name, SecretVersionId ("-" for none), and optionally the key ("key A"). */
    @Then("Secrets Manager made these KMS calls:")
    public void secretsManagerMadeTheseKmsCalls(List<Map<String, String>> rows) {
        requireSuccess();
        List<AuditEvent> calls = world.lab().auditTrail().events().skip(eventsBefore).toList();
        assertThat(calls).extracting(AuditEvent::eventName)
                .containsExactlyElementsOf(rows.stream().map(r -> r.get("event name")).toList());
        for (int i = 0; i < rows.size(); i++) {
            AuditEvent call = calls.get(i);
            assertThat(call.userIdentity().invokedBy()).isEqualTo("secretsmanager.amazonaws.com");
            Map<?, ?> context = (Map<?, ?>) call.requestParameters().get("encryptionContext");
            assertThat(context.get("SecretVersionId")).as("SecretVersionId of call %d", i + 1)
                    .isEqualTo(world.expand(rows.get(i).get("SecretVersionId")));
            String key = rows.get(i).get("key");
            if (key != null && !key.equals("-")) {
                assertThat(call.resources().get(0).arn()).as("key of call %d", i + 1)
                        .isEqualTo(world.key(key).arn());
            }
        }
    }

    @Then("DescribeSecret shows no KmsKeyId for the secret {string}")
    public void describeSecretShowsNoKmsKeyId(String name) {
        assertThat(secrets("the root user").describeSecret(DescribeSecretRequest.of(name)).kmsKeyId()).isNull();
    }

    @Then("DescribeSecret shows the KmsKeyId of the secret {string} as the ARN of {keyRef}")
    public void describeSecretShowsTheKmsKeyId(String name, String key) {
        assertThat(secrets("the root user").describeSecret(DescribeSecretRequest.of(name)).kmsKeyId())
                .isEqualTo(world.key(key).arn());
    }

    // ------------------------------------------------------------------------------------------ resource policy

    @Given("the secret {string} has the resource policy:")
    public void theSecretHasTheResourcePolicy(String name, String policy) {
        secrets("the root user").putResourcePolicy(PutResourcePolicyRequest.of(name, policy));
    }

    // ------------------------------------------------------------------------------------------ deletion

    @When("I delete the secret {string} with a recovery window of {long} days")
    public void iDeleteTheSecretWithAWindow(String name, long days) {
        deleted = attempt(() -> secrets("the root user").deleteSecret(DeleteSecretRequest.withRecoveryWindow(name,
                days)));
    }

    @When("I delete the secret {string} without recovery")
    public void iDeleteTheSecretWithoutRecovery(String name) {
        deleted = attempt(() -> secrets("the root user").deleteSecret(DeleteSecretRequest.withoutRecovery(name)));
    }

    @When("I restore the secret {string}")
    public void iRestoreTheSecret(String name) {
        attempt(() -> secrets("the root user").restoreSecret(RestoreSecretRequest.of(name)));
    }

    @Then("the secret will be deleted at {instant}")
    public void theSecretWillBeDeletedAt(Instant at) {
        requireSuccess();
        assertThat(deleted).as("a DeleteSecret answer").isNotNull();
        assertThat(deleted.deletionDate()).isEqualTo(at);
    }

    @Then("DescribeSecret shows the secret {string} as deleted on {instant}")
    public void describeSecretShowsDeleted(String name, Instant at) {
        assertThat(secrets("the root user").describeSecret(DescribeSecretRequest.of(name)).deletedDate())
                .isEqualTo(at);
    }

    // ------------------------------------------------------------------------------------------ the outcome

    /** A Secrets Manager request whose answer a later step checks ({@link ServiceAnswerSteps}). */
    private <T> T attempt(Supplier<T> request) {
        value = null;
        deleted = null;
        return outcome.attempt(Service.SECRETS_MANAGER, request);
    }

    private void requireSuccess() {
        outcome.requireSuccess();
    }

    private SecretsManager secrets(String principal) {
        Caller caller = access.principal(principal);
        return AwsCloud.of(world.lab()).secretsManager(caller, world.region());
    }

    /** A principal of the secret's own account names it by name, one of another account by its ARN. */
    private String secretId(String principal, String name) {
        String arn = arns.get(name);
        boolean otherAccount = arn != null && !arn.split(":")[4].equals(access.principal(principal).accountId());
        return otherAccount ? arn : name;
    }

    private String arn(String name) {
        String arn = arns.get(name);
        assertThat(arn).as("a secret called %s created in the scenario", name).isNotNull();
        return arn;
    }

    /**
     * {@code <ARN of the secret app>}, {@code <version 1 of the secret>} (versions numbered in the order the scenario
     * made them).
     */
    private String placeholder(String name) {
        if (name.startsWith("ARN of the secret ")) {
            return arn(name.substring("ARN of the secret ".length()));
        }
        if (name.startsWith("version ") && name.endsWith(" of the secret")) {
            return versions.get(Integer.parseInt(name.substring("version ".length(), name.indexOf(" of"))) - 1);
        }
        return null;
    }
}
