package io.kmslab.labs;

import java.util.List;

/**
 * A set of labs, found with {@link java.util.ServiceLoader}: the engine's own (policies, Java, numbers, predictions)
 * and, when the server module is on the class path, the labs graded by running an AWS CLI script against an endpoint.
 */
public interface LabCatalogue {
    List<StudyLab> labs();
}
