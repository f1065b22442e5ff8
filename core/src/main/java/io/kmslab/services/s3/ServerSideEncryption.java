package io.kmslab.services.s3;

import java.util.Optional;

/**
 * The server-side encryption of an object, as the {@code x-amz-server-side-encryption} header and the
 * {@code SSEAlgorithm} of a bucket's default encryption name it
 * (https://docs.aws.amazon.com/AmazonS3/latest/API/API_PutObject.html: "Valid Values: AES256 | aws:kms |
 * aws:kms:dsse").
 */
public enum ServerSideEncryption {
    /** SSE-S3: a key S3 manages; S3 makes no KMS call (https://docs.aws.amazon.com/AmazonS3/latest/userguide/UsingServerSideEncryption.html). */
    AES256("AES256"),
    /** SSE-KMS: a data key from KMS for each object, or a bucket-level key with an S3 Bucket Key. */
    AWS_KMS("aws:kms"),
    /** DSSE-KMS: two layers of AES-256, the first under a data key from KMS; no S3 Bucket Keys. */
    AWS_KMS_DSSE("aws:kms:dsse");

    private final String value;

    ServerSideEncryption(String value) {
        this.value = value;
    }

    /** The value as the API writes it: {@code AES256}, {@code aws:kms}, {@code aws:kms:dsse}. */
    public String value() {
        return value;
    }

    /** Whether objects under it get a data key from KMS. */
    public boolean usesKms() {
        return this != AES256;
    }

    /** The encryption a header value names; empty for anything else. */
    public static Optional<ServerSideEncryption> fromValue(String value) {
        for (ServerSideEncryption sse : values()) {
            if (sse.value.equals(value)) {
                return Optional.of(sse);
            }
        }
        return Optional.empty();
    }

    @Override
    public String toString() {
        return value;
    }
}
