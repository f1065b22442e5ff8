package io.kmslab.operations;

import static io.kmslab.operations.RequestValidation.validKeyId;

import io.kmslab.Caller;
import io.kmslab.api.GetKeyPolicyRequest;
import io.kmslab.api.GetKeyPolicyResponse;
import io.kmslab.api.ListKeyPoliciesRequest;
import io.kmslab.api.ListKeyPoliciesResponse;
import io.kmslab.api.PutKeyPolicyRequest;
import io.kmslab.errors.LimitExceededException;
import io.kmslab.errors.MalformedPolicyDocumentException;
import io.kmslab.errors.NotFoundException;
import io.kmslab.keys.Arns;
import io.kmslab.policy.AccessEvaluator;
import io.kmslab.policy.KeyPolicies;
import io.kmslab.policy.NamedPolicy;
import io.kmslab.policy.PolicyDecision;
import io.kmslab.policy.PolicyDocument;
import io.kmslab.policy.PolicyKind;
import io.kmslab.policy.PolicySource;
import io.kmslab.policy.RequestContext;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The key policy of a key (always named "default"): GetKeyPolicy, PutKeyPolicy, ListKeyPolicies, and the checks a new
 * key policy passes, whether given to CreateKey, ReplicateKey or PutKeyPolicy.
 */
public final class KeyPolicyDocuments {
    /**
     * "Key policy document size: 32 KB (32,768 bytes)", a resource quota that cannot be adjusted; "If you have
     * exceeded a resource limit, requests to create an additional resource of that type generate an
     * LimitExceededException error message" (KMS developer guide, Resource quotas:
     * https://docs.aws.amazon.com/kms/latest/developerguide/resource-limits.html). The service model allows the
     * Policy member up to 131,072 characters (PolicyType), so a policy between the two is a LimitExceededException,
     * not a ValidationException nor a MalformedPolicyDocumentException. AWS does not publish the message: the one
     * below is KMS Lab's. Counted in UTF-8 bytes (AWS does not say how it counts Latin-1 characters).
     */
    public static final int MAX_KEY_POLICY_BYTES = 32 * 1024;

    private final OperationScope kms;

    public KeyPolicyDocuments(OperationScope kms) {
        this.kms = kms;
    }

    /** GetKeyPolicy: the key policy document, as it was given (its name is always "default"). */
    public GetKeyPolicyResponse getKeyPolicy(GetKeyPolicyRequest request) {
        kms.now();
        validKeyId(request.keyId(), null).length("policyName", request.policyName(), 1, 128).throwIfAny();
        KmsKey key = kms.resolution().resolve(request.keyId(), false, "GetKeyPolicy");
        kms.check("kms:GetKeyPolicy", key).enforce();
        requireDefaultPolicyName(request.policyName());
        return new GetKeyPolicyResponse(key.policy().text(), "default");
    }

    /**
     * PutKeyPolicy: replaces the key policy. The new policy must parse, name only principals that exist, fit in 32 KB,
     * and still let the caller change the key policy (unless BypassPolicyLockoutSafetyCheck); otherwise the old policy
     * stays.
     */
    public void putKeyPolicy(PutKeyPolicyRequest request) {
        kms.now();
        validKeyId(request.keyId(), null).length("policyName", request.policyName(), 1, 128)
                .required("policy", request.policy()).length("policy", request.policy(), 1, 131072).throwIfAny();
        KmsKey key = kms.resolution().resolve(request.keyId(), false, "PutKeyPolicy");
        kms.check("kms:PutKeyPolicy", key).key("kms:BypassPolicyLockoutSafetyCheck",
                request.bypassPolicyLockoutSafetyCheck()).enforce();
        requireDefaultPolicyName(request.policyName() == null ? "default" : request.policyName());
        PolicyDocument policy = checkedKeyPolicy(request.policy(), key.arn(), key,
                request.bypassPolicyLockoutSafetyCheck());
        key.policy(policy);
    }

    public ListKeyPoliciesResponse listKeyPolicies(ListKeyPoliciesRequest request) {
        kms.now();
        validKeyId(request.keyId(), null).range("limit", request.limit(), 1, 1000).throwIfAny();
        KmsKey key = kms.resolution().resolve(request.keyId(), false, "ListKeyPolicies");
        kms.check("kms:ListKeyPolicies", key).enforce();
        return new ListKeyPoliciesResponse(List.of("default"), null, false);
    }

    private static void requireDefaultPolicyName(String policyName) {
        if (policyName != null && !policyName.equals("default")) {
            throw new NotFoundException("No such policy exists");
        }
    }

    /**
     * The key policy of a new key (CreateKey, ReplicateKey): the one the request gives, checked, or else the default
     * key policy.
     */
    PolicyDocument newKeyPolicy(String text, String keyArn, boolean bypassLockoutCheck) {
        return text != null
                ? checkedKeyPolicy(text, keyArn, null, bypassLockoutCheck)
                : PolicyDocument.parse(KeyPolicies.sdkDefault(kms.caller().accountId()), PolicyKind.KEY_POLICY);
    }

    /**
     * A key policy given to CreateKey or PutKeyPolicy, checked as KMS checks it: size, grammar, principals, and the
     * lockout safety check (the caller must still be allowed kms:PutKeyPolicy under the new policy).
     */
    private PolicyDocument checkedKeyPolicy(String text, String keyArn, KmsKey key, boolean bypassLockoutCheck) {
        if (text.getBytes(StandardCharsets.UTF_8).length > MAX_KEY_POLICY_BYTES) {
            throw new LimitExceededException("The key policy exceeds the maximum size of 32768 bytes.");
        }
        PolicyDocument policy = PolicyDocument.parse(text, PolicyKind.KEY_POLICY);
        for (io.kmslab.policy.Statement statement : policy.statements()) {
            for (String principal : statement.principal().aws()) {
                if (!validPrincipal(principal)) {
                    throw new MalformedPolicyDocumentException(
                            "Policy contains a statement with one or more invalid principals.");
                }
            }
            for (String service : statement.principal().services()) {
                if (!service.endsWith(".amazonaws.com") && !service.endsWith(".amazonaws.com.cn")) {
                    throw new MalformedPolicyDocumentException(
                            "Policy contains a statement with one or more invalid principals.");
                }
            }
        }
        if (!bypassLockoutCheck) {
            Caller caller = kms.caller();
            RequestContext request = new RequestContext(caller.arn(), caller.principalArn(), caller.accountId(),
                    caller.isRoot(), "kms:PutKeyPolicy", keyArn, caller.accountId(), standardKeyMap());
            PolicyDecision decision = AccessEvaluator.decide(request,
                    new NamedPolicy(new PolicySource(PolicyKind.KEY_POLICY, "default", keyArn), policy),
                    kms.iam(caller.accountId()).policiesOf(caller), List.of(), false);
            if (!decision.allowed()) {
                throw new MalformedPolicyDocumentException(
                        "The new key policy will not allow you to update the key policy in the future.");
            }
        }
        return policy;
    }

    private Map<String, List<String>> standardKeyMap() {
        Map<String, List<String>> keys = new TreeMap<>();
        kms.standardKeys(keys::put);
        return keys;
    }

    /** "*", an account id, an account root ARN, or an IAM user or role (or role session) that exists. */
    boolean validPrincipal(String principal) {
        if (principal.equals("*") || Arns.isAccountId(principal)) {
            return true;
        }
        Optional<Arns.IamArn> arn = Arns.parseIam(principal);
        if (arn.isEmpty()) {
            return false;
        }
        String account = arn.get().account();
        String resource = arn.get().resource();
        if (arn.get().service().equals("sts")) {
            return resource.startsWith("assumed-role/");
        }
        if (resource.equals("root")) {
            return true;
        }
        return (resource.startsWith("user/") || resource.startsWith("role/"))
                && kms.iam(account).exists(Arns.iam(account, resource));
    }
}
