package io.kmslab.labs;

import io.kmslab.Caller;
import io.kmslab.KmsLab;
import io.kmslab.api.CreateAliasRequest;
import io.kmslab.api.CreateKeyRequest;
import io.kmslab.errors.KmsException;
import io.kmslab.iam.Iam;
import io.kmslab.labs.PolicyOracle.Row;
import io.kmslab.policy.PolicyDecision;
import io.kmslab.services.AwsCloud;
import io.kmslab.services.common.AwsServiceException;
import io.kmslab.services.ec2.AsynchronousFailure;
import io.kmslab.services.ec2.CreateVolumeRequest;
import io.kmslab.services.ec2.Ec2;
import io.kmslab.services.ec2.Snapshot;
import io.kmslab.services.ec2.SnapshotState;
import io.kmslab.services.s3.CreateBucketRequest;
import io.kmslab.services.s3.GetObjectRequest;
import io.kmslab.services.s3.PutObjectRequest;
import io.kmslab.services.s3.S3;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Lab 11: a key that role Ops may use only through EBS (EC2) and S3 of its Region, never directly. Graded by what Ops
 * can do through the services of {@link AwsCloud} (an encrypted volume created, attached and snapshotted, the snapshot
 * copied to the disaster-recovery Region, an S3 object written and read) and by what KMS decides for direct calls and
 * for probes through other services, by other principals and by another account.
 */
final class ServiceOnlyKeyLab extends StudyLab {
    static final String ACCOUNT = "111122223333";
    static final String OTHER_ACCOUNT = "444455556666";
    static final String REGION = "eu-west-2";
    static final String DR_REGION = "us-east-1";
    static final String FILE = "key-policy.json";
    static final String BUCKET = "ops-reports-111122223333";
    static final String INSTANCE = "i-0a1b2c3d4e5f60718";
    /**
     * The values of {@code kms:ViaService} for the two services: "ec2" is the service name EBS volumes and snapshots
     * reach KMS with, not "ebs" (AWS's example of the key, "ec2.us-west-2.amazonaws.com" and
     * "rds.us-west-2.amazonaws.com":
     * https://docs.aws.amazon.com/kms/latest/developerguide/conditions-kms.html#conditions-kms-via-service).
     */
    static final String VIA_EC2 = "ec2." + REGION + ".amazonaws.com";
    static final String VIA_S3 = "s3." + REGION + ".amazonaws.com";

    private static final String ACCEPTED = "KMS accepts key-policy.json as the key's policy";
    private static final String EBS = "Ops creates, attaches and snapshots an encrypted EBS volume under the key";
    private static final String COPY = "Ops copies that snapshot to us-east-1 (the DR copy)";
    private static final String S3_OBJECT = "Ops writes and reads an S3 object under the key";
    private static final String DIRECT = "Ops cannot use the key directly";
    private static final String PROBES = "Nothing else gets in (probes)";
    private static final String ADMINS = "KeyAdmin still manages the key, and never uses it";
    private static final String ROOT = "The account's root user keeps control of the key";
    private static final List<String> REST = List.of(EBS, COPY, S3_OBJECT, DIRECT, PROBES, ADMINS, ROOT);

    @Override
    public int number() {
        return 11;
    }

    @Override
    public String slug() {
        return "service-only-keys";
    }

    @Override
    public String title() {
        return "Service-only keys with kms:ViaService";
    }

    @Override
    public List<ExamTask> objectives() {
        return List.of(new ExamTask("SCS-C03", "4.2.3", "least-privilege policies"),
                new ExamTask("SCS-C03", "5.2.1", "design and configure encryption at rest"),
                new ExamTask("SCS-C03", "5.2.4", "secure replication and backup"),
                new ExamTask("SOA-C03", "4.1.1", "resource policies and policy conditions"),
                new ExamTask("SOA-C03", "2.3.1", "automate snapshots and backups"),
                new ExamTask("SAA-C03", "1.3", "access policies for encryption keys; back up and replicate data"),
                new ExamTask("SAP-C02", "2.2", "backups across Regions"));
    }

    @Override
    public String answerKind() {
        return "a key policy (JSON)";
    }

    @Override
    public String brief() {
        return """
                # Lab 11: Service-only keys with kms:ViaService

                Account `111122223333` keeps the data of its operations team in `eu-west-2`: EBS volumes of the
                team's instances, their snapshots, and reports in the S3 bucket `ops-reports-111122223333`. All of
                it is encrypted under one customer managed key, whose key policy you write. The team's role is
                `arn:aws:iam::111122223333:role/Ops`; its IAM policy allows S3 on that bucket and names no KMS
                action.

                The security team's rule: **Ops may use the key only through EBS (EC2) and S3 in eu-west-2, never
                directly.** A script running as Ops must not be able to call `kms:Decrypt`, `kms:Encrypt` or
                `kms:GenerateDataKey` itself, nor reach the key through another service (Systems Manager Parameter
                Store, Secrets Manager). Through the services, Ops must be able to:

                - create an encrypted EBS volume under the key in `eu-west-2`, attach it to an instance, and take a
                  snapshot of it;
                - copy that snapshot to `us-east-1` for disaster recovery. Keys belong to one Region, so the copy is
                  encrypted under a key of `us-east-1`, `alias/ops-dr`, which already lets Ops use it through EC2
                  there; your key is what the copy reads the source with;
                - write an object to the bucket under the key (SSE-KMS) and read it back.

                Keep the administrators' statements as they are: `arn:aws:iam::111122223333:role/KeyAdmin` manages
                the key and never uses it, and the account's root user keeps control.

                Edit `key-policy.json` (it starts as the policy in use today, which lets Ops call KMS directly).

                `kmslab lab check 11` creates the key with your policy in a fresh lab, then does all of the above as
                Ops through KMS Lab's EC2 and S3 (each of their KMS calls is authorized like a real one), asks KMS
                about direct calls, and probes your policy: Ops through other services, another principal of the
                account, another account. Each failed requirement names the KMS call that was refused or allowed, the
                `kms:ViaService` value it carried, and the statement of your policy that decided it.
                """;
    }

    @Override
    public Map<String, String> startingFiles() {
        return Map.of(FILE, policy(List.of("""
                    {
                      "Sid": "Allow use of the key",
                      "Effect": "Allow",
                      "Principal": {"AWS": "arn:aws:iam::111122223333:role/Ops"},
                      "Action": ["kms:Encrypt", "kms:Decrypt"],
                      "Resource": "*"
                    }""")));
    }

    /** A key policy with the account's and the administrators' statements, then {@code opsStatements}. */
    static String policy(List<String> opsStatements) {
        List<String> statements = new ArrayList<>(List.of("""
                    {
                      "Sid": "Enable IAM User Permissions",
                      "Effect": "Allow",
                      "Principal": {"AWS": "arn:aws:iam::111122223333:root"},
                      "Action": "kms:*",
                      "Resource": "*"
                    }""", """
                    {
                      "Sid": "Allow access for Key Administrators",
                      "Effect": "Allow",
                      "Principal": {"AWS": "arn:aws:iam::111122223333:role/KeyAdmin"},
                      "Action": [
                        "kms:Create*", "kms:Describe*", "kms:Enable*", "kms:List*", "kms:Put*", "kms:Update*",
                        "kms:Revoke*", "kms:Disable*", "kms:Get*", "kms:Delete*", "kms:TagResource",
                        "kms:UntagResource", "kms:ScheduleKeyDeletion", "kms:CancelKeyDeletion"
                      ],
                      "Resource": "*"
                    }"""));
        statements.addAll(opsStatements);
        return "{\n  \"Version\": \"2012-10-17\",\n  \"Id\": \"ops-data\",\n  \"Statement\": [\n"
                + String.join(",\n", statements) + "\n  ]\n}\n";
    }

    @Override
    public List<String> hints() {
        return List.of(
                "Services call KMS as Ops, with the condition key kms:ViaService set to "
                        + "<service>.<region>.amazonaws.com. A StringEquals condition on it, in the statement that "
                        + "lets Ops use the key, lets the services in and keeps direct calls out. Which service name "
                        + "do EBS volumes carry: ebs or ec2?",
                "EBS needs kms:GenerateDataKeyWithoutPlaintext to create the volume, kms:CreateGrant to attach it "
                        + "(EC2 creates a grant, as Ops, for its own infrastructure to decrypt the volume's data "
                        + "key), and kms:Decrypt to read the snapshot's data key for the copy (in KMS Lab's model "
                        + "of CopySnapshot); S3 needs kms:GenerateDataKey to write and kms:Decrypt to read. "
                        + "kms:GrantIsForAWSResource is true only when a service creates the grant.",
                "Two statements for Ops: kms:Encrypt, kms:Decrypt, kms:ReEncrypt*, kms:GenerateDataKey*, "
                        + "kms:DescribeKey with StringEquals kms:ViaService [\"" + VIA_EC2 + "\", \"" + VIA_S3
                        + "\"]; and kms:CreateGrant with kms:ViaService \"" + VIA_EC2 + "\" and Bool "
                        + "kms:GrantIsForAWSResource \"true\". Put the condition on every statement that names Ops.");
    }

    @Override
    public Verdict check(LabAnswer answer) {
        List<Requirement> requirements = new ArrayList<>();
        LabAnswer.Parsed parsed = answer.json(FILE);
        if (!parsed.ok()) {
            requirements.add(Requirement.notMet(ACCEPTED, parsed.problem()));
            REST.forEach(r -> requirements.add(Requirement.notMet(r, "not checked: the policy could not be read")));
            return verdict(requirements);
        }
        KmsLab lab = KmsLab.builder().startingAt(Instant.parse("2026-04-07T09:00:00Z")).seed(11).build();
        Iam iam = lab.iam(ACCOUNT);
        iam.createRole("KeyAdmin");
        iam.createRole("Ops");
        iam.createRole("Dev");
        iam.putRolePolicy("Ops", "reports-bucket", """
                {"Version": "2012-10-17", "Statement": [{"Effect": "Allow",
                  "Action": ["s3:PutObject", "s3:GetObject"],
                  "Resource": "arn:aws:s3:::%s/*"}]}""".formatted(BUCKET));
        Caller root = Caller.root(ACCOUNT);
        String keyArn;
        try {
            keyArn = lab.kms(root, REGION).createKey(CreateKeyRequest.builder().description("ops data")
                    .policy(answer.text(FILE).orElseThrow()).build()).keyMetadata().arn();
        } catch (KmsException e) {
            String why = e.getMessage().contains("will not allow you to update the key policy")
                    ? "\n(the policy lockout safety check: the account's root user, who creates the key, must still "
                            + "be allowed kms:PutKeyPolicy by the new policy)" : "";
            requirements.add(Requirement.notMet(ACCEPTED, "CreateKey refused the policy: " + e.errorCode() + ": "
                    + e.getMessage() + why));
            REST.forEach(r -> requirements.add(Requirement.notMet(r, "not checked: KMS refused the policy")));
            return verdict(requirements);
        }
        requirements.add(Requirement.met(ACCEPTED, "CreateKey accepted it"));
        String drKeyArn = drKey(lab, root);
        AwsCloud aws = AwsCloud.of(lab);
        S3 rootS3 = aws.s3(root);
        rootS3.createBucket(CreateBucketRequest.of(BUCKET, REGION));

        Caller ops = iam.assumeRole("Ops", "ops-runbook");
        Ec2 london = aws.ec2(ops, REGION);
        Optional<String> snapshotId = Optional.empty();
        Requirement ebs;
        try {
            String volumeId = london.createVolume(CreateVolumeRequest.encrypted(REGION + "a", 8, keyArn)).volumeId();
            Optional<AsynchronousFailure> failed = london.failureOf(volumeId);
            if (failed.isPresent()) {
                ebs = Requirement.notMet(EBS, "CreateVolume answered 'creating', then the volume failed: "
                        + failed.get().message() + why(failed.get().message(), failed.get().kmsError(),
                                failed.get().kmsDecision()));
            } else {
                london.attachVolume(volumeId, INSTANCE);
                london.writeVolume(volumeId, "runbook".getBytes(StandardCharsets.UTF_8));
                snapshotId = Optional.of(london.createSnapshot(volumeId).snapshotId());
                ebs = Requirement.met(EBS, "the volume was created, attached and snapshotted");
            }
        } catch (AwsServiceException e) {
            ebs = Requirement.notMet(EBS, serviceFailure("EC2", e));
        }
        requirements.add(ebs);
        requirements.add(snapshotId.map(id -> copy(aws.ec2(ops, DR_REGION), id, drKeyArn))
                .orElseGet(() -> Requirement.notMet(COPY, "not checked: Ops has no snapshot to copy")));
        requirements.add(s3Object(aws.s3(ops), keyArn));

        Caller admin = iam.assumeRole("KeyAdmin", "security-team");
        Caller dev = iam.assumeRole("Dev", "dev-laptop");
        Caller otherAccount = Caller.root(OTHER_ACCOUNT);
        PolicyOracle oracle = new PolicyOracle(lab, REGION, keyArn);
        List<String> use = List.of("kms:Encrypt", "kms:Decrypt", "kms:GenerateDataKey",
                "kms:GenerateDataKeyWithoutPlaintext", "kms:ReEncryptFrom", "kms:CreateGrant");
        requirements.add(oracle.requirement(DIRECT,
                use.stream().map(a -> Row.deny("Ops calls " + a + " itself", ops, a)).toList()));
        List<Row> probes = new ArrayList<>();
        for (String service : List.of("ssm", "secretsmanager")) {
            for (String action : List.of("kms:Encrypt", "kms:Decrypt", "kms:GenerateDataKey")) {
                probes.add(Row.probe("Ops through " + service + ": " + action, ops, action).through(service));
            }
        }
        probes.add(Row.probe("Ops through rds: kms:GenerateDataKeyWithoutPlaintext", ops,
                "kms:GenerateDataKeyWithoutPlaintext").through("rds"));
        probes.add(Row.probe("Dev (same account, no IAM policy) through ec2", dev,
                "kms:GenerateDataKeyWithoutPlaintext").through("ec2"));
        probes.add(Row.probe("Dev (same account, no IAM policy) through s3", dev, "kms:Decrypt").through("s3"));
        probes.add(Row.probe("another account through s3", otherAccount, "kms:GenerateDataKey").through("s3"));
        probes.add(Row.probe("another account through ec2", otherAccount, "kms:Decrypt").through("ec2"));
        requirements.add(oracle.requirement(PROBES, probes));
        List<Row> adminRows = new ArrayList<>();
        for (String action : List.of("kms:PutKeyPolicy", "kms:DisableKey", "kms:EnableKey", "kms:ScheduleKeyDeletion",
                "kms:CancelKeyDeletion", "kms:TagResource", "kms:DescribeKey")) {
            adminRows.add(Row.allow("KeyAdmin " + action, admin, action));
        }
        for (String action : List.of("kms:Encrypt", "kms:Decrypt", "kms:GenerateDataKey")) {
            adminRows.add(Row.deny("KeyAdmin " + action, admin, action));
            adminRows.add(Row.deny("KeyAdmin " + action + " through ec2", admin, action).through("ec2"));
        }
        requirements.add(oracle.requirement(ADMINS, adminRows));
        requirements.add(oracle.requirement(ROOT, List.of(
                Row.allow("root kms:PutKeyPolicy", root, "kms:PutKeyPolicy"),
                Row.allow("root kms:ScheduleKeyDeletion", root, "kms:ScheduleKeyDeletion"))));
        return verdict(requirements);
    }

    /** The checker's key in the DR Region, alias/ops-dr, which Ops may use through EC2 there. */
    private static String drKey(KmsLab lab, Caller root) {
        String policy = """
                {"Version": "2012-10-17", "Statement": [
                  {"Sid": "Enable IAM User Permissions", "Effect": "Allow",
                   "Principal": {"AWS": "arn:aws:iam::111122223333:root"}, "Action": "kms:*", "Resource": "*"},
                  {"Sid": "Ops through EC2 of us-east-1", "Effect": "Allow",
                   "Principal": {"AWS": "arn:aws:iam::111122223333:role/Ops"},
                   "Action": ["kms:Decrypt", "kms:GenerateDataKey*", "kms:ReEncrypt*", "kms:DescribeKey",
                              "kms:CreateGrant"],
                   "Resource": "*",
                   "Condition": {"StringEquals": {"kms:ViaService": "ec2.us-east-1.amazonaws.com"}}}]}""";
        String arn = lab.kms(root, DR_REGION).createKey(CreateKeyRequest.builder().description("ops disaster recovery")
                .policy(policy).build()).keyMetadata().arn();
        lab.kms(root, DR_REGION).createAlias(CreateAliasRequest.of("alias/ops-dr", arn));
        return arn;
    }

    /**
     * The DR copy, made in us-east-1 under a key of us-east-1 (a copy's key must be in the destination Region:
     * https://docs.aws.amazon.com/ebs/latest/userguide/ebs-copy-snapshot.html). Which KMS operations AWS calls for a
     * copy is not published; KMS Lab decrypts the source's data key in its Region through EC2 of that Region
     * (docs/services/ebs.md, "the operations are KMS Lab's (unconfirmed)"), so the learner's key must allow Ops
     * kms:Decrypt through ec2.eu-west-2.amazonaws.com.
     */
    private static Requirement copy(Ec2 virginia, String snapshotId, String drKeyArn) {
        try {
            String copyId = virginia.copySnapshot(REGION, snapshotId, true, drKeyArn).snapshotId();
            Snapshot copy = virginia.describeSnapshot(copyId);
            if (copy.state() == SnapshotState.COMPLETED) {
                return Requirement.met(COPY, "the copy " + copyId + " is encrypted under alias/ops-dr");
            }
            Optional<AsynchronousFailure> failed = virginia.failureOf(copyId);
            return Requirement.notMet(COPY, "CopySnapshot answered, then the copy ended in state "
                    + copy.state() + ": \"" + copy.stateMessage() + "\". In KMS Lab the copy reads the source "
                    + "snapshot's data key with kms:Decrypt on your key, in " + REGION + ", through EC2 ("
                    + VIA_EC2 + ")." + failed.map(f -> why(f.message(), f.kmsError(), f.kmsDecision())).orElse(""));
        } catch (AwsServiceException e) {
            return Requirement.notMet(COPY, serviceFailure("EC2 of " + DR_REGION, e));
        }
    }

    private static Requirement s3Object(S3 s3, String keyArn) {
        byte[] body = "disk usage report".getBytes(StandardCharsets.UTF_8);
        try {
            s3.putObject(PutObjectRequest.of(BUCKET, "reports/disk-usage.txt", body).withSseKms(keyArn));
        } catch (AwsServiceException e) {
            return Requirement.notMet(S3_OBJECT, "PutObject (SSE-KMS under your key) failed: "
                    + serviceFailure("S3", e));
        }
        try {
            byte[] back = s3.getObject(GetObjectRequest.of(BUCKET, "reports/disk-usage.txt")).body();
            return Arrays.equals(back, body) ? Requirement.met(S3_OBJECT, "PutObject and GetObject worked")
                    : Requirement.notMet(S3_OBJECT, "GetObject returned other bytes than were written");
        } catch (AwsServiceException e) {
            return Requirement.notMet(S3_OBJECT, "PutObject worked, GetObject failed: " + serviceFailure("S3", e));
        }
    }

    /** A service's error, with the KMS call that failed and the decision that refused it. */
    private static String serviceFailure(String service, AwsServiceException e) {
        return service + " answered " + e.errorCode() + ": " + e.getMessage()
                + why(e.getMessage(), e.kmsError().orElse(null), e.kmsDecision().orElse(null));
    }

    /**
     * Why a KMS call a service made for Ops failed: KMS's error when the service showed another message, and the
     * decision (the statements considered, the condition keys and their values) when KMS refused it.
     */
    private static String why(String shown, KmsException error, PolicyDecision decision) {
        StringBuilder s = new StringBuilder();
        if (error != null && !error.getMessage().equals(shown)) {
            s.append("\nKMS answered ").append(error.errorCode())
                    .append(error.getMessage().isEmpty() ? "" : ": " + error.getMessage());
        }
        if (decision != null) {
            s.append("\nKMS's decision:");
            // the AccessDeniedException line repeats the message already shown
            decision.explain().lines().filter(l -> !l.strip().startsWith("AccessDeniedException:"))
                    .forEach(l -> s.append("\n  ").append(l));
        }
        return s.toString();
    }
}
