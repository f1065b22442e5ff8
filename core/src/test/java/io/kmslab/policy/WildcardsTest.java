package io.kmslab.policy;

import static org.assertj.core.api.Assertions.assertThat;

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
}
