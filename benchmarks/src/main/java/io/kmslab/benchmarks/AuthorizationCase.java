package io.kmslab.benchmarks;

import io.kmslab.Caller;
import io.kmslab.Kms;
import io.kmslab.KmsLab;
import io.kmslab.api.CreateAliasRequest;
import io.kmslab.api.CreateKeyRequest;
import io.kmslab.api.DecryptRequest;
import io.kmslab.api.EncryptRequest;
import io.kmslab.api.KeyMetadata;
import io.kmslab.iam.Iam;
import io.kmslab.policy.NamedPolicy;
import io.kmslab.policy.PolicyDecision;
import io.kmslab.policy.PolicyDecision.Rule;
import io.kmslab.policy.PolicyDocument;
import io.kmslab.policy.PolicyKind;
import io.kmslab.policy.PolicySource;
import io.kmslab.policy.RequestContext;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Who calls Encrypt, under which key policy and IAM policy, and how the request names the key: the three cases the
 * authorization benchmarks measure. Each is identified by a slug, the value of the {@code policy} and {@code path}
 * parameters ({@code path=engine-<slug>}).
 */
public enum AuthorizationCase {
    /** The default key policy (CreateKey without Policy), called by the account root user, the key named by id. */
    DEFAULT_ROOT("default-root", "default key policy, account root",
            Rule.KEY_POLICY_ALLOWS, "Enable IAM User Permissions"),
    /** The default key policy, called by an IAM user that an IAM policy allows (the key policy delegates to IAM). */
    DEFAULT_IAM_USER("default-iam-user", "default key policy + IAM policy, IAM user",
            Rule.KEY_POLICY_AND_IAM_POLICY_ALLOW, "UseKeysOfTheAccount"),
    /**
     * {@link #CUSTOM_KEY_POLICY}, ten statements with conditions, called by an IAM user with the same IAM policy,
     * through an alias, with an encryption context, from an address of the corporate network.
     */
    CUSTOM_IAM_USER("custom-iam-user", "custom 10-statement key policy, IAM user",
            Rule.KEY_POLICY_ALLOWS, "AllowUseWithFinanceContext");

    static final String REGION = "eu-west-2";
    static final String ACCOUNT = KmsLab.DEFAULT_ACCOUNT;
    /** An address inside the corporate network the custom key policy allows (TEST-NET-3). */
    static final String OFFICE_IP = "203.0.113.25";
    static final String ALIAS = "alias/finance-app";
    static final Map<String, String> FINANCE_CONTEXT = Map.of("department", "finance", "project", "apollo");

    /** The identity-based policy of the IAM user: use the keys of its account, never delete one. */
    static final String IAM_USER_POLICY = """
            {"Version": "2012-10-17", "Statement": [
              {"Sid": "UseKeysOfTheAccount", "Effect": "Allow",
               "Action": ["kms:Encrypt", "kms:Decrypt", "kms:GenerateDataKey*", "kms:DescribeKey"],
               "Resource": "arn:aws:kms:*:111122223333:key/*"},
              {"Sid": "NeverDeleteKeys", "Effect": "Deny",
               "Action": ["kms:ScheduleKeyDeletion", "kms:PutKeyPolicy"], "Resource": "*"}]}""";

    /**
     * A key policy as a team would write one, ten statements: the account statement, key administrators, uses of
     * the key by alice under four kinds of condition, and four Deny statements that an Encrypt by alice from the
     * office with the finance context does not meet. Every statement is evaluated for every request; the Allow of
     * {@code AllowUseWithFinanceContext} decides.
     */
    public static final String CUSTOM_KEY_POLICY = """
            {
              "Version": "2012-10-17",
              "Id": "finance-key-policy",
              "Statement": [
                {"Sid": "Enable IAM User Permissions", "Effect": "Allow",
                 "Principal": {"AWS": "arn:aws:iam::111122223333:root"}, "Action": "kms:*", "Resource": "*"},
                {"Sid": "AllowKeyAdministrators", "Effect": "Allow",
                 "Principal": {"AWS": "arn:aws:iam::111122223333:user/admin"},
                 "Action": ["kms:Create*", "kms:Describe*", "kms:Enable*", "kms:List*", "kms:Put*", "kms:Update*",
                            "kms:Revoke*", "kms:Disable*", "kms:Get*", "kms:Delete*", "kms:TagResource",
                            "kms:UntagResource", "kms:ScheduleKeyDeletion", "kms:CancelKeyDeletion"],
                 "Resource": "*"},
                {"Sid": "AllowUseWithFinanceContext", "Effect": "Allow",
                 "Principal": {"AWS": "arn:aws:iam::111122223333:user/alice"},
                 "Action": ["kms:Encrypt", "kms:Decrypt", "kms:ReEncrypt*", "kms:GenerateDataKey*"], "Resource": "*",
                 "Condition": {
                   "StringEquals": {"kms:EncryptionContext:department": "finance"},
                   "ForAllValues:StringEquals": {"kms:EncryptionContextKeys": ["department", "project", "stage"]}}},
                {"Sid": "AllowUseThroughS3", "Effect": "Allow",
                 "Principal": {"AWS": "arn:aws:iam::111122223333:user/alice"},
                 "Action": ["kms:Decrypt", "kms:GenerateDataKey*"], "Resource": "*",
                 "Condition": {"StringEquals": {"kms:ViaService": "s3.eu-west-2.amazonaws.com",
                                                "kms:CallerAccount": "111122223333"}}},
                {"Sid": "AllowThroughFinanceAliases", "Effect": "Allow",
                 "Principal": {"AWS": "arn:aws:iam::111122223333:user/alice"},
                 "Action": ["kms:Encrypt", "kms:DescribeKey"], "Resource": "*",
                 "Condition": {"StringLike": {"kms:RequestAlias": "alias/finance-*"}}},
                {"Sid": "AllowGrantsForAwsResources", "Effect": "Allow",
                 "Principal": {"AWS": "arn:aws:iam::111122223333:user/alice"},
                 "Action": ["kms:CreateGrant", "kms:ListGrants", "kms:RevokeGrant"], "Resource": "*",
                 "Condition": {"Bool": {"kms:GrantIsForAWSResource": "true"}}},
                {"Sid": "DenyOutsideCorporateNetwork", "Effect": "Deny", "Principal": "*", "Action": "kms:*",
                 "Resource": "*",
                 "Condition": {"NotIpAddress": {"aws:SourceIp": ["203.0.113.0/24", "2001:db8::/32"]}}},
                {"Sid": "DenyUseWithoutEncryptionContext", "Effect": "Deny", "Principal": "*",
                 "Action": ["kms:Encrypt", "kms:GenerateDataKey*"], "Resource": "*",
                 "Condition": {"Null": {"kms:EncryptionContextKeys": "true"}}},
                {"Sid": "DenyOtherAccounts", "Effect": "Deny", "Principal": "*", "Action": "kms:*", "Resource": "*",
                 "Condition": {"StringNotEquals": {"kms:CallerAccount": "111122223333"}}},
                {"Sid": "DenyDeletionExceptByAdministrators", "Effect": "Deny", "Principal": "*",
                 "Action": ["kms:ScheduleKeyDeletion", "kms:DisableKey", "kms:PutKeyPolicy"], "Resource": "*",
                 "Condition": {"StringNotEquals": {"aws:PrincipalArn": ["arn:aws:iam::111122223333:user/admin",
                                                                        "arn:aws:iam::111122223333:root"]}}}
              ]
            }""";

    private final String slug;
    private final String description;
    private final Rule expectedRule;
    private final String expectedSid;

    AuthorizationCase(String slug, String description, Rule expectedRule, String expectedSid) {
        this.slug = slug;
        this.description = description;
        this.expectedRule = expectedRule;
        this.expectedSid = expectedSid;
    }

    public String slug() {
        return slug;
    }

    public String description() {
        return description;
    }

    public static AuthorizationCase of(String slug) {
        return Arrays.stream(values()).filter(c -> c.slug.equals(slug)).findFirst().orElseThrow(
                () -> new IllegalArgumentException("policy is one of " + Arrays.stream(values())
                        .map(AuthorizationCase::slug).toList() + ", not " + slug));
    }

    /**
     * A new lab (unseeded, like the other benchmarks) with the key, the caller and its IAM policy of this case. The
     * first Encrypt is made here, so the request the engine authorizes is known and checked: it must be allowed by the
     * expected rule and statement.
     */
    public AuthorizedCaller setUp() {
        KmsLab lab = KmsLab.builder().build();
        Kms root = lab.kms(REGION);
        Iam iam = lab.iam(ACCOUNT);
        AuthorizedCaller caller = switch (this) {
            case DEFAULT_ROOT -> new AuthorizedCaller(lab, root, defaultKey(root).keyId(), Map.of(),
                    Kms.defaultKeyPolicy(ACCOUNT));
            case DEFAULT_IAM_USER -> new AuthorizedCaller(lab, lab.kms(alice(iam), REGION), defaultKey(root).keyId(),
                    Map.of(), Kms.defaultKeyPolicy(ACCOUNT));
            case CUSTOM_IAM_USER -> {
                iam.createUser("admin");
                Caller alice = alice(iam);
                Kms rootAtOffice = root.from(OFFICE_IP);
                KeyMetadata key = rootAtOffice.createKey(CreateKeyRequest.builder().policy(CUSTOM_KEY_POLICY)
                        .bypassPolicyLockoutSafetyCheck(true).build()).keyMetadata();
                rootAtOffice.createAlias(CreateAliasRequest.of(ALIAS, key.keyId()));
                yield new AuthorizedCaller(lab, lab.kms(alice, REGION).from(OFFICE_IP), ALIAS, FINANCE_CONTEXT,
                        CUSTOM_KEY_POLICY);
            }
        };
        caller.encrypt(new byte[16]);
        PolicyDecision decision = caller.lastDecision();
        if (!decision.allowed() || decision.rule() != expectedRule
                || !decision.decidingSid().orElse("").equals(expectedSid)) {
            throw new IllegalStateException(slug + ": expected " + expectedRule + " by \"" + expectedSid
                    + "\", the engine decided:\n" + decision.explain());
        }
        return caller;
    }

    private static KeyMetadata defaultKey(Kms root) {
        return root.createKey(CreateKeyRequest.builder().build()).keyMetadata();
    }

    private static Caller alice(Iam iam) {
        Caller alice = iam.createUser("alice");
        iam.putUserPolicy("alice", "UseKmsKeys", IAM_USER_POLICY);
        return alice;
    }

    /** A caller's KMS, the key as its requests name it, the encryption context they carry, and the key policy. */
    public record AuthorizedCaller(KmsLab lab, Kms kms, String keyId, Map<String, String> encryptionContext,
            String keyPolicy) {

        public byte[] encrypt(byte[] plaintext) {
            EncryptRequest request = encryptionContext.isEmpty() ? EncryptRequest.of(keyId, plaintext)
                    : EncryptRequest.of(keyId, plaintext, encryptionContext);
            return kms.encrypt(request).ciphertextBlob();
        }

        public byte[] decrypt(byte[] ciphertext) {
            return kms.decrypt(DecryptRequest.of(ciphertext, encryptionContext)).plaintext();
        }

        public PolicyDecision lastDecision() {
            return lab.lastDecision().orElseThrow();
        }

        /**
         * The decision alone, as {@code AccessEvaluator.decide} receives it from the engine for the last Encrypt:
         * its request context (every condition key the engine filled in), the key policy, the caller's IAM
         * policies, no grants.
         */
        public Decision decision() {
            PolicyDecision last = lastDecision();
            RequestContext request = last.request();
            NamedPolicy policy = new NamedPolicy(new PolicySource(PolicyKind.KEY_POLICY, "default",
                    request.resourceArn()), PolicyDocument.parse(keyPolicy, PolicyKind.KEY_POLICY));
            return new Decision(request, policy, lab.iam(kms.caller().accountId()).policiesOf(kms.caller()));
        }
    }

    /** What {@code AccessEvaluator.decide} takes, prepared once. */
    public record Decision(RequestContext request, NamedPolicy keyPolicy, List<NamedPolicy> identity) {
    }
}
