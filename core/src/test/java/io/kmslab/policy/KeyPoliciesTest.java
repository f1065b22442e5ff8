package io.kmslab.policy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.kmslab.Json;
import java.util.List;
import org.junit.jupiter.api.Test;

class KeyPoliciesTest {

    @Test
    void theSdkDefault_isTheOneLineDocumentAwsWrites() {
        assertThat(KeyPolicies.sdkDefault("111122223333")).isEqualTo("{\"Version\":\"2012-10-17\",\"Id\":"
                + "\"key-default-1\",\"Statement\":[{\"Sid\":\"Enable IAM User Permissions\",\"Effect\":\"Allow\","
                + "\"Principal\":{\"AWS\":\"arn:aws:iam::111122223333:root\"},\"Action\":\"kms:*\",\"Resource\":\"*\"}]}");
    }

    @Test
    void aConsolePolicy_quotesEachPrincipalAsJson_evenOneWithAQuote() throws Exception {
        String odd = "arn:aws:iam::111122223333:user/\"x";

        JsonNode policy = Json.TREES.readTree(KeyPolicies.consoleDefault("111122223333",
                List.of("arn:aws:iam::111122223333:user/admin"), List.of(odd)));

        assertThat(policy.get("Statement")).hasSize(4);
        assertThat(policy.at("/Statement/1/Principal/AWS/0").asText()).isEqualTo("arn:aws:iam::111122223333:user/admin");
        assertThat(policy.at("/Statement/2/Principal/AWS/0").asText()).isEqualTo(odd);
        assertThat(policy.at("/Statement/3/Principal/AWS/0").asText()).isEqualTo(odd);
    }

    @Test
    void anAwsManagedPolicy_allowsUseOnlyThroughItsServiceInItsRegion() throws Exception {
        JsonNode policy = Json.TREES.readTree(KeyPolicies.awsManaged("111122223333", "eu-west-2", "ebs", "ec2"));

        assertThat(policy.get("Id").asText()).isEqualTo("auto-ebs-2");
        assertThat(policy.at("/Statement/0/Condition/StringEquals/kms:ViaService").asText())
                .isEqualTo("ec2.eu-west-2.amazonaws.com");
        assertThat(policy.at("/Statement/0/Condition/StringEquals/kms:CallerAccount").asText())
                .isEqualTo("111122223333");
        assertThat(policy.at("/Statement/1/Principal/AWS").asText()).isEqualTo("arn:aws:iam::111122223333:root");
    }

    @Test
    void theAwsManagedPolicies_differByService_asCapturedFromAws() throws Exception {
        JsonNode s3 = Json.TREES.readTree(KeyPolicies.awsManaged("111122223333", "eu-west-2", "s3", "s3"));
        assertThat(s3.get("Id").asText()).isEqualTo("auto-s3-2");
        assertThat(s3.at("/Statement/0/Action").toString()).doesNotContain("kms:CreateGrant");
        assertThat(s3.at("/Statement/1/Action").toString()).doesNotContain("kms:RevokeGrant");
        JsonNode rds = Json.TREES.readTree(KeyPolicies.awsManaged("111122223333", "eu-west-2", "rds", "rds"));
        assertThat(rds.at("/Statement/0/Action").toString()).contains("kms:ListGrants");
        JsonNode ssm = Json.TREES.readTree(KeyPolicies.awsManaged("111122223333", "eu-west-2", "ssm", "ssm"));
        assertThat(ssm.get("Id").asText()).isEqualTo("auto-ssm-1");
        JsonNode redshift = Json.TREES.readTree(KeyPolicies.awsManaged("111122223333", "eu-west-2", "redshift",
                "redshift"));
        assertThat(redshift.get("Id").asText()).isEqualTo("auto-redshift-3");
        assertThat(redshift.at("/Statement/1/Condition/StringEquals/kms:ViaService").asText())
                .isEqualTo("redshift-serverless.eu-west-2.amazonaws.com");
        JsonNode secrets = Json.TREES.readTree(KeyPolicies.awsManaged("111122223333", "eu-west-2", "secretsmanager",
                "secretsmanager"));
        assertThat(secrets.at("/Statement/1/Condition/StringLike/kms:ViaService").asText())
                .isEqualTo("secretsmanager.*.amazonaws.com");
        assertThat(secrets.at("/Statement/1/Condition/StringEquals/kms:CallerAccount").asText())
                .isEqualTo("111122223333");
        JsonNode lambda = Json.TREES.readTree(KeyPolicies.awsManaged("111122223333", "eu-west-2", "lambda",
                "lambda"));
        assertThat(lambda.get("Id").asText()).isEqualTo("auto-lambda-2");
    }
}
