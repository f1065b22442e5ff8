package io.kmslab.api;

/** CreateCustomKeyStore: the id of the new custom key store. */
public record CreateCustomKeyStoreResponse(String customKeyStoreId) {
}
