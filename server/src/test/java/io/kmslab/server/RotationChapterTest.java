package io.kmslab.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Part 3 of the tour, "Rotation": {@code --chapter rotation}, steps 16 to 22 of the whole tour. */
class RotationChapterTest {
    private static final String ARN_PREFIX = "arn:aws:kms:eu-west-2:111122223333:key/";
    private static final String ROOT = "arn:aws:iam::111122223333:root";
    private static final String MATERIAL = "([0-9a-f]{64})";

    private static CommandRun run;
    private static String keyId;
    private static String keyArn;
    private static String firstMaterial;
    private static String secondMaterial;
    private static String fourthMaterial;

    @BeforeAll
    static void runTheChapter() {
        run = CommandRun.of(Terminal.none(), "tour", "--chapter", "rotation", "--seed", "7", "--start",
                "2026-01-20T09:00:00Z");
        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        keyId = find("KeyId {15}(\\S+)", section(1));
        keyArn = ARN_PREFIX + keyId;
        firstMaterial = find("CurrentKeyMaterialId " + MATERIAL, section(1));
        secondMaterial = find("KeyMaterialId {7}" + MATERIAL, section(3));
        fourthMaterial = find("KeyMaterialId {7}" + MATERIAL, section(4));
    }

    @Test
    void chapterRotation_tellsSevenSteps_withASummary_andExitsZero() {
        assertThat(run.out()).startsWith("KMS Lab tour: rotation, new key material for the same key")
                .contains("Step 1 of 7: Turn on automatic rotation", "Step 2 of 7: Encrypt a message",
                        "Step 3 of 7: A year later: the first rotation", "Step 4 of 7: Two more years at once",
                        "Step 5 of 7: Every old ciphertext still decrypts",
                        "Step 6 of 7: Manual rotation, for comparison",
                        "Step 7 of 7: An AWS managed key rotates by itself", "What the tour showed",
                        "All 7 steps behaved as narrated.")
                .doesNotContain("Step 8 of", "Part 3 of", "alias/tutorial", "alice", "444455556666");
        assertThat(run.err()).isEmpty();
        assertThat(List.of(firstMaterial, secondMaterial, fourthMaterial)).doesNotHaveDuplicates();
    }

    @Test
    void step1_enableKeyRotation_365Days_nextRotationInAYear() {
        assertThat(section(1))
                .contains("$ aws kms create-key --description \"KMS Lab rotating key\" --region eu-west-2")
                .contains("$ aws kms enable-key-rotation --key-id " + keyId + " --rotation-period-in-days 365 "
                        + "--region eu-west-2\n    # no output")
                .contains("$ aws kms get-key-rotation-status --key-id " + keyId + " --region eu-west-2")
                .containsPattern("KeyRotationEnabled +true")
                .containsPattern("RotationPeriodInDays +365")
                .containsPattern("NextRotationDate +2027-01-20T09:00:00Z");
    }

    @Test
    void step2_encrypt_usesTheFirstKeyMaterial() {
        assertThat(section(2))
                .contains("$ aws kms encrypt --key-id " + keyId + " --plaintext fileb://ExampleSecretFile.txt")
                .contains("# CiphertextBlob saved to before-rotation.encrypted")
                .containsPattern("KeyMaterialId +" + firstMaterial)
                .contains("ok: encrypted under the current key material");
    }

    @Test
    void step3_aYearLater_oneAutomaticRotation_sameKeyIdAndArn_newCurrentKeyMaterialId() {
        assertThat(section(3))
                .contains("> lab.clock().advance(Duration.ofDays(365))")
                .contains("2026-01-20T09:00:00Z -> 2027-01-20T09:00:00Z")
                .contains("$ aws kms list-key-rotations --key-id " + keyId + " --region eu-west-2")
                .containsPattern("2027-01-20T09:00:00Z +AUTOMATIC +CURRENT +" + secondMaterial.substring(0, 16)
                        + "\\.\\.\\.")
                .contains("$ aws kms describe-key --key-id " + keyId)
                .containsPattern("KeyId +" + keyId + "\n")
                .containsPattern("Arn +" + Pattern.quote(keyArn) + "\n")
                .containsPattern("CurrentKeyMaterialId +" + secondMaterial)
                .contains("ok: same key id and ARN, new key material: " + firstMaterial.substring(0, 16) + "... -> "
                        + secondMaterial.substring(0, 16) + "...")
                .contains("# CiphertextBlob saved to after-1-rotation.encrypted");
        assertThat(secondMaterial).isNotEqualTo(firstMaterial);
    }

    @Test
    void step4_twoYearsAtOnce_twoMoreRotations_withTheirDates() {
        String section = section(4);
        assertThat(section)
                .contains("> lab.clock().advance(Duration.ofDays(730))")
                .contains("2027-01-20T09:00:00Z -> 2029-01-19T09:00:00Z")
                .containsPattern("2027-01-20T09:00:00Z +AUTOMATIC +NON_CURRENT +" + secondMaterial.substring(0, 16))
                .containsPattern("2028-01-20T09:00:00Z +AUTOMATIC +NON_CURRENT +[0-9a-f]{16}")
                .containsPattern("2029-01-19T09:00:00Z +AUTOMATIC +CURRENT +" + fourthMaterial.substring(0, 16))
                .containsPattern("NextRotationDate +2030-01-19T09:00:00Z")
                .contains("# CiphertextBlob saved to after-3-rotations.encrypted");
        assertThat(Pattern.compile("AUTOMATIC").matcher(section).results().count()).isEqualTo(3);
    }

    @Test
    void step5_everyOldCiphertextDecrypts_withTheKeyMaterialThatEncryptedIt() {
        assertThat(section(5))
                .contains("$ aws kms decrypt --ciphertext-blob fileb://before-rotation.encrypted --region eu-west-2\n"
                        + "    KeyId               " + keyArn + "\n"
                        + "    KeyMaterialId       " + firstMaterial)
                .contains("$ aws kms decrypt --ciphertext-blob fileb://after-1-rotation.encrypted --region eu-west-2\n"
                        + "    KeyId               " + keyArn + "\n"
                        + "    KeyMaterialId       " + secondMaterial)
                .contains("$ aws kms decrypt --ciphertext-blob fileb://after-3-rotations.encrypted --region "
                        + "eu-west-2\n    KeyId               " + keyArn + "\n"
                        + "    KeyMaterialId       " + fourthMaterial)
                .containsPattern("after-3-rotations.encrypted +" + keyId.substring(0, 8) + "\\.\\.\\. +"
                        + fourthMaterial.substring(0, 16) + "\\.\\.\\. += ExampleSecretFile.txt")
                .contains("ok: every ciphertext decrypted, each with the key material that encrypted it");
    }

    @Test
    void step6_manualRotation_newKeyAndUpdateAlias_sideBySideWithAutomatic() {
        String section = section(6);
        String v1 = find("version 1\" --region eu-west-2\n {4}KeyId {15}(\\S+)", section);
        String v2 = find("version 2\" --region eu-west-2\n {4}KeyId {15}(\\S+)", section);
        assertThat(v2).isNotEqualTo(v1);
        assertThat(section)
                .contains("$ aws kms create-alias --alias-name alias/app-key --target-key-id " + v1)
                .contains("$ aws kms update-alias --alias-name alias/app-key --target-key-id " + v2
                        + " --region eu-west-2\n    # no output; alias/app-key now names the new key")
                .contains("$ aws kms encrypt --key-id alias/app-key --plaintext fileb://ExampleSecretFile.txt "
                        + "--region eu-west-2\n    KeyId               " + ARN_PREFIX + v2)
                .contains("$ aws kms decrypt --ciphertext-blob fileb://app-key-v1.encrypted --region eu-west-2\n"
                        + "    KeyId               " + ARN_PREFIX + v1)
                .contains("ok: app-key-v1.encrypted still decrypts, with the old key, because it was kept")
                .containsPattern(" +Automatic rotation +Manual rotation")
                .containsPattern("Key id and ARN +the same: " + keyId.substring(0, 8) + "\\.\\.\\. +new: "
                        + v1.substring(0, 8) + "\\.\\.\\. -> " + v2.substring(0, 8) + "\\.\\.\\.")
                .containsPattern("How +EnableKeyRotation, once +CreateKey, then UpdateAlias");
    }

    @Test
    void step7_awsManagedKey_rotatesByItselfAfterAYear_andCannotBeDisabled() {
        String section = section(7);
        String managed = find("describe-key --key-id alias/aws/s3 --region eu-west-2\n {4}KeyId {15}(\\S+)",
                section);
        String managedArn = ARN_PREFIX + managed;
        assertThat(section)
                .contains("> lab.kms(\"eu-west-2\").awsManagedKey(\"s3\")")
                .containsPattern("KeyManager +AWS")
                .containsPattern("KeyRotationEnabled +true")
                .containsPattern("NextRotationDate +2030-01-19T09:00:00Z")
                .contains("2029-01-19T09:00:00Z -> 2030-01-19T09:00:00Z")
                .containsPattern("2030-01-19T09:00:00Z +AUTOMATIC +CURRENT +[0-9a-f]{16}")
                .contains("ok: alias/aws/s3 rotated by itself; nobody called EnableKeyRotation")
                .contains("$ aws kms disable-key --key-id " + managed + " --region eu-west-2\n"
                        + "    An error occurred (AccessDeniedException) when calling the DisableKey operation: User: "
                        + ROOT + " is not authorized to perform: kms:DisableKey on resource: " + managedArn
                        + " because no resource-based policy allows the kms:DisableKey action")
                .contains("An error occurred (AccessDeniedException) when calling the DisableKeyRotation operation: "
                        + "User: " + ROOT + " is not authorized to perform: kms:DisableKeyRotation on resource: "
                        + managedArn + " because no resource-based policy allows the kms:DisableKeyRotation "
                        + "action");
    }

    @Test
    void chapter_endsWithWhatItShowed() {
        int from = run.out().indexOf("What the tour showed\n");
        assertThat(from).isPositive();
        List<String> points = run.out().substring(from).lines().skip(1).takeWhile(l -> !l.isBlank()).toList();
        assertThat(points).hasSize(5);
        assertThat(points.get(0)).contains("three rotations in three years");
        assertThat(points.get(4)).contains("alias/aws/s3", "AccessDeniedException");
    }

    @Test
    void inTheWholeTour_rotationIsPart3_steps16To22() {
        CommandRun all = TourTest.wholeTour();
        assertThat(all.exitCode()).as(all.out() + all.err()).isZero();
        assertThat(TourTest.section(all.out(), 16, 34)).contains("Turn on automatic rotation")
                .containsPattern("RotationPeriodInDays +365");
        assertThat(TourTest.section(all.out(), 20, 34)).contains("Every old ciphertext still decrypts")
                .doesNotContain("An error occurred");
        assertThat(TourTest.section(all.out(), 22, 34)).contains("An error occurred (AccessDeniedException) when "
                + "calling the DisableKey operation");
        assertThat(all.out()).contains("What part 3 showed");
    }

    private static String section(int step) {
        return TourTest.section(run.out(), step, 7);
    }

    private static String find(String regex, String text) {
        Matcher matcher = Pattern.compile(regex).matcher(text);
        assertThat(matcher.find()).as("%s in:%n%s", regex, text).isTrue();
        return matcher.group(1);
    }
}
