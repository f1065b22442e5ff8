package io.kmslab.services.s3;

/** PutBucketEncryption: a bucket's default encryption for new objects; existing objects keep theirs. */
public record PutBucketEncryptionRequest(String bucket,
        ServerSideEncryptionConfiguration serverSideEncryptionConfiguration) {
    public static PutBucketEncryptionRequest of(String bucket, ServerSideEncryptionConfiguration configuration) {
        return new PutBucketEncryptionRequest(bucket, configuration);
    }
}
