package io.kmslab.services;

import io.kmslab.KmsLab;
import io.kmslab.audit.AuditEvent;
import java.util.List;

/** A lab's audit trail as the service tests read it: the last event of a name, how many there are, the data calls. */
record LabTrail(KmsLab lab) {
    private static final List<String> DATA_CALLS = List.of("Encrypt", "Decrypt", "GenerateDataKey");

    /** The latest event called {@code eventName}; fails when there is none. */
    AuditEvent last(String eventName) {
        return lab.auditTrail().events().filter(e -> e.eventName().equals(eventName)).reduce((a, b) -> b)
                .orElseThrow();
    }

    long count(String eventName) {
        return lab.auditTrail().events().filter(e -> e.eventName().equals(eventName)).count();
    }

    /** How many Encrypt, Decrypt and GenerateDataKey events there are: the KMS calls that protect a value. */
    long dataCalls() {
        return lab.auditTrail().events().filter(e -> DATA_CALLS.contains(e.eventName())).count();
    }
}
