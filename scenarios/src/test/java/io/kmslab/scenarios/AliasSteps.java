package io.kmslab.scenarios;

import static io.kmslab.scenarios.LabWorld.THE_KEY;
import static org.assertj.core.api.Assertions.assertThat;

import io.cucumber.java.en.Given;
import io.cucumber.java.en.Then;
import io.cucumber.java.en.When;
import io.kmslab.api.AliasListEntry;
import io.kmslab.api.CreateAliasRequest;
import io.kmslab.api.CreateKeyRequest;
import io.kmslab.api.DeleteAliasRequest;
import io.kmslab.api.DescribeKeyRequest;
import io.kmslab.api.KeyMetadata;
import io.kmslab.api.ListAliasesRequest;
import io.kmslab.api.ScheduleKeyDeletionRequest;
import io.kmslab.api.UpdateAliasRequest;
import java.util.Optional;

/** CreateAlias, UpdateAlias, DeleteAlias, ListAliases, and keys named by their alias. */
public class AliasSteps {
    private final LabWorld world;
    private KeyMetadata described;

    public AliasSteps(LabWorld world) {
        this.world = world;
    }

    @Given("a symmetric key with the alias {string}")
    public void aSymmetricKeyWithTheAlias(String alias) {
        KeyMetadata key = world.createKey(THE_KEY, CreateKeyRequest.of());
        world.kms().createAlias(CreateAliasRequest.of(alias, key.keyId()));
    }

    @Given("the alias {string} was created for {keyRef}")
    public void theAliasWasCreatedFor(String alias, String name) {
        world.kms().createAlias(CreateAliasRequest.of(alias, world.key(name).keyId()));
    }

    @When("I create the alias {string} for {keyRef}")
    public void iCreateTheAliasFor(String alias, String name) {
        world.attempt(() -> world.kms().createAlias(CreateAliasRequest.of(alias, world.key(name).keyId())));
    }

    @When("I point the alias {string} to {keyRef}")
    public void iPointTheAliasTo(String alias, String name) {
        world.attempt(() -> world.kms().updateAlias(UpdateAliasRequest.of(alias, world.key(name).keyId())));
    }

    @When("I delete the alias {string}")
    public void iDeleteTheAlias(String alias) {
        world.attempt(() -> world.kms().deleteAlias(DeleteAliasRequest.of(alias)));
    }

    @When("I describe the key behind {string}")
    public void iDescribeTheKeyBehind(String aliasOrArn) {
        described = world.attempt(() -> world.kms().describeKey(DescribeKeyRequest.of(aliasOrArn)).keyMetadata());
    }

    @When("I schedule the deletion of the key behind {string}")
    public void iScheduleTheDeletionOfTheKeyBehind(String alias) {
        world.attempt(() -> world.kms().scheduleKeyDeletion(ScheduleKeyDeletionRequest.of(alias, 7)));
    }

    @Then("the described key is {keyRef}")
    public void theDescribedKeyIs(String name) {
        world.requireSuccess();
        assertThat(described.arn()).isEqualTo(world.key(name).arn());
    }

    @Then("the alias {string} points to {keyRef}")
    public void theAliasPointsTo(String alias, String name) {
        Optional<AliasListEntry> entry = alias(alias);
        assertThat(entry).as("ListAliases entry for %s", alias).isPresent();
        assertThat(entry.get().targetKeyId()).isEqualTo(world.key(name).keyId());
    }

    @Then("ListAliases shows the alias {string} with the ARN {string}")
    public void listAliasesShowsTheAliasWithTheArn(String alias, String arn) {
        Optional<AliasListEntry> entry = alias(alias);
        assertThat(entry).as("ListAliases entry for %s", alias).isPresent();
        assertThat(entry.get().aliasArn()).isEqualTo(world.expand(arn));
    }

    @Then("ListAliases does not show the alias {string}")
    public void listAliasesDoesNotShow(String alias) {
        assertThat(alias(alias)).isEmpty();
    }

    private Optional<AliasListEntry> alias(String alias) {
        return world.kms().listAliases(ListAliasesRequest.of()).aliases().stream()
                .filter(a -> a.aliasName().equals(alias)).findFirst();
    }
}
