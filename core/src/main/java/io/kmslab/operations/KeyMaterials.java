package io.kmslab.operations;

import io.kmslab.crypto.KeyMaterial;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The generations of key material of a key and its rotation schedule. A single-Region key has its own; the related
 * keys of a multi-Region key (the primary and its replicas) share one, which is how they share key material and
 * rotation.
 */
public final class KeyMaterials {
    final List<KeyMaterial> materials = new CopyOnWriteArrayList<>();
    final List<KmsKey.Rotation> rotations = new CopyOnWriteArrayList<>();
    volatile KeyMaterial currentMaterial;
    volatile boolean rotationEnabled;
    volatile int rotationPeriodInDays = 365;
    volatile Instant nextRotationDate;
    volatile boolean rotationOverdue;
    /** Counts every change of the above, for io.kmslab.persistence (see {@link KmsKey#materialsChangeCount()}). */
    final java.util.concurrent.atomic.AtomicLong changes = new java.util.concurrent.atomic.AtomicLong();
}
