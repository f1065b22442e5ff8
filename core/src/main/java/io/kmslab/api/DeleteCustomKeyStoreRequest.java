package io.kmslab.api;

/** DeleteCustomKeyStore: deletes a disconnected custom key store that holds no KMS keys. */
public record DeleteCustomKeyStoreRequest(String customKeyStoreId) {
}
