package io.kmslab.services.s3;

/** GetBucketPolicy's answer: the policy as it was put. */
public record GetBucketPolicyResponse(String policy) {
}
