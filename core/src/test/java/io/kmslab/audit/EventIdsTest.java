package io.kmslab.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kmslab.KmsLab;
import io.kmslab.api.CreateKeyRequest;
import io.kmslab.api.RotateKeyOnDemandRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class EventIdsTest {
    private static final Instant START = Instant.parse("2026-01-20T09:00:00Z");

    /** The request and event ids of every event of a small session: API calls and KMS's own service events. */
    private static List<String> sessionIds(KmsLab lab) {
        var kms = lab.kms("us-east-1");
        String keyId = kms.createKey(CreateKeyRequest.builder().build()).keyMetadata().keyId();
        kms.rotateKeyOnDemand(new RotateKeyOnDemandRequest(keyId));
        kms.scheduleKeyDeletion(io.kmslab.api.ScheduleKeyDeletionRequest.of(keyId, 7));
        lab.clock().advance(Duration.ofDays(8));
        return lab.auditTrail().events().flatMap(e -> java.util.stream.Stream.of(e.requestID(), e.eventID()))
                .filter(java.util.Objects::nonNull).toList();
    }

    @Test
    void aSeededLabsTrailHasTheSameIdsOnEveryRun() {
        List<String> first = sessionIds(KmsLab.builder().seed(2026).startingAt(START).build());
        List<String> second = sessionIds(KmsLab.builder().seed(2026).startingAt(START).build());
        assertEquals(first, second);
        assertTrue(first.size() >= 7, "API calls with request and event ids, and the service events: " + first);
        assertEquals(first.size(), first.stream().distinct().count(), "ids are unique within the trail");
    }

    @Test
    void unseededLabsAndOtherSeedsGiveOtherIds() {
        List<String> seeded = sessionIds(KmsLab.builder().seed(2026).startingAt(START).build());
        assertNotEquals(seeded, sessionIds(KmsLab.builder().seed(2027).startingAt(START).build()));
        assertNotEquals(sessionIds(KmsLab.builder().startingAt(START).build()),
                sessionIds(KmsLab.builder().startingAt(START).build()));
    }

    @Test
    void idsAreVersion4Uuids() {
        for (EventIds ids : List.of(EventIds.random(), EventIds.seeded(1))) {
            UUID id = UUID.fromString(ids.next());
            assertEquals(4, id.version());
            assertEquals(2, id.variant());
        }
    }
}
