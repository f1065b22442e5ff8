package io.kmslab.labs;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;

/**
 * Every study lab on the class path, by number, and grading from Java (a notebook, a test):
 *
 * <pre>{@code
 * Verdict v = Labs.check(1, Map.of("key-policy.json", policyText));
 * v.render();
 * }</pre>
 */
public final class Labs {
    private Labs() {
    }

    /** Every lab, in number order. */
    public static List<StudyLab> all() {
        List<StudyLab> labs = new ArrayList<>();
        ServiceLoader.load(LabCatalogue.class, Labs.class.getClassLoader()).forEach(c -> labs.addAll(c.labs()));
        labs.sort(Comparator.comparingInt(StudyLab::number));
        for (int i = 1; i < labs.size(); i++) {
            if (labs.get(i).number() == labs.get(i - 1).number()) {
                throw new IllegalStateException("Two labs have the number " + labs.get(i).number());
            }
        }
        return List.copyOf(labs);
    }

    /** The lab of that number. */
    public static StudyLab get(int number) {
        List<StudyLab> labs = all();
        return labs.stream().filter(l -> l.number() == number).findFirst().orElseThrow(() ->
                new IllegalArgumentException("There is no lab " + number + " here; the labs are "
                        + labs.stream().map(l -> String.valueOf(l.number())).collect(
                                java.util.stream.Collectors.joining(", "))));
    }

    /** Grades an answer given as files (name to content). */
    public static Verdict check(int number, Map<String, String> files) {
        return get(number).check(LabAnswer.of(files));
    }

    /** Grades the answer in a folder. */
    public static Verdict check(int number, Path folder) {
        return get(number).check(LabAnswer.readFrom(folder));
    }
}
