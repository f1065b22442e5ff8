package io.kmslab.server.labs;

import io.kmslab.Caller;
import io.kmslab.Kms;
import io.kmslab.KmsLab;
import io.kmslab.api.DecryptRequest;
import io.kmslab.api.DescribeKeyRequest;
import io.kmslab.api.EncryptRequest;
import io.kmslab.api.KeyMetadata;
import io.kmslab.audit.AuditEvent;
import io.kmslab.errors.KmsException;
import io.kmslab.iam.Iam;
import io.kmslab.keys.KeyState;
import io.kmslab.keys.MultiRegionKeyType;
import io.kmslab.labs.ExamTask;
import io.kmslab.labs.PolicyOracle;
import io.kmslab.labs.PolicyOracle.Row;
import io.kmslab.labs.Requirement;
import io.kmslab.policy.PolicyDecision;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Lab 10: multi-Region keys for disaster recovery (skill K8 of EXAM-OBJECTIVES.md). The learner's script creates a
 * multi-Region primary key in the main Region with a key policy of its own writing, replicates it into the recovery
 * Region, and names it {@code alias/orders} in both. Graded by the keys the script leaves, and by what the checker
 * does with them afterwards as the application: data encrypted in one Region decrypted as it is in the other (both
 * ways), and each Region's key policy probed. The trap is what is not replicated: key policy and aliases.
 */
final class MultiRegionDisasterRecoveryLab extends ScriptLab {
    static final String ACCOUNT = "111122223333";
    static final String OTHER_ACCOUNT = "444455556666";
    static final String PRIMARY = "eu-west-2";
    static final String RECOVERY = "eu-west-1";
    static final String ALIAS = "alias/orders";
    static final String POLICY_FILE = "key-policy.json";
    static final Map<String, String> ORDER = Map.of("order", "1001");

    // What a replica does not share with its primary: "All other properties of a replica key can differ, including
    // its key policy, tags, aliases, and key state" (https://docs.aws.amazon.com/cli/latest/reference/kms/
    // replicate-key.html);
    // ReplicateKey's Policy: "If you do not provide a key policy, KMS attaches the default key policy"
    // (https://docs.aws.amazon.com/kms/latest/APIReference/API_ReplicateKey.html).
    private static final String MULTI_REGION = "A multi-Region primary key in eu-west-2, replicated in eu-west-1";
    private static final String ALIASES = "alias/orders names the key in eu-west-1 too";
    private static final String BOTH_WAYS =
            "Orders encrypted in one Region decrypt as they are in the other, as App";
    private static final String POLICIES =
            "In both Regions, App uses the key, KeyAdmin manages it, nobody else gets in (probes)";

    @Override
    public int number() {
        return 10;
    }

    @Override
    public String slug() {
        return "multi-region-keys-for-disaster-recovery";
    }

    @Override
    public String title() {
        return "Multi-Region keys for disaster recovery";
    }

    @Override
    public List<ExamTask> objectives() {
        return List.of(new ExamTask("SCS-C03", "5.3.5", "create and manage keys across Regions (multi-Region keys)"),
                new ExamTask("SAP-C02", "2.2", "business continuity: data replication across Regions"),
                new ExamTask("SOA-C03", "2.3.4", "follow disaster recovery procedures"));
    }

    @Override
    public String brief() {
        return """
                # Lab 10: Multi-Region keys for disaster recovery

                Account `111122223333` runs its orders application in `eu-west-2` (London), as the IAM role
                `arn:aws:iam::111122223333:role/App`, and keeps a standby in `eu-west-1` (Ireland). Orders are
                encrypted with KMS under the name `alias/orders`. When London fails, the standby must decrypt the
                orders replicated from London **as they are**, without re-encrypting them and without calling London;
                and when London is back, what Ireland encrypted meanwhile must decrypt in London.

                Write two files:

                - `key-policy.json`, the key policy: the account keeps control of the key (keep the statement for
                  its root user), `role/KeyAdmin` **manages** the key (including replicating it) but never uses it,
                  `role/App` **uses** it (Encrypt, Decrypt, ReEncrypt, GenerateDataKey, DescribeKey) but never
                  manages it, and nobody else gets in;
                - `run.sh`, a bash script of AWS CLI calls, run as KeyAdmin, that creates the key for the orders in
                  `eu-west-2`, makes it usable in `eu-west-1`, and names it `alias/orders` in **both** Regions.

                `aws` is the AWS CLI v2, already pointed at the lab; the default Region is `eu-west-2`, so pass
                `--region eu-west-1` for Ireland. KeyAdmin's IAM policy lets it create keys and list aliases; what
                it may do with a key is up to that key's policy.

                Think about what a replica shares with its primary (key id, key material, key spec, rotation) and
                what it does not.

                `kmslab lab check 10` runs your script against a fresh lab on a local endpoint (60 s at most), then
                acts as App: encrypts an order under `alias/orders` in London and decrypts it in Ireland, and the
                other way round; and probes each Region's key policy (App managing the key, KeyAdmin decrypting,
                another account decrypting: all must be denied).
                """;
    }

    @Override
    public Map<String, String> startingFiles() {
        return Map.of(SCRIPT, """
                #!/usr/bin/env bash
                # Lab 10: multi-Region keys for disaster recovery. `kmslab lab check 10` runs this script, as KeyAdmin.
                set -euo pipefail

                # 1. The key for the orders in eu-west-2 (London), with the key policy of key-policy.json

                # 2. Usable in eu-west-1 (Ireland): the same key material, for decrypting London's orders as they are

                # 3. alias/orders in both Regions
                """, POLICY_FILE, Kms.defaultKeyPolicy(ACCOUNT) + "\n");
    }

    @Override
    public List<String> hints() {
        return List.of(
                "Only a key created multi-Region can have replicas: aws kms create-key --multi-region; an existing "
                        + "single-Region key cannot become one. aws kms replicate-key --key-id <mrk-...> "
                        + "--replica-region eu-west-1 makes the replica, with the same key id.",
                "A replica shares the key id and key material with its primary, not its key policy and not its "
                        + "aliases: pass --policy file://key-policy.json to replicate-key too (without it the replica "
                        + "gets the default key policy), and create alias/orders again with --region eu-west-1.",
                "KeyAdmin needs kms:ReplicateKey in the key policy (kms:Create* does not cover it), and kms:Put* "
                        + "for the key policy lockout check: the creator must still be allowed to change the policy. "
                        + "App: kms:Encrypt, kms:Decrypt, kms:ReEncrypt*, kms:GenerateDataKey*, kms:DescribeKey.");
    }

    @Override
    protected List<String> requirementNames() {
        return List.of(MULTI_REGION, ALIASES, BOTH_WAYS, POLICIES);
    }

    @Override
    protected ScriptStage stage() {
        KmsLab lab = KmsLab.builder().startingAt(Instant.parse("2026-01-20T09:00:00Z")).seed(10).build();
        Iam iam = lab.iam(ACCOUNT);
        iam.createRole("KeyAdmin");
        iam.putRolePolicy("KeyAdmin", "create-keys", """
                {"Version": "2012-10-17", "Statement": [{"Effect": "Allow",
                  "Action": ["kms:CreateKey", "kms:ListKeys", "kms:ListAliases"], "Resource": "*"}]}""");
        iam.createRole("App");
        iam.createUser("Intern");
        return new ScriptStage(lab, PRIMARY).actingAs(iam.assumeRole("KeyAdmin", "admin"))
                .keep("App", iam.assumeRole("App", "orders")).keep("Intern", iam.user("Intern"));
    }

    @Override
    protected List<Requirement> grade(ScriptStage stage, ScriptRun run, ScriptTrail trail) {
        KmsLab lab = stage.lab();
        Caller root = Caller.root(ACCOUNT);
        Optional<KeyMetadata> primary = describe(lab.kms(root, PRIMARY), ALIAS);
        Optional<KeyMetadata> inRecovery = describe(lab.kms(root, RECOVERY), ALIAS);
        List<Requirement> requirements = new ArrayList<>();

        Optional<KeyMetadata> replica = Optional.empty();
        if (primary.isEmpty()) {
            requirements.add(Requirement.notMet(MULTI_REGION, ALIAS + " does not exist in " + PRIMARY + "\n"
                    + trail.describe(calls(trail, "CreateKey", "ReplicateKey", "CreateAlias"),
                            "run.sh made no CreateKey, ReplicateKey or CreateAlias call")));
        } else if (!primary.get().multiRegion()) {
            requirements.add(Requirement.notMet(MULTI_REGION, ALIAS + " in " + PRIMARY + " names "
                    + primary.get().arn() + ", a single-Region key: only a key created multi-Region "
                    + "(CreateKey with MultiRegion) can be replicated, and an existing key cannot become one"
                    + failures(trail, "ReplicateKey")));
        } else {
            replica = describe(lab.kms(root, RECOVERY), primary.get().keyId());
            if (primary.get().multiRegionConfiguration().multiRegionKeyType() != MultiRegionKeyType.PRIMARY) {
                requirements.add(Requirement.notMet(MULTI_REGION, ALIAS + " in " + PRIMARY + " names a replica, not "
                        + "the primary key"));
            } else if (replica.isEmpty()) {
                requirements.add(Requirement.notMet(MULTI_REGION, primary.get().arn() + " has no replica in "
                        + RECOVERY + failures(trail, "ReplicateKey")));
            } else if (replica.get().keyState() != KeyState.Enabled) {
                requirements.add(Requirement.notMet(MULTI_REGION, "its replica " + replica.get().arn() + " is "
                        + replica.get().keyState()));
            } else {
                requirements.add(Requirement.met(MULTI_REGION, primary.get().arn() + " and its replica "
                        + replica.get().arn()));
            }
        }

        if (inRecovery.isEmpty()) {
            requirements.add(Requirement.notMet(ALIASES, ALIAS + " does not exist in " + RECOVERY + ": aliases are "
                    + "not replicated, each Region's key has its own; the standby's calls to " + ALIAS + " would "
                    + "fail with NotFoundException" + failures(trail, "CreateAlias")));
        } else if (replica.isEmpty() || !inRecovery.get().arn().equals(replica.get().arn())) {
            requirements.add(Requirement.notMet(ALIASES, ALIAS + " in " + RECOVERY + " names "
                    + inRecovery.get().arn() + ", which is not a replica of " + ALIAS + " in " + PRIMARY));
        } else {
            requirements.add(Requirement.met(ALIASES, ALIAS + " -> " + inRecovery.get().arn()));
        }

        Caller app = stage.kept("App", Caller.class);
        List<String> failed = new ArrayList<>();
        failed.addAll(roundTrip(lab, app, PRIMARY, RECOVERY));
        failed.addAll(roundTrip(lab, app, RECOVERY, PRIMARY));
        requirements.add(failed.isEmpty()
                ? Requirement.met(BOTH_WAYS, "London to Ireland and back, the same key id, no re-encryption")
                : Requirement.notMet(BOTH_WAYS, String.join("\n", failed)));

        requirements.add(policies(lab, stage, primary, replica));
        return requirements;
    }

    private static Optional<KeyMetadata> describe(Kms kms, String keyId) {
        try {
            return Optional.of(kms.describeKey(DescribeKeyRequest.of(keyId)).keyMetadata());
        } catch (KmsException e) {
            return Optional.empty();
        }
    }

    private static List<AuditEvent> calls(ScriptTrail trail, String... names) {
        List<String> wanted = Arrays.asList(names);
        return trail.events().stream().filter(e -> wanted.contains(e.eventName())).toList();
    }

    private static String failures(ScriptTrail trail, String eventName) {
        List<AuditEvent> failed = trail.calls(eventName).stream().filter(e -> !ScriptTrail.succeeded(e)).toList();
        return failed.isEmpty() ? "" : "\n" + trail.describe(failed, "");
    }

    /** App encrypts an order under alias/orders in one Region and decrypts it as it is in the other. */
    private static List<String> roundTrip(KmsLab lab, Caller app, String from, String to) {
        byte[] order = ("order 1001 from " + from).getBytes(StandardCharsets.UTF_8);
        byte[] blob;
        try {
            blob = lab.kms(app, from).encrypt(EncryptRequest.of(ALIAS, order, ORDER)).ciphertextBlob();
        } catch (KmsException e) {
            return List.of("App's Encrypt with " + ALIAS + " in " + from + " failed: " + why(lab, e, from));
        }
        try {
            byte[] plaintext = lab.kms(app, to).decrypt(DecryptRequest.of(blob, ORDER)).plaintext();
            return Arrays.equals(plaintext, order) ? List.of()
                    : List.of("App's Decrypt in " + to + " of an order encrypted in " + from + " gave other bytes");
        } catch (KmsException e) {
            return List.of("App's Decrypt in " + to + " of an order encrypted in " + from + " with " + ALIAS
                    + " failed: " + why(lab, e, to));
        }
    }

    private static String why(KmsLab lab, KmsException e, String region) {
        String why = e.errorCode() + ": " + e.getMessage();
        if ("AccessDeniedException".equals(e.errorCode()) && e.getMessage().startsWith("The ciphertext refers to")) {
            why += "\n  (the ciphertext names a key of the other Region: only a replica of a multi-Region key, which "
                    + "shares its key id and key material, decrypts it here)";
        } else if ("AccessDeniedException".equals(e.errorCode())) {
            // a denial by the policies: the decision of this very call is the lab's last one
            Optional<PolicyDecision> decision = lab.lastDecision();
            if (decision.isPresent() && decision.get().deciding() != null) {
                why += "\n  " + decision.get().rule().meaning() + "; deciding statement "
                        + decision.get().deciding().statement().label() + " in the "
                        + decision.get().deciding().source();
            }
            if (region.equals(RECOVERY)) {
                why += "\n  (a replica's key policy is its own: ReplicateKey without a policy gives the replica the "
                        + "default key policy)";
            }
        }
        return why;
    }

    /** Each Region's key policy, probed by KMS's own decisions. */
    private static Requirement policies(KmsLab lab, ScriptStage stage, Optional<KeyMetadata> primary,
            Optional<KeyMetadata> replica) {
        if (primary.isEmpty()) {
            return Requirement.notMet(POLICIES, "not checked: there is no key named " + ALIAS + " in " + PRIMARY);
        }
        List<String> wrong = new ArrayList<>();
        wrong.addAll(probe(lab, stage, PRIMARY, primary.get().arn(), true));
        if (replica.isPresent()) {
            wrong.addAll(probe(lab, stage, RECOVERY, replica.get().arn(), false));
        } else {
            wrong.add("no replica in " + RECOVERY + " to probe");
        }
        return wrong.isEmpty() ? Requirement.met(POLICIES, "every request decided as required, in both Regions")
                : Requirement.notMet(POLICIES, String.join("\n", wrong));
    }

    private static List<String> probe(KmsLab lab, ScriptStage stage, String region, String keyArn,
            boolean isPrimary) {
        Caller app = stage.kept("App", Caller.class);
        Caller admin = stage.caller(ScriptStage.DEFAULT);
        Caller intern = stage.kept("Intern", Caller.class);
        Caller other = Caller.root(OTHER_ACCOUNT);
        String in = " (" + region + ")";
        List<Row> rows = new ArrayList<>(List.of(
                Row.allow("App encrypts" + in, app, "kms:Encrypt"),
                Row.allow("App decrypts" + in, app, "kms:Decrypt"),
                Row.allow("App generates a data key" + in, app, "kms:GenerateDataKey"),
                Row.allow("App describes the key" + in, app, "kms:DescribeKey"),
                Row.deny("App changes the key policy" + in, app, "kms:PutKeyPolicy"),
                Row.deny("App schedules the key's deletion" + in, app, "kms:ScheduleKeyDeletion"),
                Row.deny("App disables the key" + in, app, "kms:DisableKey"),
                Row.allow("KeyAdmin changes the key policy" + in, admin, "kms:PutKeyPolicy"),
                Row.allow("KeyAdmin disables the key" + in, admin, "kms:DisableKey"),
                Row.allow("KeyAdmin schedules the key's deletion" + in, admin, "kms:ScheduleKeyDeletion"),
                Row.deny("KeyAdmin decrypts" + in, admin, "kms:Decrypt"),
                Row.deny("KeyAdmin encrypts" + in, admin, "kms:Encrypt"),
                Row.probe("another account decrypts" + in, other, "kms:Decrypt"),
                Row.probe("an intern without IAM policy decrypts" + in, intern, "kms:Decrypt")));
        if (isPrimary) {
            rows.add(Row.allow("KeyAdmin replicates the key" + in, admin, "kms:ReplicateKey"));
            rows.add(Row.deny("App replicates the key" + in, app, "kms:ReplicateKey"));
        }
        Requirement r = new PolicyOracle(lab, region, keyArn).requirement(POLICIES, rows);
        return r.met() ? List.of() : r.explanation().lines().toList();
    }
}
