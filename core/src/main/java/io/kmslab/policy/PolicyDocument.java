package io.kmslab.policy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kmslab.Json;
import io.kmslab.errors.MalformedPolicyDocumentException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A policy document, parsed once into typed statements. Anything the policy grammar does not allow is refused with
 * {@link MalformedPolicyDocumentException} and a reason; nothing is guessed, so a policy that cannot be understood
 * never allows anything.
 */
public record PolicyDocument(String version, String id, List<Statement> statements, String text) {

    /** Strict: a duplicate member and a trailing comma are refused, as AWS refuses them. */
    private static final ObjectMapper JSON = Json.builder()
            .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
            .disable(JsonReadFeature.ALLOW_TRAILING_COMMA)
            .build();

    static {
        JSON.getFactory().setStreamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(64).build());
    }

    private static final Set<String> TOP_LEVEL = Set.of("Version", "Id", "Statement");
    private static final Set<String> STATEMENT_ELEMENTS = Set.of("Sid", "Effect", "Principal", "NotPrincipal",
            "Action", "NotAction", "Resource", "NotResource", "Condition");

    public PolicyDocument {
        statements = List.copyOf(statements);
    }

    /** Whether any statement has a Condition (if none, evaluation needs no condition keys). */
    public boolean hasConditions() {
        for (Statement statement : statements) {
            if (!statement.conditions().isEmpty()) {
                return true;
            }
        }
        return false;
    }

    /** Parses a policy; the reason of a refusal names the element at fault. */
    public static PolicyDocument parse(String text, PolicyKind kind) {
        JsonNode root;
        try {
            root = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw malformed("the policy is not valid JSON: " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) {
            throw malformed("the policy must be a JSON object");
        }
        for (Iterator<String> names = root.fieldNames(); names.hasNext();) {
            String name = names.next();
            if (!TOP_LEVEL.contains(name)) {
                throw malformed("unknown policy element \"" + name + "\" (allowed: Version, Id, Statement)");
            }
        }
        String version = optionalText(root, "Version", "Version");
        if (version != null && !version.equals("2012-10-17") && !version.equals("2008-10-17")) {
            throw malformed("Version must be \"2012-10-17\" or \"2008-10-17\", not \"" + version + "\"");
        }
        String id = optionalText(root, "Id", "Id");
        JsonNode statementNode = root.get("Statement");
        if (statementNode == null) {
            throw malformed("the policy has no Statement");
        }
        List<JsonNode> nodes = new ArrayList<>();
        if (statementNode.isArray()) {
            statementNode.forEach(nodes::add);
        } else {
            nodes.add(statementNode);
        }
        if (nodes.isEmpty()) {
            throw malformed("Statement is empty");
        }
        List<Statement> statements = new ArrayList<>();
        for (int i = 0; i < nodes.size(); i++) {
            statements.add(statement(nodes.get(i), i, kind));
        }
        return new PolicyDocument(version, id, statements, text);
    }

    private static Statement statement(JsonNode node, int index, PolicyKind kind) {
        String where = "statement " + (index + 1);
        if (!node.isObject()) {
            throw malformed(where + " is not a JSON object");
        }
        for (Iterator<String> names = node.fieldNames(); names.hasNext();) {
            String name = names.next();
            if (!STATEMENT_ELEMENTS.contains(name)) {
                throw malformed(where + ": unknown element \"" + name + "\"");
            }
        }
        String sid = optionalText(node, "Sid", where + ": Sid");
        String effectText = optionalText(node, "Effect", where + ": Effect");
        if (effectText == null) {
            throw malformed(where + " has no Effect");
        }
        if (!effectText.equals("Allow") && !effectText.equals("Deny")) {
            throw malformed(where + ": Effect must be \"Allow\" or \"Deny\", not \"" + effectText + "\"");
        }
        if (sid != null) {
            where = "statement " + (index + 1) + " (Sid \"" + sid + "\")";
        }
        boolean hasPrincipal = node.has("Principal");
        boolean hasNotPrincipal = node.has("NotPrincipal");
        PrincipalSpec principal = null;
        if (kind == PolicyKind.KEY_POLICY) {
            if (hasPrincipal == hasNotPrincipal) {
                throw malformed(where + " must have exactly one of Principal and NotPrincipal: a key policy names "
                        + "who it applies to");
            }
            principal = principal(node.get(hasPrincipal ? "Principal" : "NotPrincipal"), where);
        } else if (hasPrincipal || hasNotPrincipal) {
            throw malformed(where + ": an identity-based policy cannot have a Principal; it applies to the identity "
                    + "it is attached to");
        }
        if (node.has("Action") == node.has("NotAction")) {
            throw malformed(where + " must have exactly one of Action and NotAction");
        }
        boolean notAction = node.has("NotAction");
        List<String> actions = strings(node.get(notAction ? "NotAction" : "Action"), where + ": Action");
        for (String action : actions) {
            if (!action.equals("*") && !action.contains(":")) {
                throw malformed(where + ": action \"" + action + "\" must be \"*\" or service:Action, "
                        + "e.g. kms:Encrypt");
            }
        }
        if (node.has("Resource") && node.has("NotResource")) {
            throw malformed(where + " cannot have both Resource and NotResource");
        }
        boolean notResource = node.has("NotResource");
        List<String> resources;
        if (node.has("Resource") || notResource) {
            resources = strings(node.get(notResource ? "NotResource" : "Resource"), where + ": Resource");
        } else if (kind == PolicyKind.IDENTITY_POLICY) {
            throw malformed(where + " has no Resource");
        } else {
            throw malformed(where + " has no Resource (in a key policy, \"Resource\": \"*\" means this key)");
        }
        List<Condition> conditions = node.has("Condition") ? conditions(node.get("Condition"), where) : List.of();
        return new Statement(index, sid, Effect.valueOf(effectText), principal, hasNotPrincipal, actions, notAction,
                resources, notResource, conditions);
    }

    private static PrincipalSpec principal(JsonNode node, String where) {
        if (node.isTextual()) {
            if (node.asText().equals("*")) {
                return new PrincipalSpec(true, List.of(), List.of());
            }
            throw malformed(where + ": Principal must be \"*\" or an object such as {\"AWS\": \"arn:aws:iam::"
                    + "111122223333:root\"}");
        }
        if (!node.isObject()) {
            throw malformed(where + ": Principal must be \"*\" or an object");
        }
        List<String> aws = List.of();
        List<String> services = List.of();
        for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext();) {
            Map.Entry<String, JsonNode> field = fields.next();
            switch (field.getKey()) {
                case "AWS" -> aws = strings(field.getValue(), where + ": Principal AWS");
                case "Service" -> services = strings(field.getValue(), where + ": Principal Service");
                case "Federated", "CanonicalUser" -> throw malformed(where + ": Principal " + field.getKey()
                        + " is not valid in a key policy");
                default -> throw malformed(where + ": unknown principal type \"" + field.getKey() + "\"");
            }
        }
        if (aws.isEmpty() && services.isEmpty()) {
            throw malformed(where + ": Principal names nobody");
        }
        return new PrincipalSpec(aws.contains("*") && services.isEmpty() && aws.size() == 1, aws, services);
    }

    private static List<Condition> conditions(JsonNode node, String where) {
        if (!node.isObject()) {
            throw malformed(where + ": Condition must be an object of operators");
        }
        List<Condition> conditions = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> ops = node.fields(); ops.hasNext();) {
            Map.Entry<String, JsonNode> op = ops.next();
            String text = op.getKey();
            String base = text;
            Condition.SetQualifier qualifier = Condition.SetQualifier.NONE;
            if (base.startsWith("ForAnyValue:")) {
                qualifier = Condition.SetQualifier.FOR_ANY_VALUE;
                base = base.substring("ForAnyValue:".length());
            } else if (base.startsWith("ForAllValues:")) {
                qualifier = Condition.SetQualifier.FOR_ALL_VALUES;
                base = base.substring("ForAllValues:".length());
            }
            boolean ifExists = base.endsWith("IfExists");
            if (ifExists) {
                base = base.substring(0, base.length() - "IfExists".length());
            }
            String name = base;
            Operator operator = Operator.named(name).orElseThrow(() -> malformed(where + ": unknown condition "
                    + "operator \"" + text + "\""));
            if (operator == Operator.Null && (ifExists || qualifier != Condition.SetQualifier.NONE)) {
                throw malformed(where + ": the Null operator takes no IfExists or set qualifier");
            }
            if (!op.getValue().isObject() || op.getValue().isEmpty()) {
                throw malformed(where + ": condition \"" + text + "\" must map condition keys to values");
            }
            for (Iterator<Map.Entry<String, JsonNode>> keys = op.getValue().fields(); keys.hasNext();) {
                Map.Entry<String, JsonNode> key = keys.next();
                List<String> values = conditionValues(key.getValue(), where + ": condition " + text + " "
                        + key.getKey());
                for (String value : values) {
                    operator.invalidPolicyValue(value).ifPresent(reason -> {
                        throw malformed(where + ": " + reason);
                    });
                }
                conditions.add(new Condition(text, operator, qualifier, ifExists, key.getKey(), values));
            }
        }
        return conditions;
    }

    private static List<String> conditionValues(JsonNode node, String where) {
        if (node.isValueNode() && !node.isNull()) {
            return List.of(node.asText());
        }
        if (node.isArray() && !node.isEmpty()) {
            List<String> values = new ArrayList<>();
            for (JsonNode v : node) {
                if (!v.isValueNode() || v.isNull()) {
                    throw malformed(where + ": values must be strings, numbers or booleans");
                }
                values.add(v.asText());
            }
            return values;
        }
        throw malformed(where + ": values must be a string, a number, a boolean or a non-empty array of them");
    }

    private static List<String> strings(JsonNode node, String where) {
        if (node.isTextual()) {
            return List.of(node.asText());
        }
        if (node.isArray() && !node.isEmpty()) {
            List<String> values = new ArrayList<>();
            for (JsonNode v : node) {
                if (!v.isTextual()) {
                    throw malformed(where + " must be a string or an array of strings");
                }
                values.add(v.asText());
            }
            return values;
        }
        throw malformed(where + " must be a string or a non-empty array of strings");
    }

    private static String optionalText(JsonNode node, String field, String where) {
        JsonNode value = node.get(field);
        if (value == null) {
            return null;
        }
        if (!value.isTextual()) {
            throw malformed(where + " must be a string");
        }
        return value.asText();
    }

    private static MalformedPolicyDocumentException malformed(String reason) {
        return new MalformedPolicyDocumentException("The policy is malformed: " + reason + ".");
    }

    @Override
    public String toString() {
        return "PolicyDocument[" + (id == null ? "" : id + ", ") + statements.size() + " statements]";
    }
}
