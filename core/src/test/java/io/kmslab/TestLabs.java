package io.kmslab;

import io.kmslab.api.CreateKeyRequest;
import io.kmslab.api.KeyMetadata;
import io.kmslab.keys.KeySpec;
import io.kmslab.keys.KeyUsageType;
import java.time.Instant;

/** Labs and keys the tests start from. */
final class TestLabs {
    static final Instant START = Instant.parse("2026-01-20T09:00:00Z");

    private TestLabs() {
    }

    static KmsLab lab() {
        return KmsLab.builder().startingAt(START).seed(42).build();
    }

    static KeyMetadata symmetricKey(Kms kms) {
        return kms.createKey(CreateKeyRequest.builder().description("test key").build()).keyMetadata();
    }

    static KeyMetadata key(Kms kms, KeySpec spec, KeyUsageType usage) {
        return kms.createKey(CreateKeyRequest.builder().keySpec(spec).keyUsage(usage).build()).keyMetadata();
    }
}
