package io.kmslab.server.labs;

import io.kmslab.labs.LabCatalogue;
import io.kmslab.labs.StudyLab;
import java.util.List;

/** The study labs graded by running the learner's AWS CLI script against an endpoint (found by ServiceLoader). */
public final class ScriptLabs implements LabCatalogue {
    @Override
    public List<StudyLab> labs() {
        return List.of(new GrantsUnderEventualConsistencyLab(), new RetiringKeysSafelyLab(),
                new MultiRegionDisasterRecoveryLab());
    }
}
