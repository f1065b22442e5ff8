package io.kmslab.scenarios;

import static org.assertj.core.api.Assertions.assertThat;

import io.cucumber.java.en.Given;
import io.cucumber.java.en.Then;
import io.cucumber.java.en.When;
import io.kmslab.Caller;
import io.kmslab.scenarios.ServiceOutcome.Service;
import io.kmslab.services.AwsCloud;
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
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Amazon Redshift in the lab: the key hierarchy of a cluster (KMS key, cluster key, database key, block keys), reboots
 * and key rotation, snapshots, and cross-Region snapshot copy through a snapshot copy grant of the destination Region.
 * Redshift is the engine's ({@code AwsCloud.of(world.lab())}); the KMS calls it makes are checked with the audit steps.
 * Redshift's principal that a cluster's grant names is remembered as "Redshift for <cluster>", the one a snapshot copy
 * grant names as "Redshift for <grant name>".
 */
public class RedshiftSteps {
    private final LabWorld world;
    private final AuthorizationWorld access;
    private final ServiceOutcome outcome;
    private Optional<String> row;

    public RedshiftSteps(LabWorld world, AuthorizationWorld access, ServiceOutcome outcome) {
        this.world = world;
        this.access = access;
        this.outcome = outcome;
        world.placeholders(this::placeholder);
    }

    private Redshift redshift() {
        return redshift(world.region());
    }

    private Redshift redshift(String region) {
        return AwsCloud.of(world.lab()).redshift(Caller.root(world.account()), region);
    }

    // ------------------------------------------------------------------------------------------ clusters

    @Given("I launched the Redshift cluster {string} with the default key")
    @When("I launch the Redshift cluster {string} with the default key")
    public void iLaunchWithTheDefaultKey(String id) {
        launched(id, attempt(() -> redshift().createCluster(CreateClusterRequest.of(id, null))));
    }

    @Given("I launched the Redshift cluster {string} under {keyRef}")
    @When("I launch the Redshift cluster {string} under {keyRef}")
    public void iLaunchUnder(String id, String key) {
        launched(id, attempt(() -> redshift().createCluster(CreateClusterRequest.of(id, world.key(key).arn()))));
    }

    @When("I launch the Redshift cluster {string} with Encrypted set to false")
    public void iLaunchUnencrypted(String id) {
        attempt(() -> redshift().createCluster(new CreateClusterRequest(id, false, null)));
    }

    @When("I reboot the Redshift cluster {string}")
    public void iReboot(String id) {
        attempt(() -> redshift().rebootCluster(id));
    }

    @When("I rotate the encryption keys of the Redshift cluster {string}")
    public void iRotate(String id) {
        attempt(() -> redshift().rotateEncryptionKey(id));
    }

    @When("I modify the Redshift cluster {string} to be decrypted")
    public void iModifyToDecrypted(String id) {
        attempt(() -> redshift().modifyCluster(ModifyClusterRequest.decrypt(id)));
    }

    @When("I modify the Redshift cluster {string} to be encrypted under {keyRef}")
    public void iModifyToEncryptedUnder(String id, String key) {
        Cluster cluster = attempt(() -> redshift().modifyCluster(ModifyClusterRequest.encrypt(id,
                world.key(key).arn())));
        if (cluster != null) {
            rememberGrantee("Redshift for " + id + " under " + key, hierarchy(id).granteePrincipal());
        }
    }

    @Then("the Redshift cluster {string} is encrypted under {keyRef}")
    public void theClusterIsEncryptedUnder(String id, String key) {
        requireNoError();
        Cluster cluster = redshift().describeCluster(id);
        assertThat(cluster.encrypted()).isTrue();
        assertThat(cluster.kmsKeyId()).isEqualTo(world.key(key).arn());
    }

    @Then("the Redshift cluster {string} in {region} is encrypted under {keyRef}")
    public void theClusterInIsEncryptedUnder(String id, String region, String key) {
        requireNoError();
        assertThat(redshift(region).describeCluster(id).kmsKeyId()).isEqualTo(world.key(key).arn());
    }

    @Then("the Redshift cluster {string} is not encrypted")
    public void theClusterIsNotEncrypted(String id) {
        requireNoError();
        assertThat(redshift().describeCluster(id).encrypted()).isFalse();
    }

    /**
     * Rows: "KMS key" ("aws/redshift" or a key of the scenario), "aws:redshift:arn", "aws:redshift:createtime",
     * "cluster key generation", "block keys", "keys in memory" (yes or no).
     */
    @Then("the key hierarchy of the Redshift cluster {string} is:")
    public void theKeyHierarchyIs(String id, Map<String, String> expected) {
        requireNoError();
        ClusterKeyHierarchy keys = hierarchy(id);
        world.log(keys.toString());
        expected.forEach((what, value) -> {
            switch (what) {
                case "KMS key" -> {
                    if (value.equals("aws/redshift")) {
                        assertThat(world.lab().aliases()).anySatisfy(a -> {
                            assertThat(a.aliasArn()).isEqualTo("arn:aws:kms:" + world.region() + ":"
                                    + world.account() + ":alias/aws/redshift");
                            assertThat(keys.kmsKeyId()).endsWith(a.targetKeyId());
                        });
                    } else {
                        assertThat(keys.kmsKeyId()).isEqualTo(world.key(value).arn());
                    }
                }
                case "aws:redshift:arn", "aws:redshift:createtime" ->
                        assertThat(keys.encryptionContext().get(what)).as(what).isEqualTo(world.expand(value));
                case "cluster key generation" -> assertThat(keys.clusterKeyGeneration()).isEqualTo(
                        Integer.parseInt(value));
                case "block keys" -> assertThat(keys.blockKeys()).isEqualTo(Integer.parseInt(value));
                case "keys in memory" -> assertThat(keys.keysInMemory()).isEqualTo(value.equals("yes"));
                default -> throw new IllegalArgumentException("Not a part of the key hierarchy: " + what);
            }
        });
    }

    // ------------------------------------------------------------------------------------------ rows

    @Given("the Redshift cluster {string} holds the row {string} = {string}")
    public void theClusterHoldsTheRow(String id, String key, String value) {
        attempt(() -> {
            redshift().labPutRow(id, key, value);
            return null;
        });
    }

    @When("I query the row {string} of the Redshift cluster {string}")
    public void iQueryTheRow(String key, String id) {
        row = attempt(() -> redshift().labGetRow(id, key));
    }

    @Then("the Redshift row reads {string}")
    public void theRowReads(String value) {
        requireNoError();
        assertThat(row).contains(value);
    }

    @Then("the row {string} of the Redshift cluster {string} in {region} reads {string}")
    public void theRowInReads(String key, String id, String region, String value) {
        requireNoError();
        assertThat(redshift(region).labGetRow(id, key)).contains(value);
    }

    // ------------------------------------------------------------------------------------------ snapshots and copies

    @When("I take the Redshift snapshot {string} of the cluster {string}")
    public void iTakeASnapshot(String snapshot, String id) {
        attempt(() -> redshift().createClusterSnapshot(CreateClusterSnapshotRequest.of(snapshot, id)));
    }

    @When("in {region} I create the snapshot copy grant {string} for {keyRef}")
    public void iCreateTheGrantFor(String region, String name, String key) {
        attempt(() -> redshift(region).createSnapshotCopyGrant(CreateSnapshotCopyGrantRequest.of(name,
                world.key(key).arn())));
        grantCreated(region, name);
    }

    @When("in {region} I create the snapshot copy grant {string} for the default key")
    public void iCreateTheGrant(String region, String name) {
        attempt(() -> redshift(region).createSnapshotCopyGrant(CreateSnapshotCopyGrantRequest.of(name, null)));
        grantCreated(region, name);
    }

    @When("I enable snapshot copy of the Redshift cluster {string} to {region} with the grant {string}")
    public void iEnableSnapshotCopy(String id, String destination, String grant) {
        attempt(() -> redshift().enableSnapshotCopy(EnableSnapshotCopyRequest.of(id, destination, grant)));
    }

    @Then("{region} has the Redshift snapshot {string}, copied from {region} and encrypted under {keyRef}")
    public void regionHasTheSnapshot(String region, String snapshot, String source, String key) {
        requireNoError();
        Snapshot copy = redshift(region).describeClusterSnapshot(snapshot);
        assertThat(copy.sourceRegion()).isEqualTo(source);
        assertThat(copy.kmsKeyId()).isEqualTo(world.key(key).arn());
    }

    @When("in {region} I restore the Redshift cluster {string} from the snapshot {string}")
    public void iRestoreIn(String region, String id, String snapshot) {
        launched(region, id, attempt(() -> redshift(region).restoreFromClusterSnapshot(
                RestoreFromClusterSnapshotRequest.of(id, snapshot))));
    }

    // ------------------------------------------------------------------------------------------ helpers

    /** A Redshift request whose answer a later step checks ({@link ServiceAnswerSteps}). */
    private <T> T attempt(Supplier<T> request) {
        return outcome.attempt(Service.REDSHIFT, request);
    }

    private void requireNoError() {
        outcome.requireSuccess();
    }

    private ClusterKeyHierarchy hierarchy(String id) {
        return redshift().clusterKeyHierarchy(id).orElseThrow(() -> new AssertionError(id + " is not encrypted"));
    }

    private void launched(String id, Cluster cluster) {
        launched(world.region(), id, cluster);
    }

    private void launched(String region, String id, Cluster cluster) {
        if (cluster != null && cluster.encrypted()) {
            rememberGrantee("Redshift for " + id,
                    redshift(region).clusterKeyHierarchy(id).orElseThrow().granteePrincipal());
        }
    }

    private void grantCreated(String region, String name) {
        if (!outcome.failed()) {
            rememberGrantee("Redshift for " + name, redshift(region).labSnapshotCopyGrantee(name));
        }
    }

    /** Redshift's principal, an assumed-role session, by its ARN. */
    private void rememberGrantee(String name, String arn) {
        String[] parts = arn.split(":", 6);
        String[] path = parts[5].split("/", 3);
        access.remember(name, Caller.assumedRole(parts[4], path[1], path[2]));
    }

    /** {@code <cluster ARN of analytics>}: the ARN of a cluster of the current account and Region. */
    private String placeholder(String name) {
        if (name.startsWith("cluster ARN of ")) {
            return Redshift.clusterArn(world.region(), world.account(), name.substring("cluster ARN of ".length()));
        }
        return null;
    }
}
