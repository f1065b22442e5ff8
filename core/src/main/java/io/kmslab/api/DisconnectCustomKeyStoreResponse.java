package io.kmslab.api;

/** DisconnectCustomKeyStore: AWS answers an empty JSON object (the model's DisconnectCustomKeyStoreResponse has no members). */
public record DisconnectCustomKeyStoreResponse() {
}
