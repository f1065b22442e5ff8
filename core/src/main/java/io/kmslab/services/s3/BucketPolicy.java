package io.kmslab.services.s3;

import io.kmslab.KmsLab;
import io.kmslab.errors.MalformedPolicyDocumentException;
import io.kmslab.keys.Arns;
import io.kmslab.policy.NamedPolicy;
import io.kmslab.policy.PolicyDocument;
import io.kmslab.policy.PolicyKind;
import io.kmslab.policy.PolicySource;
import io.kmslab.policy.Statement;

/**
 * A bucket's resource-based policy, parsed with the policy grammar KMS Lab's key policies use (Principal,
 * Action/NotAction, Resource, Condition): a bucket policy is a resource-based policy of the same language
 * (https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucket-policies.html). Checked as S3 checks it: every
 * resource in the bucket, every principal an account, an IAM identity that exists, or {@code "*"}.
 */
record BucketPolicy(String text, PolicyDocument document) {

    static BucketPolicy parse(KmsLab lab, Bucket bucket, String text) {
        if (text == null || text.isBlank()) {
            // unconfirmed wording; S3 refuses an empty policy as malformed
            throw S3Errors.malformedPolicy("Policies must be valid JSON and the first byte must be '{'");
        }
        PolicyDocument document;
        try {
            document = PolicyDocument.parse(text, PolicyKind.KEY_POLICY);
        } catch (MalformedPolicyDocumentException e) {
            // KMS Lab's reason (the grammar is shared with key policies); S3's own wording for each case is unconfirmed
            throw S3Errors.malformedPolicy(e.getMessage());
        }
        for (Statement statement : document.statements()) {
            for (String action : statement.actions()) {
                if (!action.equals("*") && !action.regionMatches(true, 0, "s3:", 0, 3)) {
                    // unconfirmed wording
                    throw S3Errors.malformedPolicy("Policy has invalid action");
                }
            }
            for (String resource : statement.resources()) {
                if (!resource.equals(bucket.arn()) && !resource.startsWith(bucket.arn() + "/")) {
                    // "Policy has invalid resource": https://github.com/noobaa/noobaa-core/issues/10058 (a Resource of
                    // "*" is refused by AWS), https://github.com/aws-samples/aws-serverless-appsync-app/issues/4
                    throw S3Errors.malformedPolicy("Policy has invalid resource");
                }
            }
            for (String principal : statement.principal().aws()) {
                if (!validPrincipal(lab, principal)) {
                    throw S3Errors.malformedPolicy("Invalid principal in policy");
                }
            }
        }
        return new BucketPolicy(text, document);
    }

    /** The policy as attached to {@code bucket}: IAM evaluates its statements as the "bucket policy" of the bucket. */
    NamedPolicy named(Bucket bucket) {
        return new NamedPolicy(new PolicySource(PolicyKind.KEY_POLICY, "bucket policy", bucket.arn()), document);
    }

    /** An account id, an account root, an IAM user or role that exists, an assumed-role session, or anyone. */
    private static boolean validPrincipal(KmsLab lab, String principal) {
        if (principal.equals("*") || Arns.isAccountId(principal)) {
            return true;
        }
        return Arns.parseIam(principal).map(arn -> {
            if (arn.resource().equals("root") || arn.service().equals("sts")) {
                return true;
            }
            return lab.iam(arn.account()).exists(principal);
        }).orElse(false);
    }
}
