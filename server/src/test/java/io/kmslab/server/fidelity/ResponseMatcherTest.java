package io.kmslab.server.fidelity;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.kmslab.Json;
import org.junit.jupiter.api.Test;

/** The fidelity set's comparison of an answer with a case: what it accepts, and that it reports what differs. */
class ResponseMatcherTest {
    private static JsonNode json(String text) {
        try {
            return Json.TREES.readTree(text);
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static final JsonNode ANSWER = json("""
            {"KeyId":"arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab",
             "CiphertextBlob":"AAECAw==","KeyMaterialId":"%s","CreationDate":1.7724456E9,
             "Grants":[{"GrantId":"g1","Operations":["Decrypt"]}],"Truncated":false}
            """.formatted("ab".repeat(32)));

    @Test
    void typedMatchersAndExactValues_match_andOtherMembersMayBeThere() {
        assertThat(ResponseMatcher.differences(json("""
                {"KeyId":"<arn:key>","CiphertextBlob":"<base64:4>","KeyMaterialId":"<hex64>",
                 "CreationDate":"<epoch-seconds>","Grants":[{"Operations":["Decrypt"]}],"Truncated":false}
                """), ANSWER)).isEmpty();
        assertThat(ResponseMatcher.differences(json("{\"CreationDate\":1772445600}"), ANSWER)).isEmpty();
    }

    @Test
    void aMissingMember_aWrongValue_aFailedMatcher_andAListOfAnotherLength_areReported() {
        assertThat(ResponseMatcher.differences(json("{\"Plaintext\":\"<base64>\"}"), ANSWER))
                .containsExactly("Plaintext is missing; expected \"<base64>\"");
        assertThat(ResponseMatcher.differences(json("{\"Truncated\":true}"), ANSWER))
                .containsExactly("Truncated is false; expected true");
        assertThat(ResponseMatcher.differences(json("{\"CiphertextBlob\":\"<base64:32>\"}"), ANSWER)).hasSize(1);
        assertThat(ResponseMatcher.differences(json("{\"KeyId\":\"<key-id>\"}"), ANSWER)).hasSize(1);
        assertThat(ResponseMatcher.differences(json("{\"Grants\":[]}"), ANSWER)).hasSize(1);
    }

    @Test
    void aDottedPath_findsListElementsAndNestedMembers_orNothing() {
        assertThat(ResponseMatcher.at(ANSWER, "Grants.0.GrantId").asText()).isEqualTo("g1");
        assertThat(ResponseMatcher.at(ANSWER, "Grants.1.GrantId").isMissingNode()).isTrue();
        assertThat(ResponseMatcher.at(ANSWER, "NextMarker").isMissingNode()).isTrue();
    }
}
