package io.kmslab.services;

import io.kmslab.Caller;
import io.kmslab.KmsLab;
import io.kmslab.services.ec2.Ec2;
import io.kmslab.services.rds.Rds;
import io.kmslab.services.redshift.Redshift;
import io.kmslab.services.s3.S3;
import io.kmslab.services.secretsmanager.SecretsManager;
import io.kmslab.services.ssm.Ssm;

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
    public S3 s3(Caller caller) {
        return new S3(lab, caller);
    }

    /** EC2's EBS volumes and snapshots in a Region, as {@code caller} uses them. */
    public Ec2 ec2(Caller caller, String region) {
        return new Ec2(lab, caller, region);
    }

    /** Amazon RDS of a Region as one caller uses it. */
    public Rds rds(Caller caller, String region) {
        return new Rds(lab, caller, region);
    }

    /** Amazon Redshift (provisioned clusters) of a Region as one caller uses it. */
    public Redshift redshift(Caller caller, String region) {
        return new Redshift(lab, caller, region);
    }

    /** SSM Parameter Store of a Region, as one caller uses it. */
    public Ssm ssm(Caller caller, String region) {
        return new Ssm(lab, caller, region);
    }

    /** Secrets Manager of a Region, as one caller uses it. */
    public SecretsManager secretsManager(Caller caller, String region) {
        return new SecretsManager(lab, caller, region);
    }
}
