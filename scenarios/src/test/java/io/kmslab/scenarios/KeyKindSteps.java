package io.kmslab.scenarios;

import static io.kmslab.scenarios.LabWorld.THE_KEY;
import static io.kmslab.scenarios.LabWorld.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import io.cucumber.java.en.Given;
import io.cucumber.java.en.Then;
import io.cucumber.java.en.When;
import io.kmslab.api.CreateKeyRequest;
import io.kmslab.api.DecryptRequest;
import io.kmslab.api.EncryptRequest;
import io.kmslab.api.KeyMetadata;
import io.kmslab.api.ListAliasesRequest;
import io.kmslab.api.ListKeysRequest;
import io.kmslab.keys.ExpirationModelType;
import java.util.Locale;

/**
 * The kinds of KMS key: AWS managed keys, which a service creates on first use and which the account can use only
 * through that service; customer managed keys; keys for imported key material; multi-Region keys.
 */
public class KeyKindSteps {
    private static final String OUTSIDE_MATERIAL = "material made outside AWS";

    private final LabWorld world;
    private final ImportWorld imports;
    private KeyMetadata usedAgain;

    public KeyKindSteps(LabWorld world, ImportWorld imports) {
        this.world = world;
        this.imports = imports;
    }

    /** Creates a key of a kind in the current Region and account and names it. */
    @Given("{keyRef} is {keyKind}")
    public void isAKeyOfKind(String name, KeyKind kind) {
        switch (kind.variety()) {
            case AWS_MANAGED -> world.remember(name, world.engine().awsManagedKey(kind.service()));
            case CUSTOMER_MANAGED -> world.createKey(name, CreateKeyRequest.of());
            case FOR_IMPORTED_MATERIAL -> imports.createExternalKey(name);
            case WITH_IMPORTED_MATERIAL -> {
                imports.createExternalKey(name);
                imports.makeMaterial(OUTSIDE_MATERIAL, 32);
                imports.importMaterial(name, OUTSIDE_MATERIAL, ExpirationModelType.KEY_MATERIAL_DOES_NOT_EXPIRE, null);
            }
            case MULTI_REGION -> world.createKey(name, CreateKeyRequest.builder().multiRegion(true).build());
        }
    }

    // ------------------------------------------------------------------------------------------ AWS managed keys

    /** An AWS service (EBS, S3, ...) encrypts something for the first time with its default key. */
    @When("{word} uses its AWS managed key for the first time")
    public void usesItsAwsManagedKeyForTheFirstTime(String service) {
        String alias = "alias/aws/" + service.toLowerCase(Locale.ROOT);
        assertThat(world.kms().listAliases(ListAliasesRequest.of()).aliases())
                .as("aliases before %s first uses its key", service)
                .noneMatch(a -> a.aliasName().equals(alias));
        world.remember(THE_KEY, world.engine().awsManagedKey(service.toLowerCase(Locale.ROOT)));
    }

    @When("{word} uses its AWS managed key again")
    public void usesItsAwsManagedKeyAgain(String service) {
        usedAgain = world.engine().awsManagedKey(service.toLowerCase(Locale.ROOT));
    }

    @Then("it is the same key, and the account has {int} key(s) in {region}")
    public void itIsTheSameKey(int keys, String region) {
        assertThat(usedAgain).as("a second use of the AWS managed key").isNotNull();
        assertThat(usedAgain.arn()).isEqualTo(world.key(THE_KEY).arn());
        assertThat(world.kms(region).listKeys(ListKeysRequest.of()).keys()).hasSize(keys);
    }

    /** As the service calls KMS for the caller: kms:ViaService is {@code <service>.<region>.amazonaws.com}. */
    @When("I encrypt {string} under the alias {string} through the {word} service")
    public void iEncryptThroughTheService(String text, String alias, String service) {
        world.encrypted(world.attempt(
                () -> world.engine().viaService(service).encrypt(EncryptRequest.of(alias, utf8(text)))));
    }

    @When("I decrypt the ciphertext through the {word} service")
    public void iDecryptThroughTheService(String service) {
        world.decrypted(world.attempt(
                () -> world.engine().viaService(service).decrypt(DecryptRequest.of(world.ciphertext()))));
    }
}
