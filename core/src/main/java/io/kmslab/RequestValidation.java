package io.kmslab;

import io.kmslab.api.Tag;
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
final class RequestValidation {
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
}
