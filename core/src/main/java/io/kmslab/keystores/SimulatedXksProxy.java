package io.kmslab.keystores;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kmslab.Json;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * An external key store proxy of the lab, with the external key manager behind it, in-process: it answers the four
 * operations of the XKS Proxy API specification v1 (https://github.com/aws/aws-kms-xksproxy-api-spec,
 * {@code xks_proxy_api_spec.md}) with the spec's URIs, JSON payloads, HTTP statuses and error names, and keeps its own
 * external keys. Nothing of it is reached over a network: {@link #handle} is what a request to
 * {@code https://<endpoint><uriPath>/...} would get.
 *
 * <p>Authentication: the spec has KMS sign every request with SigV4 using the proxy's access key id and secret access
 * key ("Authentication"). In-process, a request carries the credential KMS would sign with, and the proxy compares it
 * with the credentials it accepts (up to two at once, the spec's "SigV4 credentials rotation"); a credential it does not
 * accept is 401 {@code AuthenticationFailedException}, as a bad signature would be. Real SigV4 is not simulated.
 *
 * <p>Lab controls, for tests and learners, stand for what an administrator does to the proxy or the key manager:
 * {@link #addKey}, {@link #keyEnabled}, {@link #acceptCredential}, {@link #revokeCredential}, {@link #reachable},
 * {@link #ekmHealth}, {@link #malformedAnswers}. The proxy never prints its keys or credentials.
 */
public final class SimulatedXksProxy implements XksProxyTransport {
    /** The v1 API prefix: "XksProxyUriPath specifies [/&lt;optional-path-prefix&gt;]/kms/xks/v1" (spec, "API operations"). */
    private static final Pattern KEY_OPERATION = Pattern.compile("/kms/xks/v1/keys/([^/]+)/(metadata|encrypt|decrypt)");
    /**
     * externalKeyId: "MUST NOT exceed 128 characters and they MUST be restricted to [...] letters A through Z, the digits
     * 0 through 9, the hyphen, the period and the underscore" (spec, "API operations").
     */
    private static final Pattern EXTERNAL_KEY_ID = Pattern.compile("[A-Za-z0-9._-]{1,128}");
    /** "For the v1 specification, this MUST be AES_GCM" (spec, Encrypt, encryptionAlgorithm). */
    private static final String AES_GCM = "AES_GCM";
    /** "The initialization vector MUST be either 12 bytes (96 bits) or 16 bytes (128 bits)" (spec, Encrypt response). */
    private static final int IV_BYTES = 12;
    /** "Authentication tag size MUST be 16 bytes (128 bits)" (spec, Encrypt response). */
    private static final int TAG_BYTES = 16;
    /** ciphertextMetadata: "When present, the size of the field MUST NOT exceed 20 bytes" (spec, Encrypt, Decrypt). */
    private static final int MAX_CIPHERTEXT_METADATA = 20;

    private final String prefix;
    private final SecureRandom random;
    private final Map<String, ExternalKey> keys = new LinkedHashMap<>();
    private final List<XksProxyCredential> credentials = new ArrayList<>();
    private boolean reachable = true;
    private boolean malformedAnswers;
    private String ekmHealth = "ACTIVE";

    /**
     * A proxy serving under {@code uriPath} (the store's XksProxyUriPath, e.g. {@code /example-prefix/kms/xks/v1}),
     * accepting {@code credential}.
     */
    public SimulatedXksProxy(String uriPath, XksProxyCredential credential, SecureRandom random) {
        if (uriPath == null || !uriPath.endsWith("/kms/xks/v1")) {
            throw new IllegalArgumentException("An XKS proxy v1 URI path ends in /kms/xks/v1: " + uriPath);
        }
        this.prefix = uriPath.substring(0, uriPath.length() - "/kms/xks/v1".length());
        this.credentials.add(credential);
        this.random = random;
    }

    // ---- lab controls ----

    /** Adds an AES-256 key for ENCRYPT and DECRYPT, enabled: the kind of key an XKS KMS key needs. */
    public synchronized void addKey(String externalKeyId) {
        byte[] material = new byte[32];
        random.nextBytes(material);
        addKey(externalKeyId, "AES_256", List.of("ENCRYPT", "DECRYPT"), material);
    }

    /** Adds a key of another spec or usages, e.g. to see CreateKey refuse it ({@code XksKeyInvalidConfiguration}). */
    public synchronized void addKey(String externalKeyId, String keySpec, List<String> keyUsage, byte[] material) {
        if (!EXTERNAL_KEY_ID.matcher(externalKeyId).matches()) {
            throw new IllegalArgumentException("An external key id has 1-128 characters A-Z, a-z, 0-9, '.', '-', '_'.");
        }
        if (keys.containsKey(externalKeyId)) {
            throw new IllegalArgumentException("The proxy already has an external key " + externalKeyId);
        }
        keys.put(externalKeyId, new ExternalKey(keySpec, List.copyOf(keyUsage), material.clone()));
    }

    /** Enables or disables an external key in the key manager (GetKeyMetadata keyStatus ENABLED / DISABLED). */
    public synchronized void keyEnabled(String externalKeyId, boolean enabled) {
        ExternalKey key = keys.get(externalKeyId);
        if (key == null) {
            throw new IllegalArgumentException("No external key " + externalKeyId);
        }
        key.enabled = enabled;
    }

    /** Adds a credential the proxy accepts, beside those it has (rotation: the old and the new one, both at once). */
    public synchronized void acceptCredential(XksProxyCredential credential) {
        credentials.add(credential);
    }

    /** Stops accepting a credential. */
    public synchronized void revokeCredential(XksProxyCredential credential) {
        credentials.removeIf(c -> c.sameAs(credential));
    }

    /** Whether KMS can reach the proxy at all (a proxy down, a wrong endpoint, a network cut). */
    public synchronized void reachable(boolean reachable) {
        this.reachable = reachable;
    }

    /**
     * Makes the proxy answer every request with 200 and a body that is not the spec's (a faulty proxy): KMS "cannot
     * interpret the response" (XKS_PROXY_INVALID_RESPONSE, XksProxyInvalidResponseException).
     */
    public synchronized void malformedAnswers(boolean malformed) {
        this.malformedAnswers = malformed;
    }

    /** The key manager's health as GetHealthStatus reports it: ACTIVE, DEGRADED or UNAVAILABLE (spec). */
    public synchronized void ekmHealth(String healthStatus) {
        if (!Set.of("ACTIVE", "DEGRADED", "UNAVAILABLE").contains(healthStatus)) {
            throw new IllegalArgumentException("healthStatus is ACTIVE, DEGRADED or UNAVAILABLE: " + healthStatus);
        }
        this.ekmHealth = healthStatus;
    }

    // ---- saving and restoring (io.kmslab.persistence) ----

    /**
     * The proxy as a data directory saves it: its path, the credentials it accepts, its external keys (their material
     * copied: the caller wipes the copy once written) and its lab controls. Its {@code toString} prints no secret.
     */
    public record State(String uriPath, List<XksProxyCredential> credentials, List<KeyState> keys, boolean reachable,
            boolean malformedAnswers, String ekmHealth) {
        public State {
            credentials = List.copyOf(credentials);
            keys = List.copyOf(keys);
        }

        @Override
        public String toString() {
            return "SimulatedXksProxy.State[" + uriPath + ", " + keys.size() + " external keys]";
        }
    }

    /** An external key as saved: its material is a secret, never printed. */
    public record KeyState(String externalKeyId, String keySpec, List<String> keyUsage, byte[] material,
            boolean enabled) {
        @Override
        public String toString() {
            return "SimulatedXksProxy.KeyState[" + externalKeyId + ", " + keySpec + ", enabled=" + enabled + "]";
        }
    }

    /** What a data directory saves of the proxy (read it in the lab's consistent read). */
    public synchronized State state() {
        List<KeyState> saved = new ArrayList<>();
        keys.forEach((id, key) -> saved.add(new KeyState(id, key.keySpec, key.keyUsage, key.material.clone(),
                key.enabled)));
        return new State(prefix + "/kms/xks/v1", credentials, saved, reachable, malformedAnswers, ekmHealth);
    }

    /** A proxy as a data directory saved it (the material is copied: the caller may wipe {@code state}'s). */
    public static SimulatedXksProxy restored(State state, SecureRandom random) {
        if (state.credentials().isEmpty()) {
            throw new IllegalArgumentException("a saved XKS proxy accepts no credential");
        }
        SimulatedXksProxy proxy = new SimulatedXksProxy(state.uriPath(), state.credentials().get(0), random);
        state.credentials().stream().skip(1).forEach(proxy.credentials::add);
        for (KeyState k : state.keys()) {
            proxy.addKey(k.externalKeyId(), k.keySpec(), k.keyUsage(), k.material());
            proxy.keys.get(k.externalKeyId()).enabled = k.enabled();
        }
        proxy.reachable = state.reachable();
        proxy.malformedAnswers = state.malformedAnswers();
        proxy.ekmHealth(state.ekmHealth());
        return proxy;
    }

    // ---- the XKS Proxy API ----

    /**
     * Answers one request as the proxy would answer it over HTTPS.
     *
     * @param method the HTTP method ("all requests are sent as HTTP POSTs"; a GET "MUST" be rejected "with a 405
     *        Method Not Allowed error", spec "API operations")
     * @param path the request's path, e.g. {@code /example-prefix/kms/xks/v1/keys/key-1/encrypt}
     * @param signedWith the credential the request was signed with
     * @param body the JSON payload
     * @throws UncheckedIOException (a {@link ConnectException}) when the proxy is not {@linkplain #reachable reachable}
     */
    public synchronized XksProxyResponse handle(String method, String path, XksProxyCredential signedWith,
            String body) {
        if (!reachable) {
            throw new UncheckedIOException(new ConnectException("The XKS proxy does not answer."));
        }
        if (malformedAnswers) {
            return new XksProxyResponse(200, "<html>not the XKS Proxy API</html>");
        }
        try {
            String operationPath = operationPath(path);
            if (!"POST".equals(method)) {
                return new XksProxyResponse(405, "");
            }
            if (credentials.stream().noneMatch(c -> c.sameAs(signedWith))) {
                throw new XksError(401, "AuthenticationFailedException",
                        "The request was rejected due to an invalid AWS SigV4 signature.");
            }
            JsonNode request = parse(body);
            if (operationPath.equals("/kms/xks/v1/health")) {
                return ok(health());
            }
            Matcher m = KEY_OPERATION.matcher(operationPath);
            if (!m.matches()) {
                throw invalidUriPath();
            }
            requireMetadata(request);
            ExternalKey key = keys.get(m.group(1));
            if (key == null) {
                throw new XksError(404, "KeyNotFoundException", "The specified external key is not found.");
            }
            return switch (m.group(2)) {
                case "metadata" -> ok(metadata(key));
                case "encrypt" -> ok(encrypt(key, request));
                default -> ok(decrypt(key, request));
            };
        } catch (XksError e) {
            ObjectNode error = Json.TREES.createObjectNode().put("errorName", e.errorName);
            error.put("errorMessage", e.getMessage());
            return new XksProxyResponse(e.status, error.toString());
        }
    }

    /** {@link #handle}: the simulated proxy as a {@link XksProxyTransport}. */
    @Override
    public XksProxyResponse send(String method, String path, XksProxyCredential credential, String body) {
        return handle(method, path, credential, body);
    }

    private String operationPath(String path) {
        if (path == null || !path.startsWith(prefix + "/kms/xks/v1/")) {
            throw invalidUriPath();
        }
        return path.substring(prefix.length());
    }

    private static XksError invalidUriPath() {
        return new XksError(404, "InvalidUriPathException", "The specified URI path is not valid.");
    }

    private static JsonNode parse(String body) {
        try {
            JsonNode node = body == null ? null : Json.TREES.readTree(body);
            if (node == null || !node.isObject()) {
                throw validation("The request body is not a JSON object.");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw validation("The request body is not JSON.");
        }
    }

    /** awsPrincipalArn, kmsOperation and kmsRequestId are REQUIRED in every key operation's requestMetadata (spec). */
    private static void requireMetadata(JsonNode request) {
        JsonNode metadata = request.get("requestMetadata");
        if (metadata == null || !metadata.isObject()) {
            throw validation("requestMetadata is required.");
        }
        for (String field : List.of("awsPrincipalArn", "kmsOperation", "kmsRequestId")) {
            if (!metadata.path(field).isTextual()) {
                throw validation("requestMetadata." + field + " is required.");
            }
        }
    }

    private ObjectNode health() {
        ObjectNode health = Json.TREES.createObjectNode().put("xksProxyFleetSize", 1)
                .put("xksProxyVendor", "KMS Lab").put("xksProxyModel", "KMS Lab simulated XKS proxy 1.0")
                .put("ekmVendor", "KMS Lab");
        health.putArray("ekmFleetDetails").addObject().put("id", "ekm-1").put("model", "KMS Lab simulated EKM 1.0")
                .put("healthStatus", ekmHealth);
        return health;
    }

    private static ObjectNode metadata(ExternalKey key) {
        ObjectNode metadata = Json.TREES.createObjectNode().put("keySpec", key.keySpec);
        key.keyUsage.forEach(metadata.putArray("keyUsage")::add);
        return metadata.put("keyStatus", key.enabled ? "ENABLED" : "DISABLED");
    }

    private ObjectNode encrypt(ExternalKey key, JsonNode request) {
        byte[] plaintext = base64(request, "plaintext", true, false);
        byte[] aad = base64(request, "additionalAuthenticatedData", false, false);
        requireAesGcm(request);
        usable(key, "ENCRYPT");
        // ciphertextMetadata: "up to 20 bytes of ciphertext metadata for internal housekeeping, e.g. [...] to encode
        // versioning of the key material" (spec, Encrypt). The lab's proxy records its format version there.
        byte[] ciphertextMetadata = {'v', '1'};
        byte[] iv = new byte[IV_BYTES];
        random.nextBytes(iv);
        byte[] sealed = gcm(Cipher.ENCRYPT_MODE, key, iv, gcmAad(aad, ciphertextMetadata), plaintext);
        int split = sealed.length - TAG_BYTES;
        Base64.Encoder b64 = Base64.getEncoder();
        // "Some key managers append the authentication tag to the ciphertext. In such cases, the XKS proxy MUST
        // separate the two before composing the response" (spec, Encrypt response, authenticationTag).
        return Json.TREES.createObjectNode()
                .put("ciphertext", b64.encodeToString(java.util.Arrays.copyOfRange(sealed, 0, split)))
                .put("ciphertextMetadata", b64.encodeToString(ciphertextMetadata))
                .put("initializationVector", b64.encodeToString(iv))
                .put("authenticationTag", b64.encodeToString(java.util.Arrays.copyOfRange(sealed, split,
                        sealed.length)));
    }

    private ObjectNode decrypt(ExternalKey key, JsonNode request) {
        requireAesGcm(request);
        byte[] aad = base64(request, "additionalAuthenticatedData", false, false);
        byte[] ciphertext = base64(request, "ciphertext", true, true);
        byte[] ciphertextMetadata = base64(request, "ciphertextMetadata", false, true);
        byte[] iv = base64(request, "initializationVector", true, true);
        byte[] tag = base64(request, "authenticationTag", true, true);
        if ((iv.length != 12 && iv.length != 16) || tag.length != TAG_BYTES
                || (ciphertextMetadata != null && ciphertextMetadata.length > MAX_CIPHERTEXT_METADATA)) {
            throw invalidCiphertext();
        }
        usable(key, "DECRYPT");
        ByteBuffer sealed = ByteBuffer.allocate(ciphertext.length + tag.length).put(ciphertext).put(tag);
        byte[] plaintext = gcm(Cipher.DECRYPT_MODE, key, iv, gcmAad(aad, ciphertextMetadata), sealed.array());
        return Json.TREES.createObjectNode().put("plaintext", Base64.getEncoder().encodeToString(plaintext));
    }

    private static void requireAesGcm(JsonNode request) {
        if (!AES_GCM.equals(request.path("encryptionAlgorithm").asText(null))) {
            throw validation("encryptionAlgorithm must be AES_GCM.");
        }
    }

    /**
     * "InvalidStateException: the specified external key or key store is disabled" and "InvalidKeyUsageException: the
     * specified key does not support the requested operation" (spec, "Error codes"). Only AES-256 keys serve: "Version 1
     * of the XKS Proxy interface does not support asymmetric keys or symmetric keys with a length other than 256-bits"
     * (spec, "API operations").
     */
    private static void usable(ExternalKey key, String usage) {
        if (!key.enabled) {
            throw new XksError(400, "InvalidStateException", "The specified external key is disabled.");
        }
        if (!key.keyUsage.contains(usage) || !"AES_256".equals(key.keySpec)) {
            throw new XksError(400, "InvalidKeyUsageException",
                    "The specified key does not support the requested operation.");
        }
    }

    /**
     * "The AAD input for the external key manager should be computed as (2-byte length of additionalAuthenticatedData in
     * big-endian format || additionalAuthenticatedData || 1-byte length of ciphertextMetadata || ciphertextMetadata)
     * [...] If the additionalAuthenticatedData or ciphertextMetadata is not present, the corresponding length MUST be set
     * to zero" (spec, Encrypt response, ciphertextMetadata).
     */
    static byte[] gcmAad(byte[] aad, byte[] ciphertextMetadata) {
        byte[] a = aad == null ? new byte[0] : aad;
        byte[] c = ciphertextMetadata == null ? new byte[0] : ciphertextMetadata;
        if (a.length > 0xFFFF || c.length > MAX_CIPHERTEXT_METADATA) {
            throw validation("additionalAuthenticatedData or ciphertextMetadata is too long.");
        }
        return ByteBuffer.allocate(2 + a.length + 1 + c.length).putShort((short) a.length).put(a)
                .put((byte) c.length).put(c).array();
    }

    private static byte[] gcm(int mode, ExternalKey key, byte[] iv, byte[] aad, byte[] input) {
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(mode, new SecretKeySpec(key.material, "AES"), new GCMParameterSpec(TAG_BYTES * 8, iv));
            cipher.updateAAD(aad);
            return cipher.doFinal(input);
        } catch (AEADBadTagException e) {
            throw invalidCiphertext();
        } catch (GeneralSecurityException e) {
            throw new XksError(500, "InternalException", "The external key manager failed.");
        }
    }

    /** A Base64 member; {@code cipherField} members that are missing or not Base64 are InvalidCiphertextException. */
    private static byte[] base64(JsonNode request, String field, boolean required, boolean cipherField) {
        JsonNode value = request.get(field);
        if (value == null || value.isNull()) {
            if (!required) {
                return null;
            }
            throw cipherField ? invalidCiphertext() : validation(field + " is required.");
        }
        try {
            // "standard Base64 encoding (not URL-safe encoding)" (spec, change log 1.0.2)
            return Base64.getDecoder().decode(value.asText());
        } catch (IllegalArgumentException e) {
            throw cipherField ? invalidCiphertext() : validation(field + " is not Base64.");
        }
    }

    private static XksError validation(String message) {
        return new XksError(400, "ValidationException", message);
    }

    private static XksError invalidCiphertext() {
        return new XksError(400, "InvalidCiphertextException", "The specified ciphertext, initialization vector, "
                + "additional authenticated data or authentication tag is corrupted, missing, or otherwise invalid.");
    }

    private static XksProxyResponse ok(ObjectNode payload) {
        return new XksProxyResponse(200, payload.toString());
    }

    @Override
    public synchronized String toString() {
        return "SimulatedXksProxy[" + prefix + "/kms/xks/v1, " + keys.size() + " keys, reachable=" + reachable + "]";
    }

    /** An external key: its spec, usages, status and material (never printed). */
    private static final class ExternalKey {
        final String keySpec;
        final List<String> keyUsage;
        final byte[] material;
        boolean enabled = true;

        ExternalKey(String keySpec, List<String> keyUsage, byte[] material) {
            this.keySpec = keySpec;
            this.keyUsage = keyUsage;
            this.material = material;
        }
    }

    /** An error of the spec's table: its HTTP status and errorName. */
    private static final class XksError extends RuntimeException {
        final int status;
        final String errorName;

        XksError(int status, String errorName, String message) {
            super(message, null, false, false);
            this.status = status;
            this.errorName = errorName;
        }
    }
}
