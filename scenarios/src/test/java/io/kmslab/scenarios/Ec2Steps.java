package io.kmslab.scenarios;

import static org.assertj.core.api.Assertions.assertThat;

import io.cucumber.java.ParameterType;
import io.cucumber.java.en.Given;
import io.cucumber.java.en.Then;
import io.cucumber.java.en.When;
import io.kmslab.Caller;
import io.kmslab.api.GrantListEntry;
import io.kmslab.api.ListGrantsRequest;
import io.kmslab.audit.AuditEvent;
import io.kmslab.scenarios.ServiceOutcome.Service;
import io.kmslab.services.AwsCloud;
import io.kmslab.services.ec2.CopySnapshotRequest;
import io.kmslab.services.ec2.CreateVolumeRequest;
import io.kmslab.services.ec2.EbsNotification;
import io.kmslab.services.ec2.Ec2;
import io.kmslab.services.ec2.ModifySnapshotAttributeRequest;
import io.kmslab.services.ec2.Snapshot;
import io.kmslab.services.ec2.SnapshotState;
import io.kmslab.services.ec2.Volume;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * EBS volumes and snapshots (EC2), as far as KMS shows: encryption by default, volumes and their KMS keys, attaching
 * (the grant and the Decrypt of EC2's infrastructure), snapshots copied within and between Regions, and sharing. The
 * steps call the service in the engine ({@code AwsCloud.of(world.lab())}), the same lab the endpoint serves in the
 * second run; the steps that change or read keys go through {@link LabWorld#kms()} as every KMS scenario does.
 *
 * <p>Volumes and snapshots are named in the feature ("the volume \"data\""); EBS requests are made as the root user
 * of the account the scenario works in, unless a step names another account.
 */
public class Ec2Steps {
    private static final String INFRASTRUCTURE = "the EC2 infrastructure of ";

    private final LabWorld world;
    private final AuthorizationWorld access;
    private final Map<String, String> volumes = new HashMap<>();
    private final Map<String, String> volumeRegions = new HashMap<>();
    private final Map<String, String> snapshots = new HashMap<>();
    private final Map<String, String> snapshotRegions = new HashMap<>();
    private final ServiceOutcome outcome;

    private long eventsBefore;
    private long eventsAfter;
    private Caller lastActor;

    public Ec2Steps(LabWorld world, AuthorizationWorld access, ServiceOutcome outcome) {
        this.world = world;
        this.access = access;
        this.outcome = outcome;
        world.placeholders(this::placeholder);
    }

    /** What a request for an encrypted volume or copy says about encryption. */
    public record EncryptionParameters(boolean encrypted, String keyRef) {
    }

    @ParameterType("no encryption parameters|Encrypted|Encrypted and key [A-Z]|key [A-Z] without Encrypted")
    public EncryptionParameters encryptionParameters(String text) {
        return switch (text) {
            case "no encryption parameters" -> new EncryptionParameters(false, null);
            case "Encrypted" -> new EncryptionParameters(true, null);
            default -> text.startsWith("Encrypted and ")
                    ? new EncryptionParameters(true, text.substring("Encrypted and ".length()))
                    : new EncryptionParameters(false, text.substring(0, "key A".length()));
        };
    }

    // ------------------------------------------------------------------------------------------ encryption by default

    @Given("EBS encryption by default is {word} in {region}")
    public void encryptionByDefaultIs(String onOrOff, String region) {
        if (onOrOff.equals("on")) {
            ec2(region).enableEbsEncryptionByDefault();
        } else {
            assertThat(onOrOff).isEqualTo("off");
            ec2(region).disableEbsEncryptionByDefault();
        }
    }

    @When("I turn on EBS encryption by default in {region}")
    public void iTurnOnEncryptionByDefault(String region) {
        ec2(region).enableEbsEncryptionByDefault();
    }

    @When("I make {keyRef} the default EBS key of {region}")
    public void iMakeTheDefaultEbsKey(String name, String region) {
        ec2(region).modifyEbsDefaultKmsKeyId(world.key(name).arn());
    }

    @Then("EBS encryption by default is on in {region} and off in {region}")
    public void encryptionByDefaultIsOnAndOff(String on, String off) {
        assertThat(ec2(on).getEbsEncryptionByDefault().ebsEncryptionByDefault()).as("in %s", on).isTrue();
        assertThat(ec2(off).getEbsEncryptionByDefault().ebsEncryptionByDefault()).as("in %s", off).isFalse();
    }

    @Then("the default EBS key of {region} is {string}")
    public void theDefaultEbsKeyIs(String region, String arn) {
        assertThat(ec2(region).getEbsDefaultKmsKeyId().kmsKeyId()).isEqualTo(world.expand(arn));
    }

    // ------------------------------------------------------------------------------------------ volumes

    @Given("I created the volume {string} of {int} GiB in {word} encrypted under {keyRef}")
    @When("I create the volume {string} of {int} GiB in {word} encrypted under {keyRef}")
    public void iCreateTheVolumeEncryptedUnder(String name, int size, String zone, String key) {
        createVolume(name, zone, CreateVolumeRequest.encrypted(zone, size, world.key(key).arn()));
    }

    /** A principal of the scenario (an IAM user) uses EBS with its own permissions. */
    @When("{word} creates the volume {string} of {int} GiB in {word} encrypted under {keyRef}")
    public void principalCreatesTheVolume(String principal, String name, int size, String zone, String key) {
        Caller actor = access.principal(principal);
        String region = zone.substring(0, zone.length() - 1);
        Volume volume = request(actor, () -> AwsCloud.of(world.lab()).ec2(actor, region)
                .createVolume(CreateVolumeRequest.encrypted(zone, size, world.key(key).arn())));
        rememberVolume(name, region, volume);
    }

    @When("{word} attaches the volume {string} to the instance {word}")
    public void principalAttachesTheVolume(String principal, String name, String instanceId) {
        Caller actor = access.principal(principal);
        rememberInfrastructure(instanceId);
        request(actor, () -> AwsCloud.of(world.lab()).ec2(actor, world.region()).attachVolume(volumeId(name),
                instanceId));
    }

    @When("I create the volume {string} of {int} GiB in {word}")
    public void iCreateTheVolume(String name, int size, String zone) {
        createVolume(name, zone, CreateVolumeRequest.empty(zone, size));
    }

    @When("I create the volume {string} in {word} from no snapshot with {encryptionParameters}")
    public void iCreateTheVolumeFromNoSnapshot(String name, String zone, EncryptionParameters parameters) {
        createVolume(name, zone, new CreateVolumeRequest(zone, 8, null, parameters.encrypted() ? true : null,
                keyArn(parameters), null));
    }

    @When("I create the volume {string} in {word} from the snapshot {string} with {encryptionParameters}")
    public void iCreateTheVolumeFromTheSnapshot(String name, String zone, String snapshot,
            EncryptionParameters parameters) {
        createVolume(name, zone, new CreateVolumeRequest(zone, null, snapshot(snapshot),
                parameters.encrypted() ? true : null, keyArn(parameters), null));
    }

    @Given("the snapshot {string} of an unencrypted volume")
    public void theSnapshotOfAnUnencryptedVolume(String snapshot) {
        snapshotOfANewVolume(snapshot, CreateVolumeRequest.empty(world.region() + "a", 8));
    }

    @Given("the snapshot {string} of a volume encrypted under {keyRef}")
    public void theSnapshotOfAVolumeEncryptedUnder(String snapshot, String key) {
        snapshotOfANewVolume(snapshot, CreateVolumeRequest.encrypted(world.region() + "a", 8, world.key(key).arn()));
    }

    @Then("the volume {string} is unencrypted")
    public void theVolumeIsUnencrypted(String name) {
        Volume volume = volume(name);
        assertThat(volume.encrypted()).isFalse();
        assertThat(volume.kmsKeyId()).isNull();
    }

    @Then("the volume {string} is encrypted under {keyRef}")
    public void theVolumeIsEncryptedUnder(String name, String key) {
        Volume volume = volume(name);
        assertThat(volume.encrypted()).isTrue();
        assertThat(volume.kmsKeyId()).isEqualTo(world.key(key).arn());
    }

    /** aws/ebs, which EBS created in the volume's Region the first time it needed it. */
    @Then("the volume {string} is encrypted under aws\\/ebs")
    public void theVolumeIsEncryptedUnderAwsEbs(String name) {
        Volume volume = volume(name);
        assertThat(volume.encrypted()).isTrue();
        assertThat(volume.kmsKeyId()).isEqualTo(awsEbsArn(volumeRegions.get(name)));
    }

    @When("I attach the volume {string} to the instance {word}")
    public void iAttachTheVolume(String name, String instanceId) {
        rememberInfrastructure(instanceId);
        request(world.account(), () -> ec2(world.region()).attachVolume(volumeId(name), instanceId));
    }

    @Given("the volume {string} is attached to the instance {word} and holds {string}")
    public void theVolumeIsAttachedAndHolds(String name, String instanceId, String text) {
        rememberInfrastructure(instanceId);
        ec2(world.region()).attachVolume(volumeId(name), instanceId);
        ec2(world.region()).writeVolume(volumeId(name), text.getBytes(StandardCharsets.UTF_8));
    }

    @When("I detach the volume {string}")
    public void iDetachTheVolume(String name) {
        request(world.account(), () -> ec2(world.region()).detachVolume(volumeId(name)));
    }

    @Then("the instance reads {string} from the volume {string}")
    public void theInstanceReads(String text, String name) {
        requireSuccess();
        assertThat(new String(ec2(world.region()).readVolume(volumeId(name)), StandardCharsets.UTF_8))
                .isEqualTo(text);
    }

    @Then("the volume {string} is in the state {word}")
    public void theVolumeIsInState(String name, String state) {
        requireSuccess();
        assertThat(volume(name).state().value()).isEqualTo(state);
    }

    @Then("{keyRef} has one grant, for {string} to Decrypt only with the encryption context of the volume {string}")
    public void theKeyHasOneGrant(String key, String grantee, String name) {
        List<GrantListEntry> grants = world.kms().listGrants(ListGrantsRequest.of(world.key(key).keyId()))
                .grants();
        assertThat(grants).hasSize(1);
        GrantListEntry grant = grants.get(0);
        assertThat(grant.granteePrincipal()).isEqualTo(world.expand(grantee));
        assertThat(grant.operations()).extracting(Object::toString).containsExactly("Decrypt");
        assertThat(grant.constraints().encryptionContextSubset()).isEqualTo(Map.of(Ec2.EBS_ID, volumeId(name)));
    }

    // ------------------------------------------------------------------------------------------ snapshots

    @Given("I took the snapshot {string} of the volume {string}")
    public void iTookTheSnapshot(String snapshot, String name) {
        rememberSnapshot(snapshot, world.region(), ec2(world.region()).createSnapshot(volumeId(name)));
    }

    @When("in {region} I copy the snapshot {string} of {region} as {string} under {keyRef}")
    public void inRegionICopyUnder(String region, String source, String sourceRegion, String copy, String key) {
        copy(world.account(), region, copy, CopySnapshotRequest.encrypted(sourceRegion, snapshot(source),
                world.key(key).arn()));
    }

    @When("in {region} I copy the snapshot {string} of {region} as {string} with {encryptionParameters}")
    public void inRegionICopyWith(String region, String source, String sourceRegion, String copy,
            EncryptionParameters parameters) {
        copy(world.account(), region, copy, new CopySnapshotRequest(sourceRegion, snapshot(source),
                parameters.encrypted() ? true : null, keyArn(parameters), null));
    }

    @When("in {region} I copy the snapshot {string} of {region} as {string}, with Encrypted false")
    public void inRegionICopyWithEncryptedFalse(String region, String source, String sourceRegion, String copy) {
        copy(world.account(), region, copy, new CopySnapshotRequest(sourceRegion, snapshot(source), false, null,
                null));
    }

    @When("account {account} copies the snapshot {string} of {region} into {region} as {string} under {keyRef}")
    public void accountCopiesUnder(String account, String source, String sourceRegion, String region, String copy,
            String key) {
        copy(account, region, copy, CopySnapshotRequest.encrypted(sourceRegion, snapshot(source),
                world.key(key).arn()));
    }

    @When("in {region} I restore the volume {string} from the snapshot {string} in {word}")
    public void inRegionIRestore(String region, String name, String snapshot, String zone) {
        Volume volume = request(world.account(), () -> AwsCloud.of(world.lab()).ec2(root(world.account()), region)
                .createVolume(CreateVolumeRequest.fromSnapshot(zone, snapshot(snapshot))));
        rememberVolume(name, region, volume);
    }

    @When("in {region} I attach the volume {string} to the instance {word}, it reads {string}")
    public void inRegionIAttachAndRead(String region, String name, String instanceId, String text) {
        requireSuccess();
        Ec2 ec2 = AwsCloud.of(world.lab()).ec2(root(world.account()), region);
        ec2.attachVolume(volumeId(name), instanceId);
        assertThat(new String(ec2.readVolume(volumeId(name)), StandardCharsets.UTF_8)).isEqualTo(text);
    }

    @Then("the snapshot {string} is completed and encrypted under {keyRef}")
    public void theSnapshotIsCompletedUnder(String name, String key) {
        Snapshot snapshot = describeSnapshot(world.account(), name);
        assertThat(snapshot.state()).isEqualTo(SnapshotState.COMPLETED);
        assertThat(snapshot.encrypted()).isTrue();
        assertThat(snapshot.kmsKeyId()).isEqualTo(world.key(key).arn());
    }

    @Then("the snapshot {string} of account {account} is completed and encrypted under {keyRef}")
    public void theSnapshotOfAccountIsCompletedUnder(String name, String account, String key) {
        Snapshot snapshot = describeSnapshot(account, name);
        assertThat(snapshot.state()).isEqualTo(SnapshotState.COMPLETED);
        assertThat(snapshot.ownerId()).isEqualTo(account);
        assertThat(snapshot.kmsKeyId()).isEqualTo(world.key(key).arn());
    }

    @Then("the snapshot {string} is completed and encrypted under aws\\/ebs of {region}")
    public void theSnapshotIsCompletedUnderAwsEbs(String name, String region) {
        Snapshot snapshot = describeSnapshot(world.account(), name);
        assertThat(snapshot.state()).isEqualTo(SnapshotState.COMPLETED);
        assertThat(snapshot.kmsKeyId()).isEqualTo(awsEbsArn(region));
    }

    @Then("the snapshot {string} is completed and unencrypted")
    public void theSnapshotIsCompletedAndUnencrypted(String name) {
        Snapshot snapshot = describeSnapshot(world.account(), name);
        assertThat(snapshot.state()).isEqualTo(SnapshotState.COMPLETED);
        assertThat(snapshot.encrypted()).isFalse();
    }

    @Then("the snapshot {string} has another data key than the snapshot {string}")
    public void theSnapshotHasAnotherDataKey(String copy, String source) {
        assertThat(describeSnapshot(world.account(), copy).dataEncryptionKeyId()).isNotNull()
                .isNotEqualTo(describeSnapshot(world.account(), source).dataEncryptionKeyId());
    }

    @Then("the snapshot {string} has the data key of the snapshot {string}")
    public void theSnapshotHasTheSameDataKey(String copy, String source) {
        assertThat(describeSnapshot(world.account(), copy).dataEncryptionKeyId()).isNotNull()
                .isEqualTo(describeSnapshot(world.account(), source).dataEncryptionKeyId());
    }

    @Then("the snapshot {string} of account {account} failed with the state message {string}")
    public void theSnapshotOfAccountFailed(String name, String account, String message) {
        Snapshot snapshot = describeSnapshot(account, name);
        assertThat(snapshot.state()).isEqualTo(SnapshotState.ERROR);
        assertThat(snapshot.stateMessage()).isEqualTo(message);
    }

    @Then("the snapshot {string} failed with the state message {string}")
    public void theSnapshotFailed(String name, String message) {
        theSnapshotOfAccountFailed(name, world.account(), message);
    }

    @Then("KMS Lab explains the failure of the snapshot {string} of account {account}: {string} was missing")
    public void kmsLabExplainsTheFailure(String name, String account, String permission) {
        String explanation = AwsCloud.of(world.lab()).ec2(root(account), snapshotRegions.get(name))
                .failureOf(snapshot(name)).orElseThrow().explain().orElseThrow();
        world.log(explanation);
        assertThat(explanation).contains(permission);
    }

    @When("I share the snapshot {string} with account {account}")
    public void iShareTheSnapshot(String name, String account) {
        request(world.account(), () -> {
            ec2(snapshotRegions.get(name)).modifySnapshotAttribute(
                    ModifySnapshotAttributeRequest.addCreateVolumePermission(snapshot(name), account));
            return null;
        });
    }

    @Then("account {account} sees the snapshot {string}")
    public void accountSeesTheSnapshot(String account, String name) {
        requireSuccess();
        assertThat(AwsCloud.of(world.lab()).ec2(root(account), snapshotRegions.get(name)).describeSnapshot(
                snapshot(name)).ownerId()).isEqualTo(world.account());
    }

    @Then("the snapshot {string} is shared with nobody")
    public void theSnapshotIsSharedWithNobody(String name) {
        assertThat(ec2(snapshotRegions.get(name)).describeSnapshotAttribute(snapshot(name))
                .createVolumePermissionUserIds()).isEmpty();
    }

    // ------------------------------------------------------------------------------------------ outcomes

    @Then("EBS in {region} notified {word} {word} with the cause {string}")
    public void ebsNotified(String region, String event, String result, String cause) {
        List<EbsNotification> notifications = AwsCloud.of(world.lab()).ec2(lastActor, region)
                .ebsNotifications();
        assertThat(notifications).as("EBS notifications").isNotEmpty();
        EbsNotification last = notifications.get(notifications.size() - 1);
        assertThat(last.event()).isEqualTo(event);
        assertThat(last.result()).isEqualTo(result);
        assertThat(last.cause()).isEqualTo(world.expand(cause));
    }

    /**
     * The KMS calls made by the last EBS request, in the trail of the account that made it, oldest first. Columns:
     * region, event name, key (a key of the scenario, or "-" when the event names none), aws:ebs:id (the volume or
     * snapshot named, or "-"), caller (optional: "me", or a principal of the scenario such as "the EC2 infrastructure
     * of i-..."), error code ("-" for none).
     */
    @Then("the KMS calls of the last EBS request were, oldest first:")
    public void theKmsCallsWere(List<Map<String, String>> rows) {
        List<AuditEvent> events = lastEvents();
        world.log(String.join("\n", events.stream().map(e -> e.awsRegion() + " " + e.eventName() + " "
                + e.userIdentity().arn() + " " + e.errorCode()).toList()));
        assertThat(events).extracting(AuditEvent::eventName)
                .containsExactlyElementsOf(rows.stream().map(r -> r.get("event name")).toList());
        for (int i = 0; i < rows.size(); i++) {
            Map<String, String> row = rows.get(i);
            AuditEvent e = events.get(i);
            String which = "event " + (i + 1) + " (" + e.eventName() + ")";
            assertThat(e.awsRegion()).as("region of %s", which).isEqualTo(row.get("region"));
            String key = row.get("key");
            if (key.equals("-")) {
                assertThat(e.resources()).as("key of %s", which).isNull();
            } else {
                assertThat(e.concerns(world.key(key).arn())).as("%s is on %s", which, key).isTrue();
            }
            String ebsId = row.get("aws:ebs:id");
            Object context = e.requestParameters() == null ? null : e.requestParameters().get("encryptionContext");
            if (ebsId.equals("-")) {
                assertThat(context).as("context of %s", which).isNull();
            } else {
                assertThat(context).as("context of %s", which).isEqualTo(Map.of(Ec2.EBS_ID, resourceId(ebsId)));
            }
            if (row.containsKey("caller")) {
                String caller = row.get("caller").equals("me") ? lastActor.arn()
                        : access.principal(row.get("caller")).arn();
                assertThat(e.userIdentity().arn()).as("caller of %s", which).isEqualTo(caller);
            }
            String code = row.get("error code");
            assertThat(e.errorCode()).as("error code of %s", which).isEqualTo(code.equals("-") ? null : code);
        }
    }

    /** As AWS's EBS CloudTrail example shows them: no invokedBy, the user agent "AWS Internal". */
    @Then("EC2 made them for me, with no invokedBy and the user agent {string}")
    public void ec2MadeThemForMe(String userAgent) {
        assertThat(lastEvents()).isNotEmpty().allSatisfy(e -> {
            assertThat(e.userIdentity().arn()).isEqualTo(lastActor.arn());
            assertThat(e.userIdentity().invokedBy()).isNull();
            assertThat(e.userAgent()).isEqualTo(userAgent);
        });
    }

    // ------------------------------------------------------------------------------------------ helpers

    private Ec2 ec2(String region) {
        return AwsCloud.of(world.lab()).ec2(root(world.account()), region);
    }

    private static Caller root(String account) {
        return Caller.root(account);
    }

    /** Makes an EBS request whose answer a later step checks ({@link ServiceAnswerSteps}). */
    private <T> T request(String account, Supplier<T> call) {
        return request(root(account), call);
    }

    private <T> T request(Caller actor, Supplier<T> call) {
        lastActor = actor;
        eventsBefore = world.lab().auditTrail().events().count();
        try {
            return outcome.attempt(Service.EC2, call);
        } finally {
            eventsAfter = world.lab().auditTrail().events().count();
        }
    }

    private void requireSuccess() {
        outcome.requireSuccess();
    }

    private void createVolume(String name, String zone, CreateVolumeRequest request) {
        String region = zone.substring(0, zone.length() - 1);
        Volume volume = request(world.account(), () -> AwsCloud.of(world.lab()).ec2(root(world.account()), region)
                .createVolume(request));
        rememberVolume(name, region, volume);
    }

    private void snapshotOfANewVolume(String snapshot, CreateVolumeRequest request) {
        Ec2 ec2 = ec2(world.region());
        Volume volume = ec2.createVolume(request);
        rememberSnapshot(snapshot, world.region(), ec2.createSnapshot(volume.volumeId()));
    }

    private void copy(String account, String region, String name, CopySnapshotRequest request) {
        String id = request(account, () -> AwsCloud.of(world.lab()).ec2(root(account), region).copySnapshot(request)
                .snapshotId());
        if (id != null) {
            snapshots.put(name, id);
            snapshotRegions.put(name, region);
        }
    }

    private void rememberVolume(String name, String region, Volume volume) {
        if (volume != null) {
            volumes.put(name, volume.volumeId());
            volumeRegions.put(name, region);
        }
    }

    private void rememberSnapshot(String name, String region, Snapshot snapshot) {
        snapshots.put(name, snapshot.snapshotId());
        snapshotRegions.put(name, region);
    }

    private void rememberInfrastructure(String instanceId) {
        String name = INFRASTRUCTURE + instanceId;
        try {
            access.principal(name);
        } catch (IllegalStateException unknown) {
            access.remember(name, Caller.assumedRole(world.account(), Ec2.INFRASTRUCTURE_ROLE, instanceId));
        }
    }

    private String keyArn(EncryptionParameters parameters) {
        return parameters.keyRef() == null ? null : world.key(parameters.keyRef()).arn();
    }

    private String awsEbsArn(String region) {
        return world.lab().kms(root(world.account()), region).describeKey(
                io.kmslab.api.DescribeKeyRequest.of(Ec2.AWS_EBS)).keyMetadata().arn();
    }

    /** The volume as DescribeVolumes shows it in its own Region. */
    private Volume volume(String name) {
        requireSuccess();
        return ec2(volumeRegions.get(name)).describeVolume(volumeId(name));
    }

    private Snapshot describeSnapshot(String account, String name) {
        requireSuccess();
        return AwsCloud.of(world.lab()).ec2(root(account), snapshotRegions.get(name)).describeSnapshot(
                snapshot(name));
    }

    private String volumeId(String name) {
        String id = volumes.get(name);
        if (id == null) {
            throw new IllegalStateException("No volume called '" + name + "' in this scenario; known: "
                    + volumes.keySet());
        }
        return id;
    }

    private String snapshot(String name) {
        String id = snapshots.get(name);
        if (id == null) {
            throw new IllegalStateException("No snapshot called '" + name + "' in this scenario; known: "
                    + snapshots.keySet());
        }
        return id;
    }

    /** {@code the volume "data"} or {@code the snapshot "copy"}: its id. */
    private String resourceId(String text) {
        if (text.startsWith("the volume \"") && text.endsWith("\"")) {
            return volumeId(text.substring("the volume \"".length(), text.length() - 1));
        }
        if (text.startsWith("the snapshot \"") && text.endsWith("\"")) {
            return snapshot(text.substring("the snapshot \"".length(), text.length() - 1));
        }
        throw new IllegalArgumentException("Not 'the volume \"...\"' or 'the snapshot \"...\"': " + text);
    }

    private List<AuditEvent> lastEvents() {
        assertThat(lastActor).as("an EBS request was made").isNotNull();
        return world.lab().auditTrail().events().skip(eventsBefore).limit(eventsAfter - eventsBefore)
                .filter(e -> lastActor.accountId().equals(e.recipientAccountId())).toList();
    }

    /** {@code <volume data>} and {@code <snapshot nightly>}: the id of a volume or snapshot of the scenario. */
    private String placeholder(String name) {
        if (name.startsWith("volume ") && volumes.containsKey(name.substring("volume ".length()))) {
            return volumes.get(name.substring("volume ".length()));
        }
        if (name.startsWith("snapshot ") && snapshots.containsKey(name.substring("snapshot ".length()))) {
            return snapshots.get(name.substring("snapshot ".length()));
        }
        return null;
    }
}
