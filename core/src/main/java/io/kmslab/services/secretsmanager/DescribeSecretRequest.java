package io.kmslab.services.secretsmanager;

/** DescribeSecret: a secret's metadata, never its value; it also describes a secret scheduled for deletion. */
public record DescribeSecretRequest(String secretId) {
    public static DescribeSecretRequest of(String secretId) {
        return new DescribeSecretRequest(secretId);
    }
}
