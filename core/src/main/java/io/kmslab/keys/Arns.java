package io.kmslab.keys;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Amazon Resource Names of KMS keys and aliases, formed as AWS forms them:
 * {@code arn:aws:kms:<region>:<account>:key/<key id>} and {@code arn:aws:kms:<region>:<account>:alias/<name>}.
 */
public final class Arns {
    private static final Pattern ARN =
            Pattern.compile("arn:(aws|aws-cn|aws-us-gov):kms:([a-z0-9-]+):(\\d{12}):(key|alias)/(.+)");

    private Arns() {
    }

    /** The AWS partition of a region: aws-cn for China, aws-us-gov for GovCloud, aws elsewhere. */
    public static String partition(String region) {
        if (region.startsWith("cn-")) {
            return "aws-cn";
        }
        return region.startsWith("us-gov-") ? "aws-us-gov" : "aws";
    }

    public static String keyArn(String region, String account, String keyId) {
        return "arn:" + partition(region) + ":kms:" + region + ":" + account + ":key/" + keyId;
    }

    /** The ARN of an alias; {@code aliasName} includes the {@code alias/} prefix. */
    public static String aliasArn(String region, String account, String aliasName) {
        return "arn:" + partition(region) + ":kms:" + region + ":" + account + ":" + aliasName;
    }

    /** A parsed KMS ARN: its region, account, resource type ({@code key} or {@code alias}) and resource id. */
    public record KmsArn(String region, String account, String resourceType, String resourceId) {
        public boolean isAlias() {
            return resourceType.equals("alias");
        }

        /** For an alias ARN, the alias name with its {@code alias/} prefix. */
        public String aliasName() {
            return "alias/" + resourceId;
        }
    }

    public static Optional<KmsArn> parse(String arn) {
        Matcher m = ARN.matcher(arn);
        if (!m.matches()) {
            return Optional.empty();
        }
        return Optional.of(new KmsArn(m.group(2), m.group(3), m.group(4), m.group(5)));
    }
}
