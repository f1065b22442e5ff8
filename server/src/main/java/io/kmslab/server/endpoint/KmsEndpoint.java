package io.kmslab.server.endpoint;

import io.kmslab.Kms;
import io.kmslab.KmsLab;
import io.kmslab.api.DecryptRequest;
import io.kmslab.api.EncryptRequest;
import io.kmslab.api.ReEncryptRequest;
import io.kmslab.keys.EncryptionAlgorithmSpec;
import io.kmslab.Regions;
import io.kmslab.errors.KmsException;
import io.kmslab.policy.PolicyDecision;
import io.undertow.Undertow;
import io.undertow.UndertowOptions;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.server.handlers.BlockingHandler;
import io.undertow.util.HeaderValues;
import io.undertow.util.Headers;
import io.undertow.util.HttpString;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The KMS endpoint: the KMS JSON 1.1 protocol (X-Amz-Target TrentService.&lt;Operation&gt;) over HTTP, served by
 * Undertow, in front of a lab. Every answer carries x-amzn-RequestId; errors are {"__type", "message"} with status 400
 * (500 only for the service's own faults); a client mistake never gets a 500 and never a stack trace.
 *
 * <p>Beside the KMS API, the same address serves the simulator's own control API under {@code /_kmslab/} (see
 * {@link ControlApi}): the simulated clock, a reset, the bill, the audit trail, and the decision trace of a call by its
 * request id, which the endpoint keeps for its last {@value DecisionLog#CAPACITY} calls.
 */
public final class KmsEndpoint implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(KmsEndpoint.class.getName());
    private static final String TARGET_PREFIX = "TrentService.";
    private static final HttpString REQUEST_ID = new HttpString("x-amzn-RequestId");
    private static final HttpString TARGET = new HttpString("X-Amz-Target");
    private static final String CONTENT_TYPE = "application/x-amz-json-1.1";
    /** How much of a body over the limit is read and dropped so that its sender gets the 413 answer. */
    private static final long DRAIN_LIMIT_BYTES = 64L * 1024 * 1024;
    /** The media types of a request body: what the AWS CLI and SDKs send, and plain JSON. */
    private static final java.util.Set<String> JSON_MEDIA_TYPES = java.util.Set.of("application/x-amz-json-1.1",
            "application/x-amz-json-1.0", "application/json");

    private final AtomicReference<KmsLab> lab;
    private final Supplier<KmsLab> newLab;
    private final Identities identities;
    private final DecisionLog decisions = new DecisionLog(DecisionLog.CAPACITY);
    private final ControlApi control = new ControlApi(this);
    private final String defaultRegion;
    private final Clock realClock;
    private final Undertow server;
    private final int port;
    private final HttpHandler blocking = new BlockingHandler(this::handle);

    private KmsEndpoint(KmsLab lab, Supplier<KmsLab> newLab, Identities identities, String host, int port,
            String defaultRegion, Clock realClock) {
        this.lab = new AtomicReference<>(lab);
        this.newLab = newLab;
        this.identities = identities;
        this.defaultRegion = defaultRegion;
        this.realClock = realClock;
        this.server = Undertow.builder()
                .addHttpListener(port, host)
                .setServerOption(UndertowOptions.MAX_ENTITY_SIZE, DRAIN_LIMIT_BYTES)
                .setServerOption(UndertowOptions.ALWAYS_SET_KEEP_ALIVE, true)
                .setHandler(this::route)
                .build();
        this.server.start();
        this.port = ((InetSocketAddress) server.getListenerInfo().get(0).getAddress()).getPort();
    }

    /**
     * Starts an endpoint on host:port (port 0 picks a free one) in front of the lab that {@code newLab} builds; a
     * reset ({@code POST /_kmslab/reset}) replaces it with a fresh one from the same supplier.
     */
    public static KmsEndpoint start(Supplier<KmsLab> newLab, Identities identities, String host, int port,
            String defaultRegion) {
        return new KmsEndpoint(newLab.get(), newLab, identities, host, port, defaultRegion, Clock.systemUTC());
    }

    /** Starts an endpoint in front of a given lab, which cannot be reset (a reset is refused with 409). */
    public static KmsEndpoint start(KmsLab lab, Identities identities, String host, int port, String defaultRegion) {
        return new KmsEndpoint(lab, null, identities, host, port, defaultRegion, Clock.systemUTC());
    }

    public int port() {
        return port;
    }

    /** The lab served now (a reset replaces it). */
    public KmsLab lab() {
        return lab.get();
    }

    Identities identities() {
        return identities;
    }

    DecisionLog decisions() {
        return decisions;
    }

    /**
     * Replaces the lab with a brand-new one: every key, alias, grant, IAM state, audit event and meter gone, the clock
     * back at its start. The identities stay (the supplier provisions declared ones again).
     */
    synchronized KmsLab reset() {
        if (newLab == null) {
            throw new ControlApi.Refusal(409, "ResetUnavailable", "This endpoint serves a lab it was given and "
                    + "cannot build a fresh one; start it with a lab supplier (kmslab serve does) to reset it.");
        }
        KmsLab fresh = newLab.get();
        lab.set(fresh);
        decisions.clear();
        return fresh;
    }

    @Override
    public void close() {
        server.stop();
    }

    /**
     * The operations answered on the I/O thread that received them, once their whole body has arrived: they take a
     * few microseconds of CPU and write no lab state (at most an audit line), so handing them to a worker thread would
     * cost more than the work. Everything else (key changes that save the lab, RSA key generation, the control API,
     * bodies of unknown or excessive length) goes to a worker thread, where blocking is allowed.
     */
    private static final java.util.Set<String> ANSWERED_ON_IO_THREAD = java.util.Set.of("Encrypt", "Decrypt",
            "ReEncrypt", "GenerateDataKey", "GenerateDataKeyWithoutPlaintext", "GenerateMac", "VerifyMac",
            "GenerateRandom", "DescribeKey", "ListKeys", "ListAliases", "GetKeyRotationStatus", "ListResourceTags",
            "GetKeyPolicy", "ListKeyPolicies", "ListGrants");

    private void route(HttpServerExchange exchange) throws Exception {
        long declared = exchange.getRequestContentLength();
        String target = exchange.getRequestHeaders().getFirst(TARGET);
        if (!exchange.isInIoThread() || declared < 0 || declared > KmsJson.MAX_BODY_BYTES || target == null
                || !target.startsWith(TARGET_PREFIX)
                || !ANSWERED_ON_IO_THREAD.contains(target.substring(TARGET_PREFIX.length()))
                || ControlApi.isControlPath(exchange.getRequestPath())) {
            blocking.handleRequest(exchange);
            return;
        }
        exchange.getRequestReceiver().receiveFullBytes((ex, body) -> answer(ex, body, newRequestId(ex)),
                (ex, e) -> {
                    ex.setPersistent(false);
                    error(ex, 400, "SerializationException", "The request body could not be read.");
                });
    }

    /** A request id in the form AWS gives (a random UUID); it names a call, it protects nothing. */
    private static String newRequestId(HttpServerExchange exchange) {
        java.util.concurrent.ThreadLocalRandom random = java.util.concurrent.ThreadLocalRandom.current();
        long high = (random.nextLong() & ~0xF000L) | 0x4000L;
        long low = (random.nextLong() & 0x3FFF_FFFF_FFFF_FFFFL) | 0x8000_0000_0000_0000L;
        String requestId = new UUID(high, low).toString();
        exchange.getResponseHeaders().put(REQUEST_ID, requestId);
        return requestId;
    }

    private void handle(HttpServerExchange exchange) {
        String requestId = newRequestId(exchange);
        byte[] body;
        try {
            body = readBody(exchange);
        } catch (WireError e) {
            error(exchange, e.status(), e.code(), e.getMessage());
            return;
        }
        answer(exchange, body, requestId);
    }

    private void answer(HttpServerExchange exchange, byte[] body, String requestId) {
        if (ControlApi.isControlPath(exchange.getRequestPath())) {
            try {
                control.handle(exchange, body);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "internal error in control request " + requestId, e);
                error(exchange, 500, "KMSInternalException", "The control request failed because of an internal "
                        + "error (request id " + requestId + "; the endpoint's log has the details).");
            }
            return;
        }
        respond(exchange, requestId, () -> {
            Call call = prepare(exchange, body);
            if (exchange.isInIoThread() && call.takesAWhile()) {
                exchange.dispatch(() -> respond(exchange, requestId, () -> call.run(requestId)));
                return DISPATCHED;
            }
            return call.run(requestId);
        });
    }

    /** What {@link #respond} is given by work that went on to a worker thread, which will answer. */
    private static final Object DISPATCHED = new Object();

    /** Does the work of a KMS call and answers with its result, or with the AWS error it ended in. */
    private void respond(HttpServerExchange exchange, String requestId, Supplier<Object> work) {
        try {
            Object response = work.get();
            if (response != DISPATCHED) {
                send(exchange, 200, KmsJson.write(response));
            }
        } catch (KmsException e) {
            error(exchange, e.httpStatus(), e.errorCode(), e.getMessage());
        } catch (WireError e) {
            error(exchange, e.status(), e.code(), e.getMessage());
        } catch (RuntimeException | StackOverflowError e) {
            // a fault of the service itself still gets an AWS answer with its request id, never Undertow's bare 500
            LOG.log(Level.WARNING, "internal error in request " + requestId, e);
            error(exchange, 500, "KMSInternalException", "The request processing has failed because of an unknown "
                    + "error, exception or failure.");
        }
    }

    /** A KMS call whose request is read and whose caller is known, ready to run on the engine. */
    private final class Call {
        private final Operations.Operation<?> operation;
        private final Object request;
        private final Identities.Identity identity;
        private final KmsLab served;
        private final Kms kms;

        Call(Operations.Operation<?> operation, Object request, Identities.Identity identity, KmsLab served,
                Kms kms) {
            this.operation = operation;
            this.request = request;
            this.identity = identity;
            this.served = served;
            this.kms = kms;
        }

        /** An operation answered on the I/O thread that still needs a private-key RSA or SM2 computation. */
        boolean takesAWhile() {
            return request instanceof DecryptRequest d && asymmetric(d.encryptionAlgorithm())
                    || request instanceof EncryptRequest e && asymmetric(e.encryptionAlgorithm())
                    || request instanceof ReEncryptRequest r && (asymmetric(r.sourceEncryptionAlgorithm())
                            || asymmetric(r.destinationEncryptionAlgorithm()));
        }

        Object run(String requestId) {
            PolicyDecision before = served.lastDecision().orElse(null);
            try {
                return operation.invoke(kms, request);
            } finally {
                keepDecision(served, before, identity, requestId);
            }
        }
    }

    private static boolean asymmetric(EncryptionAlgorithmSpec algorithm) {
        return algorithm != null && algorithm != EncryptionAlgorithmSpec.SYMMETRIC_DEFAULT;
    }

    /** Reads a KMS call: its operation, its caller (verifying the signature) and its request. */
    private Call prepare(HttpServerExchange exchange, byte[] body) {
        if (!exchange.getRequestMethod().toString().equals("POST")) {
            throw new WireError("UnknownOperationException", 400, "Only POST requests are served.");
        }
        // awsJson1_1 (Smithy AWS protocols): "Every request [...] MUST be sent to the root URL (/) using the HTTP POST
        // method". Another path is no request of the protocol; the service framework's default answer then is "an
        // UnknownOperationException 404" (an AWS engineer in smithy-lang/smithy#1368; not in AWS's KMS docs).
        if (!exchange.getRequestPath().equals("/")) {
            throw new WireError("UnknownOperationException", 404, "The KMS API is served on / only.");
        }
        HeaderValues targets = exchange.getRequestHeaders().get(TARGET);
        // AWS's answer to a repeated X-Amz-Target is not documented; its values joined (as HTTP joins a repeated
        // header) name no operation, so it is refused as an unknown operation rather than served as either one
        if (targets != null && targets.size() > 1) {
            throw new WireError("UnknownOperationException", 400, "X-Amz-Target must be sent once.");
        }
        String target = targets == null ? null : targets.getFirst();
        if (target == null || !target.startsWith(TARGET_PREFIX)) {
            throw new WireError("UnknownOperationException", 400, "Missing or unknown X-Amz-Target.");
        }
        Operations.Operation<?> operation = Operations.named(target.substring(TARGET_PREFIX.length()))
                .orElseThrow(() -> new WireError("UnknownOperationException", 400, null));
        String contentType = exchange.getRequestHeaders().getFirst(Headers.CONTENT_TYPE);
        if (contentType != null && !JSON_MEDIA_TYPES.contains(mediaType(contentType))) {
            throw new WireError("SerializationException", 400, "Unsupported Content-Type: "
                    + (contentType.length() > 100 ? contentType.substring(0, 100) + "..." : contentType));
        }
        String authorization = exchange.getRequestHeaders().getFirst(Headers.AUTHORIZATION);
        SigV4.Credential credential = authorization == null && !identities.verifiesSignatures() ? null
                : SigV4.parse(authorization);
        Identities.Identity identity = identities.find(credential == null ? "anonymous" : credential.accessKeyId())
                .orElseThrow(() -> new WireError("UnrecognizedClientException", 400,
                        "The security token included in the request is invalid."));
        if (identities.verifiesSignatures()) {
            SigV4.verify(credential, identity.secretAccessKey(), "POST", exchange.getRequestPath(),
                    exchange.getQueryString(), headers(exchange), body, realClock.instant());
        }
        String region = credential == null ? defaultRegion : credential.region();
        if (!Regions.isKnown(region)) {
            throw new WireError("UnrecognizedClientException", 400, "The security token included in the request is "
                    + "invalid: unknown Region '" + region + "' in the credential scope.");
        }
        Object request = KmsJson.read(body, operation.requestType());
        KmsLab current = lab.get();
        return new Call(operation, request, identity, current, current.kms(identity.caller(), region)
                .from(exchange.getSourceAddress().getAddress().getHostAddress()));
    }

    /**
     * Keeps the decision of this call for explain. The lab's last decision is lab-wide, so it is taken only if it
     * changed during the call and was made for this caller: a concurrent call of the same caller could still win the
     * race, and then the trace is of that call's decision, never of another caller's.
     */
    private void keepDecision(KmsLab current, PolicyDecision before, Identities.Identity identity, String requestId) {
        current.lastDecision()
                .filter(after -> after != before && identity.caller().arn().equals(after.request().callerArn()))
                .ifPresent(after -> decisions.put(requestId, after));
    }

    /** The type/subtype of a Content-Type, without its parameters (charset=utf-8). */
    private static String mediaType(String contentType) {
        int semicolon = contentType.indexOf(';');
        return (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).trim().toLowerCase(Locale.ROOT);
    }

    private static Map<String, String> headers(HttpServerExchange exchange) {
        Map<String, String> headers = new HashMap<>();
        for (HeaderValues values : exchange.getRequestHeaders()) {
            headers.put(values.getHeaderName().toString().toLowerCase(Locale.ROOT), String.join(",", values));
        }
        return headers;
    }

    /**
     * Reads the body, at most {@link KmsJson#MAX_BODY_BYTES}. A larger one is read to its end and dropped before the
     * 413 is sent, so that a client still sending it reads the answer instead of a reset connection; past
     * {@link #DRAIN_LIMIT_BYTES} the connection is closed instead.
     */
    private static byte[] readBody(HttpServerExchange exchange) {
        long declared = exchange.getRequestContentLength();
        if (declared > DRAIN_LIMIT_BYTES) {
            exchange.setPersistent(false);
            throw tooLarge();
        }
        try (InputStream in = exchange.getInputStream()) {
            ByteArrayOutputStream out = new ByteArrayOutputStream(declared > 0
                    ? (int) Math.min(declared, KmsJson.MAX_BODY_BYTES) : 256);
            byte[] buffer = new byte[8192];
            int n;
            while ((n = in.read(buffer)) >= 0) {
                out.write(buffer, 0, n);
                if (out.size() > KmsJson.MAX_BODY_BYTES) {
                    long dropped = out.size();
                    while (dropped <= DRAIN_LIMIT_BYTES && (n = in.read(buffer)) >= 0) {
                        dropped += n;
                    }
                    if (dropped > DRAIN_LIMIT_BYTES) {
                        exchange.setPersistent(false);
                    }
                    throw tooLarge();
                }
            }
            return out.toByteArray();
        } catch (IOException e) {
            exchange.setPersistent(false);
            throw new WireError("SerializationException", 400, "The request body could not be read.");
        }
    }

    private static WireError tooLarge() {
        return new WireError("SerializationException", 413, "The request body is larger than "
                + KmsJson.MAX_BODY_BYTES + " bytes.");
    }

    private static void error(HttpServerExchange exchange, int status, String code, String message) {
        StringBuilder json = new StringBuilder("{\"__type\":\"").append(code).append('"');
        if (message != null && !message.isEmpty()) {
            json.append(",\"message\":").append(jsonString(message));
        }
        json.append('}');
        send(exchange, status, json.toString().getBytes(StandardCharsets.UTF_8));
    }

    private static void send(HttpServerExchange exchange, int status, byte[] body) {
        exchange.setStatusCode(status);
        exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, CONTENT_TYPE);
        exchange.getResponseSender().send(ByteBuffer.wrap(body));
    }

    private static String jsonString(String s) {
        return new String(KmsJson.write(s), StandardCharsets.UTF_8);
    }
}
