package io.kmslab.services.s3;

import java.util.List;

/**
 * A bucket's default encryption (PutBucketEncryption, GetBucketEncryption): its rules, of which S3 uses one. Every
 * bucket has SSE-S3 as its default since 5 January 2023
 * (https://docs.aws.amazon.com/AmazonS3/latest/userguide/default-encryption-faq.html).
 */
public record ServerSideEncryptionConfiguration(List<ServerSideEncryptionRule> rules) {
    public ServerSideEncryptionConfiguration {
        rules = List.copyOf(rules);
    }

    /** SSE-S3, the default of every new bucket. */
    public static ServerSideEncryptionConfiguration sseS3() {
        return of(ServerSideEncryption.AES256, null, false);
    }

    /** SSE-KMS with a key (null: {@code aws/s3}), with or without an S3 Bucket Key. */
    public static ServerSideEncryptionConfiguration sseKms(String kmsMasterKeyId, boolean bucketKeyEnabled) {
        return of(ServerSideEncryption.AWS_KMS, kmsMasterKeyId, bucketKeyEnabled);
    }

    /** One rule. */
    public static ServerSideEncryptionConfiguration of(ServerSideEncryption algorithm, String kmsMasterKeyId,
            boolean bucketKeyEnabled) {
        return new ServerSideEncryptionConfiguration(List.of(new ServerSideEncryptionRule(
                new ServerSideEncryptionByDefault(algorithm, kmsMasterKeyId), bucketKeyEnabled)));
    }

    /** The rule S3 applies: the first. */
    public ServerSideEncryptionRule rule() {
        return rules.get(0);
    }
}
