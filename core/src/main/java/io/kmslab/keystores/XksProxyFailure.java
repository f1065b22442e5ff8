package io.kmslab.keystores;

/**
 * Why a call from KMS to an external key store proxy failed, one value for each "Failure Scenario" of the XKS Proxy API
 * specification's table of KMS exception messages (https://github.com/aws/aws-kms-xksproxy-api-spec,
 * {@code xks_proxy_api_spec.md}, "Error codes", KMS Considerations), with the message KMS gives for it. The spec: "KMS
 * cannot introduce new exceptions [...] Instead, KMS will use the exception message string to communicate what went
 * wrong and what to do about it [...] Depending on the KMS API being invoked, the same failure scenario can result in
 * different exceptions but the exception message will be the same. KMS will not include the errorMessage returned by
 * the proxy in the error message it returns to a KMS caller."
 */
public enum XksProxyFailure {
    /** "Proxy returns a ValidationException". */
    VALIDATION(Messages.CANNOT_INTERPRET),
    /** "Proxy returns an InvalidStateException". */
    INVALID_STATE("The external key associated with this KMS key in an external key store is not enabled in the "
            + "external key manager. Enable the external key in the external key manager and retry the request."),
    /** "Proxy returns an InvalidCiphertextException". */
    INVALID_CIPHERTEXT("The external key store proxy rejected the request because the specified ciphertext or "
            + "encryption context is corrupted, missing, or otherwise invalid."),
    /** "Proxy returns an invalid ciphertext": what the proxy decrypted does not open under the KMS key material. */
    INVALID_CIPHERTEXT_FROM_PROXY("The ciphertext that the external key store proxy submitted for decryption, or the "
            + "encryption context, is corrupted, missing, or otherwise invalid."),
    /** "Proxy returns an InvalidKeyUsageException". */
    INVALID_KEY_USAGE("The external key associated with this KMS key in an external key store does not support the "
            + "requested operation. Enable the operation on the key in your external key manager, and try the request "
            + "again."),
    /** "Proxy returns an AuthenticationFailedException". */
    AUTHENTICATION_FAILED("The external key store proxy rejected the request because it could not authenticate AWS "
            + "KMS. Verify the XKS proxy authentication credentials for your external key store and update if "
            + "necessary."),
    /** "Proxy returns an AccessDeniedException". */
    ACCESS_DENIED("The external key store proxy denied access to the operation. Verify that the user and the external "
            + "key are both authorized for this operation, and try the request again."),
    /** "Proxy returns a KeyNotFoundException". */
    KEY_NOT_FOUND("The external key associated with this KMS key in an external key store was not found in its "
            + "external key manager. If the external key ID associated with this KMS key is incorrect, create a new "
            + "KMS key with the correct external key ID."),
    /** "Proxy returns an InvalidUriPathException". */
    INVALID_URI_PATH("The external key store proxy rejected the request because of an invalid URI path. Verify the URI "
            + "path for your external key store and update if necessary."),
    /** "Proxy returns an UnsupportedOperationException". */
    UNSUPPORTED_OPERATION("The external key store proxy rejected the request because it does not support the requested "
            + "operation. If you see this error repeatedly, report it to your external key store proxy administrator."),
    /** "Proxy returns a DependencyTimeoutException". */
    DEPENDENCY_TIMEOUT("The external key store proxy did not respond to the request in the time allotted. Retry the "
            + "request. If you see this error repeatedly, report it to your external key store proxy administrator."),
    /** "Proxy returns a ThrottlingException". */
    THROTTLING("The external key store proxy rejected the request due to a very high request rate. Reduce the "
            + "frequency of your calls using KMS keys in this external key store."),
    /** "Proxy returns an InternalException". */
    INTERNAL("The external key store proxy rejected the request because it cannot communicate with the external key "
            + "manager. Verify that the external key store proxy configuration is correct and that the external key "
            + "manager is available."),
    /** "AWS KMS cannot establish a TCP connection". */
    NO_CONNECTION("AWS KMS cannot communicate with the external key store proxy. This might be a transient network "
            + "issue. If you see this error repeatedly, verify that your external key store proxy is active and is "
            + "connected to the network, and that its endpoint URI is correct in your external keystore."),
    /** "Proxy returns a malformed response" (also: "an HTTP error code without a JSON-formatted body"). */
    MALFORMED_RESPONSE(Messages.CANNOT_INTERPRET),
    /** "Custom key store is not in CONNECTED state". */
    NOT_CONNECTED("This KMS key is in a custom key store that is not connected to its external key store proxy. "
            + "Connect the external key store and try the request again.");

    private final String message;

    XksProxyFailure(String message) {
        this.message = message;
    }

    /** The message KMS answers with, whatever the exception (the spec's third column). */
    public String message() {
        return message;
    }

    /** The failure an error answer of the proxy stands for, by its errorName (spec, "Error codes"). */
    public static XksProxyFailure ofErrorName(String errorName) {
        return switch (errorName == null ? "" : errorName) {
            case "ValidationException" -> VALIDATION;
            case "InvalidStateException" -> INVALID_STATE;
            case "InvalidCiphertextException" -> INVALID_CIPHERTEXT;
            case "InvalidKeyUsageException" -> INVALID_KEY_USAGE;
            case "AuthenticationFailedException" -> AUTHENTICATION_FAILED;
            case "AccessDeniedException" -> ACCESS_DENIED;
            case "KeyNotFoundException" -> KEY_NOT_FOUND;
            case "InvalidUriPathException" -> INVALID_URI_PATH;
            case "UnsupportedOperationException" -> UNSUPPORTED_OPERATION;
            case "DependencyTimeoutException" -> DEPENDENCY_TIMEOUT;
            case "ThrottlingException" -> THROTTLING;
            case "InternalException" -> INTERNAL;
            default -> MALFORMED_RESPONSE;
        };
    }

    private static final class Messages {
        /** "AWS KMS cannot interpret the response from the external key store proxy [...]" (the spec, twice). */
        static final String CANNOT_INTERPRET = "AWS KMS cannot interpret the response from the external key store "
                + "proxy. If you see this error repeatedly, report it to your external key store proxy administrator.";
    }
}
