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
}
