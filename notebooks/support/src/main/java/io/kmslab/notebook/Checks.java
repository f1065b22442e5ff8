package io.kmslab.notebook;

import io.kmslab.labs.Requirement;
import io.kmslab.labs.Verdict;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Stops a notebook (and fails its headless run in the build) when the lab does not behave as the notebook's text
 * says.
 */
public final class Checks {

    private Checks() {
    }

    /** Throws {@link IllegalStateException} "not what the notebook says: what" unless {@code holds}. */
    public static void expect(boolean holds, String what) {
        if (!holds) {
            throw new IllegalStateException("not what the notebook says: " + what);
        }
    }

    /** The requirement of this name, or an error naming the requirements there are. */
    public static Requirement requirement(Verdict v, String name) {
        return v.requirements().stream().filter(r -> r.name().equals(name)).findFirst().orElseThrow(() ->
                new IllegalStateException("lab " + v.lab() + " has no requirement \"" + name + "\"; it has "
                        + v.requirements().stream().map(Requirement::name).toList()));
    }

    /** The requirement fails, and its explanation says each of these words. */
    public static void expectFails(Verdict v, String name, String... mentions) {
        Requirement r = requirement(v, name);
        expect(!r.met(), "lab " + v.lab() + ": \"" + name + "\" fails");
        for (String m : mentions) {
            expect(r.explanation() != null && r.explanation().contains(m),
                    "lab " + v.lab() + ": the explanation of \"" + name + "\" says \"" + m + "\": " + r.explanation());
        }
    }

    /** These requirements fail, and no other. */
    public static void expectOnlyFailures(Verdict v, String... names) {
        Set<String> failed = v.failures().stream().map(Requirement::name).collect(Collectors.toSet());
        expect(failed.equals(Set.of(names)), "lab " + v.lab() + " fails exactly " + List.of(names) + ", not " + failed);
    }

    /** The verdict passes. */
    public static void expectPassed(Verdict v) {
        expect(v.passed(), "lab " + v.lab() + " passes:\n" + v.render());
    }
}
