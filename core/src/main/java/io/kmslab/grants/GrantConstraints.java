package io.kmslab.grants;

import java.util.Map;

/**
 * Encryption context constraints of a grant (the AWS GrantConstraints shape): with EncryptionContextEquals the
 * request's context must be exactly these pairs; with EncryptionContextSubset it must contain them.
 */
public record GrantConstraints(Map<String, String> encryptionContextSubset, Map<String, String> encryptionContextEquals) {

    public GrantConstraints {
        encryptionContextSubset = encryptionContextSubset == null ? null : Map.copyOf(encryptionContextSubset);
        encryptionContextEquals = encryptionContextEquals == null ? null : Map.copyOf(encryptionContextEquals);
    }

    public static GrantConstraints subset(Map<String, String> pairs) {
        return new GrantConstraints(pairs, null);
    }

    public static GrantConstraints equalTo(Map<String, String> pairs) {
        return new GrantConstraints(null, pairs);
    }

    @Override
    public String toString() {
        if (encryptionContextEquals != null) {
            return "EncryptionContextEquals " + encryptionContextEquals;
        }
        return "EncryptionContextSubset " + encryptionContextSubset;
    }

    /** Whether a request's encryption context satisfies the constraints. */
    public boolean allows(Map<String, String> context) {
        Map<String, String> actual = context == null ? Map.of() : context;
        if (encryptionContextEquals != null && !encryptionContextEquals.equals(actual)) {
            return false;
        }
        return encryptionContextSubset == null
                || encryptionContextSubset.entrySet().stream()
                        .allMatch(e -> e.getValue().equals(actual.get(e.getKey())));
    }
}
