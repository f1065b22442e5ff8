package io.kmslab.keystores;

import java.io.UncheckedIOException;

/**
 * An external key store proxy KMS Lab talks to: a {@link SimulatedXksProxy} in-process, or a real proxy at a URL the
 * user who started the lab named ({@link HttpXksProxy}). Both answer one request of the XKS Proxy API
 * (https://github.com/aws/aws-kms-xksproxy-api-spec) the same way.
 */
@FunctionalInterface
public interface XksProxyTransport {

    /**
     * Sends one request to the proxy and returns what it answered, whatever its HTTP status.
     *
     * @param method the HTTP method (KMS sends POST only)
     * @param path the request's path, the store's XksProxyUriPath and the operation's, e.g.
     *        {@code /example-prefix/kms/xks/v1/health}
     * @param credential the credential the request is signed with (SigV4 over the network)
     * @param body the JSON payload
     * @throws UncheckedIOException when no answer came: its cause is a {@link java.net.http.HttpTimeoutException} when
     *         the proxy did not answer in time, a {@link javax.net.ssl.SSLException} when no TLS connection could be
     *         made, another {@link java.io.IOException} when the proxy cannot be reached
     */
    XksProxyResponse send(String method, String path, XksProxyCredential credential, String body);
}
