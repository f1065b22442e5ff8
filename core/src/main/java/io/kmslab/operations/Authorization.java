package io.kmslab.operations;

import static io.kmslab.operations.GrantTokens.grantIdOfToken;
import static io.kmslab.operations.KeyResolution.ciphertextKeyUnusable;

import io.kmslab.Caller;
import io.kmslab.KmsOperation;
import io.kmslab.errors.AccessDeniedException;
import io.kmslab.grants.Grant;
import io.kmslab.grants.GrantOperation;
import io.kmslab.keys.Alias;
import io.kmslab.policy.AccessEvaluator;
import io.kmslab.policy.GrantEvaluation;
import io.kmslab.policy.NamedPolicy;
import io.kmslab.policy.PolicyDecision;
import io.kmslab.policy.PolicyKind;
import io.kmslab.policy.PolicySource;
import io.kmslab.policy.RequestContext;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** The authorization of one request on one key, built up with the request's condition keys. */
public final class Authorization {
    private static final java.util.Set<String> CROSS_ACCOUNT_ACTIONS = KmsOperation.crossAccountActions();

    private final OperationScope scope;
    private final Caller caller;
    private final String action;
    private final KmsKey key;
    /** Of two names differing only in case, the later one counts (RequestContext.Keys). */
    private final RequestContext.Keys keys = new RequestContext.Keys();
    private Map<String, String> context = Map.of();
    private Set<String> presentedGrantIds = Set.of();
    private GrantOperation operation;

    public Authorization(OperationScope scope, String action, KmsKey key) {
        this.scope = scope;
        this.caller = scope.caller();
        this.action = action;
        this.key = key;
    }

    /**
     * The condition keys every request on this key carries. Only computed when a policy in play has conditions:
     * a policy without conditions never reads them.
     */
    private void addStandardKeys() {
        scope.standardKeys(keys::put);
        if (key != null) {
            keys.put("kms:KeySpec", List.of(key.keySpec().name()));
            keys.put("kms:CustomerMasterKeySpec", List.of(key.keySpec().name()));
            keys.put("kms:KeyUsage", List.of(key.keyUsage().name()));
            keys.put("kms:KeyOrigin", List.of(key.origin().name()));
            keys.put("kms:MultiRegion", List.of(String.valueOf(key.multiRegion())));
            List<String> aliases = scope.existingStore(key.accountId(), key.region())
                    .map(s -> s.aliasesOf(key.keyId()).stream().map(Alias::aliasName).toList())
                    .orElse(List.of());
            if (!aliases.isEmpty()) {
                keys.put("kms:ResourceAliases", aliases);
            }
        }
    }

    public Authorization context(Map<String, String> encryptionContext) {
        context = encryptionContext == null ? Map.of() : encryptionContext;
        if (!context.isEmpty()) {
            // in the keys' natural order: of two keys differing only in case, the last one is the value seen
            Map<String, String> sorted = context.size() == 1 ? context : new TreeMap<>(context);
            List<String> names = new ArrayList<>(sorted.size());
            for (Map.Entry<String, String> entry : sorted.entrySet()) {
                keys.put("kms:EncryptionContext:" + entry.getKey(), List.of(entry.getValue()));
                names.add(entry.getKey());
            }
            keys.put("kms:EncryptionContextKeys", names);
        }
        return this;
    }

    public Authorization requestAlias(String keyId) {
        if (keyId != null && keyId.startsWith("alias/")) {
            keys.put("kms:RequestAlias", List.of(keyId));
        } else if (keyId != null && keyId.startsWith("arn:") && keyId.contains(":alias/")) {
            keys.put("kms:RequestAlias", List.of(keyId.substring(keyId.indexOf(":alias/") + 1)));
        }
        return this;
    }

    public Authorization grants(GrantOperation grantOperation, List<String> tokens) {
        operation = grantOperation;
        Set<String> ids = new HashSet<>();
        for (String token : tokens == null ? List.<String>of() : tokens) {
            ids.add(grantIdOfToken(token));
        }
        presentedGrantIds = ids;
        return this;
    }

    /**
     * The condition keys of an attested request (kms:RecipientAttestation:ImageSha384 and
     * kms:RecipientAttestation:PCR&lt;n&gt;); nothing when the request has no Recipient, so a condition on them is not met
     * (conditions-nitro-enclave.html: "If the request doesn't include a valid attestation document ... permission is
     * denied because this condition is not satisfied").
     */
    public Authorization recipient(io.kmslab.enclaves.AttestedRecipient recipient) {
        if (recipient != null) {
            recipient.conditionKeys().forEach(this::key);
        }
        return this;
    }

    public Authorization key(String name, Object value) {
        if (value != null) {
            keys.put(name, List.of(String.valueOf(value)));
        }
        return this;
    }

    Authorization keyValues(String name, List<String> values) {
        if (values != null && !values.isEmpty()) {
            keys.put(name, values);
        }
        return this;
    }

    public PolicyDecision decision() {
        List<NamedPolicy> identity = scope.iam(caller.accountId()).policiesOf(caller);
        boolean conditions = key != null && key.policy().hasConditions();
        for (NamedPolicy policy : identity) {
            conditions |= policy.document().hasConditions();
        }
        if (conditions) {
            addStandardKeys();
        }
        RequestContext request = conditions
                ? new RequestContext(caller.arn(), caller.principalArn(), caller.accountId(), caller.isRoot(),
                        action, key == null ? "*" : key.arn(), key == null ? null : key.accountId(), keys)
                : new RequestContext(caller.arn(), caller.principalArn(), caller.accountId(), caller.isRoot(),
                        action, key == null ? "*" : key.arn(), key == null ? null : key.accountId(), Map.of());
        if (key == null) {
            return AccessEvaluator.decideIdentityOnly(request, identity);
        }
        NamedPolicy keyPolicy = new NamedPolicy(new PolicySource(PolicyKind.KEY_POLICY, "default", key.arn()),
                key.policy());
        return AccessEvaluator.decide(request, keyPolicy, identity, grantEvaluations(),
                CROSS_ACCOUNT_ACTIONS.contains(action));
    }

    /** Decides, records the decision for {@code kms.lastDecision()}, and throws AccessDenied if denied. */
    public void enforce() {
        scope.throttle(key);
        PolicyDecision decision = decision();
        scope.decided(decision);
        if (!decision.allowed()) {
            throw new AccessDeniedException(decision.accessDeniedMessage());
        }
    }

    /**
     * For a key found through a ciphertext of another account: a denial does not name the key, as AWS answers
     * for a ciphertext whose key does not exist, is elsewhere, or may not be used.
     */
    void enforceForCiphertext() {
        scope.throttle(key);
        PolicyDecision decision = decision();
        scope.decided(decision);
        if (!decision.allowed()) {
            throw key.accountId().equals(caller.accountId())
                    ? new AccessDeniedException(decision.accessDeniedMessage()) : ciphertextKeyUnusable();
        }
    }

    private List<GrantEvaluation> grantEvaluations() {
        List<Grant> grants = key.grants();
        if (grants.isEmpty()) {
            return List.of();
        }
        Instant now = scope.time().instant();
        List<GrantEvaluation> result = new ArrayList<>(grants.size());
        for (Grant grant : grants) {
            boolean grantee = grant.granteePrincipal().equals(caller.principalArn())
                    || grant.granteePrincipal().equals(caller.arn());
            boolean allowed = operation != null && grant.operations().contains(operation);
            boolean constraints = grant.constraints() == null
                    || (operation != null && operation.takesEncryptionContext()
                            && grant.constraints().allows(context));
            result.add(new GrantEvaluation(grant, grantee, allowed, constraints, grant.propagated(now),
                    presentedGrantIds.contains(grant.grantId())));
        }
        return result;
    }
}
