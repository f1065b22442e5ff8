package io.kmslab;

import java.util.Optional;

/**
 * How a call reaches KMS through an AWS service acting for its caller: the value of {@code kms:ViaService}
 * ({@code <service>.<region>.amazonaws.com}) and how the call's CloudTrail event shows the service.
 *
 * <p>AWS's own CloudTrail examples differ by service: Secrets Manager's events carry {@code invokedBy}
 * "secretsmanager.amazonaws.com" with the service as source address and user agent; EBS's carry no {@code invokedBy},
 * the user agent "AWS Internal" and the caller's own address
 * (https://docs.aws.amazon.com/kms/latest/developerguide/ct-ec2two.html).
 *
 * @param service the service's name in {@code kms:ViaService}: {@code ec2} for EBS volumes, {@code s3}, {@code rds}
 * @param region the Region of the service endpoint, which is the Region of the key it calls
 * @param invokerShown whether the event names the service in {@code userIdentity.invokedBy} (and as its source)
 * @param userAgent the user agent the event shows, or null for the caller's own
 */
public record ServiceRoute(String service, String region, boolean invokerShown, String userAgent) {
    public ServiceRoute {
        if (service == null || service.isEmpty() || service.contains(".")) {
            throw new IllegalArgumentException("A service name such as s3 or ec2, not '" + service + "'");
        }
        Regions.require(region);
    }

    /** A route whose events name the service as {@code invokedBy}, source address and user agent. */
    public static ServiceRoute invokedBy(String service, String region) {
        return new ServiceRoute(service, region, true, service + ".amazonaws.com");
    }

    /** The value of {@code kms:ViaService}. */
    public String viaService() {
        return service + "." + region + ".amazonaws.com";
    }

    /** The service's principal as CloudTrail names it in {@code invokedBy}, when the event shows it. */
    public Optional<String> invokedBy() {
        return invokerShown ? Optional.of(service + ".amazonaws.com") : Optional.empty();
    }
}
