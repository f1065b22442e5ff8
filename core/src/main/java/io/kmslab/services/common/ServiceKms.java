package io.kmslab.services.common;

import io.kmslab.Caller;
import io.kmslab.Kms;
import io.kmslab.KmsLab;
import io.kmslab.ServiceRoute;
import io.kmslab.errors.KmsException;
import io.kmslab.policy.PolicyDecision;
import java.util.function.Function;

/**
 * The KMS of one Region as an AWS service calls it for one caller: every call carries the caller's identity,
 * {@code kms:ViaService} = {@code <service>.<region>.amazonaws.com} and {@code kms:CallerAccount}, and is authorized,
 * audited and billed like any other KMS call. A failed call is turned into the service's own error, with the KMS
 * error as its cause and the KMS decision that explains it.
 */
public final class ServiceKms {
    private final Kms kms;

    public ServiceKms(KmsLab lab, Caller caller, ServiceRoute route) {
        this.kms = lab.kms(caller, route.region()).through(route);
    }

    /** What a service's translation of a KMS error gets: the error and the decision of the call that failed. */
    public record Failure(KmsException error, PolicyDecision decision) {
        /** The service's error with this KMS failure as cause and decision. */
        public AwsServiceException as(String service, String errorCode, int statusCode, String message) {
            return new AwsServiceException(service, errorCode, statusCode, message, error, decision);
        }
    }

    /** Makes one KMS call; a KMS error becomes the service's error, as {@code translation} says. */
    public <T> T call(Function<Kms, T> request, Function<Failure, AwsServiceException> translation) {
        try {
            return request.apply(kms);
        } catch (KmsException error) {
            throw translation.apply(new Failure(error, kms.lastDecision().filter(d -> !d.allowed()).orElse(null)));
        }
    }

    /** The underlying handle, for what the service does not translate. */
    public Kms kms() {
        return kms;
    }
}
