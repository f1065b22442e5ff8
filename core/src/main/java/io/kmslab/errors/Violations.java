package io.kmslab.errors;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Collects the constraint violations of a request, in member order, and reports them as AWS does:
 * {@code 1 validation error detected: Value '0' at 'numberOfBytes' failed to satisfy constraint: Member must have
 * value greater than or equal to 1}. Binary (blob) members are reported without their value, as AWS does for
 * sensitive data.
 */
public final class Violations {
    private final List<String> found = new ArrayList<>();

    public Violations required(String member, Object value) {
        if (value == null) {
            found.add("Value null at '" + member + "' failed to satisfy constraint: Member must not be null");
        }
        return this;
    }

    /** A sensitive member (Plaintext, Message) that is missing: AWS does not even say "null". */
    public Violations requiredSecret(String member, Object value) {
        if (value == null) {
            found.add("Value at '" + member + "' failed to satisfy constraint: Member must not be null");
        }
        return this;
    }

    public Violations length(String member, String value, int min, int max) {
        if (value != null) {
            int n = value.length();
            if (n < min) {
                add(quoted(value), member, "Member must have length greater than or equal to " + min);
            } else if (n > max) {
                add(quoted(value), member, "Member must have length less than or equal to " + max);
            }
        }
        return this;
    }

    public Violations blobLength(String member, byte[] value, int min, int max) {
        if (value != null) {
            if (value.length < min) {
                add("", member, "Member must have length greater than or equal to " + min);
            } else if (value.length > max) {
                add("", member, "Member must have length less than or equal to " + max);
            }
        }
        return this;
    }

    public Violations range(String member, Integer value, int min, int max) {
        if (value != null) {
            if (value < min) {
                add(quoted(String.valueOf(value)), member, "Member must have value greater than or equal to " + min);
            } else if (value > max) {
                add(quoted(String.valueOf(value)), member, "Member must have value less than or equal to " + max);
            }
        }
        return this;
    }

    public Violations pattern(String member, String value, Pattern pattern) {
        if (value != null && !pattern.matcher(value).matches()) {
            add(quoted(value), member, "Member must satisfy regular expression pattern: " + pattern.pattern());
        }
        return this;
    }

    public Violations listSize(String member, List<?> value, int min, int max) {
        if (value != null) {
            if (value.size() < min) {
                add(quoted(value.toString()), member, "Member must have length greater than or equal to " + min);
            } else if (value.size() > max) {
                add(quoted(value.toString()), member, "Member must have length less than or equal to " + max);
            }
        }
        return this;
    }

    /** Each string of a list, checked as {@code member.i.member}, as AWS names list elements. */
    public Violations eachLength(String member, List<String> values, int min, int max) {
        if (values != null) {
            for (int i = 0; i < values.size(); i++) {
                length(member + "." + (i + 1) + ".member", values.get(i), min, max);
            }
        }
        return this;
    }

    /** Encryption context keys and values: AWS requires each to be at least one character. */
    public Violations context(String member, Map<String, String> context) {
        if (context != null) {
            for (Map.Entry<String, String> e : context.entrySet()) {
                if (e.getKey() == null || e.getValue() == null) {
                    found.add("Value null at '" + member + "' failed to satisfy constraint: "
                            + "Map keys and values must not be null");
                    return this;
                }
            }
        }
        return this;
    }

    /**
     * Text that is not well-formed UTF-16: a high surrogate not followed by a low one, or a low surrogate alone. Such a
     * string has no UTF-8 form, so it cannot travel in an AWS request (AWS requests are UTF-8 JSON) and AWS would not
     * see it as sent; AWS documents no message for it (the check happens in its request parser, whose exact answer
     * is not documented), so the constraint is stated in KMS Lab's words, and the value is not shown.
     */
    public Violations wellFormedText(String member, String value) {
        // AWS is unclear here: its API reference gives no constraint or message for such text, and AWS requests are
        // UTF-8 JSON, where a lone surrogate has no encoding. ValidationException is AWS's error for "The input fails
        // to satisfy the constraints specified by an AWS service" (e.g. https://docs.aws.amazon.com/mpa/latest/
        // APIReference/API_ValidationException.md); the "Value at 'member' failed to satisfy constraint" shape is the
        // one of KMS's other member checks (see the class comment); the constraint's words are KMS Lab's.
        return value != null && unpairedSurrogateAt(value) >= 0 ? unpairedSurrogate(member) : this;
    }

    /** A member (a map, say) that holds text with an unpaired surrogate: see {@link #wellFormedText}. */
    public Violations unpairedSurrogate(String member) {
        add("", member, "Member must not contain an unpaired UTF-16 surrogate");
        return this;
    }

    /** The index of the first unpaired surrogate of a string, or -1. */
    public static int unpairedSurrogateAt(String value) {
        for (int i = 0, n = value.length(); i < n; i++) {
            char c = value.charAt(i);
            if (Character.isSurrogate(c)) {
                if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(value.charAt(i + 1))) {
                    i++;
                } else {
                    return i;
                }
            }
        }
        return -1;
    }

    /** Adds a violation stated in AWS's words. */
    public Violations add(String message) {
        found.add(message);
        return this;
    }

    public boolean isEmpty() {
        return found.isEmpty();
    }

    /** Throws the ValidationException that lists every violation found, if there is any. */
    public void throwIfAny() {
        if (found.isEmpty()) {
            return;
        }
        int n = found.size();
        throw new ValidationException(n + " validation error" + (n == 1 ? "" : "s") + " detected: "
                + String.join("; ", found));
    }

    private void add(String shownValue, String member, String constraint) {
        String value = shownValue.isEmpty() ? "Value" : "Value " + shownValue;
        found.add(value + " at '" + member + "' failed to satisfy constraint: " + constraint);
    }

    private static String quoted(String value) {
        return "'" + value + "'";
    }
}
