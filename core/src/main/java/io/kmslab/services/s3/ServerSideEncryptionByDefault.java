package io.kmslab.services.s3;

import java.util.Objects;

/**
 * The default encryption of a bucket's new objects (the API's {@code ApplyServerSideEncryptionByDefault}): the
 * algorithm and, for SSE-KMS and DSSE-KMS, the KMS key (absent: the requester's {@code aws/s3}). A key id or alias is
 * resolved when an object is written, in the requester's account and the bucket's Region
 * (https://docs.aws.amazon.com/AmazonS3/latest/API/API_ServerSideEncryptionByDefault.html: "If you use a KMS key
 * alias instead, then KMS resolves the key within the requester's account").
 *
 * @param sseAlgorithm {@code AES256}, {@code aws:kms} or {@code aws:kms:dsse}
 * @param kmsMasterKeyId a key id, key ARN, alias name or alias ARN; null for {@code aws/s3} or SSE-S3
 */
public record ServerSideEncryptionByDefault(ServerSideEncryption sseAlgorithm, String kmsMasterKeyId) {
    public ServerSideEncryptionByDefault {
        Objects.requireNonNull(sseAlgorithm, "sseAlgorithm");
    }
}
