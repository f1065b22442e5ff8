package io.kmslab.labs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kmslab.Caller;
import io.kmslab.Json;
import io.kmslab.KmsLab;
import io.kmslab.api.CreateAliasRequest;
import io.kmslab.api.CreateKeyRequest;
import io.kmslab.api.DescribeKeyRequest;
import io.kmslab.errors.KmsException;
import io.kmslab.iam.Iam;
import io.kmslab.labs.PolicyOracle.Row;
import io.kmslab.services.AwsCloud;
import io.kmslab.services.common.AwsServiceException;
import io.kmslab.services.s3.CreateBucketRequest;
import io.kmslab.services.s3.DeleteObjectRequest;
import io.kmslab.services.s3.GetObjectRequest;
import io.kmslab.services.s3.PutBucketEncryptionRequest;
import io.kmslab.services.s3.PutBucketPolicyRequest;
import io.kmslab.services.s3.PutObjectRequest;
import io.kmslab.services.s3.S3;
import io.kmslab.services.s3.ServerSideEncryptionConfiguration;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Lab 3: account B's role reads objects that account A keeps in an S3 bucket under SSE-KMS with A's customer managed
 * key. The learner hands in A's key policy statement(s), the bucket policy and B's IAM policy for the role; the checker
 * builds both accounts in a fresh lab, has the role read through S3 (which calls KMS as the requester), removes each
 * part in turn to show that each is needed, and probes for anyone or anything else the answer lets in.
 */
final class CrossAccountLab extends StudyLab {
    static final String OWNER = "111122223333";
    static final String READER = "444455556666";
    static final String STRANGER = "777788889999";
    static final String REGION = "eu-west-2";
    static final String BUCKET = "reports-" + OWNER;
    static final String OBJECT = "2026/01/summary.csv";
    static final String PARTNER_BUCKET = "partner-" + STRANGER;
    static final String KEY_FILE = "key-policy-statement.json";
    static final String BUCKET_FILE = "bucket-policy.json";
    static final String IAM_FILE = "analyst-iam-policy.json";
    private static final long SEED = 3;
    private static final Instant START = Instant.parse("2026-01-31T17:00:00Z");
    private static final byte[] REPORT = "region,revenue\neu,1200\nus,3400\n".getBytes(StandardCharsets.UTF_8);
    private static final String ADMINISTRATOR = """
            {"Version": "2012-10-17", "Statement": [{"Sid": "AdministratorAccess", "Effect": "Allow",
              "Action": ["kms:*", "s3:*"], "Resource": "*"}]}""";

    private static final String ACCEPTED_KEY = "KMS accepts A's key policy with your statement";
    private static final String ACCEPTED_BUCKET = "S3 accepts bucket-policy.json as the bucket's policy";
    private static final String ACCEPTED_IAM = "IAM accepts analyst-iam-policy.json for the role Analyst";
    private static final String READS = "B's Analyst reads the report (GetObject)";
    private static final String BOTH_SIDES = "Each part is needed: without any one of your three files the Analyst "
            + "is refused";
    private static final String NOBODY_ELSE = "Nobody else reads the report (probes)";
    private static final String READ_ONLY = "Account B reads, never writes or deletes (probes)";
    private static final String KEY_LEAST = "A's key policy gives account B no more than reading (probes)";
    private static final String IAM_LEAST = "The Analyst's IAM policy names only A's key and bucket (probes)";
    private static final List<String> ACCEPTED = List.of(ACCEPTED_KEY, ACCEPTED_BUCKET, ACCEPTED_IAM);
    private static final List<String> BEHAVIOUR = List.of(READS, BOTH_SIDES, NOBODY_ELSE, READ_ONLY, KEY_LEAST,
            IAM_LEAST);

    /** The ARN the key of account A gets in the checker's lab (the lab is seeded, so it is always the same). */
    static String keyArn() {
        return KeyArn.VALUE;
    }

    private static final class KeyArn {
        static final String VALUE = newLab().kms(Caller.root(OWNER), REGION).createKey(CreateKeyRequest.of())
                .keyMetadata().arn();
    }

    @Override
    public int number() {
        return 3;
    }

    @Override
    public String slug() {
        return "cross-account-key-and-bucket";
    }

    @Override
    public String title() {
        return "Cross-account access to a key and an S3 bucket";
    }

    @Override
    public List<ExamTask> objectives() {
        return List.of(new ExamTask("SCS-C03", "4.2.1", "resource policies for cross-account access"),
                new ExamTask("SCS-C03", "5.2.1", "design and configure encryption at rest"),
                new ExamTask("SAA-C03", "1.1", "cross-account access; when to use resource policies"),
                new ExamTask("DVA-C02", "2.2", "use encryption across account boundaries"));
    }

    @Override
    public String answerKind() {
        return "a key policy statement, a bucket policy and an IAM policy (JSON)";
    }

    /*
     * The facts the brief and hints state, from AWS's pages:
     * - S3 calls KMS with the requester's own identity (forward access sessions,
     *   https://docs.aws.amazon.com/IAM/latest/UserGuide/access_forward_access_sessions.html); a GET of an SSE-KMS
     *   object needs kms:Decrypt (https://docs.aws.amazon.com/AmazonS3/latest/userguide/UsingKMSEncryption.html);
     * - another account's principals need the key policy of the owner and an IAM policy of their own account
     *   (https://docs.aws.amazon.com/kms/latest/developerguide/key-policy-modifying-external-accounts.html); the same
     *   holds for the bucket policy and the caller's IAM policy
     *   (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic-cross-account.html);
     * - "To specify a KMS key in a different AWS account, you must use the key ARN or alias ARN" (KeyId of
     *   https://docs.aws.amazon.com/kms/latest/APIReference/API_Decrypt.html and the other cryptographic operations);
     * - "To specify a KMS key in an IAM policy statement, you must use its key ARN. You cannot use a key id, alias
     *   name, or alias ARN" (https://docs.aws.amazon.com/kms/latest/developerguide/cmks-in-iam-policies.html), where
     *   "Resource": "*" "allows access to all KMS keys the account has permission to use";
     * - management operations: "Cross-account use: No" (e.g. https://docs.aws.amazon.com/kms/latest/APIReference/API_DisableKey.html).
     * A bucket policy naming a KMS action is refused by S3 (MalformedPolicy "Policy has invalid action"; the wording is
     * unconfirmed, see S3Errors and BucketPolicy).
     */
    @Override
    public String brief() {
        return """
                # Lab 3: Cross-account access to a key and an S3 bucket

                Account A (`111122223333`) keeps its monthly reports in the bucket `%s` in
                `eu-west-2`. The bucket's default encryption is SSE-KMS under A's customer managed key

                    %s

                (alias `alias/reports` in account A). Account B (`444455556666`) has a role `Analyst` that must
                **read** the reports (`s3:GetObject` on `%s/*`), and nothing more. When the
                Analyst reads an object, S3 calls KMS Decrypt **as the Analyst** (through S3: `kms:ViaService` is
                `s3.eu-west-2.amazonaws.com`), so the Analyst needs the key as well as the bucket.

                Hand in three files:

                - `%s`: the statement you add to A's key policy (one statement object, or an
                  array of them). A's key policy already has the statement "Enable IAM User Permissions" for A's own
                  account; yours is added to it.
                - `%s`: the whole bucket policy of `%s`.
                - `%s`: the IAM policy attached to B's role `Analyst` (an identity-based
                  policy: no Principal).

                Good to know: an alias name such as `alias/reports` is looked up in the caller's own account, so
                account B cannot name A's key by it; an IAM policy names a KMS key by its key ARN (an alias ARN in
                `Resource` does not match the key); operations that manage a key (PutKeyPolicy, ScheduleKeyDeletion,
                ...) never work from another account.

                ## How it is graded

                `kmslab lab check 3` builds accounts A, B and a stranger C (`777788889999`) in a fresh lab, puts your
                three files in place, and:

                - has B's Analyst read `%s` through S3;
                - removes each of your files in turn (the statement from the key policy, the bucket policy, the IAM
                  policy) and shows that the Analyst is then refused;
                - probes: another role of B that lacks your IAM policy, B's administrator (an IAM policy allowing
                  `kms:*` and `s3:*`), account C, writes and deletes from B, other uses of A's key from B, and a key
                  and a bucket of account C that trust account B (your IAM policy should not reach them).

                Each failed requirement names the request, the error S3 or KMS answered and the statement that
                decided.
                """.formatted(BUCKET, keyArn(), BUCKET, KEY_FILE, BUCKET_FILE, BUCKET, IAM_FILE, OBJECT);
    }

    @Override
    public Map<String, String> startingFiles() {
        return Map.of(KEY_FILE, "[]\n",
                BUCKET_FILE, """
                        {
                          "Version": "2012-10-17",
                          "Statement": [
                            {
                              "Sid": "DenyInsecureTransport",
                              "Effect": "Deny",
                              "Principal": "*",
                              "Action": "s3:*",
                              "Resource": ["arn:aws:s3:::%s", "arn:aws:s3:::%s/*"],
                              "Condition": {"Bool": {"aws:SecureTransport": "false"}}
                            }
                          ]
                        }
                        """.formatted(BUCKET, BUCKET),
                IAM_FILE, """
                        {
                          "Version": "2012-10-17",
                          "Statement": [
                            {
                              "Sid": "SeeTheBuckets",
                              "Effect": "Allow",
                              "Action": "s3:ListAllMyBuckets",
                              "Resource": "*"
                            }
                          ]
                        }
                        """);
    }

    @Override
    public List<String> hints() {
        return List.of(
                "Across accounts every resource needs two yeses: the owner's resource policy (the key policy, the "
                        + "bucket policy) and an IAM policy in the caller's account. That is four permissions for "
                        + "one GetObject.",
                "The Analyst needs s3:GetObject on arn:aws:s3:::" + BUCKET + "/* (bucket policy and IAM policy) and "
                        + "kms:Decrypt on the key (A's key policy and the IAM policy). Name the role "
                        + "arn:aws:iam::444455556666:role/Analyst as Principal, or B's account if B's own IAM "
                        + "should decide.",
                "In the IAM policy, name the key by its ARN " + keyArn() + " (not the alias). To tie the Decrypt to "
                        + "S3, add the condition \"StringEquals\": {\"kms:ViaService\": "
                        + "\"s3.eu-west-2.amazonaws.com\"}.");
    }

    // ------------------------------------------------------------------------------------------ checking

    @Override
    public Verdict check(LabAnswer answer) {
        List<Requirement> requirements = new ArrayList<>();
        Parts parts = Parts.read(answer);
        if (!parts.problems().isEmpty()) {
            for (String name : ACCEPTED) {
                String problem = parts.problems().get(name);
                requirements.add(Requirement.notMet(name, problem != null ? problem
                        : "not checked: every file must be readable first"));
            }
            BEHAVIOUR.forEach(r -> requirements.add(Requirement.notMet(r, "not checked: a file could not be read")));
            return verdict(requirements);
        }
        World world;
        try {
            world = World.build(parts, true, true, true);
        } catch (Refused refused) {
            int failed = ACCEPTED.indexOf(refused.requirement);
            for (int i = 0; i < ACCEPTED.size(); i++) {
                requirements.add(i < failed ? Requirement.met(ACCEPTED.get(i), "accepted")
                        : i == failed ? Requirement.notMet(ACCEPTED.get(i), refused.getMessage())
                        : Requirement.notMet(ACCEPTED.get(i), "not checked: an earlier file was refused"));
            }
            BEHAVIOUR.forEach(r -> requirements.add(Requirement.notMet(r, "not checked: a file was refused")));
            return verdict(requirements);
        }
        requirements.add(Requirement.met(ACCEPTED_KEY, "CreateKey accepted it"));
        requirements.add(Requirement.met(ACCEPTED_BUCKET, "PutBucketPolicy accepted it"));
        requirements.add(Requirement.met(ACCEPTED_IAM, "PutRolePolicy accepted it"));
        requirements.add(reads(world));
        requirements.add(eachPartNeeded(parts));
        requirements.add(nobodyElse(world));
        requirements.add(readOnly(world));
        requirements.add(new PolicyOracle(world.lab(), REGION, world.keyArn()).requirement(KEY_LEAST, List.of(
                Row.probe("B's administrator makes data keys with A's key through S3 (writing)", world.readerAdmin(),
                        "kms:GenerateDataKey").through("s3"),
                Row.probe("B's administrator encrypts with A's key", world.readerAdmin(), "kms:Encrypt"),
                Row.probe("B's administrator creates a grant on A's key", world.readerAdmin(), "kms:CreateGrant"),
                Row.probe("the Analyst makes data keys with A's key through S3", world.analyst(),
                        "kms:GenerateDataKey").through("s3"),
                Row.probe("the Analyst creates a grant on A's key", world.analyst(), "kms:CreateGrant"))));
        requirements.add(iamScoped(world));
        return verdict(requirements);
    }

    private static Requirement reads(World world) {
        try {
            byte[] body = world.s3(world.analyst()).getObject(GetObjectRequest.of(BUCKET, OBJECT)).body();
            return Arrays.equals(body, REPORT) ? Requirement.met(READS, "GetObject returned the report")
                    : Requirement.notMet(READS, "GetObject returned other bytes than the report");
        } catch (AwsServiceException e) {
            return Requirement.notMet(READS, "GetObject by " + world.analyst().arn() + " failed: "
                    + DecisionWording.of(e));
        }
    }

    private static Requirement eachPartNeeded(Parts parts) {
        List<String> wrong = new ArrayList<>();
        List<String> seen = new ArrayList<>();
        String[][] variants = {{"without your key policy statement", "key"},
            {"without the bucket policy", "bucket"}, {"without the Analyst's IAM policy", "iam"}};
        for (String[] variant : variants) {
            World world;
            try {
                world = World.build(parts, !variant[1].equals("key"), !variant[1].equals("bucket"),
                        !variant[1].equals("iam"));
            } catch (Refused refused) {
                wrong.add(variant[0] + ": the lab could not be built: " + refused.getMessage());
                continue;
            }
            try {
                world.s3(world.analyst()).getObject(GetObjectRequest.of(BUCKET, OBJECT));
                wrong.add(variant[0] + ", the Analyst still reads the report: your answer relies on something "
                        + "else than its three parts");
            } catch (AwsServiceException e) {
                seen.add(variant[0] + ": " + DecisionWording.of(e));
            }
        }
        return wrong.isEmpty() ? Requirement.met(BOTH_SIDES, String.join("\n", seen))
                : Requirement.notMet(BOTH_SIDES, String.join("\n", wrong));
    }

    private static Requirement nobodyElse(World world) {
        List<String> wrong = new ArrayList<>();
        refused(wrong, "probe 'another role of B without your IAM policy (Intern) reads the report'",
                () -> world.s3(world.intern()).getObject(GetObjectRequest.of(BUCKET, OBJECT)));
        try {
            world.s3(world.stranger()).getObject(GetObjectRequest.of(BUCKET, OBJECT));
            wrong.add("probe 'account C's administrator reads the report': it READ the report");
        } catch (AwsServiceException e) {
            if (e.kmsError().isPresent()) {
                wrong.add("probe 'account C's administrator reads the report': S3 let the request through, so the "
                        + "bucket policy lets account C in; only KMS refused it:\n    " + DecisionWording.of(e));
            }
        }
        Requirement direct = new PolicyOracle(world.lab(), REGION, world.keyArn()).requirement(NOBODY_ELSE, List.of(
                Row.probe("account C's administrator decrypts with A's key through S3", world.stranger(),
                        "kms:Decrypt").through("s3"),
                Row.probe("account C's administrator decrypts with A's key", world.stranger(), "kms:Decrypt"),
                Row.probe("another role of B without your IAM policy (Intern) decrypts through S3", world.intern(),
                        "kms:Decrypt").through("s3")));
        if (!direct.met()) {
            wrong.add(direct.explanation());
        }
        try {
            world.lab().kms(world.analyst(), REGION).describeKey(DescribeKeyRequest.of("alias/reports"));
            wrong.add("probe 'the Analyst names A's key by its alias name alias/reports': KMS found a key");
        } catch (KmsException e) {
            if (!e.errorCode().equals("NotFoundException")) {
                wrong.add("probe 'the Analyst names A's key by its alias name alias/reports': " + DecisionWording.of(e)
                        + " (expected NotFoundException: the alias is looked up in account B)");
            }
        }
        return wrong.isEmpty() ? Requirement.met(NOBODY_ELSE, "every probe was refused")
                : Requirement.notMet(NOBODY_ELSE, String.join("\n", wrong));
    }

    private static Requirement readOnly(World world) {
        List<String> wrong = new ArrayList<>();
        for (Caller who : List.of(world.analyst(), world.readerAdmin())) {
            String name = who == world.analyst() ? "the Analyst" : "B's administrator";
            refused(wrong, "probe '" + name + " writes an object'", () -> world.s3(who)
                    .putObject(PutObjectRequest.of(BUCKET, "2026/01/from-b.csv", REPORT)));
            refused(wrong, "probe '" + name + " deletes the report'", () -> world.s3(who)
                    .deleteObject(DeleteObjectRequest.of(BUCKET, OBJECT)));
        }
        return wrong.isEmpty() ? Requirement.met(READ_ONLY, "every write and delete was refused")
                : Requirement.notMet(READ_ONLY, String.join("\n", wrong));
    }

    private static Requirement iamScoped(World world) {
        List<String> wrong = new ArrayList<>();
        Requirement key = new PolicyOracle(world.lab(), REGION, world.partnerKeyArn()).requirement(IAM_LEAST, List.of(
                Row.probe("the Analyst decrypts through S3 with a key of account C whose key policy trusts account "
                        + "B", world.analyst(), "kms:Decrypt").through("s3")));
        if (!key.met()) {
            wrong.add(key.explanation());
        }
        refused(wrong, "probe 'the Analyst reads from a bucket of account C whose bucket policy trusts account B'",
                () -> world.s3(world.analyst()).getObject(GetObjectRequest.of(PARTNER_BUCKET, OBJECT)));
        return wrong.isEmpty() ? Requirement.met(IAM_LEAST, "both probes were refused")
                : Requirement.notMet(IAM_LEAST, String.join("\n", wrong));
    }

    /** Runs a request that must fail; notes it if it succeeds. */
    private static void refused(List<String> wrong, String probe, Runnable request) {
        try {
            request.run();
            wrong.add(probe + ": it SUCCEEDED, and should have been refused");
        } catch (AwsServiceException e) {
            // refused, as it should be
        }
    }

    // ------------------------------------------------------------------------------------------ the answer's parts

    /** The three files, read: A's full key policy, the bucket policy and the IAM policy, or what is wrong with each. */
    private record Parts(String keyPolicy, String baseKeyPolicy, String bucketPolicy, String iamPolicy,
            Map<String, String> problems) {

        static Parts read(LabAnswer answer) {
            Map<String, String> problems = new LinkedHashMap<>();
            LabAnswer.Parsed statements = answer.json(KEY_FILE);
            String keyPolicy = null;
            if (!statements.ok()) {
                problems.put(ACCEPTED_KEY, statements.problem());
            } else if (!statements.json().isObject() && !statements.json().isArray()) {
                problems.put(ACCEPTED_KEY, KEY_FILE + " must be one statement (a JSON object) or an array of "
                        + "statements");
            } else {
                keyPolicy = keyPolicy(statements.json());
            }
            LabAnswer.Parsed bucket = answer.json(BUCKET_FILE);
            if (!bucket.ok()) {
                problems.put(ACCEPTED_BUCKET, bucket.problem());
            }
            LabAnswer.Parsed iam = answer.json(IAM_FILE);
            if (!iam.ok()) {
                problems.put(ACCEPTED_IAM, iam.problem());
            }
            return new Parts(keyPolicy, keyPolicy(Json.TREES.createArrayNode()), answer.text(BUCKET_FILE).orElse(null),
                    answer.text(IAM_FILE).orElse(null), Map.copyOf(problems));
        }

        /** A's key policy: the account's own statement, then the learner's. */
        private static String keyPolicy(JsonNode learners) {
            ObjectNode policy = Json.TREES.createObjectNode();
            policy.put("Version", "2012-10-17");
            policy.put("Id", "reports-key");
            ArrayNode statements = policy.putArray("Statement");
            ObjectNode own = statements.addObject();
            own.put("Sid", "Enable IAM User Permissions");
            own.put("Effect", "Allow");
            own.putObject("Principal").put("AWS", "arn:aws:iam::" + OWNER + ":root");
            own.put("Action", "kms:*");
            own.put("Resource", "*");
            if (learners.isArray()) {
                learners.forEach(statements::add);
            } else {
                statements.add(learners);
            }
            return policy.toPrettyString();
        }
    }

    /** One of the learner's files was refused where it is put in place. */
    private static final class Refused extends Exception {
        private final String requirement;

        Refused(String requirement, String message) {
            super(message, null, false, false);
            this.requirement = requirement;
        }
    }

    /**
     * Accounts A, B and C in a fresh lab with the answer in place (or some of it, to show each part is needed): A's
     * key and its alias, A's bucket with the report, C's key and bucket that trust account B, and the callers.
     */
    private record World(KmsLab lab, String keyArn, String partnerKeyArn, Caller analyst, Caller intern,
            Caller readerAdmin, Caller stranger) {

        S3 s3(Caller caller) {
            return AwsCloud.of(lab).s3(caller);
        }

        static World build(Parts parts, boolean keyStatement, boolean bucketPolicy, boolean iamPolicy)
                throws Refused {
            KmsLab lab = newLab();
            Iam reader = lab.iam(READER);
            reader.createRole("Analyst");
            reader.createRole("Intern");
            reader.createRole("Admin");
            reader.putRolePolicy("Admin", "administrator", ADMINISTRATOR);
            Iam stranger = lab.iam(STRANGER);
            stranger.createRole("Admin");
            stranger.putRolePolicy("Admin", "administrator", ADMINISTRATOR);
            Caller owner = Caller.root(OWNER);
            String keyArn;
            try {
                keyArn = lab.kms(owner, REGION).createKey(CreateKeyRequest.builder().description("reports")
                        .policy(keyStatement ? parts.keyPolicy() : parts.baseKeyPolicy()).build()).keyMetadata().arn();
            } catch (KmsException e) {
                throw new Refused(ACCEPTED_KEY, "CreateKey refused A's key policy with your statement: "
                        + DecisionWording.of(e));
            }
            if (!keyArn.equals(CrossAccountLab.keyArn())) {
                throw new IllegalStateException("The key of account A is " + keyArn + ", not "
                        + CrossAccountLab.keyArn() + " as the brief says: the lab is no longer built the same way");
            }
            lab.kms(owner, REGION).createAlias(CreateAliasRequest.of("alias/reports", keyArn));
            String partnerKeyArn = lab.kms(Caller.root(STRANGER), REGION).createKey(CreateKeyRequest.builder()
                    .description("partner").policy("""
                            {"Version": "2012-10-17", "Statement": [
                              {"Sid": "Owner", "Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::%s:root"},
                               "Action": "kms:*", "Resource": "*"},
                              {"Sid": "Account B decrypts", "Effect": "Allow",
                               "Principal": {"AWS": "arn:aws:iam::%s:root"}, "Action": "kms:Decrypt", "Resource": "*"}]}
                            """.formatted(STRANGER, READER)).build()).keyMetadata().arn();
            S3 ownerS3 = AwsCloud.of(lab).s3(owner);
            ownerS3.createBucket(CreateBucketRequest.of(BUCKET, REGION));
            ownerS3.putBucketEncryption(PutBucketEncryptionRequest.of(BUCKET,
                    ServerSideEncryptionConfiguration.sseKms(keyArn, false)));
            try {
                ownerS3.putObject(PutObjectRequest.of(BUCKET, OBJECT, REPORT));
            } catch (AwsServiceException e) {
                throw new Refused(ACCEPTED_KEY, "with your statement in A's key policy, account A itself cannot "
                        + "write its report: " + DecisionWording.of(e));
            }
            if (bucketPolicy) {
                try {
                    ownerS3.putBucketPolicy(PutBucketPolicyRequest.of(BUCKET, parts.bucketPolicy()));
                } catch (AwsServiceException e) {
                    throw new Refused(ACCEPTED_BUCKET, "PutBucketPolicy refused it: " + e.errorCode() + ": "
                            + e.getMessage());
                }
            }
            if (iamPolicy) {
                try {
                    reader.putRolePolicy("Analyst", "read-reports", parts.iamPolicy());
                } catch (KmsException | IllegalArgumentException e) {
                    throw new Refused(ACCEPTED_IAM, "PutRolePolicy refused it: " + e.getMessage());
                }
            }
            S3 partnerS3 = AwsCloud.of(lab).s3(Caller.root(STRANGER));
            partnerS3.createBucket(CreateBucketRequest.of(PARTNER_BUCKET, REGION));
            partnerS3.putObject(PutObjectRequest.of(PARTNER_BUCKET, OBJECT, REPORT));
            partnerS3.putBucketPolicy(PutBucketPolicyRequest.of(PARTNER_BUCKET, """
                    {"Version": "2012-10-17", "Statement": [{"Sid": "Account B reads", "Effect": "Allow",
                      "Principal": {"AWS": "arn:aws:iam::%s:root"}, "Action": "s3:GetObject",
                      "Resource": "arn:aws:s3:::%s/*"}]}""".formatted(READER, PARTNER_BUCKET)));
            return new World(lab, keyArn, partnerKeyArn, reader.assumeRole("Analyst", "analyst"),
                    reader.assumeRole("Intern", "intern"), reader.assumeRole("Admin", "admin"),
                    stranger.assumeRole("Admin", "admin"));
        }
    }

    private static KmsLab newLab() {
        return KmsLab.builder().startingAt(START).seed(SEED).build();
    }
}
