package io.kmslab.scenarios;

import static io.kmslab.scenarios.LabWorld.THE_KEY;
import static io.kmslab.scenarios.LabWorld.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import io.cucumber.java.en.Given;
import io.cucumber.java.en.Then;
import io.cucumber.java.en.When;
import io.kmslab.Kms;
import io.kmslab.KmsApi;
import io.kmslab.api.CancelKeyDeletionRequest;
import io.kmslab.api.CreateAliasRequest;
import io.kmslab.api.CreateKeyRequest;
import io.kmslab.api.DecryptRequest;
import io.kmslab.api.DeleteImportedKeyMaterialRequest;
import io.kmslab.api.DescribeKeyRequest;
import io.kmslab.api.DisableKeyRequest;
import io.kmslab.api.DisableKeyRotationRequest;
import io.kmslab.api.EnableKeyRequest;
import io.kmslab.api.EnableKeyRotationRequest;
import io.kmslab.api.EncryptRequest;
import io.kmslab.api.GenerateDataKeyRequest;
import io.kmslab.api.GenerateDataKeyWithoutPlaintextRequest;
import io.kmslab.api.GetKeyRotationStatusRequest;
import io.kmslab.api.GetParametersForImportRequest;
import io.kmslab.api.ImportKeyMaterialRequest;
import io.kmslab.api.KeyMetadata;
import io.kmslab.api.ListAliasesRequest;
import io.kmslab.api.ListKeyRotationsRequest;
import io.kmslab.api.ListResourceTagsRequest;
import io.kmslab.api.PutKeyPolicyRequest;
import io.kmslab.api.ReEncryptRequest;
import io.kmslab.api.RotateKeyOnDemandRequest;
import io.kmslab.api.ScheduleKeyDeletionRequest;
import io.kmslab.api.ScheduleKeyDeletionResponse;
import io.kmslab.api.Tag;
import io.kmslab.api.TagResourceRequest;
import io.kmslab.api.UntagResourceRequest;
import io.kmslab.api.UpdateKeyDescriptionRequest;
import io.kmslab.keys.AlgorithmSpec;
import io.kmslab.keys.DataKeySpec;
import io.kmslab.keys.EncryptionAlgorithmSpec;
import io.kmslab.keys.ExpirationModelType;
import io.kmslab.keys.KeyManagerType;
import io.kmslab.keys.KeySpec;
import io.kmslab.keys.KeyState;
import io.kmslab.keys.KeyUsageType;
import io.kmslab.keys.OriginType;
import io.kmslab.keys.WrappingKeySpec;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/** Creating keys and moving them between states: enable, disable, schedule and cancel deletion. */
public class KeyLifecycleSteps {
    private final LabWorld world;
    private ScheduleKeyDeletionResponse scheduled;

    public KeyLifecycleSteps(LabWorld world) {
        this.world = world;
    }

    // ------------------------------------------------------------------------------------------ keys that exist

    @Given("a symmetric key")
    public void aSymmetricKey() {
        world.createKey(THE_KEY, CreateKeyRequest.of());
    }

    @Given("{keyRef} is a symmetric key")
    public void isASymmetricKey(String name) {
        world.createKey(name, CreateKeyRequest.of());
    }

    @Given("a(n) {keySpec} key for {keyUsage}")
    public void aKeyFor(KeySpec spec, KeyUsageType usage) {
        isAKeyFor(THE_KEY, spec, usage);
    }

    @Given("{keyRef} is a(n) {keySpec} key for {keyUsage}")
    public void isAKeyFor(String name, KeySpec spec, KeyUsageType usage) {
        world.createKey(name, CreateKeyRequest.builder().keySpec(spec).keyUsage(usage).build());
    }

    @Given("{keyRef} was put in the {keyState} state")
    public void wasPutInState(String name, KeyState state) {
        String keyId = world.key(name).keyId();
        KmsApi kms = world.kms();
        switch (state) {
            case Enabled -> kms.enableKey(EnableKeyRequest.of(keyId));
            case Disabled -> kms.disableKey(DisableKeyRequest.of(keyId));
            case PendingDeletion -> kms.scheduleKeyDeletion(ScheduleKeyDeletionRequest.of(keyId, 7));
            default -> throw new IllegalArgumentException("A scenario cannot put a key in state " + state);
        }
        assertThat(world.describe(name).keyState()).isEqualTo(state);
    }

    // ------------------------------------------------------------------------------------------ requests

    @When("I create a key")
    public void iCreateAKey() {
        world.attempt(() -> world.createKey(THE_KEY, CreateKeyRequest.of()));
    }

    @When("I create a key with the description {string}")
    public void iCreateAKeyWithTheDescription(String description) {
        world.attempt(() -> world.createKey(THE_KEY, CreateKeyRequest.builder().description(description).build()));
    }

    @When("I disable {keyRef}")
    public void iDisable(String name) {
        world.attempt(() -> world.kms().disableKey(DisableKeyRequest.of(world.key(name).keyId())));
    }

    @When("I enable {keyRef}")
    public void iEnable(String name) {
        world.attempt(() -> world.kms().enableKey(EnableKeyRequest.of(world.key(name).keyId())));
    }

    @When("I schedule the deletion of {keyRef}")
    public void iScheduleTheDeletion(String name) {
        scheduled = world.attempt(() -> world.kms().scheduleKeyDeletion(
                ScheduleKeyDeletionRequest.of(world.key(name).keyId())));
    }

    @When("I schedule the deletion of {keyRef} with a waiting period of {int} days")
    public void iScheduleTheDeletionIn(String name, int days) {
        scheduled = world.attempt(() -> world.kms().scheduleKeyDeletion(
                ScheduleKeyDeletionRequest.of(world.key(name).keyId(), days)));
    }

    @When("I cancel the deletion of {keyRef}")
    public void iCancelTheDeletion(String name) {
        world.attempt(() -> world.kms().cancelKeyDeletion(CancelKeyDeletionRequest.of(world.key(name).keyId())));
    }

    @When("I describe {keyRef}")
    public void iDescribe(String name) {
        world.attempt(() -> world.kms().describeKey(DescribeKeyRequest.of(world.key(name).keyId())));
    }

    /**
     * Calls one operation on a key, as the AWS CLI would with its key id. Decrypt and ReEncrypt use the ciphertext
     * made earlier in the scenario; ReEncrypt re-encrypts it under key B. PutKeyPolicy puts the default key policy;
     * ImportKeyMaterial sends an import token and wrapped material that KMS never issued (for checks made before the
     * token is read).
     */
    @When("I call {operation} on {keyRef}")
    public void iCallOn(String operation, String name) {
        String keyId = world.key(name).keyId();
        KmsApi kms = world.kms();
        Runnable call = switch (operation) {
            case "Encrypt" -> () -> kms.encrypt(EncryptRequest.of(keyId, utf8("payroll")));
            case "Decrypt" -> () -> kms.decrypt(DecryptRequest.of(world.ciphertext()));
            case "GenerateDataKey" -> () -> kms.generateDataKey(GenerateDataKeyRequest.of(keyId, DataKeySpec.AES_256));
            case "GenerateDataKeyWithoutPlaintext" -> () -> kms.generateDataKeyWithoutPlaintext(
                    GenerateDataKeyWithoutPlaintextRequest.of(keyId, DataKeySpec.AES_256));
            case "ReEncrypt" -> () -> kms.reEncrypt(ReEncryptRequest.of(world.ciphertext(),
                    world.key("key B").keyId()));
            case "EnableKey" -> () -> kms.enableKey(EnableKeyRequest.of(keyId));
            case "DisableKey" -> () -> kms.disableKey(DisableKeyRequest.of(keyId));
            case "ScheduleKeyDeletion" -> () -> kms.scheduleKeyDeletion(ScheduleKeyDeletionRequest.of(keyId, 7));
            case "CancelKeyDeletion" -> () -> kms.cancelKeyDeletion(CancelKeyDeletionRequest.of(keyId));
            case "UpdateKeyDescription" -> () -> kms.updateKeyDescription(
                    UpdateKeyDescriptionRequest.of(keyId, "payroll, 2026"));
            case "TagResource" -> () -> kms.tagResource(TagResourceRequest.of(keyId, List.of(Tag.of("team", "hr"))));
            case "UntagResource" -> () -> kms.untagResource(UntagResourceRequest.of(keyId, List.of("team")));
            case "CreateAlias" -> () -> kms.createAlias(CreateAliasRequest.of("alias/payroll", keyId));
            case "DescribeKey" -> () -> kms.describeKey(DescribeKeyRequest.of(keyId));
            case "ListResourceTags" -> () -> kms.listResourceTags(ListResourceTagsRequest.of(keyId));
            case "ListAliases" -> () -> kms.listAliases(ListAliasesRequest.of(keyId));
            case "PutKeyPolicy" -> () -> kms.putKeyPolicy(
                    PutKeyPolicyRequest.of(keyId, Kms.defaultKeyPolicy(world.account())));
            case "EnableKeyRotation" -> () -> kms.enableKeyRotation(EnableKeyRotationRequest.of(keyId));
            case "DisableKeyRotation" -> () -> kms.disableKeyRotation(DisableKeyRotationRequest.of(keyId));
            case "GetKeyRotationStatus" -> () -> kms.getKeyRotationStatus(GetKeyRotationStatusRequest.of(keyId));
            case "RotateKeyOnDemand" -> () -> kms.rotateKeyOnDemand(RotateKeyOnDemandRequest.of(keyId));
            case "ListKeyRotations" -> () -> kms.listKeyRotations(ListKeyRotationsRequest.of(keyId));
            case "GetParametersForImport" -> () -> kms.getParametersForImport(GetParametersForImportRequest.of(keyId,
                    AlgorithmSpec.RSAES_OAEP_SHA_256, WrappingKeySpec.RSA_2048));
            case "ImportKeyMaterial" -> () -> kms.importKeyMaterial(ImportKeyMaterialRequest.builder().keyId(keyId)
                    .importToken(EncryptionSteps.randomBytes(47)).encryptedKeyMaterial(EncryptionSteps.randomBytes(256))
                    .expirationModel(ExpirationModelType.KEY_MATERIAL_DOES_NOT_EXPIRE).build());
            case "DeleteImportedKeyMaterial" -> () -> kms.deleteImportedKeyMaterial(
                    DeleteImportedKeyMaterialRequest.of(keyId));
            default -> throw new IllegalArgumentException("No scenario step calls " + operation + " yet");
        };
        world.attempt(call);
    }

    // ------------------------------------------------------------------------------------------ what DescribeKey shows

    @Then("{keyRef} is in the {keyState} state")
    public void isInTheState(String name, KeyState state) {
        world.requireSuccess();
        assertThat(world.describe(name).keyState()).isEqualTo(state);
    }

    @Then("DescribeKey shows {keyRef} with Enabled {word}")
    public void describeKeyShowsEnabled(String name, String flag) {
        world.requireSuccess();
        assertThat(flag).isIn("true", "false");
        assertThat(world.describe(name).enabled()).isEqualTo(Boolean.parseBoolean(flag));
    }

    @Then("the key manager of {keyRef} is {keyManager}")
    public void theKeyManagerIs(String name, KeyManagerType manager) {
        assertThat(world.describe(name).keyManager()).isEqualTo(manager);
    }

    @Then("the key spec of {keyRef} is {keySpec}")
    public void theKeySpecIs(String name, KeySpec spec) {
        assertThat(world.describe(name).keySpec()).isEqualTo(spec);
    }

    @Then("the key usage of {keyRef} is {keyUsage}")
    public void theKeyUsageIs(String name, KeyUsageType usage) {
        assertThat(world.describe(name).keyUsage()).isEqualTo(usage);
    }

    @Then("the origin of {keyRef} is {origin}")
    public void theOriginIs(String name, OriginType origin) {
        assertThat(world.describe(name).origin()).isEqualTo(origin);
    }

    @Then("the description of {keyRef} is {string}")
    public void theDescriptionIs(String name, String description) {
        world.requireSuccess();
        assertThat(world.describe(name).description()).isEqualTo(description);
    }

    @Then("{keyRef} was created at {instant}")
    public void wasCreatedAt(String name, Instant instant) {
        assertThat(world.describe(name).creationDate()).isEqualTo(instant);
    }

    @Then("the encryption algorithms of {keyRef} are {string}")
    public void theEncryptionAlgorithmsAre(String name, String list) {
        List<EncryptionAlgorithmSpec> expected = Arrays.stream(list.split(",\\s*"))
                .map(EncryptionAlgorithmSpec::valueOf).toList();
        assertThat(world.describe(name).encryptionAlgorithms()).containsExactlyElementsOf(expected);
    }

    @Then("{keyRef} has no signing or MAC algorithms")
    public void hasNoSigningOrMacAlgorithms(String name) {
        KeyMetadata key = world.describe(name);
        assertThat(key.signingAlgorithms()).isNullOrEmpty();
        assertThat(key.macAlgorithms()).isNullOrEmpty();
    }

    @Then("the deletion date of {keyRef} is {instant}")
    public void theDeletionDateIs(String name, Instant instant) {
        world.requireSuccess();
        assertThat(world.describe(name).deletionDate()).isEqualTo(instant);
    }

    @Then("{keyRef} has no deletion date")
    public void hasNoDeletionDate(String name) {
        world.requireSuccess();
        assertThat(world.describe(name).deletionDate()).isNull();
    }

    /** AWS shows PendingDeletionWindowInDays only for a multi-Region primary waiting for its replicas. */
    @Then("DescribeKey shows no pending deletion window for {keyRef}")
    public void describeKeyShowsNoPendingDeletionWindow(String name) {
        assertThat(world.describe(name).pendingDeletionWindowInDays()).isNull();
    }

    // ------------------------------------------------------------------------------------------ ScheduleKeyDeletion

    @Then("ScheduleKeyDeletion answers with the ARN of {keyRef}, the state {keyState} and a waiting period of {int} days")
    public void scheduleKeyDeletionAnswers(String name, KeyState state, int days) {
        world.requireSuccess();
        assertThat(scheduled.keyId()).isEqualTo(world.key(name).arn());
        assertThat(scheduled.keyState()).isEqualTo(state);
        assertThat(scheduled.pendingWindowInDays()).isEqualTo(days);
    }

    @Then("ScheduleKeyDeletion answers with the deletion date {instant}")
    public void scheduleKeyDeletionAnswersWithDate(Instant date) {
        world.requireSuccess();
        assertThat(scheduled.deletionDate()).isEqualTo(date);
    }
}
