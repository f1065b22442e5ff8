package io.kmslab.keystores;

import com.fasterxml.jackson.databind.JsonNode;
import io.kmslab.Json;
import java.io.UncheckedIOException;
import java.security.SecureRandom;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * The external key store proxies KMS can reach from one account and Region, by their URI endpoint: the lab's own API to
 * set up a simulated proxy, the real proxies the user who started the lab named ({@link NamedXksProxies}: the only ones
 * the lab opens network connections to), and KMS's side of the conversation with either (GetHealthStatus and what KMS
 * makes of the answer).
 */
public final class XksProxies {
    /** XksProxyUriEndpointType: {@code ^https://[a-zA-Z0-9.-]+$}, 10-128 characters (AWS model, botocore kms). */
    public static final Pattern URI_ENDPOINT = Pattern.compile("^https://[a-zA-Z0-9.-]+$");
    /** XksProxyUriPathType: {@code ^(/[a-zA-Z0-9\/_-]+/kms/xks/v\d{1,2})$|^(/kms/xks/v\d{1,2})$}, 10-128 characters. */
    public static final Pattern URI_PATH = Pattern.compile("^(/[a-zA-Z0-9\\/_-]+/kms/xks/v\\d{1,2})$|^(/kms/xks/v\\d{1,2})$");

    private final Map<String, SimulatedXksProxy> proxies = new ConcurrentHashMap<>();
    private final Map<String, SimulatedVpcEndpointService> endpointServices = new ConcurrentHashMap<>();
    private final SecureRandom random = new SecureRandom();
    private final String region;
    private final NamedXksProxies named;

    /** Simulated proxies only, none reached over the network. */
    public XksProxies() {
        this(null, NamedXksProxies.none());
    }

    /** The proxies KMS reaches from {@code region}: simulated ones, and the real ones the user {@code named}. */
    public XksProxies(String region, NamedXksProxies named) {
        this.region = region;
        this.named = java.util.Objects.requireNonNull(named, "named");
    }

    /**
     * Sets up a proxy at {@code https://<host>} serving the XKS Proxy API under {@code uriPath} and accepting
     * {@code credential}. Its external key manager starts with no keys ({@link SimulatedXksProxy#addKey}).
     */
    public SimulatedXksProxy create(String uriEndpoint, String uriPath, XksProxyCredential credential) {
        if (!URI_ENDPOINT.matcher(uriEndpoint).matches()) {
            throw new IllegalArgumentException("An XKS proxy endpoint is https:// and a host name: " + uriEndpoint);
        }
        SimulatedXksProxy proxy = new SimulatedXksProxy(uriPath, credential, random);
        if (proxies.putIfAbsent(uriEndpoint, proxy) != null) {
            throw new IllegalArgumentException("There is already an XKS proxy at " + uriEndpoint);
        }
        return proxy;
    }

    /** Takes a proxy off the network. */
    public void delete(String uriEndpoint) {
        proxies.remove(uriEndpoint);
    }

    public Optional<SimulatedXksProxy> find(String uriEndpoint) {
        return Optional.ofNullable(uriEndpoint == null ? null : proxies.get(uriEndpoint));
    }

    /**
     * Sets up a VPC endpoint service (a lab object: KMS Lab has no VPC) named {@code serviceName}, e.g.
     * {@code com.amazonaws.vpce.eu-west-2.vpce-svc-0123456789abcdef0}, whose private DNS name is
     * {@code privateDnsName}: KMS reaches through it the proxy set up at {@code https://<privateDnsName>}. It fulfils
     * every requirement until a lab control says otherwise.
     */
    public SimulatedVpcEndpointService createVpcEndpointService(String serviceName, String privateDnsName) {
        SimulatedVpcEndpointService service = new SimulatedVpcEndpointService(serviceName, privateDnsName);
        if (endpointServices.putIfAbsent(serviceName, service) != null) {
            throw new IllegalArgumentException("There is already a VPC endpoint service " + serviceName);
        }
        return service;
    }

    /** Deletes a VPC endpoint service. */
    public void deleteVpcEndpointService(String serviceName) {
        endpointServices.remove(serviceName);
    }

    // ---- saving and restoring (io.kmslab.persistence)

    /** The simulated proxies set up here, by URI endpoint (in the order of their endpoints). */
    public java.util.SortedMap<String, SimulatedXksProxy> simulatedProxies() {
        return java.util.Collections.unmodifiableSortedMap(new java.util.TreeMap<>(proxies));
    }

    /** The VPC endpoint services set up here, by name. */
    public java.util.List<SimulatedVpcEndpointService> vpcEndpointServices() {
        return endpointServices.values().stream()
                .sorted(java.util.Comparator.comparing(SimulatedVpcEndpointService::serviceName)).toList();
    }

    /** Whether no simulated proxy and no VPC endpoint service is set up here. */
    public boolean empty() {
        return proxies.isEmpty() && endpointServices.isEmpty();
    }

    /** Puts back a saved simulated proxy at {@code uriEndpoint}. */
    public void restore(String uriEndpoint, SimulatedXksProxy.State state) {
        if (!URI_ENDPOINT.matcher(uriEndpoint).matches()) {
            throw new IllegalArgumentException("a saved XKS proxy endpoint is not https:// and a host name: "
                    + uriEndpoint);
        }
        if (proxies.putIfAbsent(uriEndpoint, SimulatedXksProxy.restored(state, random)) != null) {
            throw new IllegalArgumentException("the saved lab has the XKS proxy " + uriEndpoint + " twice");
        }
    }

    /** Puts back a saved VPC endpoint service. */
    public void restore(SimulatedVpcEndpointService service) {
        if (endpointServices.putIfAbsent(service.serviceName(), service) != null) {
            throw new IllegalArgumentException("the saved lab has the VPC endpoint service " + service.serviceName()
                    + " twice");
        }
    }

    /**
     * Why an external key store cannot connect now, or null. With VPC_ENDPOINT_SERVICE connectivity KMS first needs
     * the endpoint service (XKS_VPC_ENDPOINT_SERVICE_NOT_FOUND, XKS_VPC_ENDPOINT_SERVICE_INVALID_CONFIGURATION:
     * CustomKeyStoresListEntry, ConnectionErrorCode), then asks the proxy behind it GetHealthStatus
     * ({@link #healthCheck}).
     */
    public ConnectionErrorCodeType connectionRefusal(CustomKeyStore keyStore, String kmsOperation,
            String kmsRequestId) {
        if (keyStore.xksProxyConnectivity() == XksProxyConnectivityType.VPC_ENDPOINT_SERVICE) {
            VpcEndpointServiceRefusal refusal = vpcEndpointServiceCheck(keyStore.xksProxyVpcEndpointServiceName(),
                    keyStore.xksProxyUriEndpoint());
            if (refusal != null) {
                return refusal.connectionErrorCode();
            }
        }
        return healthCheck(keyStore.xksProxyUriEndpoint(), keyStore.xksProxyUriPath(), keyStore.xksProxyCredential(),
                kmsOperation, kmsRequestId);
    }

    /** Why KMS cannot use a VPC endpoint service for an external key store, and the requirement it misses. */
    public record VpcEndpointServiceRefusal(ConnectionErrorCodeType connectionErrorCode, String reason) {
    }

    /**
     * KMS's check of the VPC endpoint service of an external key store with VPC_ENDPOINT_SERVICE connectivity: null
     * when it can be used, else XKS_VPC_ENDPOINT_SERVICE_NOT_FOUND ("KMS can't find the VPC endpoint service [...]
     * Verify that the XksProxyVpcEndpointServiceName is correct and the KMS service principal has service consumer
     * permissions") or XKS_VPC_ENDPOINT_SERVICE_INVALID_CONFIGURATION with the requirement it misses; the endpoint must
     * be "https:// followed by the private DNS name of the VPC endpoint service" (CreateCustomKeyStore,
     * XksProxyUriEndpoint).
     */
    public VpcEndpointServiceRefusal vpcEndpointServiceCheck(String serviceName, String uriEndpoint) {
        SimulatedVpcEndpointService service = serviceName == null ? null : endpointServices.get(serviceName);
        if (service == null || !service.visibleToKms()) {
            return new VpcEndpointServiceRefusal(ConnectionErrorCodeType.XKS_VPC_ENDPOINT_SERVICE_NOT_FOUND,
                    "KMS cannot find the VPC endpoint service " + serviceName + ", or its Allow principals list does "
                            + "not include the KMS service principal for the Region.");
        }
        String unmet = service.unmetRequirement();
        if (unmet == null && !("https://" + service.privateDnsName()).equals(uriEndpoint)) {
            unmet = "The XksProxyUriEndpoint must be https:// followed by the private DNS name of the VPC endpoint "
                    + "service, https://" + service.privateDnsName() + ".";
        }
        return unmet == null ? null : new VpcEndpointServiceRefusal(
                ConnectionErrorCodeType.XKS_VPC_ENDPOINT_SERVICE_INVALID_CONFIGURATION, "The VPC endpoint service "
                        + serviceName + " does not fulfill the requirements for an external key store. " + unmet);
    }

    /**
     * Sends one request of the XKS Proxy API to the proxy at {@code uriEndpoint}, signed with {@code credential}: what
     * KMS's HTTPS POST to {@code uriEndpoint + path} would get.
     *
     * @throws UncheckedIOException when no proxy answers there (none set up at that endpoint and none named for it, or
     *                              a named one that does not answer in time or over TLS)
     */
    public XksProxyResponse send(String uriEndpoint, String path, XksProxyCredential credential, String body) {
        XksProxyTransport proxy = transport(uriEndpoint).orElse(null);
        if (proxy == null) {
            throw new UncheckedIOException(new java.net.ConnectException("No XKS proxy answers at " + uriEndpoint));
        }
        return proxy.send("POST", path, credential, body);
    }

    /**
     * The proxy KMS talks to at {@code uriEndpoint}: the simulated one set up there, else the real one the user who
     * started the lab named for it, else none (KMS cannot reach it). A URL given in a request alone is never called.
     */
    public Optional<XksProxyTransport> transport(String uriEndpoint) {
        Optional<SimulatedXksProxy> simulated = find(uriEndpoint);
        return simulated.isPresent() ? Optional.of(simulated.get()) : named.transport(uriEndpoint, region);
    }

    /**
     * KMS calls GetHealthStatus "to validate the XKS Proxy's endpoint and authentication key when a customer calls the
     * CreateCustomKeyStore or UpdateCustomKeyStore or ConnectCustomKeyStore APIs" (XKS Proxy API spec, GetHealthStatus,
     * "KMS Considerations"). The answer, in the words of CustomKeyStoresListEntry's ConnectionErrorCode
     * (https://docs.aws.amazon.com/kms/latest/APIReference/API_CustomKeyStoresListEntry.html):
     * <ul>
     * <li>no answer: XKS_PROXY_NOT_REACHABLE; also when "the proxy reports that all external key manager instances are
     * unavailable";</li>
     * <li>no answer in time: XKS_PROXY_TIMED_OUT ("KMS can connect to the external key store proxy, but the proxy does
     * not respond to KMS in the time allotted"); no TLS connection (a certificate not trusted or not for the host, no
     * common protocol): XKS_PROXY_INVALID_TLS_CONFIGURATION ("KMS cannot connect to the external key store proxy
     * because the TLS configuration is invalid. Verify that the XKS proxy supports TLS 1.2 or 1.3. Also, verify that
     * the TLS certificate is not expired, and that it matches the hostname in the XksProxyUriEndpoint value"), both
     * from the same page;</li>
     * <li>401 AuthenticationFailedException: INVALID_CREDENTIALS ("One or both of the XksProxyAuthenticationCredential
     * values is not valid on the specified external key store proxy");</li>
     * <li>403 AccessDeniedException: XKS_PROXY_ACCESS_DENIED;</li>
     * <li>404 InvalidUriPathException: XKS_PROXY_INVALID_CONFIGURATION ("Verify the value of the XksProxyUriPath");</li>
     * <li>429 ThrottlingException, 503 DependencyTimeoutException: XKS_PROXY_TIMED_OUT (KMS Lab's reading; the spec maps
     * both to XksProxyUriUnreachableException on CreateCustomKeyStore);</li>
     * <li>anything else, or a body without the spec's members: XKS_PROXY_INVALID_RESPONSE.</li>
     * </ul>
     *
     * @return null when the proxy is healthy, else why KMS cannot use it
     */
    public ConnectionErrorCodeType healthCheck(String uriEndpoint, String uriPath, XksProxyCredential credential,
            String kmsOperation, String kmsRequestId) {
        XksProxyTransport proxy = transport(uriEndpoint).orElse(null);
        if (proxy == null) {
            return ConnectionErrorCodeType.XKS_PROXY_NOT_REACHABLE;
        }
        String body = Json.TREES.createObjectNode().set("requestMetadata", Json.TREES.createObjectNode()
                .put("kmsRequestId", kmsRequestId).put("kmsOperation", kmsOperation)).toString();
        XksProxyResponse response;
        try {
            response = proxy.send("POST", uriPath + "/health", credential, body);
        } catch (UncheckedIOException noAnswer) {
            return noAnswer(noAnswer.getCause());
        }
        JsonNode answer = parse(response.body());
        if (!response.ok()) {
            return switch (answer.path("errorName").asText("")) {
                case "AuthenticationFailedException" -> ConnectionErrorCodeType.INVALID_CREDENTIALS;
                case "AccessDeniedException" -> ConnectionErrorCodeType.XKS_PROXY_ACCESS_DENIED;
                case "InvalidUriPathException" -> ConnectionErrorCodeType.XKS_PROXY_INVALID_CONFIGURATION;
                case "ThrottlingException", "DependencyTimeoutException" -> ConnectionErrorCodeType.XKS_PROXY_TIMED_OUT;
                default -> ConnectionErrorCodeType.XKS_PROXY_INVALID_RESPONSE;
            };
        }
        // "The response MUST have at least one and no more than ten entries in ekmFleetDetails"; the fleet size "MUST
        // be an integer greater than zero" (spec, GetHealthStatus)
        JsonNode fleet = answer.path("ekmFleetDetails");
        if (!answer.path("xksProxyFleetSize").canConvertToInt() || answer.path("xksProxyFleetSize").asInt() < 1
                || !fleet.isArray() || fleet.isEmpty() || fleet.size() > 10) {
            return ConnectionErrorCodeType.XKS_PROXY_INVALID_RESPONSE;
        }
        boolean allUnavailable = true;
        for (JsonNode ekm : fleet) {
            allUnavailable &= "UNAVAILABLE".equals(ekm.path("healthStatus").asText());
        }
        return allUnavailable ? ConnectionErrorCodeType.XKS_PROXY_NOT_REACHABLE : null;
    }

    /** Why a request got no answer, as a connection error code: a timeout, a TLS failure, or no connection. */
    static ConnectionErrorCodeType noAnswer(Throwable cause) {
        for (Throwable t = cause; t != null; t = t.getCause()) {
            if (t instanceof java.net.http.HttpTimeoutException) {
                return ConnectionErrorCodeType.XKS_PROXY_TIMED_OUT;
            }
            if (t instanceof javax.net.ssl.SSLException) {
                return ConnectionErrorCodeType.XKS_PROXY_INVALID_TLS_CONFIGURATION;
            }
        }
        return ConnectionErrorCodeType.XKS_PROXY_NOT_REACHABLE;
    }

    private static JsonNode parse(String body) {
        try {
            JsonNode node = Json.TREES.readTree(body == null ? "" : body);
            return node == null ? Json.TREES.missingNode() : node;
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            return Json.TREES.missingNode();
        }
    }
}
