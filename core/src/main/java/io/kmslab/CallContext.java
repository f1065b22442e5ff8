package io.kmslab;

import io.kmslab.operations.KmsKey;
import io.kmslab.policy.PolicyDecision;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;

/**
 * One API call, made once when the call starts and handed to everything that serves it: its request id (the
 * {@code x-amzn-RequestId} of the answer and the {@code requestID} of its CloudTrail event), who makes it and from
 * where, the keys it touched (its event's resources) and the authorization decision it was given. Nothing of a call
 * travels any other way: no thread-local and no lab-wide field.
 *
 * <p>Read it after the call with {@link Kms#lastCall()}; the lab keeps the decisions of recent calls by request id
 * ({@link KmsLab#decision(String)}).
 */
public final class CallContext {
    /** The user agent of calls made through the Java API, which sends none. */
    public static final String JAVA_USER_AGENT = "kmslab";

    private final String requestId;
    private final String operation;
    private final Caller caller;
    private final String region;
    private final String viaService;
    private final String sourceIp;
    private final String userAgent;
    private final LinkedHashMap<String, KmsKey> keys = new LinkedHashMap<>(4);
    private boolean metered;
    private volatile PolicyDecision decision;

    CallContext(String requestId, String operation, Caller caller, String region, String viaService, String sourceIp,
            String userAgent) {
        this.requestId = requestId;
        this.operation = operation;
        this.caller = caller;
        this.region = region;
        this.viaService = viaService;
        this.sourceIp = sourceIp;
        this.userAgent = userAgent == null ? JAVA_USER_AGENT : userAgent;
    }

    /** The call's request id: the answer's {@code x-amzn-RequestId} and its audit event's {@code requestID}. */
    public String requestId() {
        return requestId;
    }

    /** The AWS operation, as the wire and CloudTrail name it ({@code Encrypt}). */
    public String operation() {
        return operation;
    }

    public Caller caller() {
        return caller;
    }

    public String region() {
        return region;
    }

    /** The AWS service the call came through ({@code kms:ViaService}), if any. */
    public Optional<String> viaService() {
        return Optional.ofNullable(viaService);
    }

    /** The caller's IP address ({@code aws:SourceIp}), if known. */
    public Optional<String> sourceIp() {
        return Optional.ofNullable(sourceIp);
    }

    /** The client's User-Agent, or {@value #JAVA_USER_AGENT} for the Java API. */
    public String userAgent() {
        return userAgent;
    }

    /** The ARNs of the keys the call touched, in the order it touched them. */
    public synchronized List<String> keyArns() {
        return List.copyOf(keys.keySet());
    }

    /** The authorization decision the call was given; empty when it ended before one (a malformed request). */
    public Optional<PolicyDecision> decision() {
        return Optional.ofNullable(decision);
    }

    @Override
    public String toString() {
        return "CallContext[" + operation + " " + requestId + " by " + caller.arn() + " in " + region + "]";
    }

    // ---- written by the call itself

    synchronized void touched(KmsKey key) {
        keys.putIfAbsent(key.arn(), key);
    }

    synchronized List<KmsKey> keys() {
        return new ArrayList<>(keys.values());
    }

    /** True the first time: a call is counted against its request quota once. */
    synchronized boolean meter() {
        if (metered) {
            return false;
        }
        metered = true;
        return true;
    }

    void decided(PolicyDecision decision) {
        this.decision = decision;
    }
}
