package io.kmslab.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kmslab.services.common.AwsServiceException;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Part 5 of the tour, "EBS snapshots across Regions": {@code --chapter snapshots}, steps 28 to 34 of the whole tour.
 */
class SnapshotsChapterTest {
    private static final String LONDON_KEY = "arn:aws:kms:eu-west-2:111122223333:key/";
    private static final String VIRGINIA_KEY = "arn:aws:kms:us-east-1:111122223333:key/";
    private static final String INFRASTRUCTURE = "arn:aws:sts::111122223333:assumed-role/aws:ec2-infrastructure/";

    private static CommandRun run;
    private static String volumeId;
    private static String snapshotId;
    private static String copyId;

    @BeforeAll
    static void runTheChapter() {
        run = CommandRun.of(Terminal.none(), "tour", "--chapter", "snapshots", "--seed", "7", "--start",
                "2026-01-20T09:00:00Z");
        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        volumeId = find("VolumeId {12}(vol-[0-9a-f]{17})", section(1));
        snapshotId = find("SnapshotId {10}(snap-[0-9a-f]{17})", section(3));
        copyId = find("SnapshotId {10}(snap-[0-9a-f]{17})", section(4));
    }

    @Test
    void chapterSnapshots_tellsSevenSteps_withASummary_andExitsZero() {
        assertThat(run.out()).startsWith("KMS Lab tour: KMS keys are bound to a Region: EBS snapshots copied between "
                        + "Regions")
                .contains("Step 1 of 7: An EBS volume in eu-west-2 under a customer managed key",
                        "Step 2 of 7: Attach it and write to it", "Step 3 of 7: Take a snapshot",
                        "Step 4 of 7: Copy it to us-east-1, under a key of us-east-1",
                        "Step 5 of 7: The audit trail: KMS calls in both Regions",
                        "Step 6 of 7: Name the key of eu-west-2 for a copy in us-east-1: refused",
                        "Step 7 of 7: The aws/ebs trap: such a snapshot cannot be shared", "What the tour showed",
                        "All 7 steps behaved as narrated.")
                .doesNotContain("Step 8 of", "Part 5 of", "alias/tutorial", "alice");
        assertThat(run.err()).isEmpty();
        assertThat(List.of(snapshotId, copyId)).doesNotHaveDuplicates();
    }

    @Test
    void step1_createVolume_makesOneDataKey_withTheVolumeIdAsContext_asTheCaller() {
        assertThat(section(1))
                .contains("$ aws ec2 create-volume --availability-zone eu-west-2a --size 8 --encrypted --kms-key-id "
                        + "alias/ebs-data --region eu-west-2")
                .containsPattern("KmsKeyId +" + Pattern.quote(LONDON_KEY))
                .containsPattern("State +creating")
                .containsPattern("eu-west-2 +GenerateDataKeyWithoutPlaintext +[0-9a-f]{8}\\.\\.\\. +" + volumeId
                        + " +root +-")
                .contains("ok: your identity, no invokedBy, user agent \"AWS Internal\"")
                .contains("kms:ViaService is ec2.eu-west-2.amazonaws.com");
    }

    @Test
    void step2_attach_grantsTheInstancesInfrastructure_whichDecrypts_thenWritingMakesNoKmsCall() {
        assertThat(section(2))
                .contains("$ aws ec2 attach-volume --volume-id " + volumeId + " --instance-id i-0123456789abcdef0")
                .containsPattern("GranteePrincipal +" + Pattern.quote(INFRASTRUCTURE + "i-0123456789abcdef0"))
                .containsPattern("Constraints +EncryptionContextSubset \\{aws:ebs:id=" + volumeId + "}")
                .containsPattern("eu-west-2 +CreateGrant .* root +-")
                .containsPattern("eu-west-2 +Decrypt +[0-9a-f]{8}\\.\\.\\. +" + volumeId
                        + " +ec2-infrastructure/i-0123456789abcdef0 +-")
                .contains("ok: written under the data key held in memory: no KMS call");
    }

    @Test
    void step3_snapshot_keepsTheKey_andMakesNoKmsCall() {
        assertThat(section(3))
                .containsPattern("State +pending")
                .containsPattern("State +completed")
                .containsPattern("VolumeId +" + volumeId)
                .containsPattern("KmsKeyId +" + Pattern.quote(LONDON_KEY))
                .containsPattern("DataEncryptionKeyId +[0-9a-f-]{36}")
                .contains("no KMS call");
    }

    @Test
    void step4_copyToUsEast1_isReEncryptedUnderAKeyOfUsEast1() {
        String section = section(4);
        assertThat(section)
                .contains("$ aws ec2 copy-snapshot --source-region eu-west-2 --source-snapshot-id " + snapshotId
                        + " --encrypted --kms-key-id alias/ebs-dr --region us-east-1")
                .containsPattern("VolumeId +vol-ffffffff")
                .containsPattern("KmsKeyId +" + Pattern.quote(VIRGINIA_KEY))
                .contains("ok: re-encrypted: another KMS key (of us-east-1), another data key");
        assertThat(find("DataEncryptionKeyId (\\S+)", section))
                .isNotEqualTo(find("DataEncryptionKeyId (\\S+)", section(3)));
    }

    @Test
    void step5_theAuditTrail_showsTheCallsInBothRegions_andTheRestoredVolumeReadsTheData() {
        assertThat(section(5))
                .containsPattern("us-east-1 +DescribeKey .* root +-\n")
                .containsPattern("us-east-1 +GenerateDataKeyWithoutPlaintext +[0-9a-f]{8}\\.\\.\\. +" + copyId)
                .containsPattern("eu-west-2 +Decrypt +[0-9a-f]{8}\\.\\.\\. +" + volumeId + " +root")
                .containsPattern("us-east-1 +Decrypt +[0-9a-f]{8}\\.\\.\\. +" + copyId + " +root")
                .contains("--snapshot-id " + copyId + " --region us-east-1")
                .contains("\"The vault code is 1729.")
                .contains("ok: the data crossed the Regions, re-encrypted");
    }

    @Test
    void step6_theKeyOfEuWest2_failsTheCopy_withGivenKeyIdIsNotAccessible() {
        assertThat(section(6))
                .contains("--encrypted --kms-key-id " + LONDON_KEY)
                .containsPattern("State +error")
                .containsPattern("StateMessage +Given key ID is not accessible")
                .containsPattern("us-east-1 +DescribeKey +- +- +root +NotFoundException")
                .contains("KMS in us-east-1 answered DescribeKey: NotFoundException \"Invalid arn eu-west-2\"")
                .contains("copySnapshot failed, cause \"Given key ID is not accessible\"");
    }

    @Test
    void step7_anAwsEbsSnapshot_cannotBeShared_aCopyUnderACustomerKeyCan() {
        assertThat(section(7))
                .contains("$ aws ec2 create-volume --availability-zone eu-west-2a --size 8 --encrypted --region "
                        + "eu-west-2")
                .contains("(alias/aws/ebs)")
                .contains("An error occurred (OperationNotPermitted) when calling the ModifySnapshotAttribute "
                        + "operation: Encrypted snapshots with EBS default key cannot be shared")
                .contains("ok: the copy under alias/ebs-data is shared with 444455556666");
    }

    @Test
    void chapter_endsWithWhatItShowed() {
        int from = run.out().indexOf("What the tour showed\n");
        assertThat(from).isPositive();
        List<String> points = run.out().substring(from).lines().skip(1).takeWhile(l -> !l.isBlank()).toList();
        assertThat(points).hasSize(6);
        assertThat(points.get(3)).contains("KMS keys are bound to a Region", "re-encrypted under a key of us-east-1");
        assertThat(points.get(5)).contains("aws/ebs", "OperationNotPermitted");
    }

    @Test
    void fromUsEast1_theCopyGoesToEuWest2() {
        CommandRun fromVirginia = CommandRun.of(Terminal.none(), "tour", "--chapter", "snapshots", "--region",
                "us-east-1", "--seed", "3");
        assertThat(fromVirginia.exitCode()).as(fromVirginia.out() + fromVirginia.err()).isZero();
        assertThat(fromVirginia.out()).contains("Step 4 of 7: Copy it to eu-west-2, under a key of eu-west-2",
                "--source-region us-east-1", "All 7 steps behaved as narrated.");
    }

    @Test
    void inTheWholeTour_snapshotsArePart5_steps28To34() {
        CommandRun all = TourTest.wholeTour();
        assertThat(all.exitCode()).as(all.out() + all.err()).isZero();
        assertThat(TourTest.section(all.out(), 28, 34)).contains("An EBS volume in eu-west-2");
        assertThat(TourTest.section(all.out(), 31, 34)).contains("--region us-east-1")
                .containsPattern("State +completed");
        assertThat(TourTest.section(all.out(), 33, 34)).contains("Given key ID is not accessible");
        assertThat(all.out()).contains("What part 5 showed");
    }

    // ---- the check that makes the chapter stop when EC2 does not answer as narrated

    @Test
    void ec2Fails_whenTheCallSucceeds_orFailsOtherwise_isADeviation() {
        assertThatThrownBy(() -> SnapshotsChapter.ec2Fails("ModifySnapshotAttribute", "OperationNotPermitted",
                "m", () -> null)).isInstanceOf(TourDeviation.class)
                .hasMessage("ModifySnapshotAttribute succeeded, but the story expects it to fail with "
                        + "OperationNotPermitted \"m\".");
        assertThatThrownBy(() -> SnapshotsChapter.ec2Fails("ModifySnapshotAttribute", "OperationNotPermitted",
                "m", () -> {
                    throw new AwsServiceException("ec2", "InvalidSnapshot.NotFound", 400, "gone");
                })).isInstanceOf(TourDeviation.class)
                .hasMessageContaining("failed with InvalidSnapshot.NotFound \"gone\"");
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
