package io.kmslab.keystores;

import java.util.regex.Pattern;

/**
 * An Amazon VPC endpoint service in front of an XKS proxy, as the lab stands it in: KMS Lab has no VPC, no network load
 * balancer and no DNS, so the service is a lab object that names its private DNS name and says whether it fulfils
 * each of AWS's requirements for an external key store. The proxy behind it is the one set up at
 * {@code https://<private DNS name>} ({@link XksProxies#create}).
 *
 * <p>The requirements, from CustomKeyStoresListEntry's ConnectionErrorCode {@code XKS_VPC_ENDPOINT_SERVICE_INVALID_CONFIGURATION}
 * (https://docs.aws.amazon.com/kms/latest/APIReference/API_CustomKeyStoresListEntry.html): "It must have a network load
 * balancer (NLB) connected to at least two subnets, each in a different Availability Zone. The Allow principals list
 * must include the KMS service principal for the Region, cks.kms.&lt;region&gt;.amazonaws.com [...] It must not require
 * acceptance of connection requests. It must have a private DNS name [...] The domain of the private DNS name must have
 * a verification status of verified." A service whose Allow principals list leaves out KMS cannot be found by KMS
 * (XksProxyVpcEndpointServiceNotFoundException: "confirm that the Allow principals list for the VPC endpoint service
 * includes the KMS service principal for the Region").
 */
public final class SimulatedVpcEndpointService {
    /** XksProxyVpcEndpointServiceNameType: 20-64 characters (AWS model, botocore kms 2014-11-01). */
    public static final Pattern SERVICE_NAME = Pattern.compile(
            "^(com|eu)\\.amazonaws\\.vpce\\.([a-z]+-){2,3}\\d+\\.vpce-svc-[0-9a-z]+$");

    private final String serviceName;
    private final String privateDnsName;
    private volatile boolean allowsKms = true;
    private volatile boolean acceptanceRequired;
    private volatile boolean privateDnsVerified = true;
    private volatile int availabilityZones = 2;

    SimulatedVpcEndpointService(String serviceName, String privateDnsName) {
        if (serviceName == null || serviceName.length() < 20 || serviceName.length() > 64
                || !SERVICE_NAME.matcher(serviceName).matches()) {
            throw new IllegalArgumentException("A VPC endpoint service name is like "
                    + "com.amazonaws.vpce.us-east-1.vpce-svc-0123456789abcdef0: " + serviceName);
        }
        if (privateDnsName == null || !privateDnsName.matches("[a-zA-Z0-9.-]+")) {
            throw new IllegalArgumentException("A private DNS name is a host name: " + privateDnsName);
        }
        this.serviceName = serviceName;
        this.privateDnsName = privateDnsName;
    }

    public String serviceName() {
        return serviceName;
    }

    public String privateDnsName() {
        return privateDnsName;
    }

    // ---- lab controls: what an administrator does to the service

    /** Whether the Allow principals list has the KMS service principal of the Region (cks.kms.&lt;region&gt;...). */
    public void allowsKms(boolean allows) {
        this.allowsKms = allows;
    }

    /** Whether the service requires acceptance of connection requests (it must not). */
    public void acceptanceRequired(boolean required) {
        this.acceptanceRequired = required;
    }

    /** Whether the domain of the private DNS name is verified (it must be). */
    public void privateDnsVerified(boolean verified) {
        this.privateDnsVerified = verified;
    }

    /** In how many Availability Zones the NLB has subnets (at least two). */
    public void availabilityZones(int zones) {
        this.availabilityZones = zones;
    }

    // ---- what the lab controls set (a data directory saves them)

    public boolean allowsKms() {
        return allowsKms;
    }

    public boolean acceptanceRequired() {
        return acceptanceRequired;
    }

    public boolean privateDnsVerified() {
        return privateDnsVerified;
    }

    public int availabilityZones() {
        return availabilityZones;
    }

    /** A service as a data directory saved it. */
    public static SimulatedVpcEndpointService restored(String serviceName, String privateDnsName, boolean allowsKms,
            boolean acceptanceRequired, boolean privateDnsVerified, int availabilityZones) {
        SimulatedVpcEndpointService service = new SimulatedVpcEndpointService(serviceName, privateDnsName);
        service.allowsKms = allowsKms;
        service.acceptanceRequired = acceptanceRequired;
        service.privateDnsVerified = privateDnsVerified;
        service.availabilityZones = availabilityZones;
        return service;
    }

    /** Whether KMS can find the service: it must exist and allow the KMS service principal. */
    boolean visibleToKms() {
        return allowsKms;
    }

    /** The first requirement the service does not fulfil, or null when it fulfils them all. */
    String unmetRequirement() {
        if (availabilityZones < 2) {
            return "Its network load balancer must be connected to at least two subnets, each in a different "
                    + "Availability Zone.";
        }
        if (acceptanceRequired) {
            return "It must not require acceptance of connection requests.";
        }
        if (!privateDnsVerified) {
            return "The domain of its private DNS name must have a verification status of verified.";
        }
        return null;
    }

    @Override
    public String toString() {
        return "SimulatedVpcEndpointService[" + serviceName + ", " + privateDnsName + "]";
    }
}
