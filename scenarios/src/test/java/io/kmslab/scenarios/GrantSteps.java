package io.kmslab.scenarios;

import static io.kmslab.scenarios.LabWorld.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import io.cucumber.java.en.Given;
import io.cucumber.java.en.Then;
import io.cucumber.java.en.When;
import io.kmslab.KmsApi;
import io.kmslab.api.CreateGrantRequest;
import io.kmslab.api.CreateGrantResponse;
import io.kmslab.api.EncryptRequest;
import io.kmslab.api.GrantListEntry;
import io.kmslab.api.ListGrantsRequest;
import io.kmslab.api.RetireGrantRequest;
import io.kmslab.api.RevokeGrantRequest;
import io.kmslab.grants.GrantConstraints;
import io.kmslab.grants.GrantOperation;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** CreateGrant, grant tokens, ListGrants, RetireGrant and RevokeGrant. */
public class GrantSteps {
    private final LabWorld world;
    private final AuthorizationWorld access;
    private List<GrantListEntry> listed;
    private CreateGrantResponse lastCreated;

    public GrantSteps(LabWorld world, AuthorizationWorld access) {
        this.world = world;
        this.access = access;
    }

    // ------------------------------------------------------------------------------------------ CreateGrant

    /**
     * A grant made by the account root user. Rows: name, grantee, retiring principal (principals of the scenario),
     * operations ("Encrypt, Decrypt"), encryption context subset or encryption context equals ("project=apollo").
     */
    @Given("I created a grant on {keyRef}:")
    public void iCreatedAGrantOn(String name, Map<String, String> table) {
        iCreateAGrantOn(name, table);
        world.requireSuccess();
    }

    @When("I create a grant on {keyRef}:")
    public void iCreateAGrantOn(String name, Map<String, String> table) {
        CreateGrantRequest request = grantRequest(name, table);
        lastCreated = access.request(() -> world.kms().createGrant(request));
        if (lastCreated != null) {
            access.grant(request.name(), new AuthorizationWorld.NamedGrant(name, lastCreated));
        }
    }

    @Then("CreateGrant answered with the grant id of {string}")
    public void createGrantAnsweredWithTheGrantIdOf(String grant) {
        world.requireSuccess();
        assertThat(lastCreated.grantId()).isEqualTo(access.grant(grant).grantId());
    }

    @Then("CreateGrant answered with a new grant id, not that of {string}")
    public void createGrantAnsweredWithANewGrantId(String grant) {
        world.requireSuccess();
        assertThat(lastCreated.grantId()).matches("[0-9a-f]{64}").isNotEqualTo(access.grant(grant).grantId());
    }

    private CreateGrantRequest grantRequest(String keyRef, Map<String, String> table) {
        for (String field : table.keySet()) {
            assertThat(field).as("grant field").isIn("name", "grantee", "retiring principal", "operations",
                    "encryption context subset", "encryption context equals");
        }
        CreateGrantRequest.Builder builder = CreateGrantRequest.builder().keyId(world.key(keyRef).keyId())
                .name(table.get("name"))
                .granteePrincipal(access.principal(table.get("grantee")).principalArn())
                .operations(Arrays.stream(table.get("operations").split(",\\s*")).map(GrantOperation::valueOf)
                        .toList());
        if (table.containsKey("retiring principal")) {
            builder.retiringPrincipal(access.principal(table.get("retiring principal")).principalArn());
        }
        if (table.containsKey("encryption context subset")) {
            builder.constraints(GrantConstraints.subset(EncryptionSteps.context(table.get("encryption context subset"))));
        }
        if (table.containsKey("encryption context equals")) {
            builder.constraints(GrantConstraints.equalTo(EncryptionSteps.context(table.get("encryption context equals"))));
        }
        return builder.build();
    }

    // ------------------------------------------------------------------------------------------ using a grant

    @When("{principal} encrypts {string} under {keyRef} with the encryption context {string} and the grant token of {string}")
    public void encryptsWithTheGrantToken(String principal, String text, String name, String context, String grant) {
        KmsApi kms = access.kms(principal);
        EncryptRequest request = EncryptRequest.builder().keyId(world.key(name).keyId()).plaintext(utf8(text))
                .encryptionContext(EncryptionSteps.context(context))
                .grantTokens(List.of(access.grant(grant).grantToken())).build();
        world.encrypted(access.request(() -> kms.encrypt(request)));
    }

    @Then("the deciding grant is {string}")
    public void theDecidingGrantIs(String grant) {
        assertThat(access.decision().decidingGrant()).as("deciding grant").isNotNull();
        assertThat(access.decision().decidingGrant().grant().grantId()).isEqualTo(access.grant(grant).grantId());
    }

    // ------------------------------------------------------------------------------------------ ListGrants

    @When("I list the grants of {keyRef}")
    public void iListTheGrantsOf(String name) {
        listed = access.request(() -> world.kms().listGrants(ListGrantsRequest.of(world.key(name).keyId())).grants());
    }

    @Then("ListGrants shows {int} grant(s)")
    public void listGrantsShows(int count) {
        world.requireSuccess();
        assertThat(listed).hasSize(count);
    }

    /** Rows: name, grantee, retiring principal, operations, encryption context subset, issuing account. */
    @Then("ListGrants shows the grant {string} with:")
    public void listGrantsShowsTheGrantWith(String grant, Map<String, String> expected) {
        world.requireSuccess();
        String grantId = access.grant(grant).grantId();
        GrantListEntry entry = listed.stream().filter(g -> g.grantId().equals(grantId)).findFirst()
                .orElseThrow(() -> new AssertionError("ListGrants does not show the grant " + grantId));
        expected.forEach((field, value) -> {
            String want = world.expand(value);
            String actual = switch (field) {
                case "name" -> entry.name();
                case "grantee" -> entry.granteePrincipal();
                case "retiring principal" -> entry.retiringPrincipal();
                case "issuing account" -> entry.issuingAccount();
                case "operations" -> entry.operations().stream().map(Enum::name).collect(Collectors.joining(", "));
                case "encryption context subset" -> pairs(entry.constraints().encryptionContextSubset());
                default -> throw new IllegalArgumentException("ListGrants has no field '" + field + "'");
            };
            assertThat(actual).as(field).isEqualTo(want);
        });
    }

    private static String pairs(Map<String, String> context) {
        return context == null ? null : context.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(","));
    }

    // ------------------------------------------------------------------------------------------ retire and revoke

    /** By key ARN and grant id, as the retiring principal might in another account. */
    @When("{principal} retires the grant {string}")
    public void retiresTheGrant(String principal, String grant) {
        KmsApi kms = access.kms(principal);
        AuthorizationWorld.NamedGrant named = access.grant(grant);
        access.request(() -> kms.retireGrant(RetireGrantRequest.of(world.key(named.keyRef()).arn(),
                named.grantId())));
    }

    /** By the grant token alone, which is never written to the trail. */
    @When("{principal} retires the grant {string} with its grant token")
    public void retiresTheGrantWithItsToken(String principal, String grant) {
        KmsApi kms = access.kms(principal);
        String token = access.grant(grant).response().grantToken();
        access.request(() -> kms.retireGrant(RetireGrantRequest.builder().grantToken(token).build()));
    }

    @When("I revoke the grant {string}")
    public void iRevokeTheGrant(String grant) {
        revoke(world.kms(), grant);
    }

    @When("{principal} revokes the grant {string}")
    public void revokesTheGrant(String principal, String grant) {
        revoke(access.kms(principal), grant);
    }

    private void revoke(KmsApi kms, String grant) {
        AuthorizationWorld.NamedGrant named = access.grant(grant);
        access.request(() -> kms.revokeGrant(RevokeGrantRequest.of(world.key(named.keyRef()).keyId(),
                named.grantId())));
    }
}
