package io.kmslab.services;

import io.kmslab.KmsLab;

/**
 * The AWS services of a lab that use KMS behind the scenes, as far as KMS shows: each keeps its resources (volumes,
 * buckets, parameters...) in this lab and calls the lab's KMS exactly as AWS does, for the caller who uses it, so
 * each of those KMS calls is authorized, audited and billed like any other. One per lab, made on first use:
 *
 * <pre>{@code
 * AwsCloud aws = AwsCloud.of(lab);
 * aws.ec2(Caller.root("111122223333"), "eu-west-2").createVolume(...);
 * }</pre>
 *
 * <p>What the services keep lives in memory with the lab: a lab kept in a data directory keeps its keys, not the
 * services' resources.
 */
public final class AwsCloud {
    private final KmsLab lab;

    private AwsCloud(KmsLab lab) {
        this.lab = lab;
    }

    /** The services of this lab. */
    public static AwsCloud of(KmsLab lab) {
        return lab.attached(AwsCloud.class, AwsCloud::new);
    }

    public KmsLab lab() {
        return lab;
    }

    // ------------------------------------------------------------------------------------------ the services
    // one method per service, each returning the service of a Region as one caller uses it

    /** S3 as one requester uses it (a bucket has its own Region, so S3 is not one Region's). */
    public io.kmslab.services.s3.S3 s3(io.kmslab.Caller caller) {
        return new io.kmslab.services.s3.S3(lab, caller);
    }
}
