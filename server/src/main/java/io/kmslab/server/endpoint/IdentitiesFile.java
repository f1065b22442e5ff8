package io.kmslab.server.endpoint;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kmslab.Caller;
import io.kmslab.Json;
import io.kmslab.KmsLab;
import io.kmslab.errors.KmsException;
import io.kmslab.iam.Iam;
import io.kmslab.keys.Arns;
import io.kmslab.policy.PolicyDocument;
import io.kmslab.policy.PolicyKind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The identities an endpoint accepts, as declared in a JSON file: each access key with its secret and its principal
 * (an account root user, an IAM user or an IAM role), and the identity policies of that principal.
 *
 * <pre>{@code
 * {"accessKeys": [
 *   {"accessKeyId": "AKIAROOT0EXAMPLE", "secretAccessKey": "root-secret",
 *    "principal": "arn:aws:iam::111122223333:root"},
 *   {"accessKeyId": "AKIAALICE0EXAMPLE", "secretAccessKey": "alice-secret",
 *    "principal": "arn:aws:iam::111122223333:user/alice",
 *    "policies": {"use-keys": {"Version": "2012-10-17", "Statement": [
 *        {"Effect": "Allow", "Action": ["kms:Encrypt", "kms:Decrypt"], "Resource": "*"}]}}}]}
 * }</pre>
 *
 * A role's caller is a session of the role named after the access key id
 * ({@code arn:aws:sts::<account>:assumed-role/<role>/<access key id>}). The users and roles are created in the IAM of
 * their account by {@link #provision(KmsLab)}, in every lab the endpoint builds (after a reset too).
 */
public final class IdentitiesFile {
    private static final ObjectMapper JSON = Json.TREES;
    private static final Pattern ACCESS_KEY_ID = Pattern.compile("[A-Za-z0-9]{1,128}");
    private static final Set<String> MEMBERS = Set.of("accessKeyId", "secretAccessKey", "principal", "policies");

    /** One declared access key. The secret is never printed. */
    public record AccessKey(String accessKeyId, String secretAccessKey, String principalArn, Caller caller,
            Map<String, String> policies) {
        public AccessKey {
            policies = Map.copyOf(policies);
        }

        @Override
        public String toString() {
            return "AccessKey[" + accessKeyId + " -> " + caller.arn() + "]";
        }
    }

    /** A file that cannot be used, with the reason and where in the file it is. */
    public static final class InvalidIdentitiesException extends RuntimeException {
        InvalidIdentitiesException(String message) {
            super(message, null, false, false);
        }
    }

    private final List<AccessKey> accessKeys;

    private IdentitiesFile(List<AccessKey> accessKeys) {
        this.accessKeys = List.copyOf(accessKeys);
    }

    /** Reads and checks a file; every problem is an {@link InvalidIdentitiesException} naming the file. */
    public static IdentitiesFile read(Path file) {
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw new InvalidIdentitiesException("identities file " + file + " cannot be read: " + e);
        }
        try {
            return parse(text);
        } catch (InvalidIdentitiesException e) {
            throw new InvalidIdentitiesException("identities file " + file + ": " + e.getMessage());
        }
    }

    /** Parses and checks the JSON of an identities file. */
    public static IdentitiesFile parse(String json) {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (JacksonException e) {
            throw new InvalidIdentitiesException("not valid JSON: " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject() || !root.path("accessKeys").isArray()) {
            throw new InvalidIdentitiesException("expected {\"accessKeys\": [...]}");
        }
        if (root.size() != 1) {
            throw new InvalidIdentitiesException("unknown member beside \"accessKeys\" (only \"accessKeys\" is "
                    + "allowed at the top level)");
        }
        if (root.get("accessKeys").isEmpty()) {
            throw new InvalidIdentitiesException("\"accessKeys\" is empty: declare at least one access key");
        }
        List<AccessKey> keys = new ArrayList<>();
        Map<String, Map<String, String>> policiesByPrincipal = new LinkedHashMap<>();
        int index = 0;
        for (JsonNode entry : root.get("accessKeys")) {
            String where = "accessKeys[" + index++ + "]";
            AccessKey key = accessKey(entry, where);
            if (keys.stream().anyMatch(k -> k.accessKeyId().equals(key.accessKeyId()))) {
                throw new InvalidIdentitiesException(where + ": access key id " + key.accessKeyId()
                        + " is declared twice");
            }
            Map<String, String> known = policiesByPrincipal.computeIfAbsent(key.principalArn(),
                    arn -> new LinkedHashMap<>());
            key.policies().forEach((name, document) -> {
                String previous = known.putIfAbsent(name, document);
                if (previous != null && !readTree(previous).equals(readTree(document))) {
                    throw new InvalidIdentitiesException(where + ": policy \"" + name + "\" of "
                            + key.principalArn() + " differs from the one declared with another access key");
                }
            });
            keys.add(key);
        }
        return new IdentitiesFile(keys);
    }

    private static AccessKey accessKey(JsonNode entry, String where) {
        if (!entry.isObject()) {
            throw new InvalidIdentitiesException(where + ": expected an object with accessKeyId, "
                    + "secretAccessKey, principal and optional policies");
        }
        for (Iterator<String> names = entry.fieldNames(); names.hasNext();) {
            String name = names.next();
            if (!MEMBERS.contains(name)) {
                throw new InvalidIdentitiesException(where + ": unknown member \"" + name + "\" (allowed: "
                        + "accessKeyId, secretAccessKey, principal, policies)");
            }
        }
        String accessKeyId = text(entry, "accessKeyId", where);
        if (!ACCESS_KEY_ID.matcher(accessKeyId).matches()) {
            throw new InvalidIdentitiesException(where + ": accessKeyId must be 1 to 128 letters and digits, not '"
                    + accessKeyId + "'");
        }
        String secret = text(entry, "secretAccessKey", where);
        String principal = text(entry, "principal", where);
        Optional<Arns.IamArn> arn = Arns.parseIam(principal).filter(Arns.IamArn::isAwsIam)
                .filter(a -> a.resource().equals("root")
                        || a.userName().or(a::roleName).filter(Iam::isName).isPresent());
        if (arn.isEmpty()) {
            throw new InvalidIdentitiesException(where + ": principal must be arn:aws:iam::<12-digit account>:root, "
                    + ":user/<name> or :role/<name> (no paths), not '" + principal + "'");
        }
        String account = arn.get().account();
        Caller caller;
        if (arn.get().resource().equals("root")) {
            caller = Caller.root(account);
        } else if (arn.get().userName().isPresent()) {
            caller = Caller.user(account, arn.get().userName().get());
        } else {
            if (accessKeyId.length() > 64) {
                throw new InvalidIdentitiesException(where + ": the access key id of a role names its session, so "
                        + "it is at most 64 characters, not " + accessKeyId.length());
            }
            caller = Caller.assumedRole(account, arn.get().roleName().orElseThrow(), accessKeyId);
        }
        Map<String, String> policies = new LinkedHashMap<>();
        JsonNode declared = entry.get("policies");
        if (declared != null && !declared.isNull()) {
            if (!declared.isObject()) {
                throw new InvalidIdentitiesException(where + ": policies must be an object of policy name to "
                        + "policy document");
            }
            if (caller.isRoot() && !declared.isEmpty()) {
                throw new InvalidIdentitiesException(where + ": the root user has every permission of its account "
                        + "and takes no identity policy");
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = declared.fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> policy = it.next();
                String document = policy.getValue().isTextual() ? policy.getValue().asText()
                        : policy.getValue().toString();
                try {
                    PolicyDocument.parse(document, PolicyKind.IDENTITY_POLICY);
                } catch (KmsException e) {
                    throw new InvalidIdentitiesException(where + ": policy \"" + policy.getKey() + "\": "
                            + e.getMessage());
                }
                policies.put(policy.getKey(), document);
            }
        }
        return new AccessKey(accessKeyId, secret, principal, caller, policies);
    }

    private static JsonNode readTree(String json) {
        try {
            return JSON.readTree(json);
        } catch (JacksonException e) {
            throw new IllegalStateException("a policy checked already is not JSON", e);
        }
    }

    private static String text(JsonNode entry, String member, String where) {
        JsonNode value = entry.get(member);
        if (value == null || !value.isTextual() || value.asText().isBlank()) {
            throw new InvalidIdentitiesException(where + ": " + member + " is required (a non-empty string)");
        }
        return value.asText();
    }

    public List<AccessKey> accessKeys() {
        return accessKeys;
    }

    /** The identities to verify requests with: signatures are checked, unknown access keys refused. */
    public Identities identities() {
        Map<String, Identities.Identity> byAccessKey = new LinkedHashMap<>();
        accessKeys.forEach(k -> byAccessKey.put(k.accessKeyId(), new Identities.Identity(k.secretAccessKey(),
                k.caller())));
        return Identities.declared(byAccessKey);
    }

    /** Creates the declared IAM users and roles, with their identity policies, in a lab. */
    public void provision(KmsLab lab) {
        for (AccessKey key : accessKeys) {
            Iam iam = lab.iam(key.caller().accountId());
            switch (key.caller().kind()) {
                case ROOT -> {
                }
                case IAM_USER -> {
                    String name = key.principalArn().substring(key.principalArn().indexOf(":user/") + 6);
                    iam.createUser(name);
                    key.policies().forEach((policy, document) -> iam.putUserPolicy(name, policy, document));
                }
                case ASSUMED_ROLE -> {
                    String name = key.principalArn().substring(key.principalArn().indexOf(":role/") + 6);
                    iam.createRole(name);
                    key.policies().forEach((policy, document) -> iam.putRolePolicy(name, policy, document));
                }
            }
        }
    }
}
