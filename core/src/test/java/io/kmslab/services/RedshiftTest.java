package io.kmslab.services;

import static io.kmslab.services.ServiceErrors.assertServiceError;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kmslab.Caller;
import io.kmslab.KmsLab;
import io.kmslab.api.CreateKeyRequest;
import io.kmslab.api.DescribeKeyRequest;
import io.kmslab.api.DisableKeyRequest;
import io.kmslab.api.EnableKeyRequest;
import io.kmslab.api.ListGrantsRequest;
import io.kmslab.audit.AuditEvent;
import io.kmslab.services.common.AwsServiceException;
import io.kmslab.services.redshift.Cluster;
import io.kmslab.services.redshift.ClusterKeyHierarchy;
import io.kmslab.services.redshift.CreateClusterRequest;
import io.kmslab.services.redshift.CreateClusterSnapshotRequest;
import io.kmslab.services.redshift.CreateSnapshotCopyGrantRequest;
import io.kmslab.services.redshift.EnableSnapshotCopyRequest;
import io.kmslab.services.redshift.ModifyClusterRequest;
import io.kmslab.services.redshift.Redshift;
import io.kmslab.services.redshift.RestoreFromClusterSnapshotRequest;
import io.kmslab.services.redshift.Snapshot;
import io.kmslab.services.redshift.SnapshotCopyGrant;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

class RedshiftTest {
    private static final String ACCOUNT = KmsLab.DEFAULT_ACCOUNT;
    private static final String LONDON = "eu-west-2";
    private static final String VIRGINIA = "us-east-1";
    private static final String SERVICE_ROLE = "arn:aws:sts::790247189693:assumed-role/prod-23264-role-wp/i-";

    private final KmsLab lab = KmsLab.builder().startingAt(Instant.parse("2026-03-01T18:32:45Z")).seed(5).build();
    private final Caller alice = Caller.root(ACCOUNT);
    private final Redshift redshift = AwsCloud.of(lab).redshift(alice, LONDON);

    // ------------------------------------------------------------------------------------------ the hierarchy

    @Test
    void launch_makesTheClusterKeyUnderAwsRedshift_withTheClusterArnAndCreateMinuteAsContext() {
        Cluster cluster = redshift.createCluster(CreateClusterRequest.of("analytics", null));

        String awsRedshift = lab.kms(alice, LONDON).describeKey(DescribeKeyRequest.of("alias/aws/redshift"))
                .keyMetadata().arn();
        assertThat(cluster.encrypted()).isTrue();
        assertThat(cluster.kmsKeyId()).isEqualTo(awsRedshift);
        Map<String, String> context = Map.of(
                "aws:redshift:arn", "arn:aws:redshift:eu-west-2:111122223333:cluster:analytics",
                "aws:redshift:createtime", "20260301T1832Z");
        List<AuditEvent> events = ownerEvents();
        assertThat(events).extracting(AuditEvent::eventName)
                .containsExactly("DescribeKey", "CreateGrant", "GenerateDataKey", "Decrypt", "DescribeKey");
        for (AuditEvent e : events.subList(0, 3)) {
            assertThat(e.userIdentity().arn()).isEqualTo(alice.arn());
            assertThat(e.userIdentity().invokedBy()).isEqualTo("redshift.amazonaws.com");
        }
        assertThat(events.get(2).requestParameters()).containsEntry("encryptionContext", context);
        AuditEvent decrypt = events.get(3);
        assertThat(decrypt.userIdentity().type()).isEqualTo("AssumedRole");
        assertThat(decrypt.userIdentity().arn()).startsWith(SERVICE_ROLE);
        assertThat(decrypt.userAgent()).isEqualTo("aws-internal/3");
        assertThat(decrypt.userIdentity().invokedBy()).isNull();
        assertThat(decrypt.requestParameters()).containsEntry("encryptionContext", context);
        assertThat(lab.kms(alice, LONDON).listGrants(new ListGrantsRequest(null, null, awsRedshift, null, null))
                .grants()).singleElement().satisfies(g -> assertThat(g.granteePrincipal())
                        .isEqualTo(decrypt.userIdentity().arn()));

        ClusterKeyHierarchy keys = redshift.clusterKeyHierarchy("analytics").orElseThrow();
        assertThat(keys.kmsKeyId()).isEqualTo(awsRedshift);
        assertThat(keys.encryptionContext()).isEqualTo(context);
        assertThat(keys.clusterKeyGeneration()).isEqualTo(1);
        assertThat(keys.keysInMemory()).isTrue();
        assertThat(keys.granteePrincipal()).isEqualTo(decrypt.userIdentity().arn());
    }

    @Test
    void rows_areEncryptedThroughTheHierarchy_oneBlockKeyEach_withNoKmsCallPerQuery() {
        redshift.createCluster(CreateClusterRequest.of("analytics", null));
        int before = ownerEvents().size();
        redshift.labPutRow("analytics", "q1", "revenue 10");
        redshift.labPutRow("analytics", "q2", "revenue 12");

        assertThat(redshift.labGetRow("analytics", "q1")).contains("revenue 10");
        assertThat(redshift.labGetRow("analytics", "q3")).isEmpty();
        assertThat(redshift.clusterKeyHierarchy("analytics").orElseThrow().blockKeys()).isEqualTo(2);
        assertThat(ownerEvents()).hasSize(before);
    }

    @Test
    void reboot_decryptsTheClusterKeyAgain_andNothingElse() {
        redshift.createCluster(CreateClusterRequest.of("analytics", null));
        redshift.labPutRow("analytics", "q1", "revenue 10");
        int before = ownerEvents().size();

        redshift.rebootCluster("analytics");

        List<AuditEvent> after = ownerEvents().subList(before, ownerEvents().size());
        assertThat(after).extracting(AuditEvent::eventName).containsExactly("Decrypt");
        assertThat(after.get(0).userIdentity().arn()).startsWith(SERVICE_ROLE);
        assertThat(redshift.labGetRow("analytics", "q1")).contains("revenue 10");
    }

    @Test
    void aDisabledKey_stopsTheNextReboot_notTheRunningCluster_andEnablingItRestores() {
        String key = customerKey(LONDON);
        redshift.createCluster(CreateClusterRequest.of("analytics", key));
        redshift.labPutRow("analytics", "q1", "revenue 10");
        lab.kms(alice, LONDON).disableKey(DisableKeyRequest.of(key));

        assertThat(redshift.labGetRow("analytics", "q1")).contains("revenue 10");
        assertThatThrownBy(() -> redshift.rebootCluster("analytics"))
                .isInstanceOfSatisfying(AwsServiceException.class, e -> {
                    assertThat(e.errorCode()).isEqualTo("DependentServiceAccessDenied");
                    assertThat(e.kmsError().orElseThrow().errorCode()).isEqualTo("DisabledException");
                });
        assertThat(redshift.clusterKeyHierarchy("analytics").orElseThrow().keysInMemory()).isFalse();
        assertThatThrownBy(() -> redshift.labGetRow("analytics", "q1"))
                .isInstanceOfSatisfying(AwsServiceException.class,
                        e -> assertThat(e.errorCode()).isEqualTo("InvalidClusterState"));

        lab.kms(alice, LONDON).enableKey(EnableKeyRequest.of(key));
        redshift.rebootCluster("analytics");
        assertThat(redshift.labGetRow("analytics", "q1")).contains("revenue 10");
    }

    @Test
    void rotateEncryptionKey_makesNewClusterKeysForTheClusterAndItsSnapshots_withoutRotatingTheKmsKey() {
        String key = customerKey(LONDON);
        redshift.createCluster(CreateClusterRequest.of("analytics", key));
        redshift.labPutRow("analytics", "q1", "revenue 10");
        redshift.createClusterSnapshot(CreateClusterSnapshotRequest.of("before-rotation", "analytics"));
        int before = ownerEvents().size();

        redshift.rotateEncryptionKey("analytics");

        List<AuditEvent> after = ownerEvents().subList(before, ownerEvents().size());
        assertThat(after).extracting(AuditEvent::eventName)
                .containsExactly("GenerateDataKey", "Decrypt", "GenerateDataKey");
        assertThat(after).allSatisfy(e -> assertThat(e.userIdentity().arn()).startsWith(SERVICE_ROLE));
        assertThat(redshift.clusterKeyHierarchy("analytics").orElseThrow().clusterKeyGeneration()).isEqualTo(2);
        assertThat(redshift.labGetRow("analytics", "q1")).contains("revenue 10");
        assertThat(ownerEvents()).noneMatch(e -> e.eventName().equals("RotateKey"));

        redshift.restoreFromClusterSnapshot(RestoreFromClusterSnapshotRequest.of("restored", "before-rotation"));
        assertThat(redshift.labGetRow("restored", "q1")).contains("revenue 10");
    }

    @Test
    void aClusterCannotBeCreatedUnencrypted_butCanBeModifiedToDecryptedAndBack() {
        assertRedshift(() -> redshift.createCluster(new CreateClusterRequest("plain", false, null)),
                "InvalidParameterValue", "Encrypted must be true: new clusters are encrypted at rest.");

        String key = customerKey(LONDON);
        redshift.createCluster(CreateClusterRequest.of("analytics", null));
        redshift.labPutRow("analytics", "q1", "revenue 10");
        String awsRedshift = redshift.describeCluster("analytics").kmsKeyId();

        Cluster decrypted = redshift.modifyCluster(ModifyClusterRequest.decrypt("analytics"));
        assertThat(decrypted.encrypted()).isFalse();
        assertThat(redshift.clusterKeyHierarchy("analytics")).isEmpty();
        assertThat(redshift.labGetRow("analytics", "q1")).contains("revenue 10");
        assertThat(lab.kms(alice, LONDON).listGrants(new ListGrantsRequest(null, null, awsRedshift, null, null))
                .grants()).isEmpty();

        Cluster encrypted = redshift.modifyCluster(ModifyClusterRequest.encrypt("analytics", key));
        assertThat(encrypted.kmsKeyId()).isEqualTo(key);
        assertThat(redshift.labGetRow("analytics", "q1")).contains("revenue 10");
    }

    @Test
    void restoringUnderANewKey_isAllowedForAnOwnSnapshot() {
        String key = customerKey(LONDON);
        redshift.createCluster(CreateClusterRequest.of("analytics", null));
        redshift.labPutRow("analytics", "q1", "revenue 10");
        redshift.createClusterSnapshot(CreateClusterSnapshotRequest.of("s1", "analytics"));

        Cluster restored = redshift.restoreFromClusterSnapshot(
                new RestoreFromClusterSnapshotRequest("restored", "s1", key));
        assertThat(restored.kmsKeyId()).isEqualTo(key);
        assertThat(redshift.labGetRow("restored", "q1")).contains("revenue 10");
    }

    // ------------------------------------------------------------------------------------------ snapshot copy grants

    @Test
    void aSnapshotCopyGrant_isAKmsGrantOnTheDefaultKeyOfItsRegion_withRedshiftsNameRules() {
        Redshift virginia = AwsCloud.of(lab).redshift(alice, VIRGINIA);
        assertRedshift(() -> virginia.createSnapshotCopyGrant(CreateSnapshotCopyGrantRequest.of("Copy-Grant", null)),
                "InvalidParameterValue", "SnapshotCopyGrantName must contain from 1 to 63 alphanumeric characters "
                        + "or hyphens; alphabetic characters must be lowercase; the first character must be a letter; "
                        + "it cannot end with a hyphen or contain two consecutive hyphens.");
        for (String bad : List.of("1grant", "grant-", "grant--x", "g".repeat(64))) {
            assertThatThrownBy(() -> virginia.createSnapshotCopyGrant(CreateSnapshotCopyGrantRequest.of(bad, null)))
                    .as(bad).isInstanceOf(AwsServiceException.class);
        }

        SnapshotCopyGrant grant = virginia.createSnapshotCopyGrant(CreateSnapshotCopyGrantRequest.of("dr-grant", null));

        String awsRedshift = lab.kms(alice, VIRGINIA).describeKey(DescribeKeyRequest.of("alias/aws/redshift"))
                .keyMetadata().arn();
        assertThat(grant.kmsKeyId()).isEqualTo(awsRedshift);
        assertThat(lab.kms(alice, VIRGINIA).listGrants(new ListGrantsRequest(null, null, awsRedshift, null, null))
                .grants()).singleElement().satisfies(g -> {
                    assertThat(g.name()).isEqualTo("dr-grant");
                    assertThat(g.granteePrincipal()).startsWith(SERVICE_ROLE);
                });
        AuditEvent createGrant = ownerEvents().stream().filter(e -> e.eventName().equals("CreateGrant")).findFirst()
                .orElseThrow();
        assertThat(createGrant.awsRegion()).isEqualTo(VIRGINIA);
        assertRedshift(() -> virginia.createSnapshotCopyGrant(CreateSnapshotCopyGrantRequest.of("dr-grant", null)),
                "SnapshotCopyGrantAlreadyExistsFault",
                "The snapshot copy grant can't be created because a grant with the same name already exists.");
        assertThat(redshift.describeSnapshotCopyGrants(null)).isEmpty();
        assertThat(virginia.describeSnapshotCopyGrants(null)).containsExactly(grant);
    }

    @Test
    void enableSnapshotCopy_findsTheGrantOnlyInTheDestinationRegion() {
        redshift.createCluster(CreateClusterRequest.of("analytics", null));
        redshift.createSnapshotCopyGrant(CreateSnapshotCopyGrantRequest.of("dr-grant", null));
        String notFound = "The specified snapshot copy grant can't be found. Make sure that the name is typed "
                + "correctly and that the grant exists in the destination region.";

        assertRedshift(() -> redshift.enableSnapshotCopy(EnableSnapshotCopyRequest.of("analytics", VIRGINIA,
                "dr-grant")), "SnapshotCopyGrantNotFoundFault", notFound);
        assertRedshift(() -> redshift.enableSnapshotCopy(EnableSnapshotCopyRequest.of("analytics", VIRGINIA, null)),
                "SnapshotCopyGrantNotFoundFault", notFound);
        assertRedshift(() -> redshift.enableSnapshotCopy(EnableSnapshotCopyRequest.of("analytics", "mars-north-1",
                "dr-grant")), "UnknownSnapshotCopyRegionFault", "The specified region is incorrect or does not exist.");
        assertThat(redshift.describeCluster("analytics").clusterSnapshotCopyStatus()).isNull();
    }

    @Test
    void aSnapshotIsCopiedToTheDestination_reEncryptedUnderTheGrantsKeyThere() {
        String virginiaKey = customerKey(VIRGINIA);
        Redshift virginia = AwsCloud.of(lab).redshift(alice, VIRGINIA);
        virginia.createSnapshotCopyGrant(CreateSnapshotCopyGrantRequest.of("dr-grant", virginiaKey));
        redshift.createCluster(CreateClusterRequest.of("analytics", null));
        redshift.labPutRow("analytics", "q1", "revenue 10");
        Cluster enabled = redshift.enableSnapshotCopy(EnableSnapshotCopyRequest.of("analytics", VIRGINIA, "dr-grant"));
        assertThat(enabled.clusterSnapshotCopyStatus().destinationRegion()).isEqualTo(VIRGINIA);
        assertThat(enabled.clusterSnapshotCopyStatus().retentionPeriod()).isEqualTo(7);
        int before = ownerEvents().size();

        redshift.createClusterSnapshot(CreateClusterSnapshotRequest.of("s1", "analytics"));

        List<AuditEvent> copy = ownerEvents().subList(before, ownerEvents().size());
        assertThat(copy).extracting(e -> e.eventName() + " in " + e.awsRegion())
                .containsExactly("Decrypt in " + LONDON, "GenerateDataKey in " + VIRGINIA);
        assertThat(copy).allSatisfy(e -> assertThat(e.userIdentity().arn()).startsWith(SERVICE_ROLE));
        assertThat(copy.get(1).requestParameters()).containsEntry("keyId", virginiaKey)
                .containsEntry("encryptionContext", Map.of(
                        "aws:redshift:arn", "arn:aws:redshift:us-east-1:111122223333:cluster:analytics",
                        "aws:redshift:createtime", "20260301T1832Z"));
        Snapshot copied = virginia.describeClusterSnapshot("copy:s1");
        assertThat(copied.kmsKeyId()).isEqualTo(virginiaKey);
        assertThat(copied.sourceRegion()).isEqualTo(LONDON);
        assertThat(redshift.labSnapshotCopyFailures("analytics")).isEmpty();

        virginia.restoreFromClusterSnapshot(RestoreFromClusterSnapshotRequest.of("analytics-dr", "copy:s1"));
        assertThat(virginia.labGetRow("analytics-dr", "q1")).contains("revenue 10");
        assertThat(virginia.describeCluster("analytics-dr").kmsKeyId()).isEqualTo(virginiaKey);
    }

    @Test
    void aCopyUnderADisabledDestinationKey_failsWithoutFailingTheSnapshot() {
        String virginiaKey = customerKey(VIRGINIA);
        Redshift virginia = AwsCloud.of(lab).redshift(alice, VIRGINIA);
        virginia.createSnapshotCopyGrant(CreateSnapshotCopyGrantRequest.of("dr-grant", virginiaKey));
        redshift.createCluster(CreateClusterRequest.of("analytics", null));
        redshift.enableSnapshotCopy(EnableSnapshotCopyRequest.of("analytics", VIRGINIA, "dr-grant"));
        lab.kms(alice, VIRGINIA).disableKey(DisableKeyRequest.of(virginiaKey));

        assertThat(redshift.createClusterSnapshot(CreateClusterSnapshotRequest.of("s1", "analytics")).status())
                .isEqualTo("available");
        assertThat(virginia.describeClusterSnapshots()).isEmpty();
        assertThat(redshift.labSnapshotCopyFailures("analytics")).singleElement().asString()
                .startsWith("s1: ").contains("is disabled");
    }

    @Test
    void aGrantInUse_cannotBeDeleted_andDeletingItRetiresItsKmsGrant() {
        Redshift virginia = AwsCloud.of(lab).redshift(alice, VIRGINIA);
        SnapshotCopyGrant grant = virginia.createSnapshotCopyGrant(CreateSnapshotCopyGrantRequest.of("dr-grant",
                null));
        redshift.createCluster(CreateClusterRequest.of("analytics", null));
        redshift.enableSnapshotCopy(EnableSnapshotCopyRequest.of("analytics", VIRGINIA, "dr-grant"));

        assertRedshift(() -> virginia.deleteSnapshotCopyGrant("dr-grant"), "InvalidSnapshotCopyGrantStateFault",
                "The snapshot copy grant can't be deleted because it is used by one or more clusters.");
        assertRedshift(() -> redshift.enableSnapshotCopy(EnableSnapshotCopyRequest.of("analytics", VIRGINIA,
                "dr-grant")), "SnapshotCopyAlreadyEnabledFault",
                "The cluster already has cross-region snapshot copy enabled.");
        redshift.disableSnapshotCopy("analytics");
        virginia.deleteSnapshotCopyGrant("dr-grant");

        assertThat(virginia.describeSnapshotCopyGrants(null)).isEmpty();
        assertThat(lab.kms(alice, VIRGINIA).listGrants(new ListGrantsRequest(null, null, grant.kmsKeyId(), null,
                null)).grants()).isEmpty();
        assertThat(ownerEvents()).anySatisfy(e -> {
            assertThat(e.eventName()).isEqualTo("RetireGrant");
            assertThat(e.awsRegion()).isEqualTo(VIRGINIA);
        });
    }

    // ------------------------------------------------------------------------------------------ helpers

    private static void assertRedshift(ThrowingCallable call, String errorCode, String message) {
        assertServiceError("redshift", call, errorCode, message);
    }

    private String customerKey(String region) {
        return lab.kms(alice, region).createKey(CreateKeyRequest.of()).keyMetadata().arn();
    }

    /** The key owner's trail, without the test's own key management calls. */
    private List<AuditEvent> ownerEvents() {
        return lab.auditTrail().events().filter(e -> ACCOUNT.equals(e.recipientAccountId()))
                .filter(e -> !List.of("CreateKey", "DisableKey", "EnableKey", "ListGrants").contains(e.eventName()))
                .toList();
    }
}
