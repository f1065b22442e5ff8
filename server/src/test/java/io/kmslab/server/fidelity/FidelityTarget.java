package io.kmslab.server.fidelity;

import com.fasterxml.jackson.databind.JsonNode;
import io.kmslab.KmsLab;
import java.time.Duration;

/**
 * Where a fidelity case is sent: the engine in-process through the endpoint's own JSON reading and writing, or the
 * endpoint over HTTP, signed with SigV4 as the AWS SDK signs. Both answer with the status and JSON body the wire
 * would carry.
 */
interface FidelityTarget extends AutoCloseable {
    /** The caller of a case: the lab's default account root, or {@code alice}, an IAM user without any policy. */
    enum Principal { root, alice }

    /** An answer as the wire carries it: the HTTP status and the JSON body ({@code {}} for an empty one). */
    record Answer(int status, JsonNode body) {
    }

    String name();

    Answer call(Principal caller, String region, String operation, byte[] body) throws Exception;

    KmsLab lab();

    default void advance(Duration duration) {
        lab().advance(duration);
    }

    @Override
    void close();
}
