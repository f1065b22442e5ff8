package io.kmslab.operations;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** {@link KeyResolution#isKeyId}: the form of a key id, checked by hand, agrees with its regular expression. */
class KeyIdFormTest {
    /** The form as a regular expression (what KeyResolution used before, kept here as the oracle). */
    private static final Pattern KEY_ID = Pattern.compile(
            "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}|mrk-[0-9a-fA-F]{32}");

    @Test
    void keyIdsAndMultiRegionKeyIds_inEitherCase_areKeyIds() {
        assertThat(KeyResolution.isKeyId("1234abcd-12ab-34cd-56ef-1234567890ab")).isTrue();
        assertThat(KeyResolution.isKeyId("1234ABCD-12AB-34CD-56EF-1234567890AB")).isTrue();
        assertThat(KeyResolution.isKeyId("mrk-1234abcd12ab34cd56ef1234567890ab")).isTrue();
        assertThat(KeyResolution.isKeyId("mrk-1234ABCD12AB34CD56EF1234567890AB")).isTrue();
    }

    @Test
    void nearMisses_areNotKeyIds() {
        assertThat(KeyResolution.isKeyId("")).isFalse();
        assertThat(KeyResolution.isKeyId("1234abcd-12ab-34cd-56ef-1234567890a")).as("one digit short").isFalse();
        assertThat(KeyResolution.isKeyId("1234abcd-12ab-34cd-56ef-1234567890abc")).as("one too many").isFalse();
        assertThat(KeyResolution.isKeyId("1234abcd012ab-34cd-56ef-1234567890ab")).as("a dash moved").isFalse();
        assertThat(KeyResolution.isKeyId("1234abcg-12ab-34cd-56ef-1234567890ab")).as("g").isFalse();
        assertThat(KeyResolution.isKeyId("1234abc\u0663-12ab-34cd-56ef-1234567890ab")).as("an Arabic-Indic 3")
                .isFalse();
        assertThat(KeyResolution.isKeyId("mrk-1234abcd-12ab-34cd-56ef-1234567890ab")).isFalse();
        assertThat(KeyResolution.isKeyId("MRK-1234abcd12ab34cd56ef1234567890ab")).isFalse();
        assertThat(KeyResolution.isKeyId("alias/1234abcd-12ab-34cd-56ef-12345678")).isFalse();
    }

    @Test
    void onTenThousandMutatedIds_theCheckAgreesWithTheRegularExpression() {
        Random random = new Random(14);
        String alphabet = "0123456789abcdefABCDEFgG-mrkMRK/\u0663\u00e9 ";
        String[] seeds = {"1234abcd-12ab-34cd-56ef-1234567890ab", "mrk-1234abcd12ab34cd56ef1234567890ab"};
        int keyIds = 0;
        for (int n = 0; n < 10_000; n++) {
            StringBuilder s = new StringBuilder(seeds[random.nextInt(2)]);
            for (int edits = random.nextInt(3); edits > 0; edits--) {
                int at = random.nextInt(s.length());
                switch (random.nextInt(3)) {
                    case 0 -> s.setCharAt(at, alphabet.charAt(random.nextInt(alphabet.length())));
                    case 1 -> s.deleteCharAt(at);
                    default -> s.insert(at, alphabet.charAt(random.nextInt(alphabet.length())));
                }
            }
            String candidate = s.toString();
            boolean expected = KEY_ID.matcher(candidate).matches();
            assertThat(KeyResolution.isKeyId(candidate)).as(candidate).isEqualTo(expected);
            keyIds += expected ? 1 : 0;
        }
        assertThat(keyIds).as("both answers occur").isBetween(1_000, 9_000);
    }
}
