package io.kmslab.server;

import static io.kmslab.server.Tour.holds;
import static io.kmslab.server.Tour.shortId;

import io.kmslab.Caller;
import io.kmslab.Kms;
import io.kmslab.KmsLab;
import io.kmslab.api.CreateAliasRequest;
import io.kmslab.api.CreateKeyRequest;
import io.kmslab.api.GrantListEntry;
import io.kmslab.api.KeyMetadata;
import io.kmslab.api.ListGrantsRequest;
import io.kmslab.audit.AuditEvent;
import io.kmslab.errors.KmsException;
import io.kmslab.services.AwsCloud;
import io.kmslab.services.common.AwsServiceException;
import io.kmslab.services.ec2.CopySnapshotRequest;
import io.kmslab.services.ec2.CreateVolumeRequest;
import io.kmslab.services.ec2.EbsNotification;
import io.kmslab.services.ec2.Ec2;
import io.kmslab.services.ec2.ModifySnapshotAttributeRequest;
import io.kmslab.services.ec2.Snapshot;
import io.kmslab.services.ec2.SnapshotState;
import io.kmslab.services.ec2.Volume;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The tour's fifth part, "EBS snapshots across Regions", the study notes' case: KMS keys are bound to a Region, so an
 * EBS snapshot copied to another Region has to be re-encrypted under a key of that Region. A volume under a customer
 * managed key, attached (a grant, then Decrypt by EC2's infrastructure) and written; its snapshot, which keeps the
 * volume's key and data key; the copy to the other Region under a key there, with KMS calls in both Regions in the
 * audit trail; the same copy naming the source Region's key, which fails; and the trap of {@code aws/ebs}, whose
 * snapshots cannot be shared with another account. Sources: the EBS user guide
 * (https://docs.aws.amazon.com/ebs/latest/userguide/how-ebs-encryption-works.html, ebs-copy-snapshot.html) and
 * docs/services/ebs.md.
 */
final class SnapshotsChapter {
    static final int STEPS = 7;
    static final String SOURCE_ALIAS = "alias/ebs-data";
    static final String DESTINATION_ALIAS = "alias/ebs-dr";
    static final String INSTANCE = "i-0123456789abcdef0";
    static final String RESTORE_INSTANCE = "i-0fedcba9876543210";
    static final String OTHER_ACCOUNT = "444455556666";
    static final int SIZE_GIB = 8;
    /** "Given key ID is not accessible": what DescribeSnapshots shows for a copy whose key could not be used. */
    static final String NOT_ACCESSIBLE = Ec2.KEY_NOT_ACCESSIBLE;

    private final Narrator n;
    private final KmsLab lab;
    private final String source;
    private final String destination;
    private final Caller caller;
    private final Ec2 here;
    private final Ec2 there;

    SnapshotsChapter(Narrator narrator, KmsLab lab, String region) {
        this.n = narrator;
        this.lab = lab;
        this.source = region;
        this.destination = region.equals("us-east-1") ? "eu-west-2" : "us-east-1";
        this.caller = Caller.root(lab.defaultAccount());
        this.here = AwsCloud.of(lab).ec2(caller, source);
        this.there = AwsCloud.of(lab).ec2(caller, destination);
    }

    void tell(String summaryHeading) {
        String zone = source + "a";
        String r = " --region " + source;
        byte[] secret = Tour.SECRET.getBytes(StandardCharsets.UTF_8);

        // 1 -- a volume under a customer managed key ------------------------------------------------------------
        n.step("An EBS volume in " + source + " under a customer managed key",
                "EBS encrypts a volume with a data key of its own, which KMS makes under the KMS key you name:",
                "CreateVolume calls GenerateDataKeyWithoutPlaintext for you, with the encryption context",
                "aws:ebs:id = the volume id, and keeps only the encrypted data key with the volume.");
        Kms kms = lab.kms(caller, source);
        n.call("aws kms create-key --description \"EBS data\"" + r);
        KeyMetadata key = kmsOk("CreateKey", () -> kms.createKey(CreateKeyRequest.builder()
                .description("EBS data").build()).keyMetadata());
        n.field("KeyId", key.keyId());
        n.call("aws kms create-alias --alias-name " + SOURCE_ALIAS + " --target-key-id " + key.keyId() + r);
        kmsOk("CreateAlias", () -> {
            kms.createAlias(CreateAliasRequest.of(SOURCE_ALIAS, key.keyId()));
            return null;
        });
        n.call("aws ec2 create-volume --availability-zone " + zone + " --size " + SIZE_GIB + " --encrypted "
                + "--kms-key-id " + SOURCE_ALIAS + r);
        long mark = eventCount();
        Volume volume = ec2Ok("CreateVolume", () -> here.createVolume(CreateVolumeRequest.encrypted(zone, SIZE_GIB,
                SOURCE_ALIAS)));
        n.field("VolumeId", volume.volumeId());
        n.field("Encrypted", volume.encrypted());
        n.field("KmsKeyId", volume.kmsKeyId());
        n.field("State", volume.state());
        holds(key.arn().equals(volume.kmsKeyId()), "the volume is under " + volume.kmsKeyId() + ", not " + key.arn());
        List<AuditEvent> created = eventsSince(mark);
        n.note("the KMS call EBS made, from the audit trail:");
        eventTable(created);
        holds(names(created).equals(List.of("GenerateDataKeyWithoutPlaintext")), "CreateVolume made the KMS calls "
                + names(created) + ", not one GenerateDataKeyWithoutPlaintext");
        AuditEvent generated = created.get(0);
        holds(Map.of(Ec2.EBS_ID, volume.volumeId()).equals(generated.requestParameters().get("encryptionContext"))
                        && Integer.valueOf(64).equals(generated.requestParameters().get("numberOfBytes")),
                "GenerateDataKeyWithoutPlaintext had " + generated.requestParameters() + ", not 64 bytes and "
                        + "aws:ebs:id " + volume.volumeId());
        holds(generated.userIdentity().invokedBy() == null && "AWS Internal".equals(generated.userAgent()),
                "the event shows invokedBy " + generated.userIdentity().invokedBy() + " and user agent "
                        + generated.userAgent());
        n.confirmed("your identity, no invokedBy, user agent \"AWS Internal\"; 64 bytes, two keys for AES-256-XTS");
        n.note("through EC2: kms:ViaService is ec2." + source + ".amazonaws.com (not \"ebs\") for key policy "
                + "conditions");

        // 2 -- attach and write --------------------------------------------------------------------------------
        n.step("Attach it and write to it",
                "Attaching gives EC2's infrastructure a grant, created by you, to Decrypt the data key only with",
                "this volume's encryption context; that principal then decrypts it, and the plaintext data key",
                "stays in the hypervisor's memory while the volume is attached. Disk I/O makes no KMS call.");
        n.call("aws ec2 attach-volume --volume-id " + volume.volumeId() + " --instance-id " + INSTANCE
                + " --device /dev/sdf" + r);
        mark = eventCount();
        ec2Ok("AttachVolume", () -> here.attachVolume(volume.volumeId(), INSTANCE));
        n.call("aws kms list-grants --key-id " + key.keyId() + r);
        List<GrantListEntry> grants = kmsOk("ListGrants", () -> kms.listGrants(ListGrantsRequest.of(key.keyId()))
                .grants());
        for (GrantListEntry grant : grants) {
            n.field("GranteePrincipal", grant.granteePrincipal());
            n.field("Operations", grant.operations());
            n.field("Constraints", grant.constraints());
        }
        String infrastructure = Caller.assumedRole(caller.accountId(), Ec2.INFRASTRUCTURE_ROLE, INSTANCE).arn();
        holds(grants.size() == 1 && grants.get(0).granteePrincipal().equals(infrastructure),
                "the key's grants are " + grants + ", not one for " + infrastructure);
        List<AuditEvent> attached = eventsSince(mark).stream().filter(e -> !e.eventName().equals("ListGrants"))
                .toList();
        eventTable(attached);
        holds(names(attached).equals(List.of("CreateGrant", "Decrypt"))
                        && attached.get(1).userIdentity().arn().equals(infrastructure),
                "AttachVolume made " + names(attached) + ", not CreateGrant and Decrypt by " + infrastructure);
        n.labCall("ec2.writeVolume(\"" + volume.volumeId() + "\", \"" + printable(Tour.SECRET) + "\".getBytes())");
        mark = eventCount();
        ec2Ok("writeVolume", () -> {
            here.writeVolume(volume.volumeId(), secret);
            return null;
        });
        holds(eventCount() == mark, "writing to the volume made KMS calls");
        n.confirmed("written under the data key held in memory: no KMS call");

        // 3 -- snapshot ----------------------------------------------------------------------------------------
        n.step("Take a snapshot",
                "A snapshot of an encrypted volume is encrypted under the same KMS key and keeps the same data key:",
                "DataEncryptionKeyId names it, and volumes restored from the snapshot under that key share it too.");
        n.call("aws ec2 create-snapshot --volume-id " + volume.volumeId() + r);
        mark = eventCount();
        Snapshot taken = ec2Ok("CreateSnapshot", () -> here.createSnapshot(volume.volumeId()));
        n.field("SnapshotId", taken.snapshotId());
        n.field("State", taken.state());
        n.call("aws ec2 describe-snapshots --snapshot-ids " + taken.snapshotId() + r);
        Snapshot snapshot = ec2Ok("DescribeSnapshots", () -> here.describeSnapshot(taken.snapshotId()));
        snapshotFields(snapshot);
        holds(snapshot.state() == SnapshotState.COMPLETED && key.arn().equals(snapshot.kmsKeyId()),
                "the snapshot is " + snapshot.state() + " under " + snapshot.kmsKeyId());
        holds(eventCount() == mark, "CreateSnapshot made KMS calls");
        n.note("no KMS call: the snapshot keeps the volume's encrypted data key");

        // 4 -- copy to the other Region ------------------------------------------------------------------------
        n.step("Copy it to " + destination + ", under a key of " + destination,
                "A KMS key lives in one Region: the key of " + source + " cannot encrypt anything in " + destination
                        + ".",
                "CopySnapshot goes to the destination's endpoint and names a key of the destination; EBS decrypts",
                "the source's data key in " + source + " and re-encrypts the data under a new data key made under",
                "the key of " + destination + ".");
        Kms kmsThere = lab.kms(caller, destination);
        String rd = " --region " + destination;
        n.call("aws kms create-key --description \"EBS disaster recovery\"" + rd);
        KeyMetadata drKey = kmsOk("CreateKey", () -> kmsThere.createKey(CreateKeyRequest.builder()
                .description("EBS disaster recovery").build()).keyMetadata());
        n.field("KeyId", drKey.keyId());
        n.call("aws kms create-alias --alias-name " + DESTINATION_ALIAS + " --target-key-id " + drKey.keyId() + rd);
        kmsOk("CreateAlias", () -> {
            kmsThere.createAlias(CreateAliasRequest.of(DESTINATION_ALIAS, drKey.keyId()));
            return null;
        });
        n.call("aws ec2 copy-snapshot --source-region " + source + " --source-snapshot-id " + snapshot.snapshotId()
                + " --encrypted --kms-key-id " + DESTINATION_ALIAS + rd);
        long copyMark = eventCount();
        String copyId = ec2Ok("CopySnapshot", () -> there.copySnapshot(CopySnapshotRequest.encrypted(source,
                snapshot.snapshotId(), DESTINATION_ALIAS)).snapshotId());
        long copyEnd = eventCount();
        n.field("SnapshotId", copyId);
        n.call("aws ec2 describe-snapshots --snapshot-ids " + copyId + rd);
        Snapshot copy = ec2Ok("DescribeSnapshots", () -> there.describeSnapshot(copyId));
        snapshotFields(copy);
        holds(copy.state() == SnapshotState.COMPLETED && drKey.arn().equals(copy.kmsKeyId()),
                "the copy is " + copy.state() + " under " + copy.kmsKeyId() + ", not completed under " + drKey.arn());
        holds(!snapshot.dataEncryptionKeyId().equals(copy.dataEncryptionKeyId()),
                "the copy kept the data key of the source");
        n.confirmed("re-encrypted: another KMS key (of " + destination + "), another data key");

        // 5 -- the audit trail in both Regions ---------------------------------------------------------------
        n.step("The audit trail: KMS calls in both Regions",
                "The copy's KMS events, yours, made by EC2: DescribeKey, GenerateDataKeyWithoutPlaintext (aws:ebs:id",
                "= the new snapshot) and Decrypt in " + destination + "; Decrypt of the source's data key in "
                        + source + ".",
                "Then a volume restored from the copy in " + destination + " reads what was written in " + source
                        + ".");
        n.labCall("lab.auditTrail().events()  // the copy's events, in the trail of account " + caller.accountId());
        List<AuditEvent> copied = eventsBetween(copyMark, copyEnd);
        eventTable(copied);
        holds(names(copied).equals(List.of("DescribeKey", "GenerateDataKeyWithoutPlaintext", "Decrypt", "Decrypt")),
                "the copy made " + names(copied));
        holds(copied.stream().map(AuditEvent::awsRegion).toList().equals(List.of(destination, destination, source,
                destination)), "the copy's events are in the Regions " + copied.stream().map(AuditEvent::awsRegion)
                        .toList());
        holds(copied.get(2).concerns(key.arn()) && copied.get(3).concerns(drKey.arn()),
                "the Decrypt calls are not on the key of " + source + " and then the key of " + destination);
        n.call("aws ec2 create-volume --availability-zone " + destination + "a --snapshot-id " + copyId + rd);
        Volume restored = ec2Ok("CreateVolume", () -> there.createVolume(CreateVolumeRequest.fromSnapshot(
                destination + "a", copyId)));
        n.field("VolumeId", restored.volumeId());
        n.field("KmsKeyId", restored.kmsKeyId());
        n.call("aws ec2 attach-volume --volume-id " + restored.volumeId() + " --instance-id " + RESTORE_INSTANCE
                + " --device /dev/sdf" + rd);
        ec2Ok("AttachVolume", () -> there.attachVolume(restored.volumeId(), RESTORE_INSTANCE));
        n.labCall("ec2.readVolume(\"" + restored.volumeId() + "\")");
        byte[] read = ec2Ok("readVolume", () -> there.readVolume(restored.volumeId()));
        n.field("Data", "\"" + printable(new String(read, StandardCharsets.UTF_8)) + "\"");
        holds(Arrays.equals(secret, read), "the volume restored in " + destination + " does not hold what was "
                + "written in " + source);
        n.confirmed("the data crossed the Regions, re-encrypted");

        // 6 -- the key of the source Region is refused ----------------------------------------------------------
        n.step("Name the key of " + source + " for a copy in " + destination + ": refused",
                "EBS checks the key after answering: CopySnapshot gives a SnapshotId, and the copy then fails,",
                "in state error with the StateMessage \"" + NOT_ACCESSIBLE + "\". The trail shows why:",
                "KMS in " + destination + " knows no key of " + source + ".");
        n.call("aws ec2 copy-snapshot --source-region " + source + " --source-snapshot-id " + snapshot.snapshotId()
                + " --encrypted --kms-key-id " + key.arn() + rd);
        mark = eventCount();
        String failedId = ec2Ok("CopySnapshot", () -> there.copySnapshot(CopySnapshotRequest.encrypted(source,
                snapshot.snapshotId(), key.arn())).snapshotId());
        List<AuditEvent> refusedEvents = eventsSince(mark);
        n.field("SnapshotId", failedId);
        n.call("aws ec2 describe-snapshots --snapshot-ids " + failedId + rd);
        Snapshot failed = ec2Ok("DescribeSnapshots", () -> there.describeSnapshot(failedId));
        n.field("State", failed.state());
        n.field("StateMessage", failed.stateMessage());
        holds(failed.state() == SnapshotState.ERROR && NOT_ACCESSIBLE.equals(failed.stateMessage()),
                "the copy under the key of " + source + " is " + failed.state() + " with \"" + failed.stateMessage()
                        + "\", not error with \"" + NOT_ACCESSIBLE + "\"");
        eventTable(refusedEvents);
        holds(names(refusedEvents).equals(List.of("DescribeKey"))
                        && "NotFoundException".equals(refusedEvents.get(0).errorCode()),
                "the refused copy made " + names(refusedEvents) + ", not one DescribeKey refused with "
                        + "NotFoundException");
        n.note("KMS in " + destination + " answered DescribeKey: " + refusedEvents.get(0).errorCode() + " \""
                + refusedEvents.get(0).errorMessage() + "\"");
        List<EbsNotification> notifications = there.ebsNotifications();
        EbsNotification last = notifications.get(notifications.size() - 1);
        n.note("EventBridge, " + last.detailType() + ": " + last.event() + " " + last.result() + ", cause \""
                + last.cause() + "\"");
        holds(last.event().equals("copySnapshot") && last.failed(), "EBS sent no failed copySnapshot event");

        // 7 -- aws/ebs cannot be shared --------------------------------------------------------------------------
        n.step("The aws/ebs trap: such a snapshot cannot be shared",
                "Without a KMS key EBS uses aws/ebs, made for you the first time. Its key policy lets only your",
                "account use it, through EC2, and nobody can change that policy: EBS refuses to share its snapshots.",
                "The way out is a copy under a customer managed key, shared with the key policy allowing the account.");
        n.call("aws ec2 create-volume --availability-zone " + zone + " --size " + SIZE_GIB + " --encrypted" + r);
        Volume plainDefault = ec2Ok("CreateVolume", () -> here.createVolume(CreateVolumeRequest.encrypted(zone,
                SIZE_GIB, null)));
        n.field("VolumeId", plainDefault.volumeId());
        n.field("KmsKeyId", plainDefault.kmsKeyId() + " (alias/aws/ebs)");
        n.call("aws ec2 create-snapshot --volume-id " + plainDefault.volumeId() + r);
        Snapshot defaultSnapshot = ec2Ok("CreateSnapshot", () -> here.createSnapshot(plainDefault.volumeId()));
        n.field("SnapshotId", defaultSnapshot.snapshotId());
        n.call("aws ec2 modify-snapshot-attribute --snapshot-id " + defaultSnapshot.snapshotId() + " --attribute "
                + "createVolumePermission --operation-type add --user-ids " + OTHER_ACCOUNT + r);
        AwsServiceException refused = ec2Fails("ModifySnapshotAttribute", "OperationNotPermitted",
                "Encrypted snapshots with EBS default key cannot be shared", () -> {
                    here.modifySnapshotAttribute(ModifySnapshotAttributeRequest.addCreateVolumePermission(
                            defaultSnapshot.snapshotId(), OTHER_ACCOUNT));
                    return null;
                });
        n.error(refused.errorCode(), "ModifySnapshotAttribute", refused.getMessage());
        n.call("aws ec2 copy-snapshot --source-region " + source + " --source-snapshot-id "
                + defaultSnapshot.snapshotId() + " --encrypted --kms-key-id " + SOURCE_ALIAS + r);
        String shareableId = ec2Ok("CopySnapshot", () -> here.copySnapshot(CopySnapshotRequest.encrypted(source,
                defaultSnapshot.snapshotId(), SOURCE_ALIAS)).snapshotId());
        n.field("SnapshotId", shareableId);
        n.call("aws ec2 modify-snapshot-attribute --snapshot-id " + shareableId + " --attribute "
                + "createVolumePermission --operation-type add --user-ids " + OTHER_ACCOUNT + r);
        ec2Ok("ModifySnapshotAttribute", () -> {
            here.modifySnapshotAttribute(ModifySnapshotAttributeRequest.addCreateVolumePermission(shareableId,
                    OTHER_ACCOUNT));
            return null;
        });
        n.note("no output");
        List<String> sharedWith = ec2Ok("DescribeSnapshotAttribute",
                () -> here.describeSnapshotAttribute(shareableId).createVolumePermissionUserIds());
        holds(sharedWith.equals(List.of(OTHER_ACCOUNT)), "the copy is shared with " + sharedWith);
        n.confirmed("the copy under " + SOURCE_ALIAS + " is shared with " + OTHER_ACCOUNT + "; its key policy must "
                + "still let " + OTHER_ACCOUNT + " use the key before that account can copy it");

        n.summary(summaryHeading, List.of(
                "An encrypted volume has one data key, made by GenerateDataKeyWithoutPlaintext under the KMS key you "
                        + "name, with aws:ebs:id = the volume id; your call, through EC2 (kms:ViaService ec2.*).",
                "Attaching: CreateGrant (yours) for aws:ec2-infrastructure/<instance>, then Decrypt by it; the "
                        + "plaintext data key stays in memory while attached, so I/O makes no KMS call.",
                "A snapshot keeps the volume's KMS key and data key.",
                "KMS keys are bound to a Region: the copy in " + destination + " was re-encrypted under a key of "
                        + destination + ", with Decrypt in " + source + " and the new data key in " + destination
                        + ".",
                "Naming the key of " + source + " failed the copy: state error, \"" + NOT_ACCESSIBLE + "\".",
                "Snapshots under aws/ebs cannot be shared (OperationNotPermitted); copy them under a customer "
                        + "managed key first."));
    }

    // ------------------------------------------------------------------------------------------ output

    private void snapshotFields(Snapshot snapshot) {
        n.field("SnapshotId", snapshot.snapshotId());
        n.field("VolumeId", snapshot.volumeId());
        n.field("State", snapshot.state());
        n.field("Encrypted", snapshot.encrypted());
        n.field("KmsKeyId", snapshot.kmsKeyId());
        n.field("DataEncryptionKeyId", snapshot.dataEncryptionKeyId());
    }

    /** KMS events as a table: Region, operation, key, aws:ebs:id, caller, error. */
    private void eventTable(List<AuditEvent> events) {
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of("Region", "Event", "Key", "aws:ebs:id", "Caller", "Error"));
        for (AuditEvent e : events) {
            Object context = e.requestParameters() == null ? null : e.requestParameters().get("encryptionContext");
            String ebsId = context instanceof Map<?, ?> map && map.get(Ec2.EBS_ID) != null
                    ? String.valueOf(map.get(Ec2.EBS_ID)) : "-";
            String keyArn = e.resources() == null || e.resources().isEmpty() ? "-" : e.resources().get(0).arn();
            String keyId = keyArn.equals("-") ? keyArn : shortId(keyArn.substring(keyArn.lastIndexOf('/') + 1), 8);
            String who = e.userIdentity().arn();
            rows.add(List.of(e.awsRegion(), e.eventName(), keyId, ebsId, who.substring(who.lastIndexOf(':') + 1),
                    e.errorCode() == null ? "-" : e.errorCode()));
        }
        n.table("llllll", rows);
    }

    private static String printable(String text) {
        return text.endsWith("\n") ? text.substring(0, text.length() - 1) + "\\n" : text;
    }

    // ------------------------------------------------------------------------------------------ the audit trail

    private long eventCount() {
        return lab.auditTrail().events().count();
    }

    /** The events of the caller's trail since a mark. */
    private List<AuditEvent> eventsSince(long mark) {
        return eventsBetween(mark, eventCount());
    }

    private List<AuditEvent> eventsBetween(long from, long to) {
        return lab.auditTrail().events().skip(from).limit(to - from)
                .filter(e -> caller.accountId().equals(e.recipientAccountId())).toList();
    }

    private static List<String> names(List<AuditEvent> events) {
        return events.stream().map(AuditEvent::eventName).toList();
    }

    // ------------------------------------------------------------------------------------------ checks

    /** A KMS call the story expects to succeed. */
    private static <T> T kmsOk(String operation, Supplier<T> call) {
        return Tour.succeeds(operation, call);
    }

    /** An EC2 call the story expects to succeed. */
    private static <T> T ec2Ok(String operation, Supplier<T> call) {
        try {
            return call.get();
        } catch (AwsServiceException e) {
            throw new TourDeviation(operation + " failed with " + e.errorCode() + ": " + e.getMessage()
                    + ", but the story expects it to succeed.");
        } catch (KmsException e) {
            throw new TourDeviation(operation + " failed with " + e.errorCode() + ": " + e.getMessage()
                    + ", but the story expects it to succeed.");
        }
    }

    /** An EC2 call the story expects to fail with exactly this error code and message; returns that error. */
    static AwsServiceException ec2Fails(String operation, String code, String message, Supplier<?> call) {
        String expectation = code + " \"" + message + "\"";
        try {
            call.get();
        } catch (AwsServiceException e) {
            if (code.equals(e.errorCode()) && message.equals(e.getMessage())) {
                return e;
            }
            throw new TourDeviation(operation + " failed with " + e.errorCode() + " \"" + e.getMessage()
                    + "\", but the story expects " + expectation + ".");
        }
        throw new TourDeviation(operation + " succeeded, but the story expects it to fail with " + expectation + ".");
    }
}
