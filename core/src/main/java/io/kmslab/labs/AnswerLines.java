package io.kmslab.labs;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The answers of a predict-then-reveal or numeric lab, from its {@code answers.txt}: one {@code name: value} a line;
 * blank lines and lines starting with {@code #} are ignored; a value left as {@code ?} (or empty) is not answered.
 * The readers of values ({@link #yesNo}, {@link #count}, {@link #dollars}) say what they could not read instead of
 * throwing: a typo is a verdict.
 *
 * @param values the answers by name, in file order (the last one wins when a name is given twice)
 */
record AnswerLines(Map<String, String> values) {
    static final String FILE = "answers.txt";

    AnswerLines {
        values = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    /** The lines of {@code answers.txt}, or none when it is missing. */
    static AnswerLines of(LabAnswer answer) {
        Map<String, String> values = new LinkedHashMap<>();
        for (String line : answer.text(FILE).orElse("").lines().toList()) {
            String l = line.strip();
            int colon = l.indexOf(':');
            if (l.isEmpty() || l.startsWith("#") || colon < 1) {
                continue;
            }
            values.put(l.substring(0, colon).strip().toLowerCase(Locale.ROOT), l.substring(colon + 1).strip());
        }
        return new AnswerLines(values);
    }

    /** The learner's answer to a question, or empty when it is missing or still {@code ?}. */
    Optional<String> answer(String name) {
        String value = values.get(name);
        return value == null || value.isEmpty() || value.equals("?") ? Optional.empty() : Optional.of(value);
    }

    /** {@code yes}/{@code no} (also y, n, true, false), or empty when it is neither. */
    static Optional<Boolean> yesNo(String value) {
        return switch (value.strip().toLowerCase(Locale.ROOT)) {
            case "yes", "y", "true" -> Optional.of(true);
            case "no", "n", "false" -> Optional.of(false);
            default -> Optional.empty();
        };
    }

    /** A whole number ({@code 3}), or empty. */
    static Optional<Long> count(String value) {
        try {
            return Optional.of(Long.parseLong(value.strip()));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** An amount of dollars ({@code 3}, {@code 3.00}, {@code $3.00}, {@code 3 USD}), or empty. */
    static Optional<BigDecimal> dollars(String value) {
        String v = value.strip().replace("$", "").replace(",", "");
        if (v.toUpperCase(Locale.ROOT).endsWith("USD")) {
            v = v.substring(0, v.length() - 3).strip();
        }
        try {
            return Optional.of(new BigDecimal(v));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /**
     * A number of days ({@code 7}, {@code 7 days}, {@code 7d}; {@code now}, {@code immediately} and {@code at once}
     * are 0), or empty.
     */
    static Optional<Long> days(String value) {
        String v = value.strip().toLowerCase(Locale.ROOT);
        if (v.equals("now") || v.equals("immediately") || v.equals("at once")) {
            return Optional.of(0L);
        }
        int end = 0;
        while (end < v.length() && Character.isDigit(v.charAt(end))) {
            end++;
        }
        String unit = v.substring(end).strip();
        if (end == 0 || !(unit.isEmpty() || unit.equals("d") || unit.equals("day") || unit.equals("days"))) {
            return Optional.empty();
        }
        return count(v.substring(0, end));
    }
}
