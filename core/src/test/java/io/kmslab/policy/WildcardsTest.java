package io.kmslab.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The policy language's wildcards, as IAM matches actions, strings and ARNs. */
class WildcardsTest {

    @ParameterizedTest(name = "{0} against {1} (ignore case {2}): {3}")
    @CsvSource({
            "kms:*, kms:Encrypt, true, true",
            "KMS:encrypt, kms:Encrypt, true, true",
            "KMS:encrypt, kms:Encrypt, false, false",
            "kms:Re*, kms:ReEncryptFrom, true, true",
            "kms:*Key, kms:CreateKey, true, true",
            "kms:*Key, kms:CreateKeys, true, false",
            "kms:Generate*Pair*, kms:GenerateDataKeyPairWithoutPlaintext, true, true",
            "kms:Encryp?, kms:Encrypt, true, true",
            "kms:Encryp?, kms:Encryp, true, false",
            "'*', '', true, true",
            "'', '', false, true",
            "'', x, false, false",
            "a*b*c, aXbYbZc, false, true",
            "a*b*c, aXbYbZ, false, false",
            "**, anything, false, true",
            "a*, a, false, true",
            "*a, a, false, true",
            "a*a, a, false, false",
            "a*a, aa, false, true",
            "?*?, a, false, false",
            "?*?, ab, false, true",
            "*b?d*, abcabxd, false, true",
            "*B?D*, abcabxd, true, true",
            "*B?D*, abcabxd, false, false",
            "*ab*ab*, abab, false, true",
            "*ab*ab*, aba, false, false",
            "x*ab?ab*y, xababaabzy, false, true",
    })
    void matches(String pattern, String text, boolean ignoreCase, boolean expected) {
        assertThat(Wildcards.matches(pattern, text, ignoreCase)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} against {1}: {2}")
    @CsvSource({
            "*, arn:aws:kms:eu-west-2:111122223333:key/1234, true",
            "arn:aws:kms:eu-west-2:111122223333:key/1234, arn:aws:kms:eu-west-2:111122223333:key/1234, true",
            "arn:aws:kms:*:111122223333:key/*, arn:aws:kms:eu-west-2:111122223333:key/1234, true",
            "arn:aws:kms:*:111122223333:key/*, arn:aws:kms:eu-west-2:444455556666:key/1234, false",
            // a * never spans a colon of the first five parts
            "arn:aws:kms:*:key/*, arn:aws:kms:eu-west-2:111122223333:key/1234, false",
            // the sixth part runs to the end, colons included
            "arn:aws:kms:eu-west-2:111122223333:*, arn:aws:kms:eu-west-2:111122223333:alias/a:b, true",
            "arn:aws:kms:eu-west-2:111122223333:alias/a:?, arn:aws:kms:eu-west-2:111122223333:alias/a:b, true",
            "arn:aws:kms:eu-west-2:111122223333:KEY/*, arn:aws:kms:eu-west-2:111122223333:key/1234, false",
            "arn:aws:kms, arn:aws:kms, false",
            "arn:aws:iam::111122223333:root, arn:aws:iam::111122223333:root, true",
            "arn:aws:iam::*:root, arn:aws:iam::111122223333:root, true",
            "arn:aws:iam::111122223333:user/*, arn:aws:iam::111122223333:role/admin, false",
    })
    void arnMatches(String pattern, String arn, boolean expected) {
        assertThat(Wildcards.arnMatches(pattern, arn)).isEqualTo(expected);
    }

    /** Every pattern over a small alphabet agrees with a plain dynamic-programming matcher, case-sensitive or not. */
    @Test
    void matches_agreeWithDynamicProgramming_onRandomPatterns() {
        Random random = new Random(9);
        String letters = "aAb?*";
        for (int round = 0; round < 20_000; round++) {
            String pattern = random(random, letters, random.nextInt(30));
            String text = random(random, "aAbB", random.nextInt(40));
            boolean ignoreCase = random.nextBoolean();
            assertThat(Wildcards.matches(pattern, text, ignoreCase))
                    .as("%s against %s (ignore case %s)", pattern, text, ignoreCase)
                    .isEqualTo(reference(pattern, text, ignoreCase));
        }
    }

    /** Long segments, searched with Knuth-Morris-Pratt (no ?) or Shift-And (with ?), agree with the reference. */
    @Test
    void matches_longSegments_agreeWithDynamicProgramming() {
        Random random = new Random(7);
        for (int round = 0; round < 2_000; round++) {
            String segment = random(random, round % 2 == 0 ? "ab" : "ab?", 17 + random.nextInt(150));
            String pattern = "*" + segment + "*" + random(random, "ab?", random.nextInt(20)) + "*"
                    + random(random, "ab", random.nextInt(3));
            String text = random(random, "ab", random.nextInt(400));
            if (random.nextInt(3) == 0) {
                // plant the segment somewhere so that matches happen too
                int at = random.nextInt(text.length() + 1);
                text = text.substring(0, at) + segment.replace('?', 'b') + text.substring(at);
            }
            boolean ignoreCase = random.nextBoolean();
            if (ignoreCase) {
                text = text.toUpperCase(java.util.Locale.ROOT);
            }
            assertThat(Wildcards.matches(pattern, text, ignoreCase))
                    .as("%s against %s (ignore case %s)", pattern, text, ignoreCase)
                    .isEqualTo(reference(pattern, text, ignoreCase));
        }
    }

    /** Letters rare in a long segment with ? (kept as lists of positions, not bit masks) are matched the same. */
    @Test
    void matches_rareLettersInLongSegmentsWithAnyCharacter_agreeWithDynamicProgramming() {
        Random random = new Random(11);
        for (int round = 0; round < 1_000; round++) {
            StringBuilder segment = new StringBuilder(random(random, "a?", 130 + random.nextInt(200)));
            for (char rare : new char[] {'b', 'c', 'B'}) {
                segment.setCharAt(random.nextInt(segment.length()), rare);
            }
            String pattern = "*" + segment + "*";
            String planted = segment.toString().replace('?', "abc".charAt(random.nextInt(3)));
            if (random.nextBoolean()) {
                planted = planted.replace('b', 'a');
            }
            String text = random(random, "abc", random.nextInt(200)) + planted + random(random, "abc",
                    random.nextInt(200));
            boolean ignoreCase = random.nextBoolean();
            assertThat(Wildcards.matches(pattern, text, ignoreCase))
                    .as("%s against %s (ignore case %s)", pattern, text, ignoreCase)
                    .isEqualTo(reference(pattern, text, ignoreCase));
        }
    }

    /**
     * The patterns that made the backtracking matcher slow (issue #9), at the sizes the limits allow: a 65,000
     * character text against patterns of about 32,000 characters. The results are what glob matching says.
     */
    @Test
    void matches_adversarialPatterns_atTheLimits_giveTheRightResult() {
        String text = "a".repeat(65_000);
        String manyStars = "*a".repeat(16_000) + "*b";
        String longSegment = "*" + "a".repeat(32_000) + "b*";
        String longSegmentWithAnyCharacter = "*" + "a?".repeat(16_000) + "b*";
        String matchingSegment = "*" + "a".repeat(32_000) + "*";
        String matchingWithAnyCharacter = "*" + "a?".repeat(16_000) + "*";

        assertThat(Wildcards.matches(manyStars, text, false)).isFalse();
        assertThat(Wildcards.matches(longSegment, text, false)).isFalse();
        assertThat(Wildcards.matches(longSegmentWithAnyCharacter, text, false)).isFalse();
        assertThat(Wildcards.matches(longSegment.toUpperCase(java.util.Locale.ROOT), text, true)).isFalse();
        assertThat(Wildcards.matches(matchingSegment, text, false)).isTrue();
        assertThat(Wildcards.matches(matchingWithAnyCharacter, text, false)).isTrue();
        assertThat(Wildcards.matches(manyStars, text + "b", false)).isTrue();
        assertThat(Wildcards.matches(longSegment, text + "b", false)).isTrue();
        assertThat(Wildcards.matches(longSegmentWithAnyCharacter, text + "b", false)).isTrue();
        assertThat(Wildcards.arnMatches("arn:aws:kms:*:111122223333:key/" + "*a".repeat(16_000) + "*b",
                "arn:aws:kms:eu-west-2:111122223333:key/" + text)).isFalse();
    }

    private static String random(Random random, String letters, int length) {
        StringBuilder s = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            s.append(letters.charAt(random.nextInt(letters.length())));
        }
        return s.toString();
    }

    /** Glob matching by dynamic programming over (pattern prefix, text prefix): slow, obviously right. */
    private static boolean reference(String pattern, String text, boolean ignoreCase) {
        boolean[][] m = new boolean[pattern.length() + 1][text.length() + 1];
        m[0][0] = true;
        for (int i = 1; i <= pattern.length(); i++) {
            char p = pattern.charAt(i - 1);
            m[i][0] = p == '*' && m[i - 1][0];
            for (int j = 1; j <= text.length(); j++) {
                char t = text.charAt(j - 1);
                m[i][j] = p == '*' ? m[i - 1][j] || m[i][j - 1]
                        : m[i - 1][j - 1] && (p == '?' || p == t
                                || ignoreCase && Character.toLowerCase(p) == Character.toLowerCase(t));
            }
        }
        return m[pattern.length()][text.length()];
    }
}
