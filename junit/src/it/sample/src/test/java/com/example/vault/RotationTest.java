package com.example.vault;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.kmslab.junit.KmsLabTest;
import io.kmslab.junit.RunningLab;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.RotationType;
import software.amazon.awssdk.services.kms.model.RotationsListEntry;

/** Automatic rotation every 90 days, seen in a test that takes milliseconds: the simulated clock moves 91 days. */
@KmsLabTest
class RotationTest {

    @Test
    void ninetyOneDaysLaterTheKeyHasRotatedAndOldSecretsStillOpen(KmsClient kms, RunningLab lab) throws Exception {
        String keyId = kms.createKey(r -> { }).keyMetadata().keyId();
        kms.enableKeyRotation(r -> r.keyId(keyId).rotationPeriodInDays(90));
        SecretsVault vault = new SecretsVault(kms, keyId);
        byte[] before = vault.seal(Map.of("k", "v1"));

        lab.advanceClock(Duration.ofDays(91));

        List<RotationsListEntry> rotations = kms.listKeyRotations(r -> r.keyId(keyId)).rotations();
        assertEquals(1, rotations.size(), rotations.toString());
        assertEquals(RotationType.AUTOMATIC, rotations.get(0).rotationType());
        byte[] after = vault.seal(Map.of("k", "v2"));
        String materialBefore = lab.lab().inspect(before).keyMaterialId();
        String materialAfter = lab.lab().inspect(after).keyMaterialId();
        assertNotEquals(materialBefore, materialAfter, "new encryptions use the new key material");
        assertEquals(rotations.get(0).keyMaterialId(), materialAfter);
        assertEquals(Map.of("k", "v1"), vault.open(before));
        assertEquals(Map.of("k", "v2"), vault.open(after));
    }
}
