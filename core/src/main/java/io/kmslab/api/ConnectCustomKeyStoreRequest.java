package io.kmslab.api;

/** ConnectCustomKeyStore: starts connecting a custom key store to its cluster; answers at once. */
public record ConnectCustomKeyStoreRequest(String customKeyStoreId) {
}
