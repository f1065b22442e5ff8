package io.kmslab.policy;

/** The wildcards of the policy language: {@code *} (any run of characters) and {@code ?} (one character). */
final class Wildcards {
    private Wildcards() {
    }

    static boolean matches(String pattern, String text, boolean ignoreCase) {
        if (pattern.indexOf('*') < 0 && pattern.indexOf('?') < 0) {
            return ignoreCase ? pattern.equalsIgnoreCase(text) : pattern.equals(text);
        }
        return matches(pattern, 0, pattern.length(), text, 0, text.length(), ignoreCase);
    }

    /** Whether pattern[pFrom, pTo) matches text[tFrom, tTo), without copying either (case folded per character). */
    private static boolean matches(String pattern, int pFrom, int pTo, String text, int tFrom, int tTo,
            boolean ignoreCase) {
        if (pTo - pFrom == 1 && pattern.charAt(pFrom) == '*') {
            return true;
        }
        int pi = pFrom;
        int ti = tFrom;
        int star = -1;
        int mark = tFrom;
        while (ti < tTo) {
            char pc = pi < pTo ? pattern.charAt(pi) : 0;
            if (pi < pTo && (pc == '?' || same(pc, text.charAt(ti), ignoreCase))) {
                pi++;
                ti++;
            } else if (pi < pTo && pc == '*') {
                star = pi++;
                mark = ti;
            } else if (star >= 0) {
                pi = star + 1;
                ti = ++mark;
            } else {
                return false;
            }
        }
        while (pi < pTo && pattern.charAt(pi) == '*') {
            pi++;
        }
        return pi == pTo;
    }

    private static boolean same(char p, char t, boolean ignoreCase) {
        return p == t || ignoreCase && Character.toLowerCase(p) == Character.toLowerCase(t);
    }

    /**
     * ARN matching as IAM does it: the six colon-separated parts are compared one by one, each with wildcards, so a
     * {@code *} never spans a colon of the first five parts.
     */
    static boolean arnMatches(String pattern, String arn) {
        if (pattern.equals("*")) {
            return true;
        }
        int pFrom = 0;
        int aFrom = 0;
        for (int part = 0; part < 6; part++) {
            // the sixth part runs to the end, colons included
            int pTo = part == 5 ? pattern.length() : pattern.indexOf(':', pFrom);
            int aTo = part == 5 ? arn.length() : arn.indexOf(':', aFrom);
            if (pTo < 0 || aTo < 0 || !matches(pattern, pFrom, pTo, arn, aFrom, aTo, false)) {
                return false;
            }
            pFrom = pTo + 1;
            aFrom = aTo + 1;
        }
        return true;
    }
}
