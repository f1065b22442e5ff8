package io.kmslab.scenarios;

import static org.assertj.core.api.Assertions.assertThat;

import io.kmslab.services.common.AwsServiceException;
import java.util.function.Supplier;

/**
 * The answer of the last request a scenario made to an AWS service that uses KMS (EC2, S3, RDS, Redshift, Parameter
 * Store, Secrets Manager): the service's error, kept for the steps that check it ({@link ServiceAnswerSteps}), or none.
 * One per scenario (PicoContainer), shared by the service step classes. A failure no step checked fails the next
 * request and the scenario. KMS's own errors stay with {@link LabWorld}.
 */
public final class ServiceOutcome {

    /** A service as the features name it, and as its errors name it ({@code AwsServiceException.service()}). */
    public enum Service {
        EC2("EC2", "ec2"),
        S3("S3", "s3"),
        RDS("RDS", "rds"),
        REDSHIFT("Redshift", "redshift"),
        PARAMETER_STORE("Parameter Store", "ssm"),
        SECRETS_MANAGER("Secrets Manager", "secretsmanager");

        private final String shown;
        private final String endpointPrefix;

        Service(String shown, String endpointPrefix) {
            this.shown = shown;
            this.endpointPrefix = endpointPrefix;
        }

        /** The service a feature names: "S3", "Parameter Store"... */
        static Service named(String shown) {
            for (Service service : values()) {
                if (service.shown.equals(shown)) {
                    return service;
                }
            }
            throw new IllegalArgumentException("No AWS service called '" + shown + "'");
        }

        /** As its errors name it: {@code ssm} for Parameter Store. */
        public String endpointPrefix() {
            return endpointPrefix;
        }

        @Override
        public String toString() {
            return shown;
        }
    }

    private final LabWorld world;
    private Service service;
    private AwsServiceException error;
    private boolean checked = true;

    public ServiceOutcome(LabWorld world) {
        this.world = world;
    }

    /**
     * Makes a request to {@code service} whose outcome a later step checks: the service's error is kept, not thrown
     * (and null answered). Fails when an earlier request failed and no step checked it.
     */
    public <T> T attempt(Service service, Supplier<T> request) {
        if (!checked) {
            throw new AssertionError("An earlier request to " + this.service + " failed and no step checked it: "
                    + error, error);
        }
        this.service = service;
        error = null;
        try {
            return request.get();
        } catch (AwsServiceException e) {
            error = e;
            checked = false;
            world.log(service + " answered " + e);
            e.kmsDecision().ifPresent(d -> world.log(d.explain()));
            return null;
        }
    }

    /** The error of the last request, now checked; fails when that request succeeded. */
    public AwsServiceException error() {
        assertThat(error).as("the last request to %s should have failed, but it succeeded", service).isNotNull();
        checked = true;
        return error;
    }

    /** Whether the last request failed (its error still to be checked). */
    public boolean failed() {
        return error != null;
    }

    /** Fails when the last request failed and no step checked it: a step that reads what it made needs it to exist. */
    public void requireSuccess() {
        if (!checked) {
            throw new AssertionError("The last request to " + service + " failed with " + error, error);
        }
    }

    /** Fails the scenario if a request failed and no step looked at the failure. */
    void requireChecked() {
        if (!checked) {
            throw new AssertionError("A request to " + service + " failed and no step checked it: " + error, error);
        }
    }
}
