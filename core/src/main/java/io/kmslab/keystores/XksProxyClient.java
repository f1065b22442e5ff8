package io.kmslab.keystores;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kmslab.Json;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * KMS's side of the key operations of the XKS Proxy API v1 (https://github.com/aws/aws-kms-xksproxy-api-spec,
 * {@code xks_proxy_api_spec.md}): GetKeyMetadata, Encrypt and Decrypt sent to the proxy of one external key store
 * (through {@link XksProxies#send}), and what KMS makes of the answers. Every failure is a {@link Failed} naming the
 * {@link XksProxyFailure} of the spec's table; the operation that called decides which KMS exception carries it.
 */
public final class XksProxyClient {
    /** "For the v1 specification, this MUST be AES_GCM" (spec, Encrypt, encryptionAlgorithm). */
    private static final String AES_GCM = "AES_GCM";
    /** "If the size of the ciphertext Metadata exceeds 20 bytes, KMS will reject the response" (spec, Encrypt). */
    private static final int MAX_CIPHERTEXT_METADATA = 20;

    private final XksProxies proxies;
    private final CustomKeyStore store;

    public XksProxyClient(XksProxies proxies, CustomKeyStore store) {
        if (!store.external()) {
            throw new IllegalArgumentException(store.customKeyStoreId() + " is not an external key store");
        }
        this.proxies = proxies;
        this.store = store;
    }

    /**
     * The requestMetadata of a key operation (spec: awsPrincipalArn, kmsOperation and kmsRequestId REQUIRED; kmsKeyArn
     * REQUIRED for Encrypt and Decrypt, left out of GetKeyMetadata for CreateKey "since the keyArn is created after KMS
     * validates the external key").
     */
    public record RequestMetadata(String awsPrincipalArn, String kmsKeyArn, String kmsOperation, String kmsRequestId) {
        ObjectNode json() {
            ObjectNode node = Json.TREES.createObjectNode().put("awsPrincipalArn", awsPrincipalArn);
            if (kmsKeyArn != null) {
                node.put("kmsKeyArn", kmsKeyArn);
            }
            return node.put("kmsOperation", kmsOperation).put("kmsRequestId", kmsRequestId);
        }
    }

    /** What GetKeyMetadata says of an external key (spec: keySpec, keyUsage, keyStatus, all REQUIRED). */
    public record ExternalKeyMetadata(String keySpec, List<String> keyUsage, String keyStatus) {
        public ExternalKeyMetadata {
            keyUsage = List.copyOf(keyUsage);
        }

        /**
         * "Invocation of the KMS CreateKey API will fail if any one (or more) of the following is true: keySpec is not
         * AES_256; keyUsage is missing ENCRYPT or DECRYPT (or both); keyStatus is not ENABLED" (spec, GetKeyMetadata).
         */
        public boolean servesKmsKey() {
            return "AES_256".equals(keySpec) && keyUsage.contains("ENCRYPT") && keyUsage.contains("DECRYPT")
                    && "ENABLED".equals(keyStatus);
        }
    }

    /** The proxy's Encrypt answer, every field of which KMS keeps in the ciphertext blob (spec, Encrypt). */
    public record ExternalCiphertext(byte[] ciphertext, byte[] ciphertextMetadata, byte[] initializationVector,
            byte[] authenticationTag) {
        @Override
        public String toString() {
            return "ExternalCiphertext[" + ciphertext.length + " bytes]";
        }
    }

    /** A call to the proxy that failed, and why. */
    public static final class Failed extends RuntimeException {
        private final XksProxyFailure failure;

        Failed(XksProxyFailure failure) {
            super(failure.message(), null, false, false);
            this.failure = failure;
        }

        public XksProxyFailure failure() {
            return failure;
        }
    }

    public ExternalKeyMetadata getKeyMetadata(String externalKeyId, RequestMetadata metadata) {
        ObjectNode body = Json.TREES.createObjectNode();
        body.set("requestMetadata", metadata.json());
        JsonNode answer = call(externalKeyId, "metadata", body);
        JsonNode usage = answer.path("keyUsage");
        if (!answer.path("keySpec").isTextual() || !usage.isArray() || !answer.path("keyStatus").isTextual()) {
            throw new Failed(XksProxyFailure.MALFORMED_RESPONSE);
        }
        List<String> usages = new ArrayList<>();
        usage.forEach(u -> usages.add(u.asText()));
        return new ExternalKeyMetadata(answer.path("keySpec").asText(), usages, answer.path("keyStatus").asText());
    }

    /** Encrypt with the external key; {@code aad} goes to the proxy as additionalAuthenticatedData. */
    public ExternalCiphertext encrypt(String externalKeyId, byte[] plaintext, byte[] aad, RequestMetadata metadata) {
        Base64.Encoder b64 = Base64.getEncoder();
        ObjectNode body = Json.TREES.createObjectNode();
        body.set("requestMetadata", metadata.json());
        body.put("plaintext", b64.encodeToString(plaintext)).put("encryptionAlgorithm", AES_GCM)
                .put("additionalAuthenticatedData", b64.encodeToString(aad));
        JsonNode answer = call(externalKeyId, "encrypt", body);
        byte[] ciphertext = base64(answer, "ciphertext", true);
        byte[] ciphertextMetadata = base64(answer, "ciphertextMetadata", false);
        byte[] iv = base64(answer, "initializationVector", true);
        byte[] tag = base64(answer, "authenticationTag", true);
        // the ciphertext "MUST be the same as the length of the plaintext"; the IV "MUST be either 12 bytes [...] or 16
        // bytes"; the tag "MUST be 16 bytes" (spec, Encrypt response)
        if (ciphertext.length != plaintext.length || (iv.length != 12 && iv.length != 16) || tag.length != 16
                || (ciphertextMetadata != null && ciphertextMetadata.length > MAX_CIPHERTEXT_METADATA)) {
            throw new Failed(XksProxyFailure.MALFORMED_RESPONSE);
        }
        return new ExternalCiphertext(ciphertext, ciphertextMetadata, iv, tag);
    }

    /** Decrypt with the external key what {@link #encrypt} gave, with the same {@code aad}. */
    public byte[] decrypt(String externalKeyId, ExternalCiphertext sealed, byte[] aad, RequestMetadata metadata) {
        Base64.Encoder b64 = Base64.getEncoder();
        ObjectNode body = Json.TREES.createObjectNode();
        body.set("requestMetadata", metadata.json());
        body.put("ciphertext", b64.encodeToString(sealed.ciphertext()));
        if (sealed.ciphertextMetadata() != null) {
            body.put("ciphertextMetadata", b64.encodeToString(sealed.ciphertextMetadata()));
        }
        body.put("encryptionAlgorithm", AES_GCM).put("additionalAuthenticatedData", b64.encodeToString(aad))
                .put("initializationVector", b64.encodeToString(sealed.initializationVector()))
                .put("authenticationTag", b64.encodeToString(sealed.authenticationTag()));
        JsonNode answer = call(externalKeyId, "decrypt", body);
        byte[] plaintext = base64(answer, "plaintext", true);
        // "The size of the plaintext MUST be the same as the size of the ciphertext" (spec, Decrypt response)
        if (plaintext.length != sealed.ciphertext().length) {
            throw new Failed(XksProxyFailure.MALFORMED_RESPONSE);
        }
        return plaintext;
    }

    private JsonNode call(String externalKeyId, String operation, ObjectNode body) {
        XksProxyResponse response;
        try {
            response = proxies.send(store.xksProxyUriEndpoint(),
                    store.xksProxyUriPath() + "/keys/" + externalKeyId + "/" + operation,
                    store.xksProxyCredential(), body.toString());
        } catch (UncheckedIOException unreachable) {
            throw new Failed(XksProxyFailure.NO_CONNECTION);
        }
        JsonNode answer = parse(response.body());
        if (!response.ok()) {
            // "If an XKS proxy returns an HTTP error code without a JSON-formatted body or any other type of malformed
            // response, the KMS exception message will be generic" (spec, Error codes, KMS Considerations)
            throw new Failed(XksProxyFailure.ofErrorName(answer.path("errorName").asText(null)));
        }
        if (!answer.isObject()) {
            throw new Failed(XksProxyFailure.MALFORMED_RESPONSE);
        }
        return answer;
    }

    private static JsonNode parse(String body) {
        try {
            JsonNode node = Json.TREES.readTree(body == null ? "" : body);
            return node == null ? Json.TREES.missingNode() : node;
        } catch (JsonProcessingException e) {
            return Json.TREES.missingNode();
        }
    }

    private static byte[] base64(JsonNode answer, String field, boolean required) {
        JsonNode value = answer.get(field);
        if (value == null || value.isNull()) {
            if (required) {
                throw new Failed(XksProxyFailure.MALFORMED_RESPONSE);
            }
            return null;
        }
        try {
            return Base64.getDecoder().decode(value.asText());
        } catch (IllegalArgumentException e) {
            throw new Failed(XksProxyFailure.MALFORMED_RESPONSE);
        }
    }
}
