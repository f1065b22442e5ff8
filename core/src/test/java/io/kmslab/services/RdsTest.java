package io.kmslab.services;

import static io.kmslab.services.ServiceErrors.assertServiceError;
import static io.kmslab.services.TestKeys.importMaterial;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kmslab.Caller;
import io.kmslab.Kms;
import io.kmslab.KmsLab;
import io.kmslab.api.DeleteImportedKeyMaterialRequest;
import io.kmslab.keys.OriginType;
import io.kmslab.api.CreateKeyRequest;
import io.kmslab.api.DescribeKeyRequest;
import io.kmslab.api.DisableKeyRequest;
import io.kmslab.api.EnableKeyRequest;
import io.kmslab.api.GrantListEntry;
import io.kmslab.api.ListGrantsRequest;
import io.kmslab.api.PutKeyPolicyRequest;
import io.kmslab.api.RevokeGrantRequest;
import io.kmslab.audit.AuditEvent;
import io.kmslab.billing.RequestMeter;
import io.kmslab.grants.GrantOperation;
import io.kmslab.keys.KeyManagerType;
import io.kmslab.services.common.AwsServiceException;
import io.kmslab.services.rds.CopyDBSnapshotRequest;
import io.kmslab.services.rds.CreateDBInstanceRequest;
import io.kmslab.services.rds.CreateDBSnapshotRequest;
import io.kmslab.services.rds.DBInstance;
import io.kmslab.services.rds.DBSnapshot;
import io.kmslab.services.rds.ModifyDBInstanceRequest;
import io.kmslab.services.rds.ModifyDBSnapshotAttributeRequest;
import io.kmslab.services.rds.Rds;
import io.kmslab.services.rds.RestoreDBInstanceFromDBSnapshotRequest;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

class RdsTest {
    private static final String ACCOUNT = KmsLab.DEFAULT_ACCOUNT;
    private static final String OTHER_ACCOUNT = "444455556666";
    private static final String LONDON = "eu-west-2";
    private static final String VIRGINIA = "us-east-1";

    private final KmsLab lab = KmsLab.builder().startingAt(Instant.parse("2026-03-01T00:00:00Z")).seed(11).build();
    private final Caller alice = Caller.root(ACCOUNT);
    private final Rds rds = AwsCloud.of(lab).rds(alice, LONDON);

    // ------------------------------------------------------------------------------------------ creation

    @Test
    void encryptedInstanceWithoutKey_usesAwsRds_throughAGrantToRdsWithItsResourceIdAsContext() {
        DBInstance db = rds.createDBInstance(CreateDBInstanceRequest.encrypted("Orders", "mysql", null));

        assertThat(db.dbInstanceIdentifier()).isEqualTo("orders");
        assertThat(db.dbiResourceId()).matches("db-[A-Z2-7]{25}");
        assertThat(db.storageEncrypted()).isTrue();
        assertThat(db.dbInstanceStatus()).isEqualTo(DBInstance.AVAILABLE);
        String awsRds = db.kmsKeyId();

        Map<String, String> context = Map.of("aws:rds:db-id", db.dbiResourceId());
        Caller service = Rds.servicePrincipal(db.dbiResourceId());
        assertThat(events()).extracting(e -> e.eventName() + " by " + e.userIdentity().arn()).containsExactly(
                "DescribeKey by " + alice.arn(), "CreateGrant by " + alice.arn(),
                "GenerateDataKeyWithoutPlaintext by " + service.arn(), "Decrypt by " + service.arn());
        AuditEvent grant = event("CreateGrant");
        assertThat(grant.userIdentity().invokedBy()).isEqualTo("rds.amazonaws.com");
        assertThat(grant.awsRegion()).isEqualTo(LONDON);
        assertThat(event("GenerateDataKeyWithoutPlaintext").requestParameters())
                .containsEntry("encryptionContext", context).containsEntry("keyId", awsRds);
        assertThat(event("Decrypt").requestParameters()).containsEntry("encryptionContext", context);
        assertThat(event("Decrypt").userIdentity().invokedBy()).isNull();

        // RDS's principal pays for its own requests in KMS Lab; the caller for DescribeKey and CreateGrant
        assertThat(requests(ACCOUNT)).isEqualTo(2);
        assertThat(requests(Rds.SERVICE_ACCOUNT)).isEqualTo(2);
        assertThat(lab.kms(alice, LONDON).describeKey(DescribeKeyRequest.of("alias/aws/rds")).keyMetadata().arn())
                .isEqualTo(awsRds);
        List<GrantListEntry> grants = lab.kms(alice, LONDON).listGrants(new ListGrantsRequest(null, null, awsRds,
                null, null)).grants();
        assertThat(grants).singleElement().satisfies(g -> {
            assertThat(g.granteePrincipal()).isEqualTo(service.arn());
            assertThat(g.constraints().encryptionContextSubset()).isEqualTo(context);
            assertThat(g.operations()).contains(GrantOperation.Decrypt, GrantOperation.GenerateDataKeyWithoutPlaintext);
        });
    }

    @Test
    void rowsOfAnEncryptedInstance_areStoredOnlyAsCiphertext_andReadBack() {
        rds.createDBInstance(CreateDBInstanceRequest.encrypted("orders", "postgres", null));
        rds.createDBInstance(CreateDBInstanceRequest.unencrypted("plain", "postgres"));
        rds.labPutRow("orders", "42", "4 boxes of tea");
        rds.labPutRow("plain", "42", "4 boxes of tea");

        assertThat(rds.labGetRow("orders", "42")).contains("4 boxes of tea");
        assertThat(rds.labGetRow("orders", "43")).isEmpty();
        assertThat(rds.labStoresOnlyCiphertext("orders")).isTrue();
        assertThat(rds.labStoresOnlyCiphertext("plain")).isFalse();
    }

    @Test
    void kmsKeyIdWithoutStorageEncrypted_isRefused() {
        String key = customerKey(LONDON);
        assertRds(() -> rds.createDBInstance(new CreateDBInstanceRequest("orders", "mariadb", null, key)),
                "InvalidParameterCombination",
                "You must enable StorageEncrypted when you specify KmsKeyId for DB engine mariadb");
        assertThat(events()).noneMatch(e -> e.eventName().equals("CreateGrant"));
    }

    @Test
    void aKeyRdsCannotUse_refusesTheCreation_withKmsKeyNotAccessibleAndTheKmsDecision() {
        String key = customerKey(LONDON);
        lab.kms(alice, LONDON).disableKey(DisableKeyRequest.of(key));
        assertRds(() -> rds.createDBInstance(CreateDBInstanceRequest.encrypted("orders", "mysql", key)),
                "KMSKeyNotAccessibleFault",
                "The specified KMS key [" + key + "] does not exist, is not enabled or you do not have permissions to "
                        + "access it.");

        lab.iam(ACCOUNT).createUser("bob");
        lab.iam(ACCOUNT).putUserPolicy("bob", "DescribeOnly", """
                {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "kms:DescribeKey",
                 "Resource": "*"}]}""");
        lab.kms(alice, LONDON).enableKey(EnableKeyRequest.of(key));
        Rds asBob = AwsCloud.of(lab).rds(Caller.user(ACCOUNT, "bob"), LONDON);
        assertThatThrownBy(() -> asBob.createDBInstance(CreateDBInstanceRequest.encrypted("orders", "mysql", key)))
                .isInstanceOfSatisfying(AwsServiceException.class, e -> {
                    assertThat(e.errorCode()).isEqualTo("KMSKeyNotAccessibleFault");
                    assertThat(e.kmsError().orElseThrow().errorCode()).isEqualTo("AccessDeniedException");
                    assertThat(e.kmsDecision().orElseThrow().explain()).contains("kms:CreateGrant");
                });
    }

    @Test
    void createGrantAllowedOnlyForAwsResources_letsRdsCreateTheInstance_butNotTheSameUserDirectly() {
        lab.iam(ACCOUNT).createUser("bob");
        Caller bob = Caller.user(ACCOUNT, "bob");
        String key = lab.kms(alice, LONDON).createKey(CreateKeyRequest.builder().policy("""
                {"Version": "2012-10-17", "Statement": [
                  {"Sid": "Owner", "Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::%1$s:root"},
                   "Action": "kms:*", "Resource": "*"},
                  {"Sid": "BobDescribes", "Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::%1$s:user/bob"},
                   "Action": "kms:DescribeKey", "Resource": "*"},
                  {"Sid": "BobGrantsToAwsResources", "Effect": "Allow",
                   "Principal": {"AWS": "arn:aws:iam::%1$s:user/bob"}, "Action": "kms:CreateGrant", "Resource": "*",
                   "Condition": {"Bool": {"kms:GrantIsForAWSResource": "true"}}}]}""".formatted(ACCOUNT))
                .build()).keyMetadata().arn();

        DBInstance db = AwsCloud.of(lab).rds(bob, LONDON)
                .createDBInstance(CreateDBInstanceRequest.encrypted("orders", "mysql", key));

        assertThat(db.kmsKeyId()).isEqualTo(key);
        assertThatThrownBy(() -> lab.kms(bob, LONDON).createGrant(io.kmslab.api.CreateGrantRequest.of(key,
                Rds.servicePrincipal(db.dbiResourceId()).arn(), List.of(GrantOperation.Decrypt))))
                .isInstanceOf(io.kmslab.errors.AccessDeniedException.class);
    }

    @Test
    void modifyDBInstance_hasNoWayToEncrypt_andRenamingKeepsTheResourceIdOfTheContext() {
        DBInstance plain = rds.createDBInstance(CreateDBInstanceRequest.unencrypted("plain", "mysql"));
        assertRds(() -> rds.modifyDBInstance(new ModifyDBInstanceRequest("plain", null)),
                "InvalidParameterCombination", "No modifications were requested");

        DBInstance renamed = rds.modifyDBInstance(ModifyDBInstanceRequest.rename("plain", "plain-2"));
        assertThat(renamed.storageEncrypted()).isFalse();
        assertThat(renamed.dbiResourceId()).isEqualTo(plain.dbiResourceId());
        assertRds(() -> rds.describeDBInstance("plain"), "DBInstanceNotFound", "DBInstance not found: plain");
    }

    // ------------------------------------------------------------------------------------------ snapshots and copies

    @Test
    void anUnencryptedDatabase_isEncryptedBySnapshotEncryptedCopyAndRestore() {
        String key = customerKey(LONDON);
        rds.createDBInstance(CreateDBInstanceRequest.unencrypted("legacy", "mysql"));
        rds.labPutRow("legacy", "1", "customer record");
        DBSnapshot snapshot = rds.createDBSnapshot(CreateDBSnapshotRequest.of("legacy-snap", "legacy"));
        assertThat(snapshot.encrypted()).isFalse();

        DBSnapshot copy = rds.copyDBSnapshot(CopyDBSnapshotRequest.of("legacy-snap", "legacy-encrypted", key));
        assertThat(copy.encrypted()).isTrue();
        assertThat(copy.kmsKeyId()).isEqualTo(key);
        AuditEvent generate = event("GenerateDataKey");
        assertThat(generate.userIdentity().arn()).isEqualTo(alice.arn());
        assertThat(generate.requestParameters()).containsEntry("encryptionContext",
                Map.of("aws:rds:db-id", snapshot.dbiResourceId()));

        DBInstance restored = rds.restoreDBInstanceFromDBSnapshot(
                RestoreDBInstanceFromDBSnapshotRequest.of("legacy-v2", "legacy-encrypted"));
        assertThat(restored.storageEncrypted()).isTrue();
        assertThat(restored.kmsKeyId()).isEqualTo(key);
        assertThat(restored.dbiResourceId()).isNotEqualTo(snapshot.dbiResourceId());
        assertThat(rds.labGetRow("legacy-v2", "1")).contains("customer record");
        assertThat(rds.labStoresOnlyCiphertext("legacy-v2")).isTrue();
        assertThat(rds.describeDBInstance("legacy").storageEncrypted()).isFalse();
    }

    @Test
    void aCopyInTheSameRegionWithoutKey_keepsTheKeyAndMakesNoKmsCall() {
        String key = customerKey(LONDON);
        rds.createDBInstance(CreateDBInstanceRequest.encrypted("orders", "mysql", key));
        rds.labPutRow("orders", "1", "tea");
        rds.createDBSnapshot(CreateDBSnapshotRequest.of("s1", "orders"));
        int before = events().size();

        DBSnapshot copy = rds.copyDBSnapshot(CopyDBSnapshotRequest.of("s1", "s2", null));

        assertThat(copy.kmsKeyId()).isEqualTo(key);
        assertThat(events()).hasSize(before);
        rds.restoreDBInstanceFromDBSnapshot(RestoreDBInstanceFromDBSnapshotRequest.of("orders-2", "s2"));
        assertThat(rds.labGetRow("orders-2", "1")).contains("tea");
    }

    @Test
    void aCrossRegionCopy_needsAKeyOfTheDestinationRegion() {
        String londonKey = customerKey(LONDON);
        String virginiaKey = customerKey(VIRGINIA);
        rds.createDBInstance(CreateDBInstanceRequest.encrypted("orders", "mysql", londonKey));
        rds.labPutRow("orders", "1", "tea");
        DBSnapshot snapshot = rds.createDBSnapshot(CreateDBSnapshotRequest.of("s1", "orders"));
        Rds virginia = AwsCloud.of(lab).rds(alice, VIRGINIA);

        assertRds(() -> virginia.copyDBSnapshot(CopyDBSnapshotRequest.fromRegion(LONDON, snapshot.dbSnapshotArn(),
                "s1-copy", null)), "InvalidParameterValue",
                "Must specify new KMS key for cross region encrypted snapshot copy.");
        assertRds(() -> virginia.copyDBSnapshot(CopyDBSnapshotRequest.fromRegion(LONDON, snapshot.dbSnapshotArn(),
                "s1-copy", londonKey)), "KMSKeyNotAccessibleFault",
                "The target KMS key [" + londonKey + "] does not exist, is not enabled or you do not have permissions "
                        + "to access it.");

        DBSnapshot copy = virginia.copyDBSnapshot(CopyDBSnapshotRequest.fromRegion(LONDON,
                snapshot.dbSnapshotArn(), "s1-copy", virginiaKey));
        assertThat(copy.kmsKeyId()).isEqualTo(virginiaKey);
        assertThat(copy.sourceRegion()).isEqualTo(LONDON);
        assertThat(copy.sourceDBSnapshotIdentifier()).isEqualTo(snapshot.dbSnapshotArn());
        AuditEvent decrypt = last("Decrypt");
        assertThat(decrypt.awsRegion()).isEqualTo(LONDON);
        assertThat(decrypt.userIdentity().arn()).isEqualTo(alice.arn());
        AuditEvent generate = last("GenerateDataKey");
        assertThat(generate.awsRegion()).isEqualTo(VIRGINIA);
        assertThat(generate.requestParameters()).containsEntry("keyId", virginiaKey);

        virginia.restoreDBInstanceFromDBSnapshot(RestoreDBInstanceFromDBSnapshotRequest.of("orders-dr", "s1-copy"));
        assertThat(virginia.labGetRow("orders-dr", "1")).contains("tea");
        assertThat(virginia.describeDBInstance("orders-dr").kmsKeyId()).isEqualTo(virginiaKey);
    }

    // ------------------------------------------------------------------------------------------ sharing

    @Test
    void aSnapshotUnderAwsRds_cannotBeShared() {
        rds.createDBInstance(CreateDBInstanceRequest.encrypted("orders", "mysql", null));
        rds.createDBSnapshot(CreateDBSnapshotRequest.of("s1", "orders"));

        assertRds(() -> rds.modifyDBSnapshotAttribute(ModifyDBSnapshotAttributeRequest.shareWith("s1", OTHER_ACCOUNT)),
                "InvalidParameterValue", "You can't share a snapshot that has been encrypted using the default KMS "
                        + "key of the AWS account that shared the snapshot.");
        assertThat(rds.describeDBSnapshotAttributes("s1").restoreAccounts()).isEmpty();
    }

    @Test
    void anEncryptedSnapshot_cannotBePublic_andAtMostTwentyAccountsShareOne() {
        String key = customerKey(LONDON);
        rds.createDBInstance(CreateDBInstanceRequest.encrypted("orders", "mysql", key));
        rds.createDBSnapshot(CreateDBSnapshotRequest.of("s1", "orders"));
        assertThatThrownBy(() -> rds.modifyDBSnapshotAttribute(ModifyDBSnapshotAttributeRequest.shareWith("s1", "all")))
                .isInstanceOfSatisfying(AwsServiceException.class,
                        e -> assertThat(e.errorCode()).isEqualTo("InvalidParameterValue"));
        String[] twenty = new String[20];
        for (int i = 0; i < 20; i++) {
            twenty[i] = String.format("5000000000%02d", i);
        }
        rds.modifyDBSnapshotAttribute(ModifyDBSnapshotAttributeRequest.shareWith("s1", twenty));
        assertThatThrownBy(() -> rds.modifyDBSnapshotAttribute(
                ModifyDBSnapshotAttributeRequest.shareWith("s1", OTHER_ACCOUNT)))
                .isInstanceOfSatisfying(AwsServiceException.class,
                        e -> assertThat(e.errorCode()).isEqualTo("SharedSnapshotQuotaExceeded"));
        assertThat(rds.describeDBSnapshotAttributes("s1").restoreAccounts()).hasSize(20);
    }

    @Test
    void aSharedSnapshot_isCopiedByTheOtherAccountUnderItsOwnKey_onceTheKeyPolicyLetsIt() {
        String key = customerKey(LONDON);
        rds.createDBInstance(CreateDBInstanceRequest.encrypted("orders", "mysql", key));
        rds.labPutRow("orders", "1", "tea");
        DBSnapshot snapshot = rds.createDBSnapshot(CreateDBSnapshotRequest.of("s1", "orders"));
        rds.modifyDBSnapshotAttribute(ModifyDBSnapshotAttributeRequest.shareWith("s1", OTHER_ACCOUNT));
        Caller bob = Caller.root(OTHER_ACCOUNT);
        String bobsKey = lab.kms(bob, LONDON).createKey(CreateKeyRequest.of()).keyMetadata().arn();
        Rds asBob = AwsCloud.of(lab).rds(bob, LONDON);

        assertRds(() -> asBob.copyDBSnapshot(CopyDBSnapshotRequest.of(snapshot.dbSnapshotArn(), "mine", null)),
                "KMSKeyNotAccessibleFault", "The target KMS key [None] does not exist, is not enabled or you do not "
                        + "have permissions to access it.");
        assertRds(() -> asBob.copyDBSnapshot(CopyDBSnapshotRequest.of(snapshot.dbSnapshotArn(), "mine", bobsKey)),
                "KMSKeyNotAccessibleFault", "The source snapshot KMS key [" + key + "] does not exist, is not enabled "
                        + "or you do not have permissions to access it.");

        lab.kms(alice, LONDON).putKeyPolicy(new PutKeyPolicyRequest(key, "default", """
                {"Version": "2012-10-17", "Statement": [
                  {"Sid": "Owner", "Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::%s:root"},
                   "Action": "kms:*", "Resource": "*"},
                  {"Sid": "OtherAccountCopies", "Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::%s:root"},
                   "Action": ["kms:Decrypt", "kms:DescribeKey", "kms:CreateGrant"], "Resource": "*"}]}"""
                .formatted(ACCOUNT, OTHER_ACCOUNT), false));
        DBSnapshot mine = asBob.copyDBSnapshot(CopyDBSnapshotRequest.of(snapshot.dbSnapshotArn(), "mine", bobsKey));

        assertThat(mine.kmsKeyId()).isEqualTo(bobsKey);
        assertThat(mine.dbSnapshotArn()).contains(":" + OTHER_ACCOUNT + ":");
        asBob.restoreDBInstanceFromDBSnapshot(RestoreDBInstanceFromDBSnapshotRequest.of("orders", "mine"));
        assertThat(asBob.labGetRow("orders", "1")).contains("tea");
    }

    @Test
    void aSnapshotNotSharedWithTheAccount_isNotFoundThere() {
        rds.createDBInstance(CreateDBInstanceRequest.unencrypted("orders", "mysql"));
        DBSnapshot snapshot = rds.createDBSnapshot(CreateDBSnapshotRequest.of("s1", "orders"));
        Rds asBob = AwsCloud.of(lab).rds(Caller.root(OTHER_ACCOUNT), LONDON);
        assertRds(() -> asBob.copyDBSnapshot(CopyDBSnapshotRequest.of(snapshot.dbSnapshotArn(), "mine", null)),
                "DBSnapshotNotFound", "DBSnapshot not found: " + snapshot.dbSnapshotArn());
    }

    // ------------------------------------------------------------------------------------------ losing the key

    @Test
    void aDisabledKey_makesTheInstanceRecoverablyInaccessible_andStartingItAfterReEnablingRecovers() {
        String key = customerKey(LONDON);
        DBInstance db = rds.createDBInstance(CreateDBInstanceRequest.encrypted("orders", "mysql", key));
        rds.labPutRow("orders", "1", "tea");
        lab.advance(Duration.ofHours(1));
        lab.kms(alice, LONDON).disableKey(DisableKeyRequest.of(key));
        lab.advance(Duration.ofHours(1));

        assertThat(rds.describeDBInstance("orders").dbInstanceStatus()).isEqualTo(DBInstance.INACCESSIBLE_RECOVERABLE);
        assertRds(() -> rds.labGetRow("orders", "1"), "InvalidDBInstanceState",
                "DB instance orders is not available: its status is inaccessible-encryption-credentials-recoverable.");
        assertThatThrownBy(() -> rds.startDBInstance("orders")).isInstanceOfSatisfying(AwsServiceException.class,
                e -> {
                    assertThat(e.errorCode()).isEqualTo("KMSKeyNotAccessibleFault");
                    assertThat(e.kmsError().orElseThrow().errorCode()).isEqualTo("DisabledException");
                });

        lab.kms(alice, LONDON).enableKey(EnableKeyRequest.of(key));
        assertThat(rds.describeDBInstance("orders").dbInstanceStatus()).isEqualTo(DBInstance.INACCESSIBLE_RECOVERABLE);
        assertThat(rds.startDBInstance("orders").dbInstanceStatus()).isEqualTo(DBInstance.AVAILABLE);
        assertThat(rds.labGetRow("orders", "1")).contains("tea");
        AuditEvent decrypt = last("Decrypt");
        assertThat(decrypt.userIdentity().arn()).isEqualTo(Rds.servicePrincipal(db.dbiResourceId()).arn());
        assertThat(decrypt.errorCode()).isNull();
    }

    @Test
    void sevenDaysAfterTheKeyWasDisabled_theInstanceIsTerminallyInaccessible() {
        String key = customerKey(LONDON);
        rds.createDBInstance(CreateDBInstanceRequest.encrypted("orders", "mysql", key));
        rds.createDBSnapshot(CreateDBSnapshotRequest.of("before", "orders"));
        lab.kms(alice, LONDON).disableKey(DisableKeyRequest.of(key));

        lab.advance(Duration.ofDays(7).minusSeconds(1));
        assertThat(rds.describeDBInstance("orders").dbInstanceStatus()).isEqualTo(DBInstance.INACCESSIBLE_RECOVERABLE);
        lab.advance(Duration.ofSeconds(1));
        assertThat(rds.describeDBInstance("orders").dbInstanceStatus()).isEqualTo(DBInstance.INACCESSIBLE);

        lab.kms(alice, LONDON).enableKey(EnableKeyRequest.of(key));
        assertThatThrownBy(() -> rds.startDBInstance("orders")).isInstanceOfSatisfying(AwsServiceException.class,
                e -> assertThat(e.errorCode()).isEqualTo("InvalidDBInstanceState"));
        assertThat(rds.restoreDBInstanceFromDBSnapshot(RestoreDBInstanceFromDBSnapshotRequest.of("orders-2", "before"))
                .dbInstanceStatus()).isEqualTo(DBInstance.AVAILABLE);
    }

    @Test
    void theSevenDaysCountFromWhenTheKeyWasDisabled_notFromWhenRdsWasAsked() {
        String key = customerKey(LONDON);
        rds.createDBInstance(CreateDBInstanceRequest.encrypted("orders", "mysql", key));
        lab.kms(alice, LONDON).disableKey(DisableKeyRequest.of(key));
        lab.advance(Duration.ofDays(8));
        assertThat(rds.describeDBInstance("orders").dbInstanceStatus()).isEqualTo(DBInstance.INACCESSIBLE);
    }

    @Test
    void aRevokedGrant_alsoCutsRdsOff() {
        String key = customerKey(LONDON);
        DBInstance db = rds.createDBInstance(CreateDBInstanceRequest.encrypted("orders", "mysql", key));
        String grantId = lab.kms(alice, LONDON).listGrants(new ListGrantsRequest(null, null, key, null, null))
                .grants().get(0).grantId();
        lab.kms(alice, LONDON).revokeGrant(RevokeGrantRequest.of(key, grantId));

        assertThat(rds.describeDBInstance("orders").dbInstanceStatus()).isEqualTo(DBInstance.INACCESSIBLE_RECOVERABLE);
        assertThatThrownBy(() -> rds.rebootDBInstance("orders")).isInstanceOfSatisfying(AwsServiceException.class,
                e -> assertThat(e.kmsError().orElseThrow().errorCode()).isEqualTo("AccessDeniedException"));
        assertThat(db.storageEncrypted()).isTrue();
    }

    @Test
    void deletedImportedKeyMaterial_makesTheInstanceInaccessible_andImportingItAgainThenStartingRecovers()
            throws Exception {
        Kms kms = lab.kms(alice, LONDON);
        String key = kms.createKey(CreateKeyRequest.builder().origin(OriginType.EXTERNAL).build()).keyMetadata().arn();
        byte[] material = new byte[32];
        lab.randomness().nextBytes(material);
        importMaterial(kms, key, material);
        rds.createDBInstance(CreateDBInstanceRequest.encrypted("orders", "mysql", key));
        rds.labPutRow("orders", "1", "tea");

        kms.deleteImportedKeyMaterial(DeleteImportedKeyMaterialRequest.of(key));
        assertThat(rds.describeDBInstance("orders").dbInstanceStatus()).isEqualTo(DBInstance.INACCESSIBLE_RECOVERABLE);
        assertThatThrownBy(() -> rds.startDBInstance("orders")).isInstanceOfSatisfying(AwsServiceException.class,
                e -> assertThat(e.kmsError().orElseThrow().errorCode()).isEqualTo("KMSInvalidStateException"));

        importMaterial(kms, key, material);
        rds.startDBInstance("orders");
        assertThat(rds.labGetRow("orders", "1")).contains("tea");
    }

    @Test
    void anUnencryptedInstance_doesNotCareAboutKeys() {
        rds.createDBInstance(CreateDBInstanceRequest.unencrypted("plain", "mysql"));
        lab.advance(Duration.ofDays(30));
        assertThat(rds.describeDBInstance("plain").dbInstanceStatus()).isEqualTo(DBInstance.AVAILABLE);
        assertThat(lab.keyLedger()).noneMatch(k -> k.keyManager() == KeyManagerType.AWS);
    }

    // ------------------------------------------------------------------------------------------ helpers

    private static void assertRds(ThrowingCallable call, String errorCode, String message) {
        assertServiceError("rds", call, errorCode, message);
    }

    private String customerKey(String region) {
        return lab.kms(alice, region).createKey(CreateKeyRequest.of()).keyMetadata().arn();
    }

    /** The events of the key owner's trail (a cross-account call is also delivered to the caller's), service calls. */
    private List<AuditEvent> events() {
        return lab.auditTrail().events().filter(e -> ACCOUNT.equals(e.recipientAccountId()))
                .filter(e -> !e.eventName().equals("CreateKey") && !e.eventName().startsWith("DisableKey")
                        && !e.eventName().equals("EnableKey") && !e.eventName().equals("ListGrants"))
                .toList();
    }

    private AuditEvent event(String name) {
        return events().stream().filter(e -> e.eventName().equals(name)).findFirst().orElseThrow();
    }

    private AuditEvent last(String name) {
        return events().stream().filter(e -> e.eventName().equals(name)).reduce((a, b) -> b).orElseThrow();
    }

    private long requests(String account) {
        RequestMeter meter = lab.meter();
        return meter.usage(account, YearMonth.of(2026, 3)).values().stream().mapToLong(Long::longValue).sum();
    }
}
