package io.kmslab.junit;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kmslab.Json;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A principal the endpoint accepts, declared in Java: its ARN (an account's root user, an IAM user or an IAM role), the
 * access key it signs with, and its IAM identity policies. The same declaration as an entry of a {@code kmslab serve
 * --identities} file, and checked by the same rules when the extension starts.
 *
 * <pre>{@code
 * LabPrincipal.user("111122223333", "alice").accessKey("AKIAALICE0EXAMPLE")
 *         .allow("kms:Encrypt", "kms:GenerateDataKey")            // an identity policy: these actions on *
 * }</pre>
 *
 * The users and roles are created, with their policies, in every lab the extension serves (after each reset too). A
 * role signs as a session of the role named after the access key id
 * ({@code arn:aws:sts::<account>:assumed-role/<role>/<access key id>}). Immutable: each method gives a new
 * declaration. The secret is never printed.
 */
public final class LabPrincipal {
    private final String arn;
    private final String accessKeyId;
    private final String secretAccessKey;
    private final Map<String, String> policies;

    private LabPrincipal(String arn, String accessKeyId, String secretAccessKey, Map<String, String> policies) {
        this.arn = arn;
        this.accessKeyId = accessKeyId;
        this.secretAccessKey = secretAccessKey;
        this.policies = Map.copyOf(policies);
    }

    /** The root user of an account (every permission of its account; no identity policy). */
    public static LabPrincipal root(String accountId) {
        return ofArn("arn:aws:iam::" + accountId + ":root");
    }

    /** An IAM user of an account. */
    public static LabPrincipal user(String accountId, String userName) {
        return ofArn("arn:aws:iam::" + accountId + ":user/" + userName);
    }

    /** An IAM role of an account; the access key signs as a session of it. */
    public static LabPrincipal role(String accountId, String roleName) {
        return ofArn("arn:aws:iam::" + accountId + ":role/" + roleName);
    }

    /** A principal by its ARN: {@code arn:aws:iam::<account>:root}, {@code :user/<name>} or {@code :role/<name>}. */
    public static LabPrincipal ofArn(String principalArn) {
        return new LabPrincipal(Objects.requireNonNull(principalArn, "principalArn"), null, null, Map.of());
    }

    /** Signs with this access key id and secret. */
    public LabPrincipal accessKey(String id, String secret) {
        return new LabPrincipal(arn, Objects.requireNonNull(id, "id"), Objects.requireNonNull(secret, "secret"),
                policies);
    }

    /** Signs with this access key id, and a secret made from it (a test needs none of its own). */
    public LabPrincipal accessKey(String id) {
        return accessKey(id, "kmslab-secret-of-" + id);
    }

    /** Adds an identity policy (a JSON policy document) under a name. */
    public LabPrincipal policy(String name, String document) {
        Map<String, String> more = new LinkedHashMap<>(policies);
        more.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(document, "document"));
        return new LabPrincipal(arn, accessKeyId, secretAccessKey, more);
    }

    /** Adds an identity policy that allows these actions ({@code kms:Encrypt}, {@code kms:*}...) on every resource. */
    public LabPrincipal allow(String... actions) {
        ObjectNode document = Json.TREES.createObjectNode().put("Version", "2012-10-17");
        ObjectNode statement = document.putArray("Statement").addObject().put("Effect", "Allow");
        Arrays.stream(actions).forEach(statement.putArray("Action")::add);
        statement.put("Resource", "*");
        return policy("allow-" + (policies.size() + 1), document.toString());
    }

    public String arn() {
        return arn;
    }

    /** The access key id; null until {@link #accessKey} is given. */
    public String accessKeyId() {
        return accessKeyId;
    }

    String secretAccessKey() {
        return secretAccessKey;
    }

    public Map<String, String> policies() {
        return policies;
    }

    @Override
    public String toString() {
        return "LabPrincipal[" + arn + (accessKeyId == null ? "" : ", " + accessKeyId) + ", policies "
                + policies.keySet() + "]";
    }
}
