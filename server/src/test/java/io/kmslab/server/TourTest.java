package io.kmslab.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kmslab.errors.AccessDeniedException;
import io.kmslab.errors.DisabledException;
import io.kmslab.errors.NotFoundException;
import java.io.BufferedReader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TourTest {
    private static final String ARN = "arn:aws:kms:eu-west-2:111122223333:key/";
    private static final Pattern KEY_ARN = Pattern.compile("arn:aws:kms:eu-west-2:111122223333:key/[0-9a-f-]{36}");

    private static CommandRun whole;
    private static CommandRun tour;
    private static String arn;

    /** The whole tour with seed 7 from 2026-01-20T09:00:00Z, told once for all the test classes that read it. */
    static synchronized CommandRun wholeTour() {
        if (whole == null) {
            whole = CommandRun.of(Terminal.none(), "tour", "--seed", "7", "--start", "2026-01-20T09:00:00Z");
        }
        return whole;
    }

    @BeforeAll
    static void runTheTour() {
        tour = wholeTour();
        Matcher matcher = KEY_ARN.matcher(tour.out());
        assertThat(matcher.find()).as("a key ARN in:%n%s", tour.out()).isTrue();
        arn = matcher.group();
    }

    @Test
    void tour_tellsAllFivePartsInThirtyFourSteps_andExitsZero() {
        assertThat(tour.exitCode()).as(tour.out() + tour.err()).isZero();
        for (int step = 1; step <= 34; step++) {
            assertThat(tour.out()).contains("Step " + step + " of 34: ");
        }
        assertThat(tour.out()).doesNotContain("Step 35 of");
        assertThat(tour.out()).contains("KMS Lab tour: the life of a KMS key, who can use it, its rotation, what it "
                        + "costs, and EBS snapshots across Regions",
                "Part 1 of 5: the life of a KMS key\nSteps 1 to 10: from CreateKey to its deletion.",
                "What part 1 showed",
                "Part 2 of 5: Who can use this key?\nSteps 11 to 15: ",
                "The rules of evaluation, in order",
                "Part 3 of 5: Rotation\nSteps 16 to 22: ", "Step 16 of 34: Turn on automatic rotation",
                "Step 22 of 34: An AWS managed key rotates by itself", "What part 3 showed",
                "Part 4 of 5: What it costs\nSteps 23 to 27: ", "Step 23 of 34: The first of the month",
                "Step 27 of 34: The bill", "What part 4 showed",
                "Part 5 of 5: EBS snapshots across Regions\nSteps 28 to 34: KMS keys are bound to a Region, so EBS "
                        + "snapshots copied between Regions have to be re-encrypted.",
                "Step 28 of 34: An EBS volume in eu-west-2 under a customer managed key",
                "Step 34 of 34: The aws/ebs trap", "What part 5 showed",
                "All 34 steps behaved as narrated.");
        assertThat(tour.out()).containsSubsequence("Part 1 of 5", "What part 1 showed", "Part 2 of 5",
                "The rules of evaluation", "Part 3 of 5", "What part 3 showed", "Part 4 of 5",
                "What part 4 showed", "Part 5 of 5", "What part 5 showed", "All 34 steps");
        assertThat(tour.err()).isEmpty();
    }

    @Test
    void step1_createKey_showsASymmetricEnabledKey() {
        assertThat(section(1))
                .contains("aws kms create-key --description \"KMS Lab tutorial key\" --region eu-west-2")
                .containsPattern("KeyId +[0-9a-f-]{36}")
                .contains("Arn                 " + arn)
                .containsPattern("KeyState +Enabled")
                .containsPattern("KeySpec +SYMMETRIC_DEFAULT");
    }

    @Test
    void step2_createAlias_pointsAliasTutorialAtTheKey() {
        assertThat(section(2))
                .contains("aws kms create-alias --alias-name alias/tutorial --target-key-id ")
                .containsPattern("AliasName +alias/tutorial")
                .containsPattern("AliasArn +arn:aws:kms:eu-west-2:111122223333:alias/tutorial");
    }

    @Test
    void step3_encrypt_goesThroughTheAlias() {
        assertThat(section(3))
                .contains("aws kms encrypt --key-id alias/tutorial --plaintext fileb://ExampleSecretFile.txt "
                        + "--region eu-west-2")
                .containsPattern("KeyId +" + Pattern.quote(arn))
                .containsPattern("EncryptionAlgorithm +SYMMETRIC_DEFAULT")
                .contains("saved to ExampleSecretFile.txt.encrypted");
    }

    @Test
    void step4_decryptWithoutKeyId_givesBackTheFile() {
        assertThat(section(4))
                .contains("aws kms decrypt --ciphertext-blob fileb://ExampleSecretFile.txt.encrypted --region eu-west-2")
                .doesNotContain("--key-id")
                .contains("The vault code is 1729.")
                .contains("ExampleSecretFile.txt.decrypted is identical to ExampleSecretFile.txt");
    }

    @Test
    void step5_inspection_namesTheKeyAndItsMaterial() {
        assertThat(section(5))
                .contains("lab.inspect(")
                .containsPattern("key ARN +" + Pattern.quote(arn))
                .containsPattern("region +eu-west-2")
                .containsPattern("key material id +[0-9a-f]+");
    }

    @Test
    void step6_decryptInAnotherRegion_isDenied() {
        assertThat(section(6))
                .contains("--region us-east-1")
                .contains("An error occurred (AccessDeniedException) when calling the Decrypt operation: "
                        + "The ciphertext refers to a customer master key that does not exist, does not exist in "
                        + "this region, or you are not allowed to access.");
    }

    @Test
    void step7_decryptWithDisabledKey_isDisabledException() {
        assertThat(section(7))
                .contains("aws kms disable-key --key-id ")
                .contains("An error occurred (DisabledException) when calling the Decrypt operation: "
                        + arn + " is disabled.");
    }

    @Test
    void step8_scheduleKeyDeletion_isPendingDeletionForSevenDays() {
        assertThat(section(8))
                .contains("--pending-window-in-days 7")
                .containsPattern("DeletionDate +2026-01-27T09:00:00Z")
                .containsPattern("KeyState +PendingDeletion")
                .containsPattern("PendingWindowInDays +7");
    }

    @Test
    void step9_clockAdvance_passesTheDeletionDate() {
        assertThat(section(9))
                .contains("lab.clock().advance(Duration.ofDays(7).plusSeconds(1))")
                .contains("2026-01-20T09:00:00Z -> 2026-01-27T09:00:01Z")
                .contains("(passed)");
    }

    @Test
    void step10_describeKeyAfterDeletion_isNotFound_andTheAliasIsGone() {
        assertThat(section(10))
                .contains("An error occurred (NotFoundException) when calling the DescribeKey operation: Key '"
                        + arn + "' does not exist")
                .contains("aws kms list-aliases --region eu-west-2")
                .contains("alias/tutorial is gone");
    }

    @Test
    void tour_withSameSeed_isReproducible() {
        CommandRun again = CommandRun.of(Terminal.none(), "tour", "--seed", "7", "--start", "2026-01-20T09:00:00Z");
        assertThat(again.out().replaceAll("/\\S*kmslab-tour-\\S*", ""))
                .isEqualTo(tour.out().replaceAll("/\\S*kmslab-tour-\\S*", ""));
    }

    @Test
    void tour_withoutTerminal_hasNoColors() {
        assertThat(tour.out()).doesNotContain("\u001B[");
    }

    @Test
    void tour_onAColorTerminal_colors_unlessNoColor() {
        Terminal colorTerminal = new Terminal(true, null);
        assertThat(CommandRun.of(colorTerminal, "tour", "--seed", "1").out()).contains("\u001B[1mStep 1 of 34");
        assertThat(CommandRun.of(colorTerminal, "tour", "--seed", "1", "--no-color").out())
                .doesNotContain("\u001B[");
    }

    @Test
    void tour_withPause_waitsForEnterBeforeEachLaterStep() {
        Terminal keyboard = new Terminal(false, new BufferedReader(new StringReader("\n".repeat(40))));
        CommandRun run = CommandRun.of(keyboard, "tour", "--pause");
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("[Enter] for step 2", "[Enter] for step 10", "[Enter] for the summary",
                        "[Enter] for the next part", "[Enter] for step 12", "[Enter] for step 15",
                        "[Enter] for step 17", "[Enter] for step 22", "[Enter] for step 24", "[Enter] for step 27",
                        "[Enter] for step 29", "[Enter] for step 34")
                .doesNotContain("[Enter] for step 1 ", "[Enter] for step 11 ", "[Enter] for step 16 ",
                        "[Enter] for step 23 ", "[Enter] for step 28 ");
        assertThat(run.out().split("\\[Enter] for the summary", -1)).hasSize(6);
        assertThat(run.out().split("\\[Enter] for the next part", -1)).hasSize(5);
    }

    @Test
    void tour_withWorkdir_keepsTheFiles(@TempDir Path dir) throws Exception {
        CommandRun run = CommandRun.of(Terminal.none(), "tour", "--workdir", dir.toString());
        assertThat(run.exitCode()).isZero();
        Path secret = dir.resolve("ExampleSecretFile.txt");
        assertThat(Files.readString(secret, StandardCharsets.UTF_8)).isEqualTo(Tour.SECRET);
        assertThat(dir.resolve("ExampleSecretFile.txt.decrypted")).hasSameBinaryContentAs(secret);
        assertThat(dir.resolve("ExampleSecretFile.txt.encrypted")).exists();
        assertThat(Files.readString(dir.resolve("console-key-policy.json"), StandardCharsets.UTF_8))
                .contains("\"Sid\": \"Allow access for Key Administrators\"",
                        "\"AWS\": [\"arn:aws:iam::111122223333:user/key-admin\"]");
        for (String name : RotationChapter.FILES) {
            assertThat(dir.resolve(name)).isNotEmptyFile();
        }
        assertThat(run.out()).contains("The files are in " + dir + ".");
    }

    @Test
    void tour_inATemporaryDirectory_removesAllItsFiles() throws Exception {
        Matcher matcher = Pattern.compile("in (\\S*kmslab-tour-\\d+)").matcher(tour.out());
        assertThat(matcher.find()).isTrue();
        assertThat(Path.of(matcher.group(1))).doesNotExist();
    }

    @Test
    void tour_inUsEast1_triesTheOtherRegionInEuWest2() {
        CommandRun run = CommandRun.of(Terminal.none(), "tour", "--region", "us-east-1");
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("--ciphertext-blob fileb://ExampleSecretFile.txt.encrypted --region eu-west-2")
                .contains("An error occurred (AccessDeniedException)");
    }

    @Test
    void chapterBasics_tellsOnlyTheTenStepsOfTheLifeOfAKey() {
        CommandRun run = CommandRun.of(Terminal.none(), "tour", "--chapter", "basics", "--seed", "7");
        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        assertThat(run.out()).startsWith("KMS Lab tour: the life of a KMS key, from CreateKey to its deletion")
                .contains("Step 1 of 10: Create a KMS key", "Step 10 of 10: ", "What the tour showed",
                        "All 10 steps behaved as narrated.")
                .doesNotContain("Step 11", "Part 1 of", "Who can use this key?", "alice", "rules of evaluation",
                        "rotation", "bill");
    }

    @Test
    void chapterAll_isTheDefault() {
        CommandRun all = CommandRun.of(Terminal.none(), "tour", "--chapter", "all", "--seed", "7", "--start",
                "2026-01-20T09:00:00Z");
        assertThat(all.out().replaceAll("/\\S*kmslab-tour-\\S*", ""))
                .isEqualTo(tour.out().replaceAll("/\\S*kmslab-tour-\\S*", ""));
    }

    @Test
    void unknownChapter_isUsageError() {
        CommandRun run = CommandRun.of(Terminal.none(), "tour", "--chapter", "grants");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("'grants' is not a chapter; chapters: basics, access, rotation, bill, snapshots, all");
        assertThat(run.out()).isEmpty();
    }

    @Test
    void tour_withUnknownRegion_isUsageError() {
        CommandRun run = CommandRun.of(Terminal.none(), "tour", "--region", "mars-north-1");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("Unknown AWS Region 'mars-north-1'");
    }

    // ---- the checks that make the tour stop when KMS Lab does not behave as narrated

    @Test
    void fails_whenTheCallSucceeds_isADeviation() {
        assertThatThrownBy(() -> Tour.fails("Decrypt", AccessDeniedException.class, "denied", () -> "plaintext"))
                .isInstanceOf(TourDeviation.class)
                .hasMessage("Decrypt succeeded, but the story expects it to fail with AccessDeniedException "
                        + "\"denied\".");
    }

    @Test
    void fails_withAnotherError_isADeviation() {
        assertThatThrownBy(() -> Tour.fails("Decrypt", DisabledException.class, ARN + "x is disabled.", () -> {
            throw new NotFoundException("Key 'k' does not exist");
        })).isInstanceOf(TourDeviation.class)
                .hasMessageContaining("Decrypt failed with NotFoundException \"Key 'k' does not exist\"");
    }

    @Test
    void fails_withTheSameCodeButAnotherMessage_isADeviation() {
        assertThatThrownBy(() -> Tour.fails("Decrypt", DisabledException.class, "a is disabled.", () -> {
            throw new DisabledException("b is disabled.");
        })).isInstanceOf(TourDeviation.class);
    }

    @Test
    void succeeds_whenTheCallFails_isADeviation() {
        assertThatThrownBy(() -> Tour.succeeds("DescribeKey", () -> {
            throw new NotFoundException("Key 'k' does not exist");
        })).isInstanceOf(TourDeviation.class)
                .hasMessage("DescribeKey failed with NotFoundException: Key 'k' does not exist, but the story "
                        + "expects it to succeed.");
    }

    /** The lines of one step: from its title to the blank line that ends it. */
    static String section(String out, int step, int steps) {
        int from = out.indexOf("Step " + step + " of " + steps + ": ");
        assertThat(from).as("step %d in:%n%s", step, out).isNotNegative();
        int to = out.indexOf("\n\n", from);
        return out.substring(from, to < 0 ? out.length() : to);
    }

    private static String section(int step) {
        return section(tour.out(), step, 34);
    }
}
