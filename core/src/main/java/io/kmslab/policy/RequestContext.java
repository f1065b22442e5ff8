package io.kmslab.policy;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a policy is evaluated against: who calls, which action on which resource, and the values of the condition
 * keys for this request. Condition key names are case-insensitive, as in IAM; their values are not.
 */
public record RequestContext(String callerArn, String principalArn, String callerAccount, boolean callerIsRoot,
        String action, String resourceArn, String resourceAccount, Map<String, List<String>> keys) {

    public RequestContext {
        TreeMap<String, List<String>> normalized = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        keys.forEach((k, v) -> normalized.put(k, List.copyOf(v)));
        keys = Collections.unmodifiableMap(normalized);
    }

    /** The values of a condition key in this request; empty when the key is absent. */
    public List<String> values(String key) {
        return keys.getOrDefault(key, List.of());
    }

    public boolean crossAccount() {
        return resourceAccount != null && !resourceAccount.equals(callerAccount);
    }

    /** The action without its service prefix: {@code Encrypt} for {@code kms:Encrypt}. */
    public String actionName() {
        int colon = action.indexOf(':');
        return colon < 0 ? action : action.substring(colon + 1);
    }
}
