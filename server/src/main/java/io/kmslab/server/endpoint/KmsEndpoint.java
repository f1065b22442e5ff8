package io.kmslab.server.endpoint;

import io.kmslab.Kms;
import io.kmslab.KmsLab;
import io.kmslab.api.DecryptRequest;
import io.kmslab.api.EncryptRequest;
import io.kmslab.api.ReEncryptRequest;
import io.kmslab.keys.EncryptionAlgorithmSpec;
import io.kmslab.Regions;
import io.kmslab.errors.KmsException;
import io.undertow.Undertow;
import io.undertow.UndertowOptions;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.HeaderValues;
import io.undertow.util.Headers;
import io.undertow.util.HttpString;
import io.undertow.server.RequestTooBigException;
import java.io.ByteArrayOutputStream;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.Set;
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
 * request id, which the lab keeps for its last 10,000 calls. Control requests carry the
 * endpoint's {@link ControlToken}.
 *
 * <p>What it defends against (see docs/endpoint.md): web pages in the user's browser ({@link ClientCheck}: no request
 * with an Origin, no Host other than an address or localhost where nothing else authenticates the caller); slow or
 * unfinished bodies (read without a thread, with read timeouts: a worker thread only ever computes); a reset or a stop
 * in the middle of traffic (every call runs on one lab from start to end: a reset waits for the calls in flight on the
 * old lab, closes it, and only then builds the new one; calls that arrive meanwhile wait for the new lab).
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

    /**
     * How the endpoint guards itself: host names accepted in Host besides IP addresses and localhost, and its
     * timeouts (a request's headers must arrive within {@code requestParseTimeout}; a connection that sends nothing
     * for {@code readTimeout} in the middle of a body is closed; an idle kept-alive connection after
     * {@code idleTimeout}).
     */
    public record Options(Set<String> allowedHostNames, Duration readTimeout, Duration requestParseTimeout,
            Duration idleTimeout) {
        public Options {
            allowedHostNames = Set.copyOf(allowedHostNames);
            for (Duration d : new Duration[] {readTimeout, requestParseTimeout, idleTimeout}) {
                if (d.isNegative() || d.isZero() || d.toMillis() > Integer.MAX_VALUE) {
                    throw new IllegalArgumentException("a timeout must be positive and under 24 days, not " + d);
                }
            }
        }

        /** localhost and IP addresses only; 30 s to send headers or the next part of a body; 2 min idle. */
        public static Options defaults() {
            return new Options(Set.of(), Duration.ofSeconds(30), Duration.ofSeconds(30), Duration.ofMinutes(2));
        }

        public Options allowingHostNames(Set<String> names) {
            return new Options(names, readTimeout, requestParseTimeout, idleTimeout);
        }

        public Options withReadTimeout(Duration timeout) {
            return new Options(allowedHostNames, timeout, timeout.compareTo(requestParseTimeout) < 0 ? timeout
                    : requestParseTimeout, idleTimeout);
        }
    }

    private final Identities identities;
    private final ControlApi control = new ControlApi(this);
    private final ControlToken token = ControlToken.random();
    private final ClientCheck clientCheck;
    private final String defaultRegion;
    private final Clock realClock;
    private final Undertow server;
    private final int port;
    /** The lab served now, and the calls in flight on it; replaced whole by a reset. */
    private final ServedLab served;

    private KmsEndpoint(KmsLab lab, Supplier<KmsLab> newLab, Identities identities, String host, int port,
            String defaultRegion, Clock realClock, Options options) {
        this.served = new ServedLab(lab, newLab);
        this.identities = identities;
        this.defaultRegion = defaultRegion;
        this.realClock = realClock;
        Set<String> names = new java.util.HashSet<>(options.allowedHostNames());
        if (!ClientCheck.ipv4Literal(host) && !host.contains(":")) {
            names.add(host);
        }
        this.clientCheck = new ClientCheck(names);
        this.server = Undertow.builder()
                .addHttpListener(port, host)
                .setServerOption(UndertowOptions.MAX_ENTITY_SIZE, DRAIN_LIMIT_BYTES)
                .setServerOption(UndertowOptions.ALWAYS_SET_KEEP_ALIVE, true)
                .setServerOption(UndertowOptions.REQUEST_PARSE_TIMEOUT, (int) options.requestParseTimeout().toMillis())
                .setServerOption(UndertowOptions.NO_REQUEST_TIMEOUT, (int) options.idleTimeout().toMillis())
                .setSocketOption(org.xnio.Options.READ_TIMEOUT, (int) options.readTimeout().toMillis())
                .setSocketOption(org.xnio.Options.WRITE_TIMEOUT, (int) options.readTimeout().toMillis())
                .setHandler(this::route)
                .build();
        this.server.start();
        this.port = ((InetSocketAddress) server.getListenerInfo().get(0).getAddress()).getPort();
    }

    /**
     * Starts an endpoint on host:port (port 0 picks a free one) in front of the lab that {@code newLab} builds; a
     * reset ({@code POST /_kmslab/reset}) closes it and replaces it with a fresh one from the same supplier, and
     * {@link #close()} closes it.
     */
    public static KmsEndpoint start(Supplier<KmsLab> newLab, Identities identities, String host, int port,
            String defaultRegion) {
        return start(newLab, identities, host, port, defaultRegion, Options.defaults());
    }

    public static KmsEndpoint start(Supplier<KmsLab> newLab, Identities identities, String host, int port,
            String defaultRegion, Options options) {
        return new KmsEndpoint(newLab.get(), newLab, identities, host, port, defaultRegion, Clock.systemUTC(),
                options);
    }

    /** Starts an endpoint in front of a given lab, which cannot be reset (a reset is refused with 409). */
    public static KmsEndpoint start(KmsLab lab, Identities identities, String host, int port, String defaultRegion) {
        return start(lab, identities, host, port, defaultRegion, Options.defaults());
    }

    public static KmsEndpoint start(KmsLab lab, Identities identities, String host, int port, String defaultRegion,
            Options options) {
        return new KmsEndpoint(lab, null, identities, host, port, defaultRegion, Clock.systemUTC(), options);
    }

    public int port() {
        return port;
    }

    /** The lab served now (a reset replaces it). */
    public KmsLab lab() {
        return served.lab();
    }

    /** The token a control request must carry in the {@value ControlToken#HEADER} header. */
    public String controlToken() {
        return token.text();
    }

    ControlToken token() {
        return token;
    }

    ClientCheck clientCheck() {
        return clientCheck;
    }

    Identities identities() {
        return identities;
    }

    /**
     * Runs {@code work} on the lab served now, as one call: a reset waits until it is done, and the lab is not replaced
     * under it (the control API and the kmslab-junit extension read and advance the lab this way).
     */
    public <T> T withLab(java.util.function.Function<KmsLab, T> work) {
        return served.with(work);
    }

    /**
     * Replaces the lab with a brand-new one: every key, alias, grant, IAM state, audit event and meter gone, the clock
     * back at its start. The identities stay (the supplier provisions declared ones again). Calls in flight finish on
     * the old lab first; the old lab is then closed (nothing of it is written after), and calls that arrived
     * meanwhile run on the new one. Refused ({@code ResetUnavailable}) when the endpoint was given a lab rather than
     * a supplier of labs. What {@code kmslab reset} and the kmslab-junit extension call.
     */
    public KmsLab reset() {
        if (!served.resettable()) {
            throw new ControlApi.Refusal(409, "ResetUnavailable", "This endpoint serves a lab it was given and "
                    + "cannot build a fresh one; start it with a lab supplier (kmslab serve does) to reset it.");
        }
        return served.reset(() -> { });
    }

    /**
     * Stops serving: calls arriving from now on are refused (KMSInternalException, "The endpoint is stopping"), the
     * calls in flight finish (their worker threads are still there), then the server stops and a lab this endpoint
     * built is closed.
     */
    @Override
    public void close() {
        served.close(server::stop);
    }

    /*
     * The operations answered on the I/O thread that received them, once their whole body has arrived: they take a
     * few microseconds of CPU and write no lab state (at most an audit line), so handing them to a worker thread would
     * cost more than the work. Everything else (key changes that save the lab, RSA key generation, the control API)
     * goes to a worker thread, where blocking is allowed. No thread ever waits for a body: bodies are read as they
     * arrive, on the I/O thread. Which operations: those of the catalogue marked {@code KmsOperation.Trait.LIGHT}.
     */

    private void route(HttpServerExchange exchange) {
        String requestId = newRequestId(exchange);
        boolean controlPath = ControlApi.isControlPath(exchange.getRequestPath());
        String refusal = clientCheck.refusal(exchange, controlPath || !identities.verifiesSignatures());
        if (refusal != null) {
            exchange.setPersistent(false);
            if (controlPath) {
                control.refuse(exchange, new ControlApi.Refusal(403, "Forbidden", refusal));
            } else {
                error(exchange, 403, "AccessDeniedException", refusal);
            }
            return;
        }
        receiveBody(exchange, (ex, body) -> {
            if (controlPath) {
                if (served.closed()) {
                    control.refuse(ex, new ControlApi.Refusal(503, "Stopping", "The endpoint is stopping."));
                } else {
                    ex.dispatch(() -> answerControl(ex, body, requestId));
                }
            } else {
                answer(ex, body, requestId);
            }
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

    /**
     * Reads the body as it arrives, without holding a thread: at most {@link KmsJson#MAX_BODY_BYTES} are kept. A larger
     * body is read to its end and dropped before the 413 is sent, so that a client still sending it reads the answer
     * instead of a reset connection; past {@link #DRAIN_LIMIT_BYTES} the connection is closed instead. A client that
     * hangs up or stalls past the read timeout loses its connection, and nothing is logged as an error.
     */
    private static void receiveBody(HttpServerExchange exchange, io.undertow.io.Receiver.FullBytesCallback then) {
        long declared = exchange.getRequestContentLength();
        io.undertow.io.Receiver.ErrorCallback failed = (ex, e) -> {
            ex.setPersistent(false);
            if (e instanceof RequestTooBigException) {
                error(ex, 413, "SerializationException", tooLarge().getMessage());
            } else {
                LOG.log(Level.FINE, "a request body could not be read", e);
                if (!ex.isResponseStarted() && ex.getConnection().isOpen()) {
                    error(ex, 400, "SerializationException", "The request body could not be read.");
                } else {
                    ex.endExchange();
                }
            }
        };
        if (declared > DRAIN_LIMIT_BYTES) {
            exchange.setPersistent(false);
            error(exchange, 413, "SerializationException", tooLarge().getMessage());
            return;
        }
        if (declared >= 0 && declared <= KmsJson.MAX_BODY_BYTES) {
            exchange.getRequestReceiver().receiveFullBytes(then, failed);
            return;
        }
        ByteArrayOutputStream kept = new ByteArrayOutputStream(8192);
        long[] received = {0};
        exchange.getRequestReceiver().receivePartialBytes((ex, chunk, last) -> {
            received[0] += chunk.length;
            if (received[0] <= KmsJson.MAX_BODY_BYTES) {
                kept.write(chunk, 0, chunk.length);
            }
            if (last) {
                if (received[0] > KmsJson.MAX_BODY_BYTES) {
                    error(ex, 413, "SerializationException", tooLarge().getMessage());
                } else {
                    then.handle(ex, kept.toByteArray());
                }
            }
        }, failed);
    }

    private void answerControl(HttpServerExchange exchange, byte[] body, String requestId) {
        try {
            exchange.startBlocking();
            control.handle(exchange, body);
        } catch (WireError e) {
            control.refuse(exchange, new ControlApi.Refusal(e.status(), e.code(), e.getMessage()));
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "internal error in control request " + requestId, e);
            control.refuse(exchange, new ControlApi.Refusal(500, "KMSInternalException", "The control request "
                    + "failed because of an internal error (request id " + requestId + "; the endpoint's log has "
                    + "the details)."));
        }
    }

    private void answer(HttpServerExchange exchange, byte[] body, String requestId) {
        respond(exchange, requestId, () -> {
            ServedLab.Generation generation = served.tryEnter();
            if (generation == null) {
                if (served.closed()) {
                    throw ServedLab.stopping();
                }
                if (exchange.isInIoThread()) {
                    // a reset is replacing the lab: wait for the new one on a worker thread
                    exchange.dispatch(() -> answer(exchange, body, requestId));
                    return DISPATCHED;
                }
                generation = served.enter();
            }
            boolean handedOver = false;
            try {
                Call call = prepare(exchange, body, generation.lab(), requestId);
                if (exchange.isInIoThread() && (!call.operation.answeredOnIoThread()
                        || call.takesAWhile())) {
                    ServedLab.Generation entered = generation;
                    exchange.dispatch(() -> respond(exchange, requestId, () -> {
                        try {
                            return call.run();
                        } finally {
                            entered.exit();
                        }
                    }));
                    handedOver = true;
                    return DISPATCHED;
                }
                return call.run();
            } finally {
                if (!handedOver) {
                    generation.exit();
                }
            }
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
        } catch (java.util.concurrent.RejectedExecutionException e) {
            // the server's threads are stopping: the call was not made
            error(exchange, 500, "KMSInternalException", "The endpoint is stopping.");
        } catch (RuntimeException | StackOverflowError e) {
            // a fault of the service itself still gets an AWS answer with its request id, never Undertow's bare 500
            LOG.log(Level.WARNING, "internal error in request " + requestId, e);
            error(exchange, 500, "KMSInternalException", "The request processing has failed because of an unknown "
                    + "error, exception or failure.");
        }
    }

    /**
     * A KMS call whose request is read and whose caller is known, ready to run on the engine: through a handle of its
     * own that carries the HTTP request's id and the client's User-Agent, which the call's audit event records and
     * under which the lab keeps its decision for explain.
     */
    private static final class Call {
        private final Operations.Operation<?> operation;
        private final Object request;
        private final Kms kms;

        Call(Operations.Operation<?> operation, Object request, Kms kms) {
            this.operation = operation;
            this.request = request;
            this.kms = kms;
        }

        /** An operation answered on the I/O thread that still needs a private-key RSA or SM2 computation. */
        boolean takesAWhile() {
            return request instanceof DecryptRequest d && asymmetric(d.encryptionAlgorithm())
                    || request instanceof EncryptRequest e && asymmetric(e.encryptionAlgorithm())
                    || request instanceof ReEncryptRequest r && (asymmetric(r.sourceEncryptionAlgorithm())
                            || asymmetric(r.destinationEncryptionAlgorithm()));
        }

        Object run() {
            return operation.invoke(kms, request);
        }
    }

    private static boolean asymmetric(EncryptionAlgorithmSpec algorithm) {
        return algorithm != null && algorithm != EncryptionAlgorithmSpec.SYMMETRIC_DEFAULT;
    }

    /** Reads a KMS call: its operation, its caller (verifying the signature) and its request. */
    private Call prepare(HttpServerExchange exchange, byte[] body, KmsLab current, String requestId) {
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
        return new Call(operation, request, current.kms(identity.caller(), region)
                .from(exchange.getSourceAddress().getAddress().getHostAddress())
                .forRequest(requestId, userAgent(exchange)));
    }

    /** The client's User-Agent as CloudTrail records it (at most 1,024 characters, printable). */
    private static String userAgent(HttpServerExchange exchange) {
        String agent = exchange.getRequestHeaders().getFirst(Headers.USER_AGENT);
        if (agent == null || agent.isBlank()) {
            return null;
        }
        String printable = agent.replaceAll("[^\\x20-\\x7e]", "?");
        return printable.length() > 1024 ? printable.substring(0, 1024) : printable;
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

    private static WireError tooLarge() {
        return new WireError("SerializationException", 413, "The request body is larger than "
                + KmsJson.MAX_BODY_BYTES + " bytes.");
    }

    private static void error(HttpServerExchange exchange, int status, String code, String message) {
        Map<String, String> body = new java.util.LinkedHashMap<>();
        body.put("__type", code);
        if (message != null && !message.isEmpty()) {
            body.put("message", message);
        }
        send(exchange, status, KmsJson.write(body));
    }

    private static void send(HttpServerExchange exchange, int status, byte[] body) {
        if (exchange.isResponseStarted()) {
            // answered already (by Undertow, when the connection or the server went away meanwhile): nothing to add
            exchange.endExchange();
            return;
        }
        exchange.setStatusCode(status);
        exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, CONTENT_TYPE);
        exchange.getResponseSender().send(ByteBuffer.wrap(body));
    }
}
