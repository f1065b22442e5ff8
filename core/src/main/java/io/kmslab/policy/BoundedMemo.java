package io.kmslab.policy;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * The values of a function, kept for the arguments seen: policies and requests name the same few condition keys and
 * addresses again and again. At most {@code limit} values are kept; when full, all are forgotten. The function must
 * not return null.
 */
final class BoundedMemo<K, V> {
    private final Map<K, V> values = new ConcurrentHashMap<>();
    private final int limit;
    private final Function<K, V> function;

    BoundedMemo(int limit, Function<K, V> function) {
        this.limit = limit;
        this.function = function;
    }

    V get(K key) {
        V value = values.get(key);
        if (value == null) {
            value = function.apply(key);
            if (values.size() >= limit) {
                values.clear();
            }
            values.put(key, value);
        }
        return value;
    }
}
