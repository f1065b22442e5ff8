package io.kmslab.server.endpoint;

import io.kmslab.Kms;
import io.kmslab.KmsOperation;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The KMS operations the endpoint serves, by their name on the wire (the {@code X-Amz-Target} suffix): every entry of
 * the operation catalogue ({@link KmsOperation}), nothing else. An operation is served once it has its catalogue
 * entry; nothing here names one.
 */
public final class Operations {
    /** One operation: how to read its request and what the engine does with it, as its catalogue entry says. */
    public record Operation<T>(KmsOperation catalogued, Class<T> requestType) {
        /** The AWS API name, as in {@code X-Amz-Target: TrentService.<name>}. */
        public String name() {
            return catalogued.apiName();
        }

        Object invoke(Kms kms, Object request) {
            return catalogued.invoke(kms, request);
        }

        /** Whether the endpoint may answer it on the I/O thread ({@link KmsOperation.Trait#LIGHT}). */
        boolean answeredOnIoThread() {
            return catalogued.light();
        }
    }

    private static final Map<String, Operation<?>> OPERATIONS;

    static {
        Map<String, Operation<?>> operations = new TreeMap<>();
        for (KmsOperation operation : KmsOperation.values()) {
            operations.put(operation.apiName(), served(operation, operation.requestType()));
        }
        OPERATIONS = Collections.unmodifiableMap(operations);
    }

    private Operations() {
    }

    private static <T> Operation<T> served(KmsOperation operation, Class<T> requestType) {
        return new Operation<>(operation, requestType);
    }

    public static Optional<Operation<?>> named(String name) {
        return Optional.ofNullable(OPERATIONS.get(name));
    }

    /** The names of every operation served, sorted. */
    public static Set<String> names() {
        return OPERATIONS.keySet();
    }
}
