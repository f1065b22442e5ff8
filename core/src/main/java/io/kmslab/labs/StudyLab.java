package io.kmslab.labs;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One certification study lab: a brief, the files the learner starts from, graded hints, a reference answer, and a
 * checker that grades an answer by what it does in a fresh lab (never by its text), with a verdict per requirement.
 *
 * <p>A lab's reference answer is kept as resources beside the class: {@code /io/kmslab/labs/<NN>/reference/}, with
 * a file {@code FILES} naming them, one a line.
 */
public abstract class StudyLab {
    /** The lab's number, from 1; stable across releases (learners' progress names it). */
    public abstract int number();

    /** A short name for the lab's folder ({@code who-can-use-this-key}). */
    public abstract String slug();

    public abstract String title();

    /** The exam task statements the lab practises. */
    public abstract List<ExamTask> objectives();

    /** What the learner hands in, in a few words ("a key policy (JSON)", "an AWS CLI script"). */
    public abstract String answerKind();

    /** The brief, in Markdown: the situation, what to do, which file to edit, how it is graded. */
    public abstract String brief();

    /** The files the learner starts from, by name (the brief is added as README.md). */
    public abstract Map<String, String> startingFiles();

    /** Hints, from a nudge to almost the answer. */
    public abstract List<String> hints();

    /** Grades an answer: builds a fresh lab, applies the answer, and checks each requirement by behaviour. */
    public abstract Verdict check(LabAnswer answer);

    /** The reference answer: files to put in the lab's folder. */
    public Map<String, String> referenceAnswer() {
        String base = String.format("/io/kmslab/labs/%02d/reference/", number());
        Map<String, String> files = new LinkedHashMap<>();
        for (String name : resource(base + "FILES").lines().map(String::strip).filter(l -> !l.isEmpty()).toList()) {
            files.put(name, resource(base + name));
        }
        return files;
    }

    /** The folder name of the lab: {@code 01-who-can-use-this-key}. */
    public String folderName() {
        return String.format("%02d-%s", number(), slug());
    }

    /** A verdict of this lab. */
    protected Verdict verdict(List<Requirement> requirements) {
        return new Verdict(number(), title(), requirements);
    }

    private static String resource(String path) {
        try (InputStream in = StudyLab.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException(path + " is missing from the build");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
