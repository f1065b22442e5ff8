package io.kmslab.api;

/** DisconnectCustomKeyStore: disconnects a custom key store; its KMS keys become Unavailable. */
public record DisconnectCustomKeyStoreRequest(String customKeyStoreId) {
}
