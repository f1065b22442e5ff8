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

    /**
     * The largest encryption context KMS Lab takes, in bytes of its serialized form (see
     * {@link #serializedSize(Map)}). AWS documents no size limit for the encryption context of a KMS request: the
     * service model (botocore kms/2014-11-01, EncryptionContextType) is a map of strings with no length constraint,
     * and the developer guide's "Encryption context" page
     * (https://docs.aws.amazon.com/kms/latest/developerguide/encrypt_context.html) names none; what the service does
     * with a very large one is not documented (AWS is unclear here). KMS Lab's choice: the limit of the AWS
     * Encryption SDK's message format, whose header holds the serialized encryption context behind a 2-byte "AAD
     * Length" (https://docs.aws.amazon.com/encryption-sdk/latest/developer-guide/message-format.html#header-aad-length),
     * so every context that client can carry is accepted, and nothing larger.
     * It also keeps each key and value within the 2-byte lengths of the lab's own AAD encoding.
     */
    public static final int MAX_ENCRYPTION_CONTEXT_BYTES = 65_535;

    /**
     * Encryption context keys and values: none may be null, and the whole context must fit in
     * {@link #MAX_ENCRYPTION_CONTEXT_BYTES} (a ValidationException in AWS's validation style; the wording is KMS
     * Lab's, as AWS documents no such limit).
     */
    public Violations context(String member, Map<String, String> context) {
        if (context != null) {
            for (Map.Entry<String, String> e : context.entrySet()) {
                if (e.getKey() == null || e.getValue() == null) {
                    found.add("Value null at '" + member + "' failed to satisfy constraint: "
                            + "Map keys and values must not be null");
                    return this;
                }
            }
            if (serializedSize(context) > MAX_ENCRYPTION_CONTEXT_BYTES) {
                add("", member, "Member must have a serialized size less than or equal to "
                        + MAX_ENCRYPTION_CONTEXT_BYTES + " bytes");
            }
        }
        return this;
    }

    /**
     * The size of an encryption context serialized as the AWS Encryption SDK serializes it: a 2-byte pair count, then
     * for each pair a 2-byte length and the UTF-8 bytes of the key, and the same for the value (0 bytes when empty).
     * Stops counting past {@link #MAX_ENCRYPTION_CONTEXT_BYTES}.
     */
    public static long serializedSize(Map<String, String> context) {
        if (context.isEmpty()) {
            return 0;
        }
        long size = 2;
        for (Map.Entry<String, String> e : context.entrySet()) {
            size += 4 + utf8Length(e.getKey()) + utf8Length(e.getValue());
            if (size > MAX_ENCRYPTION_CONTEXT_BYTES) {
                return size;
            }
        }
        return size;
    }

    private static long utf8Length(String s) {
        long n = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                n += 1;
            } else if (c < 0x800) {
                n += 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < s.length()
                    && Character.isLowSurrogate(s.charAt(i + 1))) {
                n += 4;
                i++;
            } else {
                n += 3;
            }
        }
        return n;
    }

    /**
     * The encryption context of a grant constraint (EncryptionContextEquals or EncryptionContextSubset): a context as
     * above, with at most 8 pairs and no value over 384 characters. CreateGrant API reference, Constraints: "Each
     * constraint value can include up to 8 encryption context pairs. The encryption context value in each constraint
     * cannot exceed 384 characters." (https://docs.aws.amazon.com/kms/latest/APIReference/API_CreateGrant.html). AWS
     * does not say whether "value" is each pair's value or the constraint as a whole, nor what error and message
     * it gives: KMS Lab reads it as each pair's value and answers a ValidationException in AWS's validation style.
     */
    public Violations grantConstraintContext(String member, Map<String, String> context) {
        context(member, context);
        if (context != null) {
            if (context.size() > 8) {
                add("", member, "Member must have length less than or equal to 8");
            }
            for (Map.Entry<String, String> e : context.entrySet()) {
                if (e.getValue() != null && e.getValue().length() > 384) {
                    add("", member, "Map value must have length less than or equal to 384");
                    break;
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
