package io.kmslab.server;

import static io.kmslab.server.Tour.fails;
import static io.kmslab.server.Tour.holds;
import static io.kmslab.server.Tour.succeeds;

import io.kmslab.Caller;
import io.kmslab.Kms;
import io.kmslab.KmsLab;
import io.kmslab.api.CreateKeyRequest;
import io.kmslab.api.DescribeKeyRequest;
import io.kmslab.api.DisableKeyRequest;
import io.kmslab.api.EnableKeyRequest;
import io.kmslab.api.EncryptRequest;
import io.kmslab.api.EncryptResponse;
import io.kmslab.api.GetKeyPolicyRequest;
import io.kmslab.api.KeyMetadata;
import io.kmslab.api.ScheduleKeyDeletionRequest;
import io.kmslab.errors.AccessDeniedException;
import io.kmslab.errors.KmsException;
import io.kmslab.iam.Iam;
import io.kmslab.keys.KeyState;
import io.kmslab.policy.AccessDeniedMessage;
import io.kmslab.policy.KeyPolicies;
import io.kmslab.policy.PolicyDecision;
import io.kmslab.policy.PolicyDecision.Rule;
import io.kmslab.policy.PolicyDocument;
import io.kmslab.policy.PolicyKind;
import io.kmslab.policy.Statement;
import io.kmslab.policy.StatementEvaluation;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The tour's second part, "Who can use this key?": the default key policy hands the decision to IAM, an IAM policy
 * then allows, a console-style key policy separates key administrators from key users, and a "what if" question is
 * answered without making the call. Each call's authorization decision is checked: allowed or denied, the rule, the
 * deciding statement and, for a denial, the exact AccessDeniedException message.
 */
final class AccessChapter {
    static final int STEPS = 5;
    static final String DESCRIPTION = "KMS Lab access key";
    static final String CONSOLE_DESCRIPTION = "KMS Lab console-style key";
    static final String POLICY_FILE = "console-key-policy.json";
    static final String USER = "alice";
    static final String ADMINISTRATOR = "key-admin";
    static final String KEY_USER = "key-user";
    static final String IAM_POLICY_NAME = "AllowEncrypt";
    static final String IAM_SID = "AllowEncryptWithTheAccessKey";
    static final String ACCOUNT_SID = "Enable IAM User Permissions";
    static final String ADMINISTRATORS_SID = "Allow access for Key Administrators";
    static final String USERS_SID = "Allow use of the key";

    /**
     * The rules of KMS authorization, in the order they are applied (AWS KMS Developer Guide, "Determining access to
     * AWS KMS keys", https://docs.aws.amazon.com/kms/latest/developerguide/determining-access.html).
     */
    static final List<String> RULES = List.of(
            "An explicit Deny, in the key policy or in an IAM policy of the caller, wins over every Allow.",
            "Else a key policy statement that names the caller allows; no IAM policy needed (" + ADMINISTRATOR
                    + ", " + KEY_USER + ").",
            "Else a key policy statement for the account (\"" + ACCOUNT_SID + "\") delegates: an IAM policy "
                    + "must allow (" + USER + ").",
            "Else a grant may allow; if none does, the request is denied (implicit deny), as " + USER
                    + " was at first.");

    private final Narrator n;
    private final KmsLab lab;
    private final String region;
    private final Path dir;
    private final String r;

    AccessChapter(Narrator narrator, KmsLab lab, String region, Path dir) {
        this.n = narrator;
        this.lab = lab;
        this.region = region;
        this.dir = dir;
        this.r = " --region " + region;
    }

    void tell() {
        Kms root = lab.kms(region);
        Iam iam = lab.iam();

        // 1 -- an IAM user with no IAM policy ---------------------------------------------------------------
        n.step("A new IAM user is denied",
                "No one may use a KMS key unless its key policy (or a grant) allows it. CreateKey without a Policy",
                "writes the default key policy: one statement, \"" + ACCOUNT_SID + "\", that allows the",
                "account. It does not let everyone in: it hands the decision to the account's IAM policies.");
        n.call("aws kms create-key --description \"" + DESCRIPTION + "\"" + r);
        KeyMetadata key = succeeds("CreateKey", () -> root.createKey(
                CreateKeyRequest.builder().description(DESCRIPTION).build()).keyMetadata());
        n.field("KeyId", key.keyId());
        n.field("Arn", key.arn());
        n.call("aws kms get-key-policy --key-id " + key.keyId() + " --policy-name default --output text" + r);
        String defaultPolicy = succeeds("GetKeyPolicy",
                () -> root.getKeyPolicy(GetKeyPolicyRequest.of(key.keyId())).policy());
        n.text(defaultPolicy);
        holds(defaultPolicy.equals(KeyPolicies.sdkDefault(lab.defaultAccount())),
                "the key policy of CreateKey without a Policy is " + defaultPolicy + ", not the default key policy");
        n.call("aws iam create-user --user-name " + USER);
        Caller alice = iam.createUser(USER);
        n.field("UserName", USER);
        n.field("Arn", alice.arn());
        byte[] plaintext = Tour.plaintext(n, dir);
        n.aside("--profile " + USER + ": the AWS CLI signs the request with " + USER + "'s access keys");
        n.call(encryptCommand(key.keyId(), USER));
        Kms asAlice = lab.kms(alice, region);
        String denial = accessDenied(alice, "kms:Encrypt", key.arn(), Rule.NO_IAM_POLICY_ALLOWS);
        KmsException denied = fails("Encrypt", AccessDeniedException.class, denial,
                () -> asAlice.encrypt(EncryptRequest.of(key.keyId(), plaintext)));
        n.error(denied.errorCode(), "Encrypt", denied.getMessage());
        PolicyDecision first = expect(lab.lastDecision().orElse(null), "kms:Encrypt", Rule.NO_IAM_POLICY_ALLOWS,
                ACCOUNT_SID);
        holds(denial.equals(first.accessDeniedMessage()), "the decision's AccessDeniedException message is \""
                + first.accessDeniedMessage() + "\", not the one Encrypt failed with");
        trace(first);

        // 2 -- an IAM policy allows ---------------------------------------------------------------------------
        String iamPolicy = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"" + IAM_SID + "\",\"Effect\":"
                + "\"Allow\",\"Action\":\"kms:Encrypt\",\"Resource\":\"" + key.arn() + "\"}]}";
        n.step("An IAM policy lets " + USER + " encrypt",
                "put-user-policy attaches an identity-based policy to " + USER + ": no Principal (it applies to "
                        + USER + "), the key in",
                "its Resource. The key policy still decides first; its account statement delegates to IAM, and",
                "now IAM allows. Both statements are needed: the trace names them.");
        n.call("aws iam put-user-policy --user-name " + USER + " --policy-name " + IAM_POLICY_NAME
                + " --policy-document '" + iamPolicy + "'");
        iam.putUserPolicy(USER, IAM_POLICY_NAME, iamPolicy);
        n.note("no output");
        n.call(encryptCommand(key.keyId(), USER));
        EncryptResponse encrypted = succeeds("Encrypt", () -> asAlice.encrypt(EncryptRequest.of(key.keyId(),
                plaintext)));
        n.field("KeyId", encrypted.keyId());
        n.field("CiphertextBlob", encrypted.ciphertextBlob().length + " bytes");
        PolicyDecision second = expect(lab.lastDecision().orElse(null), "kms:Encrypt",
                Rule.KEY_POLICY_AND_IAM_POLICY_ALLOW, IAM_SID);
        holds(second.statements().stream().anyMatch(e -> e.source().kind() == PolicyKind.KEY_POLICY
                        && ACCOUNT_SID.equals(e.statement().sid()) && e.applies()
                        && e.principal() == StatementEvaluation.PrincipalMatch.ACCOUNT),
                "the key policy statement \"" + ACCOUNT_SID + "\" did not apply to the account in the decision");
        holds(second.statements().stream().anyMatch(e -> e.source().kind() == PolicyKind.IDENTITY_POLICY
                        && IAM_SID.equals(e.statement().sid()) && e.applies()),
                "the IAM statement \"" + IAM_SID + "\" did not apply in the decision");
        trace(second);

        // 3 -- console-style key policy: administrators --------------------------------------------------------
        n.step("A console key policy: key administrators manage, but do not use",
                "The AWS console writes a longer key policy. Key administrators get the management actions",
                "(Enable*, Disable*, Put*, ScheduleKeyDeletion, ...) and no cryptographic one; key users get Encrypt,",
                "Decrypt, ReEncrypt*, GenerateDataKey* and DescribeKey. Both are named in the key policy itself, so",
                "they need no IAM policy for what it gives them.");
        n.call("aws iam create-user --user-name " + ADMINISTRATOR);
        Caller administrator = iam.createUser(ADMINISTRATOR);
        n.field("Arn", administrator.arn());
        n.call("aws iam create-user --user-name " + KEY_USER);
        Caller keyUser = iam.createUser(KEY_USER);
        n.field("Arn", keyUser.arn());
        String consolePolicy = KeyPolicies.consoleDefault(lab.defaultAccount(), List.of(administrator.arn()),
                List.of(keyUser.arn()));
        write(dir.resolve(POLICY_FILE), consolePolicy);
        n.aside(POLICY_FILE + " holds the console's default key policy (KeyPolicies.consoleDefault):");
        for (Statement statement : PolicyDocument.parse(consolePolicy, PolicyKind.KEY_POLICY).statements()) {
            n.aside("  " + statement.effect() + " " + statement.label() + " to " + statement.principal() + ": "
                    + String.join(" ", statement.actions()) + (statement.conditions().isEmpty() ? ""
                            : " if " + statement.conditions().stream().map(Object::toString)
                                    .collect(Collectors.joining(" and "))));
        }
        n.call("aws kms create-key --description \"" + CONSOLE_DESCRIPTION + "\" --policy file://" + POLICY_FILE
                + r);
        KeyMetadata consoleKey = succeeds("CreateKey", () -> root.createKey(CreateKeyRequest.builder()
                .description(CONSOLE_DESCRIPTION).policy(consolePolicy).build()).keyMetadata());
        n.field("KeyId", consoleKey.keyId());
        Kms asAdministrator = lab.kms(administrator, region);
        n.call("aws kms disable-key --key-id " + consoleKey.keyId() + " --profile " + ADMINISTRATOR + r);
        succeeds("DisableKey", () -> {
            asAdministrator.disableKey(DisableKeyRequest.of(consoleKey.keyId()));
            return null;
        });
        verdict(expect(lab.lastDecision().orElse(null), "kms:DisableKey", Rule.KEY_POLICY_ALLOWS,
                ADMINISTRATORS_SID));
        n.call("aws kms enable-key --key-id " + consoleKey.keyId() + " --profile " + ADMINISTRATOR + r);
        succeeds("EnableKey", () -> {
            asAdministrator.enableKey(EnableKeyRequest.of(consoleKey.keyId()));
            return null;
        });
        verdict(expect(lab.lastDecision().orElse(null), "kms:EnableKey", Rule.KEY_POLICY_ALLOWS,
                ADMINISTRATORS_SID));
        n.call(encryptCommand(consoleKey.keyId(), ADMINISTRATOR));
        String administratorDenial = accessDenied(administrator, "kms:Encrypt", consoleKey.arn(),
                Rule.NO_IAM_POLICY_ALLOWS);
        KmsException administratorDenied = fails("Encrypt", AccessDeniedException.class, administratorDenial,
                () -> asAdministrator.encrypt(EncryptRequest.of(consoleKey.keyId(), plaintext)));
        n.error(administratorDenied.errorCode(), "Encrypt", administratorDenied.getMessage());
        trace(expect(lab.lastDecision().orElse(null), "kms:Encrypt", Rule.NO_IAM_POLICY_ALLOWS, ACCOUNT_SID));

        // 4 -- console-style key policy: users -----------------------------------------------------------------
        n.step("Key users use the key, and cannot delete it",
                KEY_USER + " is named in \"" + USERS_SID + "\": the key policy alone allows Encrypt. Deleting the key",
                "is a management action: no key policy statement gives it to " + KEY_USER + ", and no IAM policy "
                        + "does either.");
        Kms asKeyUser = lab.kms(keyUser, region);
        n.call(encryptCommand(consoleKey.keyId(), KEY_USER));
        EncryptResponse used = succeeds("Encrypt", () -> asKeyUser.encrypt(EncryptRequest.of(consoleKey.keyId(),
                plaintext)));
        n.field("KeyId", used.keyId());
        n.field("CiphertextBlob", used.ciphertextBlob().length + " bytes");
        verdict(expect(lab.lastDecision().orElse(null), "kms:Encrypt", Rule.KEY_POLICY_ALLOWS, USERS_SID));
        n.call("aws kms schedule-key-deletion --key-id " + consoleKey.keyId() + " --pending-window-in-days "
                + Tour.PENDING_WINDOW_IN_DAYS + " --profile " + KEY_USER + r);
        String keyUserDenial = accessDenied(keyUser, "kms:ScheduleKeyDeletion", consoleKey.arn(),
                Rule.NO_IAM_POLICY_ALLOWS);
        KmsException keyUserDenied = fails("ScheduleKeyDeletion", AccessDeniedException.class, keyUserDenial,
                () -> asKeyUser.scheduleKeyDeletion(ScheduleKeyDeletionRequest.of(consoleKey.keyId(),
                        Tour.PENDING_WINDOW_IN_DAYS)));
        n.error(keyUserDenied.errorCode(), "ScheduleKeyDeletion", keyUserDenied.getMessage());
        trace(expect(lab.lastDecision().orElse(null), "kms:ScheduleKeyDeletion", Rule.NO_IAM_POLICY_ALLOWS,
                ACCOUNT_SID));

        // 5 -- what if -----------------------------------------------------------------------------------------
        n.step("What if? Ask without making the call",
                "Like the IAM policy simulator (aws iam simulate-principal-policy with --resource-policy), whatIf",
                "evaluates a request against the key policy, the caller's IAM policies and the grants, and gives",
                "the decision without doing anything: could key-admin delete the key? Could alice decrypt?");
        n.labCall("lab.kms(keyAdmin, \"" + region + "\").whatIf(\"kms:ScheduleKeyDeletion\", \""
                + consoleKey.keyId() + "\", Map.of())");
        PolicyDecision couldDelete = succeeds("whatIf", () -> asAdministrator.whatIf("kms:ScheduleKeyDeletion",
                consoleKey.keyId(), Map.of()));
        verdict(expect(couldDelete, "kms:ScheduleKeyDeletion", Rule.KEY_POLICY_ALLOWS, ADMINISTRATORS_SID));
        n.labCall("lab.kms(alice, \"" + region + "\").whatIf(\"kms:Decrypt\", \"" + key.keyId() + "\", Map.of())");
        PolicyDecision couldDecrypt = succeeds("whatIf", () -> asAlice.whatIf("kms:Decrypt", key.keyId(),
                Map.of()));
        verdict(expect(couldDecrypt, "kms:Decrypt", Rule.NO_IAM_POLICY_ALLOWS, ACCOUNT_SID));
        String wouldDeny = accessDenied(alice, "kms:Decrypt", key.arn(),
                Rule.NO_IAM_POLICY_ALLOWS);
        holds(wouldDeny.equals(couldDecrypt.accessDeniedMessage()), "whatIf says Decrypt would fail with \""
                + couldDecrypt.accessDeniedMessage() + "\", not \"" + wouldDeny + "\"");
        n.field("Would fail with", "AccessDeniedException: " + couldDecrypt.accessDeniedMessage());
        n.call("aws kms describe-key --key-id " + consoleKey.keyId() + " --query KeyMetadata.KeyState" + r);
        KeyState state = succeeds("DescribeKey", () -> root.describeKey(DescribeKeyRequest.of(consoleKey.keyId()))
                .keyMetadata().keyState());
        n.field("KeyState", state);
        holds(state == KeyState.Enabled, "after whatIf(\"kms:ScheduleKeyDeletion\") the KeyState is " + state
                + ", not Enabled");
        n.confirmed("whatIf scheduled nothing: the key is still " + state);

        n.numbered("The rules of evaluation, in order", RULES);
    }

    private String encryptCommand(String keyId, String profile) {
        return "aws kms encrypt --key-id " + keyId + " --plaintext fileb://" + Tour.SECRET_FILE + " --profile "
                + profile + r;
    }

    /** The AccessDeniedException message AWS gives when {@code rule} denies. */
    static String accessDenied(Caller caller, String action, String keyArn, Rule rule) {
        return AccessDeniedMessage.of(caller.arn(), action, keyArn, rule);
    }

    /** Checks that a decision is the one the story tells: for this action, by this rule, this Sid deciding. */
    static PolicyDecision expect(PolicyDecision decision, String action, Rule rule, String decidingSid) {
        holds(decision != null, "KMS Lab recorded no decision for " + action);
        String got = (decision.allowed() ? "allowed" : "denied") + " by rule " + decision.rule()
                + decision.decidingSid().map(sid -> " with statement \"" + sid + "\" deciding").orElse("");
        String expected = (rule.allows() ? "allowed" : "denied") + " by rule " + rule + " with statement \""
                + decidingSid + "\" deciding";
        holds(action.equals(decision.request().action()), "the last decision is for "
                + decision.request().action() + ", not " + action);
        holds(decision.allowed() == rule.allows() && decision.rule() == rule
                        && decision.decidingSid().filter(decidingSid::equals).isPresent(),
                action + " was " + got + ", but the story expects it " + expected);
        return decision;
    }

    private void verdict(PolicyDecision decision) {
        n.field("Decision", DecisionTrace.verdict(decision));
    }

    private void trace(PolicyDecision decision) {
        n.note("why: lab.lastDecision().orElseThrow().explain(), shortened");
        n.quoted(DecisionTrace.compact(decision));
    }

    private static void write(Path file, String text) {
        try {
            Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + file + ": " + e.getMessage(), e);
        }
    }
}
