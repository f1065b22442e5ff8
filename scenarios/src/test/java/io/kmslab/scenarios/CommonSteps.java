package io.kmslab.scenarios;

import static org.assertj.core.api.Assertions.assertThat;

import io.cucumber.java.After;
import io.cucumber.java.Before;
import io.cucumber.java.Scenario;
import io.cucumber.java.en.Given;
import io.cucumber.java.en.Then;
import io.cucumber.java.en.When;
import io.kmslab.errors.KmsException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

/** Time, place and the outcome of the last request: the steps every feature shares. */
public class CommonSteps {
    private final LabWorld world;

    public CommonSteps(LabWorld world) {
        this.world = world;
    }

    /** The lab starts at midnight UTC of that day. */
    @Given("today is {date}")
    public void todayIs(LocalDate date) {
        world.startAt(date.atStartOfDay(ZoneOffset.UTC).toInstant());
    }

    @Given("I work in {region} as account {account}")
    public void iWorkInAs(String region, String account) {
        world.standIn(account, region);
    }

    @When("{duration} pass(es)")
    public void timePasses(Duration duration) {
        world.lab().clock().advance(duration);
    }

    @Then("it is now {instant}")
    public void itIsNow(Instant instant) {
        assertThat(world.now()).isEqualTo(instant);
    }

    // ------------------------------------------------------------------------------------------ outcomes

    @Then("the request succeeds")
    public void theRequestSucceeds() {
        world.requireSuccess();
    }

    @Then("the request fails with {errorCode}")
    public void theRequestFailsWith(String errorCode) {
        KmsException error = world.error();
        assertThat(error.errorCode()).as("error code (message: %s)", error.getMessage()).isEqualTo(errorCode);
    }

    @Then("the error message is {message}")
    public void theErrorMessageIs(String expected) {
        String message = world.error().getMessage();
        assertThat(message == null ? "" : message).isEqualTo(world.expand(expected));
    }

    /** Several AWS errors come without any message (botocore shows Message ""). */
    @Then("the error has no message")
    public void theErrorHasNoMessage() {
        assertThat(world.error().getMessage()).isNullOrEmpty();
    }

    @Before
    public void rememberTheScenario(Scenario scenario) {
        world.scenario(scenario);
    }

    /** A request that failed while no step looked at the failure must not let the scenario pass. */
    @After
    public void noUncheckedError() {
        KmsException unchecked = world.uncheckedError();
        if (unchecked != null) {
            throw new AssertionError("A request failed and no step checked it: " + unchecked, unchecked);
        }
    }

    /** The scenario's endpoint, if it ran through one, stops after everything else (After hooks of order 0 run last). */
    @After(order = 0)
    public void stopTheEndpoint() {
        world.close();
    }
}
