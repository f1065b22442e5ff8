package io.kmslab.server.fidelity;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Compares an answer with what a case expects. An expected object names the members that must be there (others may
 * be too); an expected array must match element by element; a scalar must be equal, unless it is a typed matcher:
 * <ul>
 * <li>{@code <base64>} a non-empty base64 string; {@code <base64:N>} one that decodes to N bytes</li>
 * <li>{@code <arn:key>}, {@code <arn:alias>} a KMS key or alias ARN; {@code <key-id>} a key id (UUID or mrk-)</li>
 * <li>{@code <epoch-seconds>} a JSON number of seconds since the epoch (as the wire carries timestamps)</li>
 * <li>{@code <hex64>} 64 hex digits (grant ids, key material ids); {@code <string>} non-empty text;
 * {@code <number>}, {@code <boolean>}; {@code <any>} any value</li>
 * </ul>
 */
final class ResponseMatcher {
    private static final Pattern BASE64_LENGTH = Pattern.compile("<base64:(\\d+)>");
    private static final Pattern KEY_ID = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"
            + "|mrk-[0-9a-f]{32}");
    private static final Pattern KEY_ARN = Pattern.compile("arn:aws[a-z-]*:kms:[a-z0-9-]+:\\d{12}:key/(" + KEY_ID
            + ")");
    private static final Pattern ALIAS_ARN = Pattern.compile("arn:aws[a-z-]*:kms:[a-z0-9-]+:\\d{12}:alias/[\\w/+=,.@-]+");
    private static final Map<String, Predicate<JsonNode>> TYPED = Map.of(
            "<base64>", node -> node.isTextual() && !node.asText().isEmpty() && decodes(node.asText()),
            "<arn:key>", node -> node.isTextual() && KEY_ARN.matcher(node.asText()).matches(),
            "<arn:alias>", node -> node.isTextual() && ALIAS_ARN.matcher(node.asText()).matches(),
            "<key-id>", node -> node.isTextual() && KEY_ID.matcher(node.asText()).matches(),
            "<epoch-seconds>", node -> node.isNumber() && node.asDouble() > 0,
            "<hex64>", node -> node.isTextual() && node.asText().matches("[0-9a-f]{64}"),
            "<string>", node -> node.isTextual() && !node.asText().isEmpty(),
            "<number>", JsonNode::isNumber,
            "<boolean>", JsonNode::isBoolean,
            "<any>", node -> true);

    private ResponseMatcher() {
    }

    /** What differs between the expected members and the answer (nothing when it matches). */
    static List<String> differences(JsonNode expected, JsonNode actual) {
        List<String> problems = new ArrayList<>();
        compare(expected, actual, "", problems);
        return problems;
    }

    /** Whether a text is one of the typed matchers (so a case can use it, not a literal that looks like one). */
    static boolean isMatcher(String text) {
        return TYPED.containsKey(text) || BASE64_LENGTH.matcher(text).matches();
    }

    private static void compare(JsonNode expected, JsonNode actual, String path, List<String> problems) {
        String at = path.isEmpty() ? "(answer)" : path;
        if (actual == null || actual.isMissingNode()) {
            problems.add(at + " is missing; expected " + expected);
            return;
        }
        if (expected.isObject()) {
            if (!actual.isObject()) {
                problems.add(at + " is " + actual + "; expected an object");
                return;
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = expected.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> member = it.next();
                compare(member.getValue(), actual.get(member.getKey()), join(path, member.getKey()), problems);
            }
        } else if (expected.isArray()) {
            if (!actual.isArray() || actual.size() != expected.size()) {
                problems.add(at + " is " + actual + "; expected " + expected.size() + " elements " + expected);
                return;
            }
            for (int i = 0; i < expected.size(); i++) {
                compare(expected.get(i), actual.get(i), join(path, String.valueOf(i)), problems);
            }
        } else if (expected.isTextual() && isMatcher(expected.asText())) {
            if (!typed(expected.asText(), actual)) {
                problems.add(at + " is " + actual + "; expected " + expected.asText());
            }
        } else if (!expected.equals(actual) && !(expected.isNumber() && actual.isNumber()
                && expected.decimalValue().compareTo(actual.decimalValue()) == 0)) {
            problems.add(at + " is " + actual + "; expected " + expected);
        }
    }

    private static boolean typed(String matcher, JsonNode actual) {
        Matcher length = BASE64_LENGTH.matcher(matcher);
        if (length.matches()) {
            return actual.isTextual() && decodes(actual.asText())
                    && Base64.getDecoder().decode(actual.asText()).length == Integer.parseInt(length.group(1));
        }
        return TYPED.get(matcher).test(actual);
    }

    private static boolean decodes(String text) {
        try {
            Base64.getDecoder().decode(text);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** The member at a dotted path ({@code KeyMetadata.SigningAlgorithms}, list positions from 0), or missing. */
    static JsonNode at(JsonNode root, String dotted) {
        JsonNode node = root;
        for (String part : dotted.split("\\.")) {
            node = node.isArray() && part.matches("\\d+") ? node.path(Integer.parseInt(part)) : node.path(part);
        }
        return node;
    }

    private static String join(String path, String member) {
        return path.isEmpty() ? member : path + "." + member;
    }
}
