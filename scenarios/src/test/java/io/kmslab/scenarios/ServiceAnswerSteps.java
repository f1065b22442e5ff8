package io.kmslab.scenarios;

import static org.assertj.core.api.Assertions.assertThat;

import io.cucumber.java.After;
import io.cucumber.java.ParameterType;
import io.cucumber.java.en.Then;
import io.kmslab.policy.PolicyDecision;
import io.kmslab.policy.PolicyDecision.Rule;
import io.kmslab.scenarios.ServiceOutcome.Service;
import io.kmslab.services.common.AwsServiceException;
import io.kmslab.services.common.ServiceAuthorization;

/**
 * What an AWS service answered to the last request a scenario made to it ({@link ServiceOutcome}), in the same words
 * for every service: "S3 answers AccessDenied with HTTP status 403", "Parameter Store answers InvalidKeyId with a
 * message that starts with ...", the KMS error and decision behind the answer, and the service's own authorization.
 */
public class ServiceAnswerSteps {
    private final LabWorld world;
    private final ServiceOutcome outcome;

    public ServiceAnswerSteps(LabWorld world, ServiceOutcome outcome) {
        this.world = world;
        this.outcome = outcome;
    }

    /** An AWS service that uses KMS, as the features name it. */
    @ParameterType("EC2|S3|RDS|Redshift|Parameter Store|Secrets Manager")
    public Service service(String name) {
        return Service.named(name);
    }

    @Then("{service} answers {word}")
    public void answers(Service service, String errorCode) {
        answer(service, errorCode);
    }

    @Then("{service} answers {word} with the message {message}")
    public void answersWithTheMessage(Service service, String errorCode, String message) {
        assertThat(answer(service, errorCode).getMessage()).isEqualTo(world.expand(message));
    }

    @Then("{service} answers {word} with a message that starts with {message}")
    public void answersWithAMessageStartingWith(Service service, String errorCode, String message) {
        assertThat(answer(service, errorCode).getMessage()).startsWith(world.expand(message));
    }

    @Then("{service} answers {word} with HTTP status {int}")
    public void answersWithStatus(Service service, String errorCode, int status) {
        assertThat(answer(service, errorCode).statusCode()).as("HTTP status").isEqualTo(status);
    }

    @Then("{service} answers {word} with HTTP status {int} and the message {message}")
    public void answersWithStatusAndTheMessage(Service service, String errorCode, int status, String message) {
        answersWithStatus(service, errorCode, status);
        assertThat(outcome.error().getMessage()).isEqualTo(world.expand(message));
    }

    @Then("{service} accepts the request")
    public void acceptsTheRequest(Service service) {
        outcome.requireSuccess();
    }

    /** The error of the KMS call the service made for the caller, its cause. */
    @Then("the KMS error behind the answer is {word}")
    public void theKmsErrorBehindTheAnswerIs(String errorCode) {
        assertThat(outcome.error().kmsError()).as("a KMS error as cause").isPresent();
        assertThat(outcome.error().kmsError().get().errorCode()).isEqualTo(errorCode);
    }

    /** The KMS call the service made for the caller, and why KMS refused it. */
    @Then("the KMS decision behind the answer mentions {string}")
    public void theKmsDecisionBehindTheAnswerMentions(String text) {
        String explained = kmsDecision().explain();
        world.log(explained);
        assertThat(explained).contains(world.expand(text));
    }

    @Then("the KMS decision behind the answer is {rule}")
    public void theKmsDecisionBehindTheAnswerIs(Rule rule) {
        assertThat(kmsDecision().rule()).isEqualTo(rule);
    }

    /** The service refused on its own (its policies), so it made no KMS call for the request. */
    @Then("the answer did not come from KMS")
    public void theAnswerDidNotComeFromKms() {
        assertThat(outcome.error().kmsError()).isEmpty();
        assertThat(outcome.error().kmsDecision()).isEmpty();
    }

    /** The service's own authorization of the action (IAM and the resource's policy), made before any KMS call. */
    @Then("{service}'s own decision mentions {string}")
    public void theServicesOwnDecisionMentions(Service service, String text) {
        AwsServiceException error = answer(service, null);
        assertThat(error).isInstanceOf(ServiceAuthorization.AccessDenied.class);
        String explained = ((ServiceAuthorization.AccessDenied) error).decision().explain();
        world.log(explained);
        assertThat(explained).contains(world.expand(text));
    }

    /** A request to a service that failed while no step looked at the failure must not let the scenario pass. */
    @After
    public void noUncheckedServiceError() {
        outcome.requireChecked();
    }

    /** The error of the last request: {@code service}'s, with that error code (any when null). */
    private AwsServiceException answer(Service service, String errorCode) {
        AwsServiceException error = outcome.error();
        assertThat(error.service()).as("the service that answered").isEqualTo(service.endpointPrefix());
        if (errorCode != null) {
            assertThat(error.errorCode()).as("error code (message: %s)", error.getMessage()).isEqualTo(errorCode);
        }
        return error;
    }

    private PolicyDecision kmsDecision() {
        AwsServiceException error = outcome.error();
        return error.kmsDecision().orElseThrow(() -> new AssertionError(
                "the answer did not come from a KMS decision: " + error));
    }
}
