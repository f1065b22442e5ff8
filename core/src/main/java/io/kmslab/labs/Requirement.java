package io.kmslab.labs;

/**
 * One requirement of a lab and whether the learner's answer meets it, with why: for a failed one, what the answer
 * did instead and which statement, permission or fact decided it.
 *
 * @param name what the answer must do, in the learner's words
 * @param met whether it does
 * @param explanation why, or what happened instead
 */
public record Requirement(String name, boolean met, String explanation) {
    public static Requirement met(String name, String explanation) {
        return new Requirement(name, true, explanation);
    }

    public static Requirement notMet(String name, String explanation) {
        return new Requirement(name, false, explanation);
    }
}
