package io.kmslab.server.fidelity;

import io.kmslab.Caller;
import io.kmslab.Json;
import io.kmslab.KmsLab;
import io.kmslab.errors.KmsException;
import io.kmslab.server.endpoint.KmsJson;
import io.kmslab.server.endpoint.Operations;
import io.kmslab.server.endpoint.WireError;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The engine in-process: the request body read by {@link KmsJson} into the operation's request record, the operation
 * made on the region's KMS for the caller, and the answer (or the AWS error) written as the endpoint writes it. No
 * HTTP, no signature.
 */
final class EngineTarget implements FidelityTarget {
    private final KmsLab lab;
    private final Map<Principal, Caller> callers;

    EngineTarget(KmsLab lab, Map<Principal, Caller> callers) {
        this.lab = lab;
        this.callers = callers;
    }

    @Override
    public String name() {
        return "engine";
    }

    @Override
    public KmsLab lab() {
        return lab;
    }

    @Override
    public Answer call(Principal caller, String region, String operation, byte[] body) throws Exception {
        try {
            Operations.Operation<?> served = Operations.named(operation)
                    .orElseThrow(() -> new WireError("UnknownOperationException", 400, null));
            Object request = KmsJson.read(body, served.requestType());
            Object response = served.catalogued().invoke(lab.kms(callers.get(caller), region), request);
            return new Answer(200, Json.TREES.readTree(KmsJson.write(response)));
        } catch (KmsException e) {
            return error(e.httpStatus(), e.errorCode(), e.getMessage());
        } catch (WireError e) {
            return error(e.status(), e.code(), e.getMessage());
        }
    }

    /** The error body the endpoint writes: {@code __type}, and {@code message} when there is one. */
    private static Answer error(int status, String type, String message) {
        Map<String, String> body = new LinkedHashMap<>();
        body.put("__type", type);
        if (message != null && !message.isEmpty()) {
            body.put("message", message);
        }
        return new Answer(status, Json.TREES.valueToTree(body));
    }

    @Override
    public void close() {
        lab.close();
    }
}
