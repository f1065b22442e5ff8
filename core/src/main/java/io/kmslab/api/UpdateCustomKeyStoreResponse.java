package io.kmslab.api;

/** UpdateCustomKeyStore: AWS answers an empty JSON object (the model's UpdateCustomKeyStoreResponse has no members). */
public record UpdateCustomKeyStoreResponse() {
}
