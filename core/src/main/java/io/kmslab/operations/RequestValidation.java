package io.kmslab.operations;

import io.kmslab.api.Tag;
import io.kmslab.errors.DryRunOperationException;
import io.kmslab.errors.TagException;
import io.kmslab.errors.Violations;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The checks of request members that AWS runs before it looks at any key: lengths, patterns and sizes, with the
 * ValidationException (or TagException) AWS gives.
 */
public final class RequestValidation {
    static final Pattern ASCII = Pattern.compile("^\\p{ASCII}+$");
    static final Pattern MARKER = Pattern.compile("[\\u0020-\\u00FF]*");
    static final int MAX_PLAINTEXT = 4096;
    static final int MAX_CIPHERTEXT = 6144;
    static final int MAX_TAGS = 50;
    private static final Pattern ALIAS_NAME = Pattern.compile("^[a-zA-Z0-9:/_-]+$");

    private RequestValidation() {
    }

    static Violations validKeyId(String keyId, List<String> grantTokens) {
        return new Violations().required("keyId", keyId).length("keyId", keyId, 1, 2048)
                .pattern("keyId", keyId, ASCII)
                .listSize("grantTokens", grantTokens, 0, 10)
                .eachLength("grantTokens", grantTokens, 1, 8192);
    }

    static Violations validCiphertext(byte[] blob, List<String> grantTokens) {
        return new Violations().required("ciphertextBlob", blob).blobLength("ciphertextBlob", blob, 1, MAX_CIPHERTEXT)
                .listSize("grantTokens", grantTokens, 0, 10)
                .eachLength("grantTokens", grantTokens, 1, 8192);
    }

    static Violations validAliasName(String aliasName) {
        return new Violations().required("aliasName", aliasName).length("aliasName", aliasName, 1, 256)
                .pattern("aliasName", aliasName, ALIAS_NAME);
    }

    /**
     * Every text of a request, at any depth (a string member, the keys and values of a map such as an encryption
     * context, the elements of a list, the members of a tag or of grant constraints), must be well-formed UTF-16, so
     * that it has a UTF-8 form: a Java caller can make a string with a lone surrogate, which no AWS request can carry
     * (AWS requests are UTF-8 JSON). AWS documents no answer for such text (its request parser sees it first), so
     * KMS Lab answers ValidationException naming the member, before it looks at anything else. Members are named as in
     * AWS's messages ({@code tags.1.member.tagKey}); a map is named once, whichever of its entries is bad.
     */
    public static Violations wellFormedText(Object request) {
        Violations violations = new Violations();
        if (request != null && request.getClass().isRecord()) {
            checkRecord("", request, violations);
        }
        return violations;
    }

    private static final Map<Class<?>, List<TextMember>> TEXT_MEMBERS = new java.util.concurrent.ConcurrentHashMap<>();

    /** A member of a request record that can hold text, with its accessor. */
    private record TextMember(String name, java.lang.invoke.MethodHandle accessor) {
    }

    private static List<TextMember> textMembers(Class<?> type) {
        java.lang.invoke.MethodHandles.Lookup lookup = java.lang.invoke.MethodHandles.publicLookup();
        List<TextMember> members = new java.util.ArrayList<>();
        for (java.lang.reflect.RecordComponent component : type.getRecordComponents()) {
            Class<?> kind = component.getType();
            if (kind.isPrimitive() || kind.isEnum() || kind == byte[].class || Number.class.isAssignableFrom(kind)
                    || Boolean.class == kind || java.time.temporal.Temporal.class.isAssignableFrom(kind)) {
                continue;
            }
            try {
                members.add(new TextMember(component.getName(), lookup.unreflect(component.getAccessor())));
            } catch (IllegalAccessException e) {
                throw new IllegalStateException(e);
            }
        }
        return List.copyOf(members);
    }

    private static void checkRecord(String prefix, Object record, Violations violations) {
        for (TextMember member : TEXT_MEMBERS.computeIfAbsent(record.getClass(), RequestValidation::textMembers)) {
            Object value;
            try {
                value = member.accessor().invoke(record);
            } catch (Throwable e) {
                throw new IllegalStateException(e);
            }
            checkValue(prefix + member.name(), value, violations);
        }
    }

    private static void checkValue(String member, Object value, Violations violations) {
        if (value instanceof String text) {
            violations.wellFormedText(member, text);
        } else if (value instanceof Map<?, ?> map) {
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                if (!wellFormed(entry.getKey()) || !wellFormed(entry.getValue())) {
                    violations.unpairedSurrogate(member);
                    return;
                }
            }
        } else if (value instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                checkValue(member + "." + (i + 1) + ".member", list.get(i), violations);
            }
        } else if (value != null && value.getClass().isRecord()) {
            checkRecord(member + ".", value, violations);
        }
    }

    /** Whether a map key or value holds only well-formed text (strings, lists of strings, nested maps). */
    private static boolean wellFormed(Object value) {
        if (value instanceof String text) {
            return Violations.unpairedSurrogateAt(text) < 0;
        }
        if (value instanceof Map<?, ?> map) {
            return map.entrySet().stream().allMatch(e -> wellFormed(e.getKey()) && wellFormed(e.getValue()));
        }
        if (value instanceof List<?> list) {
            return list.stream().allMatch(RequestValidation::wellFormed);
        }
        return true;
    }

    /** Tags in AWS's rules: key 1..128 and value 0..256 characters, no {@code aws:} prefix, no duplicates, 50 at most. */
    static Map<String, String> validTags(List<Tag> tags) {
        Violations violations = new Violations();
        for (int i = 0; i < tags.size(); i++) {
            Tag tag = tags.get(i);
            String at = "tags." + (i + 1) + ".member.";
            violations.required(at + "tagKey", tag.tagKey()).length(at + "tagKey", tag.tagKey(), 1, 128)
                    .required(at + "tagValue", tag.tagValue()).length(at + "tagValue", tag.tagValue(), 0, 256);
        }
        violations.throwIfAny();
        Map<String, String> result = new LinkedHashMap<>();
        Set<String> seen = new HashSet<>();
        for (Tag tag : tags) {
            if (tag.tagKey().toLowerCase(java.util.Locale.ROOT).startsWith("aws:")) {
                throw new TagException("Tags beginning with aws: are reserved");
            }
            if (!seen.add(tag.tagKey())) {
                throw new TagException("Duplicate tag keys");
            }
            result.put(tag.tagKey(), tag.tagValue());
        }
        if (result.size() > MAX_TAGS) {
            throw new TagException("Too many tags");
        }
        return result;
    }

    /** A request with DryRun set that would have succeeded: DryRunOperationException instead of its effect. */
    static void dryRun(boolean dryRun) {
        if (dryRun) {
            throw new DryRunOperationException("The request would have succeeded, but the DryRun option is set.");
        }
    }
}
