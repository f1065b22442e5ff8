package io.kmslab.scenarios;

import static org.assertj.core.api.Assertions.assertThat;

import io.kmslab.Caller;
import io.kmslab.Kms;
import io.kmslab.KmsApi;
import io.kmslab.api.CreateGrantResponse;
import io.kmslab.policy.PolicyDecision;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a scenario about authorization knows besides the {@link LabWorld}: the principals it names (IAM users and
 * role sessions, in any account), the grants it created, and the authorization decision of the last request.
 * PicoContainer gives every step class of a scenario the same instance.
 */
public final class AuthorizationWorld {
    private static final Pattern ROOT_OF_ACCOUNT = Pattern.compile("the root user of account (\\d{12})");

    private final LabWorld world;
    private final Map<String, Caller> principals = new LinkedHashMap<>();
    private final Map<String, NamedGrant> grants = new LinkedHashMap<>();
    private PolicyDecision decision;
    private boolean requested;

    /** A grant as CreateGrant answered, and the key it is on. */
    public record NamedGrant(String keyRef, CreateGrantResponse response) {
        public String grantId() {
            return response.grantId();
        }

        public String grantToken() {
            return response.grantToken();
        }
    }

    public AuthorizationWorld(LabWorld world) {
        this.world = world;
        world.placeholders(this::placeholder);
    }

    // ------------------------------------------------------------------------------------------ principals

    public void remember(String name, Caller caller) {
        if (principals.putIfAbsent(name, caller) != null) {
            throw new IllegalStateException("The scenario already has a principal called '" + name + "'");
        }
    }

    /** The calling identity of a principal named in the scenario. */
    public Caller principal(String name) {
        if (name.equals("the root user")) {
            return Caller.root(world.account());
        }
        Matcher root = ROOT_OF_ACCOUNT.matcher(name);
        if (root.matches()) {
            return Caller.root(root.group(1));
        }
        Caller caller = principals.get(name);
        if (caller == null) {
            throw new IllegalStateException("No principal called '" + name + "' in this scenario; known: "
                    + principals.keySet());
        }
        return caller;
    }

    /** The KMS of the scenario's region, as that principal calls it. */
    public KmsApi kms(String principal) {
        return world.kms(principal(principal), world.region());
    }

    /** The engine's KMS of the scenario's region as that principal, for what only the engine offers. */
    public Kms engine(String principal) {
        return world.lab().kms(principal(principal), world.region());
    }

    // ------------------------------------------------------------------------------------------ requests

    /**
     * Makes a request whose outcome a later step checks (see {@link LabWorld#attempt(Supplier)}) and keeps the
     * authorization decision it made, if it got that far.
     */
    public <T> T request(Supplier<T> call) {
        PolicyDecision before = world.lab().lastDecision().orElse(null);
        T result = world.attempt(call);
        PolicyDecision after = world.lab().lastDecision().orElse(null);
        decision = after != before ? after : null;
        requested = true;
        return result;
    }

    public void request(Runnable call) {
        request(() -> {
            call.run();
            return null;
        });
    }

    /** The decision of the last request; it is added to the scenario's report, where a learner can read it. */
    public PolicyDecision decision() {
        assertThat(requested).as("a request was made").isTrue();
        assertThat(decision).as("the last request should have reached the authorization decision").isNotNull();
        world.log(decision.explain());
        return decision;
    }

    // ------------------------------------------------------------------------------------------ grants

    /** Names a grant; a name already taken keeps its first grant (CreateGrant may answer an existing one). */
    public void grant(String name, NamedGrant grant) {
        grants.putIfAbsent(name, grant);
    }

    public NamedGrant grant(String name) {
        NamedGrant grant = grants.get(name);
        if (grant == null) {
            throw new IllegalStateException("No grant called '" + name + "' in this scenario; known: "
                    + grants.keySet());
        }
        return grant;
    }

    // ------------------------------------------------------------------------------------------ placeholders

    /** {@code <alice ARN>}: the ARN AWS names the principal by in its messages. */
    private String placeholder(String name) {
        // <grant id of apollo-batch>: the id CreateGrant gave the named grant
        if (name.startsWith("grant id of ")) {
            NamedGrant named = grants.get(name.substring("grant id of ".length()));
            return named == null ? null : named.grantId();
        }
        if (name.endsWith(" ARN")) {
            Caller caller = principals.get(name.substring(0, name.length() - " ARN".length()));
            if (caller != null) {
                return caller.arn();
            }
        }
        return null;
    }
}
