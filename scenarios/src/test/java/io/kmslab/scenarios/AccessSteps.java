package io.kmslab.scenarios;

import static io.kmslab.scenarios.LabWorld.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import io.cucumber.java.en.Then;
import io.cucumber.java.en.When;
import io.kmslab.KmsApi;
import io.kmslab.api.CancelKeyDeletionRequest;
import io.kmslab.api.CreateGrantRequest;
import io.kmslab.api.DecryptRequest;
import io.kmslab.api.DescribeKeyRequest;
import io.kmslab.api.DisableKeyRequest;
import io.kmslab.api.EnableKeyRequest;
import io.kmslab.api.EncryptRequest;
import io.kmslab.api.GenerateDataKeyRequest;
import io.kmslab.api.GetKeyPolicyRequest;
import io.kmslab.api.ListGrantsRequest;
import io.kmslab.api.ListResourceTagsRequest;
import io.kmslab.api.ScheduleKeyDeletionRequest;
import io.kmslab.api.Tag;
import io.kmslab.api.TagResourceRequest;
import io.kmslab.api.UpdateKeyDescriptionRequest;
import io.kmslab.errors.KmsException;
import io.kmslab.grants.GrantOperation;
import io.kmslab.keys.DataKeySpec;
import io.kmslab.policy.PolicyDecision;
import io.kmslab.policy.PolicyDecision.Rule;
import java.util.List;

/**
 * Requests made by the principals of a scenario, and what KMS decided about them: allowed or denied, by which rule,
 * which statement decided, the AccessDeniedException message and the decision trace.
 */
public class AccessSteps {
    private static final String NONE = "-";

    private final LabWorld world;
    private final AuthorizationWorld access;

    public AccessSteps(LabWorld world, AuthorizationWorld access) {
        this.world = world;
        this.access = access;
    }

    // ------------------------------------------------------------------------------------------ Encrypt, Decrypt

    /** By key id, as the AWS CLI is mostly used. */
    @When("{principal} encrypts {string} under {keyRef}")
    public void encryptsUnder(String principal, String text, String name) {
        encrypt(access.kms(principal), world.key(name).keyId(), text);
    }

    @When("{principal} encrypts {string} under {keyRef} directly")
    public void encryptsUnderDirectly(String principal, String text, String name) {
        encryptsUnder(principal, text, name);
    }

    @When("{principal} encrypts {string} under {keyRef} by its key id")
    public void encryptsUnderByKeyId(String principal, String text, String name) {
        encryptsUnder(principal, text, name);
    }

    @When("{principal} encrypts {string} under {keyRef} by its ARN")
    public void encryptsUnderByArn(String principal, String text, String name) {
        encrypt(access.kms(principal), world.key(name).arn(), text);
    }

    /** As S3 or EBS call KMS on the caller's behalf: kms:ViaService is {@code <service>.<region>.amazonaws.com}. */
    @When("{principal} encrypts {string} under {keyRef} through the {word} service")
    public void encryptsUnderThroughTheService(String principal, String text, String name, String service) {
        encrypt(access.engine(principal).viaService(service), world.key(name).keyId(), text);
    }

    @When("{principal} encrypts {string} under {keyRef} from the address {word}")
    public void encryptsUnderFromTheAddress(String principal, String text, String name, String address) {
        encrypt(access.engine(principal).from(address), world.key(name).keyId(), text);
    }

    /** An alias name ({@code alias/app}) or an alias ARN. */
    @When("{principal} encrypts {string} under the alias {string}")
    public void encryptsUnderTheAlias(String principal, String text, String alias) {
        encrypt(access.kms(principal), alias, text);
    }

    @When("{principal} encrypts {string} under {keyRef} with the encryption context {string}")
    public void encryptsUnderWithTheContext(String principal, String text, String name, String context) {
        KmsApi kms = access.kms(principal);
        String keyId = world.key(name).keyId();
        world.encrypted(access.request(() -> kms.encrypt(
                EncryptRequest.of(keyId, utf8(text), EncryptionSteps.context(context)))));
    }

    private void encrypt(KmsApi kms, String keyId, String text) {
        world.encrypted(access.request(() -> kms.encrypt(EncryptRequest.of(keyId, utf8(text)))));
    }

    @When("{principal} decrypts the ciphertext")
    public void decryptsTheCiphertext(String principal) {
        KmsApi kms = access.kms(principal);
        world.decrypted(access.request(() -> kms.decrypt(DecryptRequest.of(world.ciphertext()))));
    }

    // ------------------------------------------------------------------------------------------ any operation

    @When("{principal} calls {operation} on {keyRef}")
    public void callsOn(String principal, String operation, String name) {
        call(access.kms(principal), principal, operation, world.key(name).keyId());
    }

    @When("{principal} calls {operation} on {keyRef} by its ARN")
    public void callsOnByArn(String principal, String operation, String name) {
        call(access.kms(principal), principal, operation, world.key(name).arn());
    }

    @When("{principal} calls {operation} on {keyRef} through the {word} service")
    public void callsOnThroughTheService(String principal, String operation, String name, String service) {
        call(access.engine(principal).viaService(service), principal, operation, world.key(name).keyId());
    }

    /**
     * One operation on one key with plain arguments. Decrypt uses the ciphertext made earlier in the scenario;
     * CreateGrant gives the caller itself Decrypt.
     */
    private void call(KmsApi kms, String principal, String operation, String keyId) {
        Runnable request = switch (operation) {
            case "Encrypt" -> () -> world.encrypted(kms.encrypt(EncryptRequest.of(keyId, utf8("payroll"))));
            case "Decrypt" -> () -> world.decrypted(kms.decrypt(DecryptRequest.builder()
                    .ciphertextBlob(world.ciphertext()).keyId(keyId).build()));
            case "GenerateDataKey" -> () -> kms.generateDataKey(GenerateDataKeyRequest.of(keyId, DataKeySpec.AES_256));
            case "DescribeKey" -> () -> kms.describeKey(DescribeKeyRequest.of(keyId));
            case "EnableKey" -> () -> kms.enableKey(EnableKeyRequest.of(keyId));
            case "DisableKey" -> () -> kms.disableKey(DisableKeyRequest.of(keyId));
            case "ScheduleKeyDeletion" -> () -> kms.scheduleKeyDeletion(ScheduleKeyDeletionRequest.of(keyId, 7));
            case "CancelKeyDeletion" -> () -> kms.cancelKeyDeletion(CancelKeyDeletionRequest.of(keyId));
            case "TagResource" -> () -> kms.tagResource(TagResourceRequest.of(keyId, List.of(Tag.of("team", "hr"))));
            case "ListResourceTags" -> () -> kms.listResourceTags(ListResourceTagsRequest.of(keyId));
            case "UpdateKeyDescription" -> () -> kms.updateKeyDescription(
                    UpdateKeyDescriptionRequest.of(keyId, "payroll, 2026"));
            case "GetKeyPolicy" -> () -> kms.getKeyPolicy(GetKeyPolicyRequest.of(keyId));
            case "ListGrants" -> () -> kms.listGrants(ListGrantsRequest.of(keyId));
            case "CreateGrant" -> () -> kms.createGrant(CreateGrantRequest.of(keyId,
                    access.principal(principal).principalArn(), List.of(GrantOperation.Decrypt)));
            default -> throw new IllegalArgumentException("No scenario step calls " + operation + " yet");
        };
        access.request(request);
    }

    // ------------------------------------------------------------------------------------------ the decision

    @Then("the request is allowed")
    public void theRequestIsAllowed() {
        world.requireSuccess();
        assertThat(access.decision().allowed()).as("the decision").isTrue();
    }

    @Then("the request is denied")
    public void theRequestIsDenied() {
        KmsException error = world.error();
        assertThat(error.errorCode()).as("error code (message: %s)", error.getMessage())
                .isEqualTo("AccessDeniedException");
        assertThat(access.decision().allowed()).as("the decision").isFalse();
    }

    @Then("the decision rule is {rule}")
    public void theDecisionRuleIs(Rule rule) {
        assertThat(access.decision().rule()).isEqualTo(rule);
    }

    /** "-": no statement decided (an implicit deny with no statement naming the caller, or a grant). */
    @Then("the deciding statement is {string}")
    public void theDecidingStatementIs(String sid) {
        PolicyDecision decision = access.decision();
        if (sid.equals(NONE)) {
            assertThat(decision.decidingSid()).as("deciding statement").isEmpty();
        } else {
            assertThat(decision.decidingSid()).as("deciding statement").contains(sid);
            assertThat(decision.explain()).contains("deciding statement: \"" + sid + "\"");
        }
    }

    /** "-": the request was not denied. The message is also what the decision itself says AWS would answer. */
    @Then("the denial message is {message}")
    public void theDenialMessageIs(String message) {
        if (message.equals(NONE)) {
            world.requireSuccess();
            return;
        }
        String expected = world.expand(message);
        KmsException error = world.error();
        assertThat(error.errorCode()).isEqualTo("AccessDeniedException");
        assertThat(error.getMessage()).isEqualTo(expected);
        assertThat(access.decision().accessDeniedMessage()).isEqualTo(expected);
    }

    @Then("the decision trace mentions {string}")
    public void theDecisionTraceMentions(String text) {
        assertThat(access.decision().explain()).contains(world.expand(text));
    }

    /** The trace lists every condition with the value its key had in the request. */
    @Then("the decision trace shows that {conditionKey} was {traceValue}")
    public void theDecisionTraceShowsThatWas(String conditionKey, String value) {
        assertThat(access.decision().explain()).contains(conditionKey + " was " + value);
    }
}
