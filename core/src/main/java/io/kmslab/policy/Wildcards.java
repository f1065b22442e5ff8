package io.kmslab.policy;

import java.util.HashMap;
import java.util.Map;

/**
 * The wildcards of the policy language: {@code *} (any run of characters) and {@code ?} (one character).
 *
 * <p>Matching never backtracks (issue #9): the pattern is cut at its {@code *}s into segments; the first segment must
 * match at the start of the text, the last at its end, and each segment between is found at its leftmost place after
 * the one before (which is correct for glob patterns: taking the leftmost place leaves the most text for what
 * follows). A segment is found with Knuth-Morris-Pratt when it has no {@code ?}, and with a bit-parallel Shift-And
 * scan when it has, so the work is about linear in the lengths of the text and the pattern: at most
 * {@code text length x (segment length / 32)} word operations for a segment with {@code ?}, whatever the inputs.
 */
final class Wildcards {
    /** Segments this short are searched position by position: at most this many comparisons a text character. */
    private static final int SHORT_SEGMENT = 16;

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
        int firstStar = indexOf(pattern, '*', pFrom, pTo);
        if (firstStar < 0) {
            return pTo - pFrom == tTo - tFrom && matchesAt(pattern, pFrom, pTo, text, tFrom, ignoreCase);
        }
        // the first segment is anchored at the start, the last at the end
        int lastStar = lastIndexOf(pattern, '*', pFrom, pTo);
        int headLength = firstStar - pFrom;
        int tailLength = pTo - lastStar - 1;
        if (headLength + tailLength > tTo - tFrom
                || !matchesAt(pattern, pFrom, firstStar, text, tFrom, ignoreCase)
                || !matchesAt(pattern, lastStar + 1, pTo, text, tTo - tailLength, ignoreCase)) {
            return false;
        }
        int at = tFrom + headLength;
        int limit = tTo - tailLength;
        int segmentFrom = firstStar + 1;
        while (segmentFrom < lastStar) {
            int segmentTo = indexOf(pattern, '*', segmentFrom, lastStar + 1);
            if (segmentTo > segmentFrom) {
                int found = find(pattern, segmentFrom, segmentTo, text, at, limit, ignoreCase);
                if (found < 0) {
                    return false;
                }
                at = found + (segmentTo - segmentFrom);
            }
            segmentFrom = segmentTo + 1;
        }
        return true;
    }

    /** Whether pattern[pFrom, pTo), with no {@code *}, matches the text at {@code at} (which has room for it). */
    private static boolean matchesAt(String pattern, int pFrom, int pTo, String text, int at, boolean ignoreCase) {
        for (int i = pFrom, t = at; i < pTo; i++, t++) {
            char pc = pattern.charAt(i);
            if (pc != '?' && !same(pc, text.charAt(t), ignoreCase)) {
                return false;
            }
        }
        return true;
    }

    /**
     * The leftmost place in text[from, to) where the segment pattern[sFrom, sTo) (no {@code *}, not empty) matches
     * whole, or -1.
     */
    private static int find(String pattern, int sFrom, int sTo, String text, int from, int to, boolean ignoreCase) {
        int length = sTo - sFrom;
        if (length > to - from) {
            return -1;
        }
        if (length <= SHORT_SEGMENT) {
            for (int t = from; t + length <= to; t++) {
                if (matchesAt(pattern, sFrom, sTo, text, t, ignoreCase)) {
                    return t;
                }
            }
            return -1;
        }
        return indexOf(pattern, '?', sFrom, sTo) < 0
                ? knuthMorrisPratt(pattern, sFrom, sTo, text, from, to, ignoreCase)
                : shiftAnd(pattern, sFrom, sTo, text, from, to, ignoreCase);
    }

    /** Knuth-Morris-Pratt search of a literal segment: each text character is looked at a bounded number of times. */
    private static int knuthMorrisPratt(String pattern, int sFrom, int sTo, String text, int from, int to,
            boolean ignoreCase) {
        int length = sTo - sFrom;
        int[] border = new int[length];
        for (int i = 1, k = 0; i < length; i++) {
            char c = fold(pattern.charAt(sFrom + i), ignoreCase);
            while (k > 0 && fold(pattern.charAt(sFrom + k), ignoreCase) != c) {
                k = border[k - 1];
            }
            if (fold(pattern.charAt(sFrom + k), ignoreCase) == c) {
                k++;
            }
            border[i] = k;
        }
        for (int t = from, k = 0; t < to; t++) {
            char c = fold(text.charAt(t), ignoreCase);
            while (k > 0 && fold(pattern.charAt(sFrom + k), ignoreCase) != c) {
                k = border[k - 1];
            }
            if (fold(pattern.charAt(sFrom + k), ignoreCase) == c) {
                k++;
            }
            if (k == length) {
                return t - length + 1;
            }
        }
        return -1;
    }

    /**
     * Shift-And search of a segment with {@code ?}: bit i of the state says whether the segment's first i + 1
     * characters match the text ending here. The positions of a character that occurs often in the segment are kept
     * as a bit mask (at most 64 such characters, so the masks take as many words as the segment has characters), the
     * others as a list of positions: each text character costs O(segment length / 64) word operations either way.
     */
    private static int shiftAnd(String pattern, int sFrom, int sTo, String text, int from, int to,
            boolean ignoreCase) {
        int length = sTo - sFrom;
        int words = (length + 63) >>> 6;
        long[] anyCharacter = new long[words];
        Map<Character, Integer> counts = new HashMap<>();
        for (int i = 0; i < length; i++) {
            char pc = pattern.charAt(sFrom + i);
            if (pc == '?') {
                anyCharacter[i >>> 6] |= 1L << i;
            } else {
                counts.merge(fold(pc, ignoreCase), 1, Integer::sum);
            }
        }
        Map<Character, long[]> dense = new HashMap<>();
        Map<Character, int[]> sparse = new HashMap<>();
        for (Map.Entry<Character, Integer> e : counts.entrySet()) {
            if (e.getValue() >= words) {
                dense.put(e.getKey(), new long[words]);
            } else {
                sparse.put(e.getKey(), new int[e.getValue()]);
            }
        }
        Map<Character, Integer> filled = new HashMap<>();
        for (int i = 0; i < length; i++) {
            char pc = pattern.charAt(sFrom + i);
            if (pc == '?') {
                continue;
            }
            Character c = fold(pc, ignoreCase);
            long[] mask = dense.get(c);
            if (mask != null) {
                mask[i >>> 6] |= 1L << i;
            } else {
                sparse.get(c)[filled.merge(c, 1, Integer::sum) - 1] = i;
            }
        }
        long[] state = new long[words];
        long[] shifted = new long[words];
        int last = length - 1;
        char previous = 0;
        long[] mask = null;
        int[] positions = null;
        for (int t = from; t < to; t++) {
            char c = fold(text.charAt(t), ignoreCase);
            if (t == from || c != previous) {
                mask = dense.get(c);
                positions = sparse.get(c);
                previous = c;
            }
            long carry = 1;
            for (int w = 0; w < words; w++) {
                long word = state[w];
                long moved = (word << 1) | carry;
                carry = word >>> 63;
                shifted[w] = moved;
                state[w] = moved & (mask == null ? anyCharacter[w] : anyCharacter[w] | mask[w]);
            }
            if (positions != null) {
                for (int i : positions) {
                    state[i >>> 6] |= shifted[i >>> 6] & (1L << i);
                }
            }
            if ((state[last >>> 6] & (1L << last)) != 0) {
                return t - last;
            }
        }
        return -1;
    }

    private static int indexOf(String s, char c, int from, int to) {
        for (int i = from; i < to; i++) {
            if (s.charAt(i) == c) {
                return i;
            }
        }
        return -1;
    }

    private static int lastIndexOf(String s, char c, int from, int to) {
        for (int i = to - 1; i >= from; i--) {
            if (s.charAt(i) == c) {
                return i;
            }
        }
        return -1;
    }

    private static char fold(char c, boolean ignoreCase) {
        return ignoreCase ? Character.toLowerCase(c) : c;
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
