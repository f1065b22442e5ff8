package io.kmslab.junit;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.util.List;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

/** Runs a fixture test class (a static nested class, which no build discovers by itself) through JUnit. */
final class Fixtures {
    private Fixtures() {
    }

    static TestExecutionSummary run(Class<?> fixture) {
        Launcher launcher = LauncherFactory.create();
        SummaryGeneratingListener listener = new SummaryGeneratingListener();
        launcher.execute(LauncherDiscoveryRequestBuilder.request().selectors(selectClass(fixture)).build(), listener);
        return listener.getSummary();
    }

    /** The failures of a run, as text for an assertion message. */
    static List<String> failures(TestExecutionSummary summary) {
        return summary.getFailures().stream().map(f -> f.getTestIdentifier().getDisplayName() + ": "
                + f.getException()).toList();
    }
}
