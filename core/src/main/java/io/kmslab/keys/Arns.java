package io.kmslab.keys;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Amazon Resource Names and account ids: the one place that forms and parses them. KMS keys and aliases, formed as AWS
 * forms them: {@code arn:aws:kms:<region>:<account>:key/<key id>} and
 * {@code arn:aws:kms:<region>:<account>:alias/<name>}; IAM identities: {@code arn:aws:iam::<account>:root},
 * {@code :user/<name>}, {@code :role/<name>} and role sessions
 * {@code arn:aws:sts::<account>:assumed-role/<role>/<session>}
 * (IAM User Guide, "IAM identifiers", https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_identifiers.html).
 * An account id is 12 digits (AWS Account Management Reference Guide, "View AWS account identifiers",
 * https://docs.aws.amazon.com/accounts/latest/reference/manage-acct-identifiers.html).
 */
public final class Arns {
    private static final Pattern ARN =
            Pattern.compile("arn:(aws|aws-cn|aws-us-gov):kms:([a-z0-9-]+):(\\d{12}):(key|alias)/(.+)");
    private static final Pattern IAM_ARN =
            Pattern.compile("arn:(aws|aws-cn|aws-us-gov):(iam|sts)::(\\d{12}):(.+)");
    private static final String ROOT = ":root";

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

    /** Twelve digits (0 to 9): an AWS account id. Not a regular expression: policy evaluation asks it often. */
    public static boolean isAccountId(String text) {
        if (text == null || text.length() != 12) {
            return false;
        }
        for (int i = 0; i < 12; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    /** The account root user, {@code arn:aws:iam::<account>:root}. */
    public static String iamRoot(String account) {
        return iam(account, "root");
    }

    /** An IAM user, {@code arn:aws:iam::<account>:user/<name>}. */
    public static String iamUser(String account, String name) {
        return iam(account, "user/" + name);
    }

    /** An IAM role, {@code arn:aws:iam::<account>:role/<name>}. */
    public static String iamRole(String account, String name) {
        return iam(account, "role/" + name);
    }

    /** An IAM identity of the {@code aws} partition: {@code arn:aws:iam::<account>:<resource>}. */
    public static String iam(String account, String resource) {
        return "arn:aws:iam::" + account + ":" + resource;
    }

    /** A session of an IAM role: {@code arn:aws:sts::<account>:assumed-role/<role>/<session>}. */
    public static String assumedRole(String account, String role, String session) {
        return "arn:aws:sts::" + account + ":assumed-role/" + role + "/" + session;
    }

    /**
     * Whether {@code arn} names the root of {@code account} as a policy's Principal may: six colon-separated parts,
     * the fifth the account and the last {@code root} ({@code arn:<partition>:iam::<account>:root}). Not a regular
     * expression: policy evaluation asks it for every statement.
     */
    public static boolean isRootOf(String arn, String account) {
        if (!arn.endsWith(ROOT) || !arn.startsWith("arn:")) {
            return false;
        }
        int colons = 0;
        int fourth = -1;
        for (int i = 0; i < arn.length(); i++) {
            if (arn.charAt(i) == ':' && ++colons == 4) {
                fourth = i;
            }
        }
        int fifth = arn.length() - ROOT.length();
        return colons == 5 && arn.regionMatches(fourth + 1, account, 0, fifth - fourth - 1)
                && account.length() == fifth - fourth - 1;
    }

    /**
     * A parsed IAM or STS ARN: its partition ({@code aws}, {@code aws-cn}, {@code aws-us-gov}), service ({@code iam}
     * or {@code sts}), account, and resource ({@code root}, {@code user/<name>}, {@code role/<name>},
     * {@code assumed-role/<role>/<session>}).
     */
    public record IamArn(String partition, String service, String account, String resource) {
        /** In the {@code aws} partition and the {@code iam} service: what the lab's own identities are. */
        public boolean isAwsIam() {
            return partition.equals("aws") && service.equals("iam");
        }

        /** The name after {@code user/}, when this names an IAM user. */
        public Optional<String> userName() {
            return named("user/");
        }

        /** The name after {@code role/}, when this names an IAM role. */
        public Optional<String> roleName() {
            return named("role/");
        }

        private Optional<String> named(String prefix) {
            return service.equals("iam") && resource.startsWith(prefix) && resource.length() > prefix.length()
                    ? Optional.of(resource.substring(prefix.length())) : Optional.empty();
        }
    }

    /** Parses {@code arn:<partition>:<iam or sts>::<12-digit account>:<resource>}; empty for anything else. */
    public static Optional<IamArn> parseIam(String arn) {
        Matcher m = IAM_ARN.matcher(arn);
        if (!m.matches()) {
            return Optional.empty();
        }
        return Optional.of(new IamArn(m.group(1), m.group(2), m.group(3), m.group(4)));
    }

    /** Whether {@code text} has the shape of an alias ARN ({@code arn:...:alias/...}), valid or not. */
    public static boolean isAliasArn(String text) {
        return text.startsWith("arn:") && text.contains(":alias/");
    }

    public static Optional<KmsArn> parse(String arn) {
        Matcher m = ARN.matcher(arn);
        if (!m.matches()) {
            return Optional.empty();
        }
        return Optional.of(new KmsArn(m.group(2), m.group(3), m.group(4), m.group(5)));
    }
}
