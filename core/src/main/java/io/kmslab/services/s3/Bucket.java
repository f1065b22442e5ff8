package io.kmslab.services.s3;

import io.kmslab.keys.Arns;
import java.time.Instant;

/**
 * A bucket: its globally unique name, the Region it lives in (its objects' KMS keys must be there too) and the
 * account that owns it.
 */
public record Bucket(String name, String region, String ownerAccountId, Instant creationDate) {
    /**
     * {@code arn:aws:s3:::<name>}: S3 ARNs carry no Region and no account
     * (https://docs.aws.amazon.com/AmazonS3/latest/userguide/s3-arn-format.html).
     */
    public String arn() {
        return "arn:" + Arns.partition(region) + ":s3:::" + name;
    }

    /** {@code arn:aws:s3:::<name>/<key>}, the ARN S3 puts in an object's encryption context. */
    public String objectArn(String key) {
        return arn() + "/" + key;
    }
}
