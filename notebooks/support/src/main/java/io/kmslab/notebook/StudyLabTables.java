package io.kmslab.notebook;

import io.kmslab.labs.StudyLab;
import java.util.List;

/**
 * Tables of the study-lab notebooks (08-10) that {@link StudyLabCards} does not draw: the catalogue of the labs, and
 * the answer on one line of an {@code answers.txt}.
 *
 * <pre>{@code
 * show(StudyLabTables.catalogue(Labs.all()));
 * StudyLabTables.answerOn(reference.get("answers.txt"), 4)     // "1854"
 * }</pre>
 */
public final class StudyLabTables {

    private StudyLabTables() {
    }

    /** Each lab: its number, its title, what you hand in. */
    public static Table catalogue(List<StudyLab> labs) {
        return Table.of("lab", "title", "you hand in").noMath()
                .rows(labs, l -> new Object[] {l.number(), l.title(), l.answerKind()});
    }

    /**
     * The answer on line "n:" of an {@code answers.txt} (numbered questions), stripped; an error when there is no
     * such line.
     */
    public static String answerOn(String answers, int n) {
        return answers.lines().filter(l -> l.startsWith(n + ":")).map(l -> l.substring(l.indexOf(':') + 1).strip())
                .findFirst().orElseThrow(() -> new IllegalStateException("no answer " + n + " in:\n" + answers));
    }
}
