package io.kmslab.server.fidelity;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;

/**
 * One request/response pair of the fidelity set, as a case file states it: the operation, the API reference section
 * it was written from, the calls that prepare it (their answers captured under a name for {@code ${name.Member}}
 * references), the request as the wire carries it, and what the answer must be.
 */
record FidelityCase(String operation, String name, String source, List<Step> setup, String caller, String region,
        JsonNode request, Expectation expect) {

    /**
     * A call made before the request (its answer kept under {@code as}; it must succeed), a move of the lab's
     * simulated clock ({@code advance}, an ISO-8601 duration), or a CloudHSM cluster made in the lab ({@code cluster}:
     * its id, {@code active} (default true), {@code kmsuserLockedOut} (default false) and the Availability Zones of its HSMs; kept under {@code as} as
     * {@code ClusterId} and {@code TrustAnchorCertificate}), since AWS makes clusters outside KMS; or, as AWS has
     * external key store proxies and VPC endpoint services made outside KMS too, a simulated XKS proxy
     * ({@code xksProxy}: its URI endpoint, with its keys and lab controls) or a VPC endpoint service
     * ({@code vpcEndpointService}: its service name, private DNS name and lab controls) made in the lab; or a change
     * of a cluster already made ({@code clusterChange}: its id, {@code removeHsms} by Availability Zone,
     * {@code active}); or a simulated Nitro enclave launched in the lab ({@code enclave}: its image name; kept as
     * {@code AttestationDocument}, base64, for a Recipient parameter).
     */
    record Step(String as, String operation, String caller, String region, JsonNode request, Duration advance,
            JsonNode cluster, JsonNode xksProxy, JsonNode vpcEndpointService, JsonNode clusterChange,
            JsonNode enclave) {
    }

    /**
     * What the answer must be. A success (status 200): {@code members} that must be there, with exact values or
     * typed matchers ({@link ResponseMatcher}), and {@code absent} members (dotted paths) that must not be. An error:
     * the status, the {@code __type}, and the exact {@code message} (an empty string: no message) or, where AWS does
     * not document the wording, a {@code messagePattern} (regular expression) with a {@code note} saying so.
     */
    record Expectation(int status, String type, String message, String messagePattern, JsonNode members,
            List<String> absent, String note) {
        boolean success() {
            return status == 200;
        }

        /** The coverage key of the case: {@code success} or the error's {@code __type}. */
        String outcome() {
            return success() ? "success" : type;
        }
    }

    /** The display name of a dynamic test: the operation and the case. */
    String title() {
        return operation + ": " + name;
    }
}
