package io.kmslab.labs;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * One predict-then-reveal (or numeric) question of a lab, with what the engine showed when the checker ran the case:
 * graded against the learner's line of {@code answers.txt}. A wrong prediction is explained by the engine's evidence
 * and the lesson behind the question; a question not answered yet reveals nothing.
 *
 * @param name the line's name in answers.txt ({@code key-id-changed})
 * @param requirement the question in the learner's words
 * @param kind how the answer is read
 * @param truth what the engine showed: a Boolean, a Long, a BigDecimal of dollars, or one of {@code options}
 * @param options the answers a CHOICE question accepts (empty otherwise)
 * @param evidence what the engine showed, in a sentence (calls, states, errors, bill lines)
 * @param lesson why, for a learner who predicted otherwise
 */
record Prediction(String name, String requirement, Kind kind, Object truth, List<String> options, String evidence,
        String lesson) {
    /** Dollars are compared to the cent: within half a cent of the engine's figure. */
    static final BigDecimal CENT_TOLERANCE = new BigDecimal("0.005");

    enum Kind {
        YES_NO("yes or no"), COUNT("a whole number"), DOLLARS("an amount of dollars, such as 2.50"),
        DAYS("a number of days (0 for at once)"), CHOICE("one of");

        private final String expected;

        Kind(String expected) {
            this.expected = expected;
        }
    }

    Prediction {
        options = List.copyOf(options);
    }

    static Prediction yesNo(String name, String requirement, boolean truth, String evidence, String lesson) {
        return new Prediction(name, requirement, Kind.YES_NO, truth, List.of(), evidence, lesson);
    }

    static Prediction count(String name, String requirement, long truth, String evidence, String lesson) {
        return new Prediction(name, requirement, Kind.COUNT, truth, List.of(), evidence, lesson);
    }

    static Prediction days(String name, String requirement, long truth, String evidence, String lesson) {
        return new Prediction(name, requirement, Kind.DAYS, truth, List.of(), evidence, lesson);
    }

    static Prediction dollars(String name, String requirement, BigDecimal truth, String evidence, String lesson) {
        return new Prediction(name, requirement, Kind.DOLLARS, truth.setScale(2, RoundingMode.HALF_UP), List.of(),
                evidence, lesson);
    }

    static Prediction choice(String name, String requirement, String truth, List<String> options, String evidence,
            String lesson) {
        return new Prediction(name, requirement, Kind.CHOICE, truth, options, evidence, lesson);
    }

    /** The learner's line graded against the engine. */
    Requirement grade(AnswerLines answers) {
        String label = name + ": " + requirement;
        Optional<String> given = answers.answer(name);
        if (given.isEmpty()) {
            return Requirement.notMet(label, "not answered: write your prediction on the line `" + name + ": ` of "
                    + AnswerLines.FILE + " (" + expected() + ")");
        }
        Optional<?> read = read(given.get());
        if (read.isEmpty()) {
            return Requirement.notMet(label, "`" + given.get() + "` is not " + expected());
        }
        if (same(read.get())) {
            return Requirement.met(label, evidence);
        }
        return Requirement.notMet(label, "you predicted " + shown(read.get()) + "; the engine shows "
                + shown(truth) + ": " + evidence + (lesson == null ? "" : "\n" + lesson));
    }

    private String expected() {
        return kind == Kind.CHOICE ? "one of " + String.join(", ", options) : kind.expected;
    }

    private Optional<?> read(String value) {
        return switch (kind) {
            case YES_NO -> AnswerLines.yesNo(value);
            case COUNT -> AnswerLines.count(value);
            case DAYS -> AnswerLines.days(value);
            case DOLLARS -> AnswerLines.dollars(value);
            case CHOICE -> options.stream().filter(o -> normal(o).equals(normal(value))).findFirst();
        };
    }

    private boolean same(Object answer) {
        if (kind == Kind.DOLLARS) {
            return ((BigDecimal) answer).subtract((BigDecimal) truth).abs().compareTo(CENT_TOLERANCE) <= 0;
        }
        return answer.equals(truth);
    }

    private String shown(Object value) {
        return switch (kind) {
            case YES_NO -> (Boolean) value ? "yes" : "no";
            case DOLLARS -> "$" + ((BigDecimal) value).setScale(2, RoundingMode.HALF_UP).toPlainString();
            case DAYS -> value + " days";
            default -> String.valueOf(value);
        };
    }

    /** Case, spaces and a leading "key " do not matter: {@code Key B} is {@code B}. */
    private static String normal(String s) {
        String n = s.strip().toLowerCase(Locale.ROOT).replaceAll("\\s+", " ");
        return n.startsWith("key ") ? n.substring(4) : n;
    }
}
