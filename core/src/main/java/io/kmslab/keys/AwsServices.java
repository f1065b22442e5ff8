package io.kmslab.keys;

import java.util.Map;

/** The AWS services that own AWS managed keys ({@code alias/aws/<service>}), with their names in kms:ViaService. */
public final class AwsServices {
    private static final Map<String, String> DESCRIPTIONS = Map.of(
            "s3", "Default key that protects my S3 objects when no other key is defined",
            "ebs", "Default key that protects my EBS volumes when no other key is defined",
            "rds", "Default key that protects my RDS database volumes when no other key is defined",
            "ssm", "Default key that protects my SSM parameters when no other key is defined",
            "redshift", "Default key that protects my Redshift data when no other key is defined",
            "lambda", "Default key that protects my Lambda functions when no other key is defined",
            "secretsmanager", "Default key that protects my Secrets Manager data when no other key is defined",
            "dynamodb", "Default key that protects my DynamoDB data when no other key is defined",
            "elasticfilesystem", "Default key that protects my EFS filesystems when no other key is defined",
            "acm", "Default key that protects my ACM private keys when no other key is defined");

    private AwsServices() {
    }

    /** Whether AWS has an AWS managed key for this service (the services KMS Lab knows). */
    public static boolean isKnown(String service) {
        return DESCRIPTIONS.containsKey(service);
    }

    /** The service name in {@code kms:ViaService}: EBS volumes are encrypted through EC2. */
    public static String viaServiceName(String service) {
        return service.equals("ebs") ? "ec2" : service;
    }

    public static String description(String service) {
        return DESCRIPTIONS.getOrDefault(service,
                "Default key that protects my " + service + " data when no other key is defined");
    }
}
