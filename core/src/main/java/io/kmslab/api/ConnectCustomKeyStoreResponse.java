package io.kmslab.api;

/** ConnectCustomKeyStore: AWS answers an empty JSON object (the model's ConnectCustomKeyStoreResponse has no members). */
public record ConnectCustomKeyStoreResponse() {
}
