package io.kmslab.junit;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kmslab.Json;
import io.kmslab.KmsLab;
import io.kmslab.policy.PolicyDecision;
import io.kmslab.server.endpoint.Identities;
import io.kmslab.server.endpoint.IdentitiesFile;
import io.kmslab.server.endpoint.KmsEndpoint;
import io.kmslab.time.SimulatedClock;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kms.KmsClient;

/**
 * A KMS Lab endpoint running for tests on a free loopback port: its address, the lab it serves now (a reset replaces
 * it), its simulated clock, SDK clients signed as the declared principals, and the lab's own answers to what a test
 * asks about a call (why it was allowed or denied). What {@link KmsLabExtension} injects; usable on its own too
 * ({@code KmsLabExtension.builder()...build().start()}), closed with {@link #close()}.
 */
public final class RunningLab implements AutoCloseable {
    /** The access key of the clients when no principal is declared: any key is the root of the default account. */
    static final String UNDECLARED_ACCESS_KEY = "AKIAKMSLABROOT";

    private final KmsEndpoint endpoint;
    private final URI uri;
    private final String region;
    /** Declared principals by access key id, the first one first (the default client's). */
    private final Map<String, LabPrincipal> principals;
    private final Map<String, KmsClient> clients = new ConcurrentHashMap<>();
    private final AtomicBoolean closed = new AtomicBoolean();

    private RunningLab(KmsEndpoint endpoint, String region, Map<String, LabPrincipal> principals) {
        this.endpoint = endpoint;
        this.uri = URI.create("http://127.0.0.1:" + endpoint.port());
        this.region = region;
        this.principals = principals;
    }

    /**
     * Starts an endpoint with these settings on 127.0.0.1 and a free port. The declared principals are checked as an
     * identities file is (an {@link IllegalArgumentException} says what is wrong); with none, any access key is the
     * root user of the lab's default account and signatures are not checked.
     */
    static RunningLab start(KmsLabExtension.Settings settings) {
        if (settings.quietLogging()) {
            QuietLogging.apply();
        }
        Map<String, LabPrincipal> principals = new LinkedHashMap<>();
        for (LabPrincipal p : settings.principals()) {
            if (p.accessKeyId() == null) {
                throw new IllegalArgumentException(p + " has no access key: declare one with accessKey(id)");
            }
            if (principals.putIfAbsent(p.accessKeyId(), p) != null) {
                throw new IllegalArgumentException("access key id " + p.accessKeyId() + " is declared twice");
            }
        }
        IdentitiesFile declared = principals.isEmpty() ? null : identities(settings.principals());
        Supplier<KmsLab> newLab = () -> {
            KmsLab.Builder builder = KmsLab.builder();
            settings.lab().accept(builder);
            KmsLab lab = builder.build();
            if (declared != null) {
                declared.provision(lab);
            }
            return lab;
        };
        // the first lab is built here to learn its default account, whose root undeclared access keys are
        KmsLab first = newLab.get();
        AtomicBoolean firstServed = new AtomicBoolean();
        Supplier<KmsLab> served = () -> firstServed.getAndSet(true) ? newLab.get() : first;
        Identities identities = declared == null ? Identities.anyKeyIsRootOf(first.defaultAccount())
                : declared.identities();
        KmsEndpoint endpoint = KmsEndpoint.start(served, identities, "127.0.0.1", 0, settings.region());
        return new RunningLab(endpoint, settings.region(), principals);
    }

    /** The declarations as an identities file, checked by its rules. */
    private static IdentitiesFile identities(List<LabPrincipal> declared) {
        ObjectNode root = Json.TREES.createObjectNode();
        ArrayNode keys = root.putArray("accessKeys");
        for (LabPrincipal p : declared) {
            ObjectNode key = keys.addObject().put("accessKeyId", p.accessKeyId())
                    .put("secretAccessKey", p.secretAccessKey()).put("principal", p.arn());
            ObjectNode policies = key.putObject("policies");
            p.policies().forEach(policies::put);
        }
        try {
            return IdentitiesFile.parse(root.toString());
        } catch (IdentitiesFile.InvalidIdentitiesException e) {
            throw new IllegalArgumentException("the declared principals: " + e.getMessage(), e);
        }
    }

    /** The endpoint's address, {@code http://127.0.0.1:<port>}: an SDK's endpoint override, the CLI's --endpoint-url. */
    public URI uri() {
        return uri;
    }

    /** The Region the clients call. */
    public String region() {
        return region;
    }

    /** The lab served now; a reset replaces it, so keep this handle rather than the lab across tests. */
    public KmsLab lab() {
        return endpoint.lab();
    }

    /** The simulated clock of the lab served now. */
    public SimulatedClock clock() {
        return endpoint.lab().clock();
    }

    /**
     * Advances the simulated clock: what falls due meanwhile (an automatic rotation, a scheduled deletion, imported
     * material expiring) happens, in order, before this returns. Calls in flight finish first. Time only moves forward.
     */
    public Instant advanceClock(Duration duration) {
        return endpoint.withLab(lab -> lab.advance(duration));
    }

    /**
     * Replaces the lab with a brand-new one, as {@code kmslab reset} does: every key, alias, grant, IAM state, audit
     * event and meter gone, the clock back at its start; the declared principals are provisioned again. The clients
     * and the address stay valid. Returns the new lab.
     */
    public KmsLab reset() {
        return endpoint.reset();
    }

    /**
     * The authorization decision of a call by its request id ({@code x-amzn-RequestId}; an SDK exception's
     * {@code requestId()}), in words, as {@code kmslab explain} prints it: the request, the verdict and the rule that
     * decided, every statement and grant considered, and for a denial the AccessDeniedException message, which names
     * the action (the missing permission).
     *
     * @throws NoSuchElementException when the lab knows no decision for it (not a call of this lab since its last
     *     reset, one of more than 10,000 calls ago, or a call refused before authorization)
     */
    public String explain(String requestId) {
        return decision(requestId).explain();
    }

    /** {@link #explain(String)} of the call that ended in this exception. */
    public String explain(AwsServiceException failure) {
        return explain(failure.requestId());
    }

    /** The authorization decision of a call by its request id, as a value (its rule, deciding statement, request). */
    public PolicyDecision decision(String requestId) {
        Optional<PolicyDecision> decision = endpoint.withLab(lab -> lab.decision(requestId));
        return decision.orElseThrow(() -> new NoSuchElementException("No decision is known for request id "
                + requestId + ": the lab keeps the decisions of its last 10,000 calls (since it was made or reset), "
                + "and only of calls that were authorized or denied."));
    }

    /**
     * A client signed as the first declared principal, or as the root user of the default account when none is
     * declared. Closed with this object.
     */
    public KmsClient client() {
        return client(principals.isEmpty() ? UNDECLARED_ACCESS_KEY : principals.keySet().iterator().next());
    }

    /** A client signed with a declared access key. Closed with this object. */
    public KmsClient client(String accessKeyId) {
        if (closed.get()) {
            throw new IllegalStateException("this lab endpoint is closed");
        }
        return clients.computeIfAbsent(accessKeyId, id -> KmsClient.builder().endpointOverride(uri)
                .region(Region.of(region)).credentialsProvider(credentials(id)).build());
    }

    /** The credentials of a declared access key, for a client built otherwise (an async client, another SDK). */
    public StaticCredentialsProvider credentials(String accessKeyId) {
        if (principals.isEmpty()) {
            return StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKeyId, "unchecked"));
        }
        LabPrincipal principal = principals.get(accessKeyId);
        if (principal == null) {
            throw new IllegalArgumentException("no principal is declared with access key id " + accessKeyId
                    + "; declared: " + principals.keySet());
        }
        return StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKeyId,
                principal.secretAccessKey()));
    }

    /** Closes the clients, stops the endpoint (calls in flight finish) and closes the lab. */
    @Override
    public void close() {
        if (closed.getAndSet(true)) {
            return;
        }
        clients.values().forEach(KmsClient::close);
        clients.clear();
        endpoint.close();
    }

    @Override
    public String toString() {
        return "RunningLab[" + uri + ", " + region + ", principals " + principals.keySet() + "]";
    }
}
