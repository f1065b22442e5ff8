package io.kmslab.iam;

import io.kmslab.Caller;
import io.kmslab.keys.Arns;
import io.kmslab.policy.NamedPolicy;
import io.kmslab.policy.PolicyDocument;
import io.kmslab.policy.PolicyKind;
import io.kmslab.policy.PolicySource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * The IAM of one account, as far as KMS needs it: users and roles, and the identity-based policies (inline, by
 * name) attached to them. The account root user needs no policy: it has every permission of its account.
 */
public final class Iam {
    private static final Pattern NAME = Pattern.compile("[\\w+=,.@-]{1,64}");

    private final String accountId;
    private final Map<String, Map<String, NamedPolicy>> policies = new ConcurrentHashMap<>();
    private final Runnable changed;

    public Iam(String accountId) {
        this(accountId, () -> { });
    }

    /** An IAM that runs {@code changed} after each change (a user, a role or a policy added, replaced or removed). */
    public Iam(String accountId, Runnable changed) {
        this.accountId = accountId;
        this.changed = java.util.Objects.requireNonNull(changed);
    }

    public String accountId() {
        return accountId;
    }

    /** Creates an IAM user (or returns the existing one) and gives its calling identity. */
    public Caller createUser(String name) {
        Caller user = Caller.user(accountId, checkName(name));
        if (policies.putIfAbsent(user.principalArn(), new ConcurrentHashMap<>()) == null) {
            changed.run();
        }
        return user;
    }

    /** Creates an IAM role (or keeps the existing one); returns the role's ARN. */
    public String createRole(String name) {
        String arn = Arns.iamRole(accountId, checkName(name));
        if (policies.putIfAbsent(arn, new ConcurrentHashMap<>()) == null) {
            changed.run();
        }
        return arn;
    }

    /** A session of a role, as AssumeRole gives it: the role's policies apply to it. */
    public Caller assumeRole(String role, String sessionName) {
        String arn = Arns.iamRole(accountId, role);
        requireExisting(arn);
        return Caller.assumedRole(accountId, role, checkName(sessionName));
    }

    public Caller user(String name) {
        Caller user = Caller.user(accountId, name);
        requireExisting(user.principalArn());
        return user;
    }

    /** Attaches (or replaces) an inline policy of a user; a malformed policy is refused with the reason. */
    public void putUserPolicy(String user, String policyName, String policyJson) {
        putPolicy(Caller.user(accountId, user).principalArn(), policyName, policyJson);
    }

    public void putRolePolicy(String role, String policyName, String policyJson) {
        putPolicy(Arns.iamRole(accountId, role), policyName, policyJson);
    }

    public void deleteUserPolicy(String user, String policyName) {
        String arn = Caller.user(accountId, user).principalArn();
        requireExisting(arn);
        if (policies.get(arn).remove(policyName) != null) {
            changed.run();
        }
    }

    /** Whether a user or role of this ARN exists. */
    public boolean exists(String principalArn) {
        return policies.containsKey(principalArn);
    }

    /** The ARNs of the users and roles of this account, sorted. */
    public List<String> principals() {
        return policies.keySet().stream().sorted().toList();
    }

    /** The identity-based policies attached to a user or role of this account, by ARN, sorted by name. */
    public List<NamedPolicy> policiesOf(String principalArn) {
        Map<String, NamedPolicy> attached = policies.get(principalArn);
        return attached == null ? List.of() : attached.values().stream()
                .sorted(java.util.Comparator.comparing(p -> p.source().name())).toList();
    }

    /** The identity-based policies that apply to a caller of this account (none for the root user). */
    public List<NamedPolicy> policiesOf(Caller caller) {
        Map<String, NamedPolicy> attached = policies.get(caller.principalArn());
        return attached == null ? List.of() : new ArrayList<>(attached.values());
    }

    /**
     * IAM's quotas on inline policies: all the inline policies of a user together at most 2,048 characters, of a role
     * 10,240, white space not counted ("IAM and AWS STS quotas", IAM and STS character limits, "Inline policy size":
     * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html#reference_iam-quotas-entity-length).
     * Over it, IAM answers LimitExceeded "Maximum policy size of 2048 bytes exceeded for user NAME" (the wording AWS
     * gives, as recorded in public issue threads, e.g. kubernetes/kops#12558 for a role); this lab API refuses it with
     * that message.
     */
    static final int MAX_USER_INLINE_POLICIES = 2_048;
    static final int MAX_ROLE_INLINE_POLICIES = 10_240;

    private void putPolicy(String principalArn, String policyName, String policyJson) {
        requireExisting(principalArn);
        PolicyDocument document = PolicyDocument.parse(policyJson, PolicyKind.IDENTITY_POLICY);
        boolean role = principalArn.contains(":role/");
        int quota = role ? MAX_ROLE_INLINE_POLICIES : MAX_USER_INLINE_POLICIES;
        long size = sizeWithoutWhiteSpace(policyJson);
        for (Map.Entry<String, NamedPolicy> other : policies.get(principalArn).entrySet()) {
            if (!other.getKey().equals(policyName)) {
                size += sizeWithoutWhiteSpace(other.getValue().document().text());
            }
        }
        if (size > quota) {
            throw new IllegalArgumentException("Maximum policy size of " + quota + " bytes exceeded for "
                    + (role ? "role " : "user ") + principalArn.substring(principalArn.lastIndexOf('/') + 1));
        }
        policies.get(principalArn).put(checkName(policyName),
                new NamedPolicy(new PolicySource(PolicyKind.IDENTITY_POLICY, policyName, principalArn), document));
        changed.run();
    }

    /** The characters of a policy document that IAM counts against its size quotas: all but white space. */
    static long sizeWithoutWhiteSpace(String policyJson) {
        return policyJson.chars().filter(c -> !Character.isWhitespace(c)).count();
    }

    private void requireExisting(String principalArn) {
        if (!policies.containsKey(principalArn)) {
            throw new IllegalArgumentException("No IAM user or role " + principalArn + " in account " + accountId
                    + "; create it first");
        }
    }

    /** Whether {@code name} is a valid IAM user, role or session name: 1 to 64 letters, digits or +=,.@_-. */
    public static boolean isName(String name) {
        return name != null && NAME.matcher(name).matches();
    }

    private static String checkName(String name) {
        if (!isName(name)) {
            throw new IllegalArgumentException("An IAM name is 1 to 64 letters, digits or +=,.@_-, not '" + name
                    + "'");
        }
        return name;
    }
}
