package io.kmslab.policy;

import io.kmslab.Json;
import io.kmslab.keys.Arns;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The key policies AWS writes for you: text blocks laid out as AWS lays them out (GetKeyPolicy returns them as they
 * are), with the values that vary written as JSON strings by Jackson.
 */
public final class KeyPolicies {
    private static final String SDK_DEFAULT = """
            {"Version":"2012-10-17","Id":"key-default-1","Statement":[{"Sid":"Enable IAM User Permissions",\
            "Effect":"Allow","Principal":{"AWS":%s},"Action":"kms:*","Resource":"*"}]}""";

    private static final String CONSOLE_ACCOUNT = """
            {
              "Id": "key-consolepolicy-3",
              "Version": "2012-10-17",
              "Statement": [
                {
                  "Sid": "Enable IAM User Permissions",
                  "Effect": "Allow",
                  "Principal": {"AWS": %s},
                  "Action": "kms:*",
                  "Resource": "*"
                }""";

    private static final String CONSOLE_ADMINISTRATORS = """
            ,
                {
                  "Sid": "Allow access for Key Administrators",
                  "Effect": "Allow",
                  "Principal": {"AWS": %s},
                  "Action": ["kms:Create*", "kms:Describe*", "kms:Enable*", "kms:List*", "kms:Put*", "kms:Update*", \
            "kms:Revoke*", "kms:Disable*", "kms:Get*", "kms:Delete*", "kms:TagResource", "kms:UntagResource", \
            "kms:ScheduleKeyDeletion", "kms:CancelKeyDeletion", "kms:RotateKeyOnDemand"],
                  "Resource": "*"
                }""";

    private static final String CONSOLE_USERS = """
            ,
                {
                  "Sid": "Allow use of the key",
                  "Effect": "Allow",
                  "Principal": {"AWS": %1$s},
                  "Action": ["kms:Encrypt", "kms:Decrypt", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:DescribeKey"],
                  "Resource": "*"
                },
                {
                  "Sid": "Allow attachment of persistent resources",
                  "Effect": "Allow",
                  "Principal": {"AWS": %1$s},
                  "Action": ["kms:CreateGrant", "kms:ListGrants", "kms:RevokeGrant"],
                  "Resource": "*",
                  "Condition": {"Bool": {"kms:GrantIsForAWSResource": "true"}}
                }""";

    private static final String CONSOLE_END = """

              ]
            }""";

    private static final String AWS_MANAGED = """
            {
              "Version": "2012-10-17",
              "Id": %1$s,
              "Statement": [
                {
                  "Sid": %2$s,
                  "Effect": "Allow",
                  "Principal": {"AWS": "*"},
                  "Action": ["kms:Encrypt", "kms:Decrypt", "kms:ReEncrypt*", "kms:GenerateDataKey*", \
            "kms:CreateGrant", "kms:DescribeKey"],
                  "Resource": "*",
                  "Condition": {"StringEquals": {"kms:CallerAccount": %3$s, "kms:ViaService": %4$s}}
                },
                {
                  "Sid": "Allow direct access to key metadata to the account",
                  "Effect": "Allow",
                  "Principal": {"AWS": %5$s},
                  "Action": ["kms:Describe*", "kms:Get*", "kms:List*", "kms:RevokeGrant"],
                  "Resource": "*"
                }
              ]
            }""";

    private KeyPolicies() {
    }

    /**
     * The default key policy of CreateKey without a Policy (AWS SDKs, CLI, API): it allows the account, which
     * delegates the decision to the account's IAM policies.
     */
    public static String sdkDefault(String accountId) {
        return SDK_DEFAULT.formatted(string(Arns.iamRoot(accountId)));
    }

    /**
     * The default key policy the AWS console writes: the account statement, then key administrators (manage, never
     * use), key users (use, never manage) and the attachment of persistent resources through grants.
     */
    public static String consoleDefault(String accountId, List<String> administratorArns, List<String> userArns) {
        StringBuilder s = new StringBuilder(CONSOLE_ACCOUNT.formatted(string(Arns.iamRoot(accountId))));
        if (!administratorArns.isEmpty()) {
            s.append(CONSOLE_ADMINISTRATORS.formatted(array(administratorArns)));
        }
        if (!userArns.isEmpty()) {
            s.append(CONSOLE_USERS.formatted(array(userArns)));
        }
        return s.append(CONSOLE_END).toString();
    }

    /**
     * The fixed key policy of an AWS managed key: principals of the account may use the key only through the service
     * (kms:ViaService), and the account may read its metadata. Nothing else is allowed to anyone.
     *
     * <p>The services whose policies were captured from a real account (https://github.com/FogSecurity/aws-managed-kms-keys,
     * {@code reference_key_policies/}: ebs, s3, rds, redshift, ssm, secretsmanager) get exactly that policy, kept as
     * data in {@code aws-managed/<service>.json}: they differ (aws/s3 and aws/ssm allow no CreateGrant, aws/rds adds
     * ListGrants, aws/redshift also allows Redshift Serverless, aws/secretsmanager allows GenerateDataKey* through
     * Secrets Manager of any Region). Other services get the common shape with the Id {@code auto-<service>-2}.
     */
    public static String awsManaged(String accountId, String region, String service, String viaService) {
        String captured = CAPTURED_AWS_MANAGED.get(service);
        if (captured != null) {
            // the placeholders sit inside JSON strings; an account id and a Region name need no escaping
            return captured.replace("{{ACCOUNT}}", requireAccountId(accountId))
                    .replace("{{REGION}}", io.kmslab.Regions.require(region));
        }
        String name = service.toUpperCase(Locale.ROOT);
        return AWS_MANAGED.formatted(string("auto-" + service + "-2"),
                string("Allow access through " + name + " for all principals in the account that are authorized to use "
                        + name),
                string(accountId), string(viaService + "." + region + ".amazonaws.com"),
                string(Arns.iamRoot(accountId)));
    }

    private static final java.util.Map<String, String> CAPTURED_AWS_MANAGED = capturedAwsManaged();

    private static String requireAccountId(String accountId) {
        if (!Arns.isAccountId(accountId)) {
            throw new IllegalArgumentException("An AWS account id is 12 digits, not '" + accountId + "'");
        }
        return accountId;
    }

    private static java.util.Map<String, String> capturedAwsManaged() {
        java.util.Map<String, String> policies = new java.util.HashMap<>();
        for (String service : List.of("ebs", "s3", "rds", "redshift", "ssm", "secretsmanager")) {
            try (var in = KeyPolicies.class.getResourceAsStream("aws-managed/" + service + ".json")) {
                if (in == null) {
                    throw new IllegalStateException("aws-managed/" + service + ".json is missing from the jar");
                }
                policies.put(service, new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
        return java.util.Map.copyOf(policies);
    }

    /** A JSON string: quoted and escaped by Jackson. */
    private static String string(String value) {
        try {
            return Json.TREES.writeValueAsString(value);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("a string could not be written as JSON", e);
        }
    }

    private static String array(List<String> values) {
        return values.stream().map(KeyPolicies::string).collect(Collectors.joining(", ", "[", "]"));
    }
}
