package io.kmslab.policy;

import java.util.List;
import java.util.stream.Collectors;

/** The key policies AWS writes for you. */
public final class KeyPolicies {
    private KeyPolicies() {
    }

    /**
     * The default key policy of CreateKey without a Policy (AWS SDKs, CLI, API): it allows the account, which
     * delegates the decision to the account's IAM policies.
     */
    public static String sdkDefault(String accountId) {
        return "{\"Version\":\"2012-10-17\",\"Id\":\"key-default-1\",\"Statement\":[{\"Sid\":\"Enable IAM User "
                + "Permissions\",\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"arn:aws:iam::" + accountId
                + ":root\"},\"Action\":\"kms:*\",\"Resource\":\"*\"}]}";
    }

    /**
     * The default key policy the AWS console writes: the account statement, then key administrators (manage, never
     * use), key users (use, never manage) and the attachment of persistent resources through grants.
     */
    public static String consoleDefault(String accountId, List<String> administratorArns, List<String> userArns) {
        StringBuilder s = new StringBuilder();
        s.append("{\n  \"Id\": \"key-consolepolicy-3\",\n  \"Version\": \"2012-10-17\",\n  \"Statement\": [\n");
        s.append("    {\n      \"Sid\": \"Enable IAM User Permissions\",\n      \"Effect\": \"Allow\",\n")
                .append("      \"Principal\": {\"AWS\": \"arn:aws:iam::").append(accountId).append(":root\"},\n")
                .append("      \"Action\": \"kms:*\",\n      \"Resource\": \"*\"\n    }");
        if (!administratorArns.isEmpty()) {
            s.append(",\n    {\n      \"Sid\": \"Allow access for Key Administrators\",\n      \"Effect\": \"Allow\",\n")
                    .append("      \"Principal\": {\"AWS\": ").append(array(administratorArns)).append("},\n")
                    .append("      \"Action\": [\"kms:Create*\", \"kms:Describe*\", \"kms:Enable*\", \"kms:List*\", ")
                    .append("\"kms:Put*\", \"kms:Update*\", \"kms:Revoke*\", \"kms:Disable*\", \"kms:Get*\", ")
                    .append("\"kms:Delete*\", \"kms:TagResource\", \"kms:UntagResource\", ")
                    .append("\"kms:ScheduleKeyDeletion\", \"kms:CancelKeyDeletion\", \"kms:RotateKeyOnDemand\"],\n")
                    .append("      \"Resource\": \"*\"\n    }");
        }
        if (!userArns.isEmpty()) {
            s.append(",\n    {\n      \"Sid\": \"Allow use of the key\",\n      \"Effect\": \"Allow\",\n")
                    .append("      \"Principal\": {\"AWS\": ").append(array(userArns)).append("},\n")
                    .append("      \"Action\": [\"kms:Encrypt\", \"kms:Decrypt\", \"kms:ReEncrypt*\", ")
                    .append("\"kms:GenerateDataKey*\", \"kms:DescribeKey\"],\n      \"Resource\": \"*\"\n    },\n")
                    .append("    {\n      \"Sid\": \"Allow attachment of persistent resources\",\n")
                    .append("      \"Effect\": \"Allow\",\n")
                    .append("      \"Principal\": {\"AWS\": ").append(array(userArns)).append("},\n")
                    .append("      \"Action\": [\"kms:CreateGrant\", \"kms:ListGrants\", \"kms:RevokeGrant\"],\n")
                    .append("      \"Resource\": \"*\",\n")
                    .append("      \"Condition\": {\"Bool\": {\"kms:GrantIsForAWSResource\": \"true\"}}\n    }");
        }
        return s.append("\n  ]\n}").toString();
    }

    /**
     * The fixed key policy of an AWS managed key: principals of the account may use the key only through the service
     * (kms:ViaService), and the account may read its metadata. Nothing else is allowed to anyone.
     */
    public static String awsManaged(String accountId, String region, String service, String viaService) {
        String name = service.toUpperCase(java.util.Locale.ROOT);
        return "{\n  \"Version\": \"2012-10-17\",\n  \"Id\": \"auto-" + service + "-2\",\n  \"Statement\": [\n"
                + "    {\n      \"Sid\": \"Allow access through " + name
                + " for all principals in the account that are authorized to use " + name + "\",\n"
                + "      \"Effect\": \"Allow\",\n      \"Principal\": {\"AWS\": \"*\"},\n"
                + "      \"Action\": [\"kms:Encrypt\", \"kms:Decrypt\", \"kms:ReEncrypt*\", \"kms:GenerateDataKey*\", "
                + "\"kms:CreateGrant\", \"kms:DescribeKey\"],\n      \"Resource\": \"*\",\n"
                + "      \"Condition\": {\"StringEquals\": {\"kms:CallerAccount\": \"" + accountId + "\", "
                + "\"kms:ViaService\": \"" + viaService + "." + region + ".amazonaws.com\"}}\n    },\n"
                + "    {\n      \"Sid\": \"Allow direct access to key metadata to the account\",\n"
                + "      \"Effect\": \"Allow\",\n      \"Principal\": {\"AWS\": \"arn:aws:iam::" + accountId
                + ":root\"},\n      \"Action\": [\"kms:Describe*\", \"kms:Get*\", \"kms:List*\", \"kms:RevokeGrant\"],\n"
                + "      \"Resource\": \"*\"\n    }\n  ]\n}";
    }

    private static String array(List<String> values) {
        return values.stream().map(v -> "\"" + v + "\"").collect(Collectors.joining(", ", "[", "]"));
    }
}
