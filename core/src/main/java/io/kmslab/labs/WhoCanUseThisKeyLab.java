package io.kmslab.labs;

import io.kmslab.Caller;
import io.kmslab.Kms;
import io.kmslab.KmsLab;
import io.kmslab.api.CreateKeyRequest;
import io.kmslab.errors.KmsException;
import io.kmslab.iam.Iam;
import io.kmslab.labs.PolicyOracle.Row;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Lab 1: a key policy that separates the key's administrators from its users. Graded by asking KMS, for each role
 * and action, whether the learner's policy allows it, and by probes that catch a policy letting in more than it
 * should.
 */
final class WhoCanUseThisKeyLab extends StudyLab {
    static final String ACCOUNT = "111122223333";
    static final String OTHER_ACCOUNT = "444455556666";
    static final String REGION = "eu-west-2";
    static final String FILE = "key-policy.json";

    @Override
    public int number() {
        return 1;
    }

    @Override
    public String slug() {
        return "who-can-use-this-key";
    }

    @Override
    public String title() {
        return "Who can use this key: administrators versus users";
    }

    @Override
    public List<ExamTask> objectives() {
        return List.of(new ExamTask("SCS-C03", "4.2.3", "least-privilege policies"),
                new ExamTask("SAA-C03", "1.3", "access policies for encryption keys"),
                new ExamTask("SOA-C03", "4.1.1", "resource policies and policy conditions"));
    }

    @Override
    public String answerKind() {
        return "a key policy (JSON)";
    }

    @Override
    public String brief() {
        return """
                # Lab 1: Who can use this key

                Account `111122223333` is creating a KMS key for its payments application in `eu-west-2`. Two IAM
                roles exist, and neither has any IAM policy:

                - `arn:aws:iam::111122223333:role/KeyAdmin`: the security team, who **manage** the key (change its
                  policy, disable and enable it, tag it, schedule and cancel its deletion, turn rotation on) but must
                  **never use it** to encrypt or decrypt;
                - `arn:aws:iam::111122223333:role/App`: the application, which **uses** the key (Encrypt, Decrypt,
                  ReEncrypt, GenerateDataKey, DescribeKey) but must **never manage** it.

                Write the key policy in `key-policy.json`. Keep the account in control of its key (the account's root
                user must still be able to manage it), and let nobody else in: no other account, no other principal
                of this account that has no IAM policy.

                `kmslab lab check 1` creates the key with your policy in a fresh lab and asks KMS, for each role and
                action, whether it is allowed; it also probes your policy with requests it must refuse. Each failed
                requirement names the request and the statement of your policy that decided it.
                """;
    }

    @Override
    public Map<String, String> startingFiles() {
        return Map.of(FILE, Kms.defaultKeyPolicy(ACCOUNT) + "\n");
    }

    @Override
    public List<String> hints() {
        return List.of(
                "A key policy is a list of statements; give each role a statement of its own, with the role's ARN as "
                        + "Principal.",
                "The administrators need management actions (kms:Create*, kms:Describe*, kms:Enable*, kms:List*, "
                        + "kms:Put*, kms:Update*, kms:Revoke*, kms:Disable*, kms:Get*, kms:Delete*, kms:TagResource, "
                        + "kms:UntagResource, kms:ScheduleKeyDeletion, kms:CancelKeyDeletion). Is kms:* one of them?",
                "The application needs kms:Encrypt, kms:Decrypt, kms:ReEncrypt*, kms:GenerateDataKey* and "
                        + "kms:DescribeKey; keep the statement that gives the account root kms:* (it is what lets "
                        + "the account keep control, and lets IAM policies work).");
    }

    @Override
    public Verdict check(LabAnswer answer) {
        List<Requirement> requirements = new ArrayList<>();
        LabAnswer.Parsed parsed = answer.json(FILE);
        String accepted = "KMS accepts key-policy.json as the key's policy";
        List<String> rest = List.of("App can use the key", "App cannot manage the key", "KeyAdmin can manage the key",
                "KeyAdmin cannot use the key", "The account's root user keeps control of the key",
                "Nobody else gets in (probes)");
        if (!parsed.ok()) {
            requirements.add(Requirement.notMet(accepted, parsed.problem()));
            rest.forEach(r -> requirements.add(Requirement.notMet(r, "not checked: the policy could not be read")));
            return verdict(requirements);
        }
        KmsLab lab = KmsLab.builder().startingAt(Instant.parse("2026-01-20T09:00:00Z")).seed(1).build();
        Iam iam = lab.iam(ACCOUNT);
        iam.createRole("KeyAdmin");
        iam.createRole("App");
        iam.createUser("Intern");
        Caller root = Caller.root(ACCOUNT);
        String keyArn;
        try {
            keyArn = lab.kms(root, REGION).createKey(CreateKeyRequest.builder().description("payments")
                    .policy(answer.text(FILE).orElseThrow()).build()).keyMetadata().arn();
        } catch (KmsException e) {
            String why = e.getMessage().contains("will not allow you to update the key policy")
                    ? "\n(the policy lockout safety check: the principal that creates the key, here the account's "
                            + "root user, must still be allowed kms:PutKeyPolicy by the new policy)" : "";
            requirements.add(Requirement.notMet(accepted, "CreateKey refused the policy: " + e.errorCode() + ": "
                    + e.getMessage() + why));
            rest.forEach(r -> requirements.add(Requirement.notMet(r, "not checked: KMS refused the policy")));
            return verdict(requirements);
        }
        requirements.add(Requirement.met(accepted, "CreateKey accepted it"));
        Caller admin = iam.assumeRole("KeyAdmin", "security-team");
        Caller app = iam.assumeRole("App", "payments");
        Caller intern = iam.user("Intern");
        Caller otherAccount = Caller.root(OTHER_ACCOUNT);
        PolicyOracle oracle = new PolicyOracle(lab, REGION, keyArn);
        List<String> use = List.of("kms:Encrypt", "kms:Decrypt", "kms:GenerateDataKey",
                "kms:GenerateDataKeyWithoutPlaintext", "kms:ReEncryptFrom", "kms:ReEncryptTo", "kms:DescribeKey");
        List<String> manage = List.of("kms:PutKeyPolicy", "kms:DisableKey", "kms:EnableKey", "kms:TagResource",
                "kms:UntagResource", "kms:ScheduleKeyDeletion", "kms:CancelKeyDeletion", "kms:EnableKeyRotation",
                "kms:UpdateKeyDescription", "kms:GetKeyPolicy", "kms:DescribeKey");
        List<String> neverForApp = List.of("kms:PutKeyPolicy", "kms:DisableKey", "kms:ScheduleKeyDeletion",
                "kms:UpdateKeyDescription", "kms:TagResource");
        List<String> neverForAdmin = List.of("kms:Encrypt", "kms:Decrypt", "kms:GenerateDataKey",
                "kms:ReEncryptFrom");
        requirements.add(oracle.requirement(rest.get(0),
                use.stream().map(a -> Row.allow("App " + a, app, a)).toList()));
        requirements.add(oracle.requirement(rest.get(1),
                neverForApp.stream().map(a -> Row.deny("App " + a, app, a)).toList()));
        requirements.add(oracle.requirement(rest.get(2),
                manage.stream().map(a -> Row.allow("KeyAdmin " + a, admin, a)).toList()));
        requirements.add(oracle.requirement(rest.get(3),
                neverForAdmin.stream().map(a -> Row.deny("KeyAdmin " + a, admin, a)).toList()));
        requirements.add(oracle.requirement(rest.get(4), List.of(Row.allow("root kms:PutKeyPolicy", root,
                "kms:PutKeyPolicy"), Row.allow("root kms:ScheduleKeyDeletion", root, "kms:ScheduleKeyDeletion"))));
        requirements.add(oracle.requirement(rest.get(5), List.of(
                Row.probe("another account decrypts", otherAccount, "kms:Decrypt"),
                Row.probe("another account describes the key", otherAccount, "kms:DescribeKey"),
                Row.probe("an intern without IAM policy decrypts", intern, "kms:Decrypt"),
                Row.probe("an intern without IAM policy changes the policy", intern, "kms:PutKeyPolicy"))));
        return verdict(requirements);
    }
}
