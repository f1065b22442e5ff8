package io.kmslab.scenarios;

import static org.assertj.core.api.Assertions.assertThat;

import io.cucumber.java.en.Then;
import io.cucumber.java.en.When;
import io.kmslab.api.GetKeyLastUsageRequest;
import io.kmslab.api.GetKeyLastUsageResponse;
import io.kmslab.api.KeyLastUsageData;
import io.kmslab.audit.AuditEvent;
import io.kmslab.audit.AuditQuery;
import java.time.Instant;
import java.util.List;

/** GetKeyLastUsage: when a key was last used for a successful cryptographic operation, and by which event. */
public class KeyLastUsageSteps {
    private final LabWorld world;
    private GetKeyLastUsageResponse answer;

    public KeyLastUsageSteps(LabWorld world) {
        this.world = world;
    }

    @When("I ask for the last usage of {keyRef}")
    public void askForTheLastUsage(String name) {
        answer = world.attempt(() -> world.kmsOf(name).getKeyLastUsage(GetKeyLastUsageRequest.of(
                world.key(name).keyId())));
    }

    @When("I ask for the last usage of {keyRef} by its alias {string}")
    public void askByAlias(String name, String alias) {
        answer = world.attempt(() -> world.kmsOf(name).getKeyLastUsage(GetKeyLastUsageRequest.of(alias)));
    }

    @Then("{keyRef} has no last usage, and its usage has been tracked since it was created")
    public void noLastUsage(String name) {
        world.requireSuccess();
        assertThat(answer.keyLastUsage()).isEqualTo(KeyLastUsageData.NONE);
        assertThat(answer.keyCreationDate()).isEqualTo(world.key(name).creationDate());
        assertThat(answer.trackingStartDate()).isEqualTo(world.key(name).creationDate());
    }

    /** The operation, time and ids answered are those of the last successful event of that operation on the key. */
    @Then("the last usage of {keyRef} is the {word} at {instant}, with the eventID and request id of its CloudTrail event")
    public void lastUsageIs(String name, String operation, Instant at) {
        world.requireSuccess();
        String arn = world.key(name).arn();
        List<AuditEvent> events = world.lab().auditTrail().query(AuditQuery.account(world.key(name).awsAccountId())
                .key(arn).eventName(operation).failed(false));
        AuditEvent event = events.get(events.size() - 1);
        KeyLastUsageData last = answer.keyLastUsage();
        assertThat(last.operation().apiName()).isEqualTo(operation);
        assertThat(last.timestamp()).isEqualTo(at).isEqualTo(event.eventTime());
        assertThat(last.cloudTrailEventId()).isEqualTo(event.eventID());
        assertThat(last.kmsRequestId()).isEqualTo(event.requestID());
    }
}
