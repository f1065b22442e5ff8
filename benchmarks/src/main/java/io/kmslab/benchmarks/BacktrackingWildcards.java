package io.kmslab.benchmarks;

/**
 * The policy wildcard matcher KMS Lab had before issue #9, kept only so that {@link PolicyPatternBenchmark} can compare
 * it with the engine's in the same run: on a mismatch after a {@code *} it moves the star's start one character on and
 * compares again, so a long segment after a star against a long text costs their product.
 */
final class BacktrackingWildcards {
    private BacktrackingWildcards() {
    }

    static boolean matches(String pattern, String text) {
        int pi = 0;
        int ti = 0;
        int star = -1;
        int mark = 0;
        while (ti < text.length()) {
            char pc = pi < pattern.length() ? pattern.charAt(pi) : 0;
            if (pi < pattern.length() && (pc == '?' || pc == text.charAt(ti))) {
                pi++;
                ti++;
            } else if (pi < pattern.length() && pc == '*') {
                star = pi++;
                mark = ti;
            } else if (star >= 0) {
                pi = star + 1;
                ti = ++mark;
            } else {
                return false;
            }
        }
        while (pi < pattern.length() && pattern.charAt(pi) == '*') {
            pi++;
        }
        return pi == pattern.length();
    }
}
