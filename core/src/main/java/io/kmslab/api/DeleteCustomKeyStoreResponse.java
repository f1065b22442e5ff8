package io.kmslab.api;

/** DeleteCustomKeyStore: AWS answers an empty JSON object (the model's DeleteCustomKeyStoreResponse has no members). */
public record DeleteCustomKeyStoreResponse() {
}
