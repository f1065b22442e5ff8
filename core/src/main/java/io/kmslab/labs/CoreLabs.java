package io.kmslab.labs;

import java.util.List;

/** The labs graded by the engine alone. */
public final class CoreLabs implements LabCatalogue {
    @Override
    public List<StudyLab> labs() {
        return List.of(
                new WhoCanUseThisKeyLab(),
                new WhichLayerSaysNoLab(),
                new CrossAccountLab(),
                new EnvelopeEncryptionLab(),
                new TenantIsolationLab(),
                new KeyRotationLab(),
                new ImportedKeyMaterialLab(),
                new ServiceOnlyKeyLab(),
                new AuditAndCostForensicsLab());
    }
}
