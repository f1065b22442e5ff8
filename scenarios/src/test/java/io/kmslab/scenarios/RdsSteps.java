package io.kmslab.scenarios;

import static org.assertj.core.api.Assertions.assertThat;

import io.cucumber.java.en.Given;
import io.cucumber.java.en.Then;
import io.cucumber.java.en.When;
import io.kmslab.Caller;
import io.kmslab.scenarios.ServiceOutcome.Service;
import io.kmslab.services.AwsCloud;
import io.kmslab.services.rds.CopyDBSnapshotRequest;
import io.kmslab.services.rds.CreateDBInstanceRequest;
import io.kmslab.services.rds.CreateDBSnapshotRequest;
import io.kmslab.services.rds.DBInstance;
import io.kmslab.services.rds.DBSnapshot;
import io.kmslab.services.rds.ModifyDBInstanceRequest;
import io.kmslab.services.rds.ModifyDBSnapshotAttributeRequest;
import io.kmslab.services.rds.Rds;
import io.kmslab.services.rds.RestoreDBInstanceFromDBSnapshotRequest;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Amazon RDS in the lab: encrypted DB instances and their rows, snapshots, encrypted copies within a Region, to
 * another Region and from another account, restores, sharing, and what happens when RDS loses its key. RDS is the
 * engine's ({@code AwsCloud.of(world.lab())}), the same lab the endpoint serves in the second run; the KMS calls it
 * makes are checked with the audit steps. Every DB instance it creates is remembered as a principal "RDS for
 * <instance>" (RDS's principal that uses the key through the instance's grant).
 */
public class RdsSteps {
    private final LabWorld world;
    private final AuthorizationWorld access;
    private final ServiceOutcome outcome;
    private Optional<String> row;

    public RdsSteps(LabWorld world, AuthorizationWorld access, ServiceOutcome outcome) {
        this.world = world;
        this.access = access;
        this.outcome = outcome;
        world.placeholders(this::placeholder);
    }

    private Rds rds() {
        return rds(world.account(), world.region());
    }

    private Rds rds(String account, String region) {
        return AwsCloud.of(world.lab()).rds(Caller.root(account), region);
    }

    // ------------------------------------------------------------------------------------------ DB instances

    @Given("I created the DB instance {string} encrypted with the default key")
    @When("I create the DB instance {string} encrypted with the default key")
    public void iCreateEncryptedWithTheDefaultKey(String id) {
        created(attempt(() -> rds().createDBInstance(CreateDBInstanceRequest.encrypted(id, "mysql", null))));
    }

    @Given("I created the DB instance {string} encrypted under {keyRef}")
    @When("I create the DB instance {string} encrypted under {keyRef}")
    public void iCreateEncryptedUnder(String id, String key) {
        created(attempt(() -> rds().createDBInstance(CreateDBInstanceRequest.encrypted(id, "mysql",
                world.key(key).arn()))));
    }

    @Given("I created the unencrypted DB instance {string}")
    public void iCreatedUnencrypted(String id) {
        created(attempt(() -> rds().createDBInstance(CreateDBInstanceRequest.unencrypted(id, "mysql"))));
    }

    @When("I create the {word} DB instance {string} naming {keyRef} without turning on StorageEncrypted")
    public void iCreateNamingAKeyWithoutStorageEncrypted(String engine, String id, String key) {
        created(attempt(() -> rds().createDBInstance(new CreateDBInstanceRequest(id, engine, null,
                world.key(key).arn()))));
    }

    @When("I ask ModifyDBInstance to change nothing but the encryption of {string}")
    public void iAskModifyToEncrypt(String id) {
        // ModifyDBInstance has no member for it: the request carries no change at all
        attempt(() -> rds().modifyDBInstance(new ModifyDBInstanceRequest(id, null)));
    }

    @Then("ModifyDBInstance has no parameter that encrypts an instance or changes its key")
    public void modifyHasNoEncryptionParameter() {
        assertThat(Arrays.stream(ModifyDBInstanceRequest.class.getRecordComponents()).map(RecordComponent::getName)
                .map(n -> n.toLowerCase(Locale.ROOT)))
                .noneMatch(n -> n.contains("encrypt") || n.contains("kms"));
    }

    @When("I start the DB instance {string}")
    public void iStart(String id) {
        attempt(() -> rds().startDBInstance(id));
    }

    @Then("the DB instance {string} is {word}")
    public void theInstanceIs(String id, String status) {
        requireNoError();
        assertThat(rds().describeDBInstance(id).dbInstanceStatus()).isEqualTo(status);
    }

    @Then("the DB instance {string} is encrypted under {keyRef}")
    public void theInstanceIsEncryptedUnder(String id, String key) {
        requireNoError();
        DBInstance instance = rds().describeDBInstance(id);
        assertThat(instance.storageEncrypted()).isTrue();
        assertThat(instance.kmsKeyId()).isEqualTo(world.key(key).arn());
    }

    @Then("the DB instance {string} is encrypted under the AWS managed key aws\\/rds")
    public void theInstanceIsEncryptedUnderAwsRds(String id) {
        requireNoError();
        DBInstance instance = rds().describeDBInstance(id);
        assertThat(instance.storageEncrypted()).isTrue();
        assertThat(world.lab().aliases()).anySatisfy(a -> {
            assertThat(a.aliasArn()).isEqualTo("arn:aws:kms:" + world.region() + ":" + world.account()
                    + ":alias/aws/rds");
            assertThat(instance.kmsKeyId()).endsWith(a.targetKeyId());
        });
    }

    @Then("the DB instance {string} is not encrypted")
    public void theInstanceIsNotEncrypted(String id) {
        requireNoError();
        assertThat(rds().describeDBInstance(id).storageEncrypted()).isFalse();
    }

    // ------------------------------------------------------------------------------------------ rows

    @Given("the DB instance {string} holds the row {string} = {string}")
    public void theInstanceHoldsTheRow(String id, String key, String value) {
        iWriteTheRow(key, value, id);
    }

    @When("I write the row {string} = {string} to the DB instance {string}")
    public void iWriteTheRow(String key, String value, String id) {
        attempt(() -> {
            rds().labPutRow(id, key, value);
            return null;
        });
    }

    @When("I read the row {string} of the DB instance {string}")
    public void iReadTheRow(String key, String id) {
        row = attempt(() -> rds().labGetRow(id, key));
    }

    @Then("the row reads {string}")
    public void theRowReads(String value) {
        requireNoError();
        assertThat(row).contains(value);
    }

    @Then("RDS stores the rows of {string} only as ciphertext")
    public void rdsStoresOnlyCiphertext(String id) {
        assertThat(rds().labStoresOnlyCiphertext(id)).isTrue();
    }

    // ------------------------------------------------------------------------------------------ snapshots

    @Given("I took the snapshot {string} of the DB instance {string}")
    @When("I take the snapshot {string} of the DB instance {string}")
    public void iTakeASnapshot(String snapshot, String id) {
        attempt(() -> rds().createDBSnapshot(CreateDBSnapshotRequest.of(snapshot, id)));
    }

    @When("I copy the snapshot {string} to {string} under {keyRef}")
    public void iCopyUnder(String source, String target, String key) {
        attempt(() -> rds().copyDBSnapshot(CopyDBSnapshotRequest.of(source, target, world.key(key).arn())));
    }

    @When("I copy the snapshot {string} to {string} without naming a key")
    public void iCopyWithoutKey(String source, String target) {
        attempt(() -> rds().copyDBSnapshot(CopyDBSnapshotRequest.of(source, target, null)));
    }

    @When("in {region} I copy the snapshot {string} of {region} to {string} without naming a key")
    public void iCopyFromRegionWithoutKey(String destination, String source, String sourceRegion, String target) {
        attempt(() -> rds(world.account(), destination).copyDBSnapshot(CopyDBSnapshotRequest.fromRegion(
                sourceRegion, snapshotArn(world.account(), sourceRegion, source), target, null)));
    }

    @When("in {region} I copy the snapshot {string} of {region} to {string} under {keyRef}")
    public void iCopyFromRegionUnder(String destination, String source, String sourceRegion, String target,
            String key) {
        attempt(() -> rds(world.account(), destination).copyDBSnapshot(CopyDBSnapshotRequest.fromRegion(
                sourceRegion, snapshotArn(world.account(), sourceRegion, source), target, world.key(key).arn())));
    }

    @When("I restore the DB instance {string} from the snapshot {string}")
    public void iRestore(String id, String snapshot) {
        created(attempt(() -> rds().restoreDBInstanceFromDBSnapshot(
                RestoreDBInstanceFromDBSnapshotRequest.of(id, snapshot))));
    }

    @When("in {region} I restore the DB instance {string} from the snapshot {string}")
    public void iRestoreIn(String region, String id, String snapshot) {
        created(attempt(() -> rds(world.account(), region).restoreDBInstanceFromDBSnapshot(
                RestoreDBInstanceFromDBSnapshotRequest.of(id, snapshot))));
    }

    @Then("the row {string} of the DB instance {string} in {region} reads {string}")
    public void theRowInReads(String key, String id, String region, String value) {
        requireNoError();
        assertThat(rds(world.account(), region).labGetRow(id, key)).contains(value);
    }

    @Then("the snapshot {string} is not encrypted")
    public void theSnapshotIsNotEncrypted(String snapshot) {
        requireNoError();
        assertThat(rds().describeDBSnapshot(snapshot).encrypted()).isFalse();
    }

    @Then("the snapshot {string} in {region} is encrypted under {keyRef}")
    public void theSnapshotInIsEncryptedUnder(String snapshot, String region, String key) {
        requireNoError();
        DBSnapshot found = rds(world.account(), region).describeDBSnapshot(snapshot);
        assertThat(found.encrypted()).isTrue();
        assertThat(found.kmsKeyId()).isEqualTo(world.key(key).arn());
    }

    // ------------------------------------------------------------------------------------------ sharing

    @When("I share the DB snapshot {string} with account {account}")
    public void iShare(String snapshot, String account) {
        attempt(() -> rds().modifyDBSnapshotAttribute(ModifyDBSnapshotAttributeRequest.shareWith(snapshot, account)));
    }

    @Then("the DB snapshot {string} is shared with account {account}")
    public void theSnapshotIsSharedWith(String snapshot, String account) {
        requireNoError();
        assertThat(rds().describeDBSnapshotAttributes(snapshot).restoreAccounts()).contains(account);
    }

    @Then("the DB snapshot {string} is shared with nobody")
    public void theSnapshotIsSharedWithNobody(String snapshot) {
        assertThat(rds().describeDBSnapshotAttributes(snapshot).restoreAccounts()).isEmpty();
    }

    @When("account {account} copies my shared snapshot {string} to {string} without naming a key")
    public void otherAccountCopiesWithoutKey(String account, String snapshot, String target) {
        attempt(() -> rds(account, world.region()).copyDBSnapshot(CopyDBSnapshotRequest.of(
                snapshotArn(world.account(), world.region(), snapshot), target, null)));
    }

    @When("account {account} copies my shared snapshot {string} to {string} under {keyRef}")
    public void otherAccountCopiesUnder(String account, String snapshot, String target, String key) {
        attempt(() -> rds(account, world.region()).copyDBSnapshot(CopyDBSnapshotRequest.of(
                snapshotArn(world.account(), world.region(), snapshot), target, world.key(key).arn())));
    }

    @Then("account {account} restores the DB instance {string} from its snapshot {string} and reads {string} in the row {string}")
    public void otherAccountRestoresAndReads(String account, String id, String snapshot, String value, String key) {
        requireNoError();
        Rds other = rds(account, world.region());
        other.restoreDBInstanceFromDBSnapshot(RestoreDBInstanceFromDBSnapshotRequest.of(id, snapshot));
        assertThat(other.labGetRow(id, key)).contains(value);
    }

    // ------------------------------------------------------------------------------------------ helpers

    /** An RDS request whose answer a later step checks ({@link ServiceAnswerSteps}). */
    private <T> T attempt(Supplier<T> request) {
        return outcome.attempt(Service.RDS, request);
    }

    private void requireNoError() {
        outcome.requireSuccess();
    }

    /** Remembers RDS's principal of a new instance as "RDS for <instance>". */
    private void created(DBInstance instance) {
        if (instance != null && instance.storageEncrypted()) {
            access.remember("RDS for " + instance.dbInstanceIdentifier(),
                    Rds.servicePrincipal(instance.dbiResourceId()));
        }
    }

    private static String snapshotArn(String account, String region, String snapshot) {
        return "arn:aws:rds:" + region + ":" + account + ":snapshot:" + snapshot;
    }

    /** {@code <DbiResourceId of orders>}: the resource id of a DB instance of the current account and Region. */
    private String placeholder(String name) {
        if (name.startsWith("DbiResourceId of ")) {
            return rds().describeDBInstance(name.substring("DbiResourceId of ".length())).dbiResourceId();
        }
        return null;
    }
}
