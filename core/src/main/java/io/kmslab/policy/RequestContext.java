package io.kmslab.policy;

import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * What a policy is evaluated against: who calls, which action on which resource, and the values of the condition
 * keys for this request. Condition key names are case-insensitive, as in IAM; their values are not: {@code keys} holds
 * them under their names in lower case, and of two names given that differ only in case the later one counts.
 */
public record RequestContext(String callerArn, String principalArn, String callerAccount, boolean callerIsRoot,
        String action, String resourceArn, String resourceAccount, Map<String, List<String>> keys) {

    public RequestContext {
        if (!(keys instanceof Gathered)) {
            HashMap<String, List<String>> byName = new HashMap<>(Math.max(16, keys.size() * 2));
            keys.forEach((k, v) -> byName.put(lowerCase(k), List.copyOf(v)));
            keys = new Gathered(byName);
        }
    }

    /** A context whose condition keys were gathered in {@code keys}; they are taken as they are, not copied. */
    public RequestContext(String callerArn, String principalArn, String callerAccount, boolean callerIsRoot,
            String action, String resourceArn, String resourceAccount, Keys keys) {
        this(callerArn, principalArn, callerAccount, callerIsRoot, action, resourceArn, resourceAccount,
                keys.share());
    }

    /**
     * Condition keys gathered for a request, under their names in lower case (of two names that differ only in case,
     * the later one counts). A context made from them takes them without a copy; a key put afterwards goes to a fresh
     * copy, so that the context never changes.
     */
    public static final class Keys {
        private HashMap<String, List<String>> byName = new HashMap<>(32);
        private boolean shared;

        public Keys put(String name, List<String> values) {
            if (shared) {
                byName = new HashMap<>(byName);
                shared = false;
            }
            byName.put(lowerCase(name), List.copyOf(values));
            return this;
        }

        Gathered share() {
            shared = true;
            return new Gathered(byName);
        }
    }

    /** The condition keys of a context: lower-case names, immutable lists, never changed once made. */
    private static final class Gathered extends java.util.AbstractMap<String, List<String>> {
        private final Map<String, List<String>> byName;

        Gathered(HashMap<String, List<String>> byName) {
            this.byName = Collections.unmodifiableMap(byName);
        }

        @Override
        public List<String> get(Object key) {
            return byName.get(key);
        }

        @Override
        public List<String> getOrDefault(Object key, List<String> otherwise) {
            return byName.getOrDefault(key, otherwise);
        }

        @Override
        public boolean containsKey(Object key) {
            return byName.containsKey(key);
        }

        @Override
        public int size() {
            return byName.size();
        }

        @Override
        public Set<Entry<String, List<String>>> entrySet() {
            return byName.entrySet();
        }
    }

    /** The values of a condition key in this request; empty when the key is absent. */
    public List<String> values(String key) {
        return keys.getOrDefault(lowerCase(key), List.of());
    }

    /**
     * Condition key names in lower case, kept: policies and the engine name the same few keys again and again. At
     * most 8192 are kept (Caffeine's size bound; its upkeep runs on the calling thread). Read on every condition key
     * of every authorized call: looked up in the cache's map first, which costs a plain hash lookup, and loaded
     * through the cache (counted and bounded) only when missing.
     */
    private static final LoadingCache<String, String> LOWER_CASE = Caffeine.newBuilder().maximumSize(8192)
            .executor(Runnable::run).build(name -> name.toLowerCase(Locale.ROOT));
    private static final Map<String, String> LOWER_CASE_VIEW = LOWER_CASE.asMap();

    private static String lowerCase(String name) {
        String known = LOWER_CASE_VIEW.get(name);
        return known != null ? known : LOWER_CASE.get(name);
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
