package io.kmslab.services.common;

import io.kmslab.errors.KmsException;
import io.kmslab.policy.PolicyDecision;
import java.util.Optional;

/**
 * An error an AWS service answers with (EC2's {@code InvalidParameterValue}, S3's {@code AccessDenied}, Systems
 * Manager's {@code InvalidKeyId}...): the service, its error code and HTTP status as that service's API names them,
 * and its message. When a KMS call the service made for the caller failed, the KMS error is the cause and the KMS
 * decision, when there was one, says which policy statement or missing permission refused it.
 */
public class AwsServiceException extends RuntimeException {
    private final String service;
    private final String errorCode;
    private final int statusCode;
    private final transient PolicyDecision kmsDecision;

    public AwsServiceException(String service, String errorCode, int statusCode, String message) {
        this(service, errorCode, statusCode, message, null, null);
    }

    public AwsServiceException(String service, String errorCode, int statusCode, String message, KmsException kmsError,
            PolicyDecision kmsDecision) {
        super(message, kmsError);
        this.service = service;
        this.errorCode = errorCode;
        this.statusCode = statusCode;
        this.kmsDecision = kmsDecision;
    }

    /** The service that answered, as its endpoint names it: {@code ec2}, {@code s3}, {@code rds}. */
    public String service() {
        return service;
    }

    /** The error code of the service's API ({@code InvalidParameterValue}, {@code AccessDenied}). */
    public String errorCode() {
        return errorCode;
    }

    public int statusCode() {
        return statusCode;
    }

    /** The error of the KMS call the service made for the caller, when one failed. */
    public Optional<KmsException> kmsError() {
        return Optional.ofNullable((KmsException) getCause());
    }

    /** The authorization decision of the KMS call that failed, when KMS refused it: {@code explain()} says why. */
    public Optional<PolicyDecision> kmsDecision() {
        return Optional.ofNullable(kmsDecision);
    }

    @Override
    public String toString() {
        return service + " " + errorCode + " (" + statusCode + "): " + getMessage();
    }
}
