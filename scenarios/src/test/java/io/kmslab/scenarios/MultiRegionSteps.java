package io.kmslab.scenarios;

import static org.assertj.core.api.Assertions.assertThat;

import io.cucumber.java.en.Given;
import io.cucumber.java.en.Then;
import io.cucumber.java.en.When;
import io.kmslab.api.CreateKeyRequest;
import io.kmslab.api.KeyMetadata;
import io.kmslab.api.MultiRegionConfiguration;
import io.kmslab.api.MultiRegionKey;
import io.kmslab.api.ReplicateKeyRequest;
import io.kmslab.api.ReplicateKeyResponse;
import io.kmslab.api.UpdatePrimaryRegionRequest;
import io.kmslab.keys.Arns;
import io.kmslab.keys.KeyState;
import io.kmslab.keys.MultiRegionKeyType;
import java.util.Arrays;
import java.util.List;

/** Multi-Region keys: CreateKey with MultiRegion, ReplicateKey, UpdatePrimaryRegion and what DescribeKey shows. */
public class MultiRegionSteps {
    private final LabWorld world;
    private ReplicateKeyResponse replicated;

    public MultiRegionSteps(LabWorld world) {
        this.world = world;
    }

    @Given("{keyRef} is a multi-Region primary key in {region}")
    public void isAMultiRegionPrimaryKeyIn(String name, String region) {
        world.remember(name, world.kms(region).createKey(CreateKeyRequest.builder().multiRegion(true).build())
                .keyMetadata());
    }

    @Given("{keyRef} was replicated to {region} as {keyRef}")
    public void wasReplicatedTo(String primary, String region, String replica) {
        replicated = world.kmsOf(primary).replicateKey(ReplicateKeyRequest.of(world.key(primary).keyId(), region));
        world.remember(replica, replicated.replicaKeyMetadata());
    }

    @When("I replicate {keyRef} to {region} as {keyRef}")
    public void iReplicateToAs(String primary, String region, String replica) {
        replicated = world.attempt(() -> world.kmsOf(primary).replicateKey(
                ReplicateKeyRequest.of(world.key(primary).keyId(), region)));
        if (replicated != null) {
            world.remember(replica, replicated.replicaKeyMetadata());
        }
    }

    /** ReplicateKey asked in the Region the scenario works in (the key named by its key id). */
    @When("I replicate {keyRef} to {region}")
    public void iReplicateTo(String name, String region) {
        replicated = world.attempt(() -> world.kms().replicateKey(
                ReplicateKeyRequest.of(world.key(name).keyId(), region)));
    }

    @When("I make {region} the primary Region of {keyRef}")
    public void iMakeThePrimaryRegion(String region, String name) {
        world.attempt(() -> world.kms().updatePrimaryRegion(
                UpdatePrimaryRegionRequest.of(world.key(name).keyId(), region)));
    }

    @Then("ReplicateKey answers with {keyRef} in the {keyState} state")
    public void replicateKeyAnswers(String name, KeyState state) {
        world.requireSuccess();
        assertThat(replicated.replicaKeyMetadata().arn()).isEqualTo(world.key(name).arn());
        assertThat(replicated.replicaKeyMetadata().keyState()).isEqualTo(state);
    }

    @Then("the key id of {keyRef} is mrk- followed by 32 hex digits")
    public void theKeyIdIsMrk(String name) {
        assertThat(world.key(name).keyId()).matches("mrk-[0-9a-f]{32}");
        assertThat(world.describe(name).multiRegion()).as("MultiRegion").isTrue();
    }

    @Then("{keyRef} and {keyRef} share the key id, the key spec, the key usage and the key material")
    public void shareTheKeyIdAndMaterial(String a, String b) {
        KeyMetadata first = world.describe(a);
        KeyMetadata second = world.describe(b);
        assertThat(second.keyId()).isEqualTo(first.keyId());
        assertThat(second.keySpec()).isEqualTo(first.keySpec());
        assertThat(second.keyUsage()).isEqualTo(first.keyUsage());
        assertThat(second.currentKeyMaterialId()).as("CurrentKeyMaterialId").isNotBlank()
                .isEqualTo(first.currentKeyMaterialId());
    }

    @Then("{keyRef} and {keyRef} have the same current key material")
    public void haveTheSameCurrentKeyMaterial(String a, String b) {
        assertThat(world.describe(b).currentKeyMaterialId()).isEqualTo(world.describe(a).currentKeyMaterialId());
    }

    @Then("the ARN of {keyRef} differs from the ARN of {keyRef} only in the Region, {region} instead of {region}")
    public void theArnsDifferOnlyInTheRegion(String a, String b, String regionA, String regionB) {
        Arns.KmsArn first = Arns.parse(world.key(a).arn()).orElseThrow();
        Arns.KmsArn second = Arns.parse(world.key(b).arn()).orElseThrow();
        assertThat(first.region()).isEqualTo(regionA);
        assertThat(second.region()).isEqualTo(regionB);
        assertThat(world.key(a).arn().replace(":" + regionA + ":", ":" + regionB + ":"))
                .isEqualTo(world.key(b).arn());
    }

    @Then("DescribeKey shows {keyRef} as a {multiRegionKeyType} key whose primary is in {region}")
    public void describeKeyShowsTheRole(String name, MultiRegionKeyType type, String primaryRegion) {
        world.requireSuccess();
        MultiRegionConfiguration configuration = world.describe(name).multiRegionConfiguration();
        assertThat(configuration).as("MultiRegionConfiguration").isNotNull();
        assertThat(configuration.multiRegionKeyType()).isEqualTo(type);
        assertThat(configuration.primaryKey()).isEqualTo(new MultiRegionKey(
                Arns.keyArn(primaryRegion, world.key(name).arn().split(":")[4], world.key(name).keyId()),
                primaryRegion));
    }

    /** "eu-west-1, ap-southeast-2" or "-" for none. */
    @Then("DescribeKey shows the replicas of {keyRef} in {string}")
    public void describeKeyShowsTheReplicas(String name, String regions) {
        List<String> expected = regions.equals("-") ? List.of() : Arrays.asList(regions.split(",\\s*"));
        assertThat(world.describe(name).multiRegionConfiguration().replicaKeys()).extracting(MultiRegionKey::region)
                .containsExactlyElementsOf(expected);
    }

    @Then("DescribeKey shows {keyRef} as a single-Region key")
    public void describeKeyShowsASingleRegionKey(String name) {
        KeyMetadata key = world.describe(name);
        assertThat(key.multiRegion()).as("MultiRegion").isFalse();
        assertThat(key.multiRegionConfiguration()).isNull();
    }

    @Then("DescribeKey shows a pending deletion window of {int} days for {keyRef}, and no deletion date yet")
    public void describeKeyShowsAPendingWindow(int days, String name) {
        world.requireSuccess();
        KeyMetadata key = world.describe(name);
        assertThat(key.pendingDeletionWindowInDays()).as("PendingDeletionWindowInDays").isEqualTo(days);
        assertThat(key.deletionDate()).as("DeletionDate").isNull();
    }
}
