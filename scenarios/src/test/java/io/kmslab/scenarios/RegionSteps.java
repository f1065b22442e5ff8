package io.kmslab.scenarios;

import static org.assertj.core.api.Assertions.assertThat;

import io.cucumber.java.en.Given;
import io.cucumber.java.en.Then;
import io.cucumber.java.en.When;
import io.kmslab.KmsApi;
import io.kmslab.api.CreateAliasRequest;
import io.kmslab.api.CreateKeyRequest;
import io.kmslab.api.DecryptRequest;
import io.kmslab.api.DescribeKeyRequest;
import io.kmslab.api.EncryptRequest;
import io.kmslab.api.KeyListEntry;
import io.kmslab.api.KeyMetadata;
import io.kmslab.api.ListKeysRequest;
import java.util.List;
import java.util.UUID;

/** Keys are regional and belong to one account: ARNs, lookups from elsewhere, ciphertexts taken elsewhere. */
public class RegionSteps {
    private final LabWorld world;
    private List<KeyListEntry> listed;

    public RegionSteps(LabWorld world) {
        this.world = world;
    }

    @Given("{keyRef} is a symmetric key in {region} with the alias {string}")
    public void isASymmetricKeyInWithTheAlias(String name, String region, String alias) {
        KmsApi kms = world.kms(region);
        KeyMetadata key = kms.createKey(CreateKeyRequest.of()).keyMetadata();
        kms.createAlias(CreateAliasRequest.of(alias, key.keyId()));
        world.remember(name, key);
    }

    @When("I describe {keyRef} by its key id in {region}")
    public void iDescribeByKeyIdIn(String name, String region) {
        world.attempt(() -> world.kms(region).describeKey(DescribeKeyRequest.of(world.key(name).keyId())));
    }

    @When("I describe {keyRef} by its ARN in {region}")
    public void iDescribeByArnIn(String name, String region) {
        world.attempt(() -> world.kms(region).describeKey(DescribeKeyRequest.of(world.key(name).arn())));
    }

    @When("I encrypt {string} under the alias {string} in {region}")
    public void iEncryptUnderTheAliasIn(String text, String alias, String region) {
        world.encrypted(world.attempt(
                () -> world.kms(region).encrypt(EncryptRequest.of(alias, LabWorld.utf8(text)))));
    }

    @When("I decrypt the ciphertext in {region}")
    public void iDecryptTheCiphertextIn(String region) {
        world.decrypted(world.attempt(() -> world.kms(region).decrypt(DecryptRequest.of(world.ciphertext()))));
    }

    @When("account {account} lists its keys in {region}")
    public void accountListsItsKeys(String account, String region) {
        listed = world.attempt(() -> world.kms(account, region).listKeys(ListKeysRequest.of()).keys());
    }

    @When("account {account} describes {keyRef} by its key id in {region}")
    public void accountDescribesByKeyId(String account, String name, String region) {
        world.attempt(() -> world.kms(account, region).describeKey(DescribeKeyRequest.of(world.key(name).keyId())));
    }

    @When("account {account} describes {keyRef} by its ARN in {region}")
    public void accountDescribesByArn(String account, String name, String region) {
        world.attempt(() -> world.kms(account, region).describeKey(DescribeKeyRequest.of(world.key(name).arn())));
    }

    @When("account {account} decrypts the ciphertext in {region}")
    public void accountDecrypts(String account, String region) {
        world.decrypted(world.attempt(
                () -> world.kms(account, region).decrypt(DecryptRequest.of(world.ciphertext()))));
    }

    @Then("the ARN of {keyRef} is {string}")
    public void theArnIs(String name, String arn) {
        world.requireSuccess();
        assertThat(world.key(name).arn()).isEqualTo(world.expand(arn));
        assertThat(world.describe(name).arn()).isEqualTo(world.expand(arn));
    }

    @Then("the key id of {keyRef} is a random UUID")
    public void theKeyIdIsARandomUuid(String name) {
        String keyId = world.key(name).keyId();
        assertThat(keyId).matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
        assertThat(UUID.fromString(keyId).version()).isEqualTo(4);
    }

    @Then("the key list contains {keyRef}")
    public void theKeyListContains(String name) {
        world.requireSuccess();
        assertThat(listed).contains(new KeyListEntry(world.key(name).keyId(), world.key(name).arn()));
    }

    @Then("the key list does not contain {keyRef}")
    public void theKeyListDoesNotContain(String name) {
        world.requireSuccess();
        assertThat(listed).extracting(KeyListEntry::keyId).doesNotContain(world.key(name).keyId());
    }
}
