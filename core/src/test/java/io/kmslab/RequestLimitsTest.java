package io.kmslab;

import static io.kmslab.KmsErrors.assertKmsError;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kmslab.api.CreateGrantRequest;
import io.kmslab.api.CreateKeyRequest;
import io.kmslab.api.DecryptRequest;
import io.kmslab.api.EncryptRequest;
import io.kmslab.api.GenerateDataKeyPairRequest;
import io.kmslab.api.GenerateDataKeyPairWithoutPlaintextRequest;
import io.kmslab.api.GenerateDataKeyRequest;
import io.kmslab.api.GenerateDataKeyWithoutPlaintextRequest;
import io.kmslab.api.KeyMetadata;
import io.kmslab.api.ListGrantsRequest;
import io.kmslab.api.ReEncryptRequest;
import io.kmslab.errors.Violations;
import io.kmslab.grants.GrantConstraints;
import io.kmslab.grants.GrantOperation;
import io.kmslab.iam.Iam;
import io.kmslab.keys.DataKeyPairSpec;
import io.kmslab.keys.DataKeySpec;
import io.kmslab.operations.KeyPolicyDocuments;
import io.kmslab.policy.PolicyDecision;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Request sizes limited as AWS limits them (issue #9): the encryption context of every operation that takes one, grant
 * constraints, key policies and IAM identity policies; and a request at those limits against the longest pattern a
 * key policy can hold gives the right answer.
 */
class RequestLimitsTest {
    private static final String TOO_LARGE = "1 validation error detected: Value at '%s' failed to satisfy constraint: "
            + "Member must have a serialized size less than or equal to 65535 bytes";

    private final KmsLab lab = TestLabs.lab();
    private final Kms kms = lab.kms("eu-west-2");
    private final KeyMetadata key = TestLabs.symmetricKey(kms);
    private final byte[] data = "d".getBytes(StandardCharsets.UTF_8);

    /** One pair, key "k", whose value makes the serialized context exactly {@code size} bytes (2 + 2 + 1 + 2 + n). */
    private static Map<String, String> contextOfSize(int size, char filler) {
        return Map.of("k", String.valueOf(filler).repeat(size - 7));
    }

    @Test
    void encryptionContext_atTheLimit_isAccepted_byEveryOperation() {
        Map<String, String> largest = contextOfSize(Violations.MAX_ENCRYPTION_CONTEXT_BYTES, 'a');
        assertThat(Violations.serializedSize(largest)).isEqualTo(65_535);

        byte[] blob = kms.encrypt(EncryptRequest.of(key.keyId(), data, largest)).ciphertextBlob();
        assertThat(kms.decrypt(DecryptRequest.of(blob, largest)).plaintext()).isEqualTo(data);
        byte[] again = kms.reEncrypt(ReEncryptRequest.builder().ciphertextBlob(blob).sourceEncryptionContext(largest)
                .destinationKeyId(key.keyId()).destinationEncryptionContext(largest).build()).ciphertextBlob();
        assertThat(kms.decrypt(DecryptRequest.of(again, largest)).plaintext()).isEqualTo(data);
        // one character less in the context is another context: the whole value is bound, not a truncated one
        Map<String, String> shorter = contextOfSize(Violations.MAX_ENCRYPTION_CONTEXT_BYTES - 1, 'a');
        assertKmsError(() -> kms.decrypt(DecryptRequest.of(blob, shorter)), "InvalidCiphertextException", "");
        assertThat(kms.generateDataKey(GenerateDataKeyRequest.builder().keyId(key.keyId())
                .keySpec(DataKeySpec.AES_256).encryptionContext(largest).build()).plaintext()).hasSize(32);
        assertThat(kms.whatIf("kms:Encrypt", key.keyId(), largest).allowed()).isTrue();
    }

    @Test
    void encryptionContext_oneByteOverTheLimit_isValidationException_onEveryOperation() {
        Map<String, String> tooLarge = contextOfSize(Violations.MAX_ENCRYPTION_CONTEXT_BYTES + 1, 'a');
        byte[] blob = kms.encrypt(EncryptRequest.of(key.keyId(), data)).ciphertextBlob();
        String member = "encryptionContext";

        assertKmsError(() -> kms.encrypt(EncryptRequest.of(key.keyId(), data, tooLarge)), "ValidationException",
                TOO_LARGE.formatted(member));
        assertKmsError(() -> kms.decrypt(DecryptRequest.of(blob, tooLarge)), "ValidationException",
                TOO_LARGE.formatted(member));
        assertKmsError(() -> kms.reEncrypt(ReEncryptRequest.builder().ciphertextBlob(blob)
                .sourceEncryptionContext(tooLarge).destinationKeyId(key.keyId()).build()), "ValidationException",
                TOO_LARGE.formatted("sourceEncryptionContext"));
        assertKmsError(() -> kms.reEncrypt(ReEncryptRequest.builder().ciphertextBlob(blob)
                .destinationKeyId(key.keyId()).destinationEncryptionContext(tooLarge).build()),
                "ValidationException", TOO_LARGE.formatted("destinationEncryptionContext"));
        assertKmsError(() -> kms.generateDataKey(GenerateDataKeyRequest.builder().keyId(key.keyId())
                .keySpec(DataKeySpec.AES_256).encryptionContext(tooLarge).build()), "ValidationException",
                TOO_LARGE.formatted(member));
        assertKmsError(() -> kms.generateDataKeyWithoutPlaintext(GenerateDataKeyWithoutPlaintextRequest.builder()
                .keyId(key.keyId()).keySpec(DataKeySpec.AES_256).encryptionContext(tooLarge).build()),
                "ValidationException", TOO_LARGE.formatted(member));
        assertKmsError(() -> kms.generateDataKeyPair(GenerateDataKeyPairRequest.builder().keyId(key.keyId())
                .keyPairSpec(DataKeyPairSpec.ECC_NIST_P256).encryptionContext(tooLarge).build()),
                "ValidationException", TOO_LARGE.formatted(member));
        assertKmsError(() -> kms.generateDataKeyPairWithoutPlaintext(GenerateDataKeyPairWithoutPlaintextRequest
                .builder().keyId(key.keyId()).keyPairSpec(DataKeyPairSpec.ECC_NIST_P256).encryptionContext(tooLarge)
                .build()), "ValidationException", TOO_LARGE.formatted(member));
        assertKmsError(() -> kms.whatIf("kms:Encrypt", key.keyId(), tooLarge), "ValidationException",
                TOO_LARGE.formatted(member));
        // the finding's request: a 300,000-character value is refused before any policy is evaluated
        assertKmsError(() -> kms.encrypt(EncryptRequest.of(key.keyId(), data, Map.of("k", "a".repeat(300_000)))),
                "ValidationException", TOO_LARGE.formatted(member));
    }

    @Test
    void encryptionContext_isMeasuredInUtf8Bytes_andOverAllItsPairs() {
        // 'é' is two bytes in UTF-8: 32,764 of them make 65,528 bytes, the value that fills the context exactly
        Map<String, String> accented = Map.of("k", "é".repeat(32_764));
        assertThat(Violations.serializedSize(accented)).isEqualTo(65_535);
        assertThat(kms.encrypt(EncryptRequest.of(key.keyId(), data, accented)).keyId()).isEqualTo(key.arn());
        assertKmsError(() -> kms.encrypt(EncryptRequest.of(key.keyId(), data, Map.of("k", "é".repeat(32_765)))),
                "ValidationException", TOO_LARGE.formatted("encryptionContext"));

        // many small pairs add up: 2 + 6,554 x (2 + 5 + 2 + 1) = 65,542 bytes
        Map<String, String> many = new HashMap<>();
        for (int i = 0; i < 6_554; i++) {
            many.put("k%04d".formatted(i), "v");
        }
        assertThat(Violations.serializedSize(many)).isGreaterThan(65_535);
        assertKmsError(() -> kms.encrypt(EncryptRequest.of(key.keyId(), data, many)), "ValidationException",
                TOO_LARGE.formatted("encryptionContext"));
    }

    @Test
    void grantConstraints_overEightPairsOrAValueOver384Characters_areRefused_andNoGrantIsMade() {
        Caller bob = lab.iam().createUser("bob");
        Map<String, String> nine = new HashMap<>();
        for (int i = 0; i < 9; i++) {
            nine.put("k" + i, "v");
        }
        assertKmsError(() -> kms.createGrant(CreateGrantRequest.builder().keyId(key.keyId()).granteePrincipal(
                bob.arn()).operations(List.of(GrantOperation.Decrypt)).constraints(GrantConstraints.subset(nine))
                .build()), "ValidationException", "1 validation error detected: Value at "
                        + "'constraints.encryptionContextSubset' failed to satisfy constraint: Member must have "
                        + "length less than or equal to 8");
        assertKmsError(() -> kms.createGrant(CreateGrantRequest.builder().keyId(key.keyId()).granteePrincipal(
                bob.arn()).operations(List.of(GrantOperation.Decrypt))
                .constraints(GrantConstraints.equalTo(Map.of("k", "v".repeat(385)))).build()),
                "ValidationException", "1 validation error detected: Value at "
                        + "'constraints.encryptionContextEquals' failed to satisfy constraint: Map value must have "
                        + "length less than or equal to 384");
        assertThat(kms.listGrants(ListGrantsRequest.of(key.keyId())).grants()).isEmpty();

        nine.remove("k8");
        kms.createGrant(CreateGrantRequest.builder().keyId(key.keyId()).granteePrincipal(bob.arn())
                .operations(List.of(GrantOperation.Decrypt)).constraints(GrantConstraints.subset(nine)).build());
        kms.createGrant(CreateGrantRequest.builder().keyId(key.keyId()).granteePrincipal(bob.arn())
                .operations(List.of(GrantOperation.Decrypt))
                .constraints(GrantConstraints.equalTo(Map.of("k", "v".repeat(384)))).build());
        assertThat(kms.listGrants(ListGrantsRequest.of(key.keyId())).grants()).hasSize(2);
    }

    @Test
    void identityPolicies_overIamsInlineQuota_areRefused_whiteSpaceNotCounted_andTheOldPolicyStays() {
        Iam iam = lab.iam();
        iam.createUser("carol");
        iam.createRole("auditor");
        String small = policyOfSize(1_000);
        iam.putUserPolicy("carol", "First", small);
        // white space does not count: a 1,000-character policy spread over 3,000 characters fits beside it
        iam.putUserPolicy("carol", "Second", small.replace(",", ",   ").replace(":", ":   ") + " ".repeat(3_000));
        assertThatThrownBy(() -> iam.putUserPolicy("carol", "Third", policyOfSize(120)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Maximum policy size of 2048 bytes exceeded for user carol");
        assertThat(iam.policiesOf("arn:aws:iam::111122223333:user/carol")).hasSize(2);
        // replacing a policy counts the new text instead of the old one
        iam.putUserPolicy("carol", "Second", policyOfSize(1_048));
        assertThatThrownBy(() -> iam.putUserPolicy("carol", "Second", policyOfSize(1_049)))
                .hasMessage("Maximum policy size of 2048 bytes exceeded for user carol");
        assertThat(iam.policiesOf("arn:aws:iam::111122223333:user/carol").get(1).document().text())
                .isEqualTo(policyOfSize(1_048));

        iam.putRolePolicy("auditor", "Big", policyOfSize(10_240));
        assertThatThrownBy(() -> iam.putRolePolicy("auditor", "More", policyOfSize(120)))
                .hasMessage("Maximum policy size of 10240 bytes exceeded for role auditor");
    }

    /** An identity policy of exactly {@code size} characters, none of them white space. */
    private static String policyOfSize(int size) {
        String head = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"";
        String tail = "\",\"Effect\":\"Allow\",\"Action\":\"kms:DescribeKey\",\"Resource\":\"*\"}]}";
        return head + "S".repeat(size - head.length() - tail.length()) + tail;
    }

    /**
     * The finding's shape at the limits (issue #9): the largest encryption context KMS Lab takes, against the longest
     * StringLike pattern a 32 KB key policy can hold, gives the policy's answer. (How long it takes is measured in
     * benchmarks/, PolicyPatternBenchmark, not here.)
     */
    @Test
    void largestContext_againstTheLongestPatternA32KbPolicyHolds_isDecidedByThePolicy() {
        Caller bob = lab.iam().createUser("bob");
        Kms asBob = lab.kms(bob, "eu-west-2");
        String value = "a".repeat(Violations.MAX_ENCRYPTION_CONTEXT_BYTES - 7);
        for (String unit : List.of("a", "a?")) {
            String policy = policyWithLongestPattern(bob, unit);
            assertThat(policy.getBytes(StandardCharsets.UTF_8)).hasSize(KeyPolicyDocuments.MAX_KEY_POLICY_BYTES);
            KeyMetadata guarded = kms.createKey(CreateKeyRequest.builder().policy(policy).build()).keyMetadata();

            assertKmsError(() -> asBob.encrypt(EncryptRequest.of(guarded.keyId(), data, Map.of("k", value))),
                    "AccessDeniedException", "User: " + bob.arn() + " is not authorized to perform: kms:Encrypt "
                            + "on resource: " + guarded.arn()
                            + " because no identity-based policy allows the kms:Encrypt action");
            String matching = value.substring(1) + "b";
            assertThat(asBob.encrypt(EncryptRequest.of(guarded.keyId(), data, Map.of("k", matching))).keyId())
                    .isEqualTo(guarded.arn());
            PolicyDecision decision = asBob.whatIf("kms:Encrypt", guarded.keyId(), Map.of("k", value));
            assertThat(decision.allowed()).isFalse();
        }
    }

    /**
     * A key policy of exactly 32,768 bytes: the account may do anything, and bob may Encrypt only when the context
     * value "k" is like {@code *<unit repeated>b*}, the pattern as long as the policy leaves room for.
     */
    private static String policyWithLongestPattern(Caller bob, String unit) {
        String template = "{\"Version\":\"2012-10-17\",\"Statement\":["
                + "{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"arn:aws:iam::111122223333:root\"},"
                + "\"Action\":\"kms:*\",\"Resource\":\"*\"},"
                + "{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"" + bob.arn() + "\"},\"Action\":\"kms:Encrypt\","
                + "\"Resource\":\"*\",\"Condition\":{\"StringLike\":{\"kms:EncryptionContext:k\":\"*%sb*\"}}}]}";
        int room = KeyPolicyDocuments.MAX_KEY_POLICY_BYTES - (template.length() - 2);
        String body = unit.repeat(room / unit.length()) + "a".repeat(room % unit.length());
        return template.formatted(body);
    }
}
