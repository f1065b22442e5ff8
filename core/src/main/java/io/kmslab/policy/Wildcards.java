package io.kmslab.policy;

import java.util.Locale;

/** The wildcards of the policy language: {@code *} (any run of characters) and {@code ?} (one character). */
final class Wildcards {
    private Wildcards() {
    }

    static boolean matches(String pattern, String text, boolean ignoreCase) {
        String p = ignoreCase ? pattern.toLowerCase(Locale.ROOT) : pattern;
        String t = ignoreCase ? text.toLowerCase(Locale.ROOT) : text;
        int pi = 0;
        int ti = 0;
        int star = -1;
        int mark = 0;
        while (ti < t.length()) {
            if (pi < p.length() && (p.charAt(pi) == '?' || p.charAt(pi) == t.charAt(ti))) {
                pi++;
                ti++;
            } else if (pi < p.length() && p.charAt(pi) == '*') {
                star = pi++;
                mark = ti;
            } else if (star >= 0) {
                pi = star + 1;
                ti = ++mark;
            } else {
                return false;
            }
        }
        while (pi < p.length() && p.charAt(pi) == '*') {
            pi++;
        }
        return pi == p.length();
    }

    /**
     * ARN matching as IAM does it: the six colon-separated parts are compared one by one, each with wildcards, so a
     * {@code *} never spans a colon of the first five parts.
     */
    static boolean arnMatches(String pattern, String arn) {
        if (pattern.equals("*")) {
            return true;
        }
        String[] p = pattern.split(":", 6);
        String[] a = arn.split(":", 6);
        if (p.length != 6 || a.length != 6) {
            return false;
        }
        for (int i = 0; i < 6; i++) {
            if (!matches(p[i], a[i], false)) {
                return false;
            }
        }
        return true;
    }
}
