package io.kmslab.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kmslab.errors.MalformedPolicyDocumentException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PolicyLanguageTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "not JSON | {\"Statement\": [ | the policy is not valid JSON",
        "an array | [] | the policy must be a JSON object",
        "no statement | {\"Version\": \"2012-10-17\"} | the policy has no Statement",
        "bad version | {\"Version\": \"2020-01-01\", \"Statement\": []} | Version must be",
        "unknown element | {\"Statement\": [], \"Extra\": 1} | unknown policy element \"Extra\"",
        "no effect | {\"Statement\": {\"Principal\": \"*\", \"Action\": \"kms:*\", \"Resource\": \"*\"}} | statement 1 has no Effect",
        "bad effect | {\"Statement\": {\"Effect\": \"Maybe\", \"Principal\": \"*\", \"Action\": \"kms:*\", \"Resource\": \"*\"}} | Effect must be \"Allow\" or \"Deny\"",
        "no principal | {\"Statement\": {\"Effect\": \"Allow\", \"Action\": \"kms:*\", \"Resource\": \"*\"}} | exactly one of Principal and NotPrincipal",
        "action and notaction | {\"Statement\": {\"Effect\": \"Allow\", \"Principal\": \"*\", \"Action\": \"kms:*\", \"NotAction\": \"kms:Encrypt\", \"Resource\": \"*\"}} | exactly one of Action and NotAction",
        "bad action | {\"Statement\": {\"Effect\": \"Allow\", \"Principal\": \"*\", \"Action\": \"Encrypt\", \"Resource\": \"*\"}} | must be \"*\" or service:Action",
        "no resource | {\"Statement\": {\"Effect\": \"Allow\", \"Principal\": \"*\", \"Action\": \"kms:*\"}} | has no Resource",
        "unknown operator | {\"Statement\": {\"Effect\": \"Allow\", \"Principal\": \"*\", \"Action\": \"kms:*\", \"Resource\": \"*\", \"Condition\": {\"StringMaybe\": {\"kms:ViaService\": \"x\"}}}} | unknown condition operator \"StringMaybe\"",
        "bad number | {\"Statement\": {\"Effect\": \"Allow\", \"Principal\": \"*\", \"Action\": \"kms:*\", \"Resource\": \"*\", \"Condition\": {\"NumericLessThan\": {\"kms:ScheduleKeyDeletionPendingWindowInDays\": \"ten\"}}}} | 'ten' is not a number",
        "bad cidr | {\"Statement\": {\"Effect\": \"Deny\", \"Principal\": \"*\", \"Action\": \"kms:*\", \"Resource\": \"*\", \"Condition\": {\"IpAddress\": {\"aws:SourceIp\": \"example.com\"}}}} | is not an IP address",
        "duplicate key | {\"Statement\": [], \"Statement\": []} | not valid JSON",
        "federated | {\"Statement\": {\"Effect\": \"Allow\", \"Principal\": {\"Federated\": \"x\"}, \"Action\": \"kms:*\", \"Resource\": \"*\"}} | Principal Federated is not valid in a key policy"})
    void malformedKeyPolicies_areRefusedWithAReason(String name, String json, String reason) {
        assertThatThrownBy(() -> PolicyDocument.parse(json, PolicyKind.KEY_POLICY))
                .isInstanceOf(MalformedPolicyDocumentException.class)
                .hasMessageStartingWith("The policy is malformed: ").hasMessageContaining(reason);
    }

    @Test
    void identityPolicies_haveNoPrincipal() {
        assertThatThrownBy(() -> PolicyDocument.parse("{\"Statement\": {\"Effect\": \"Allow\", \"Principal\": \"*\", "
                + "\"Action\": \"kms:*\", \"Resource\": \"*\"}}", PolicyKind.IDENTITY_POLICY))
                .hasMessageContaining("an identity-based policy cannot have a Principal");
    }

    @Test
    void aStatementObject_orAnArrayOfThem_parse() {
        PolicyDocument single = PolicyDocument.parse("{\"Statement\": {\"Sid\": \"One\", \"Effect\": \"Deny\", "
                + "\"Principal\": {\"AWS\": [\"111122223333\", \"arn:aws:iam::444455556666:root\"]}, "
                + "\"NotAction\": \"kms:Describe*\", \"Resource\": \"*\"}}", PolicyKind.KEY_POLICY);
        Statement statement = single.statements().get(0);
        assertThat(statement.effect()).isEqualTo(Effect.Deny);
        assertThat(statement.notAction()).isTrue();
        assertThat(statement.principal().aws()).containsExactly("111122223333", "arn:aws:iam::444455556666:root");
        assertThat(statement.label()).isEqualTo("\"One\"");
    }

    @ParameterizedTest(name = "{0} {1} vs {2}: {3}")
    @CsvSource({
        "StringEquals, finance, finance, true", "StringEquals, Finance, finance, false",
        "StringNotEquals, hr, finance, true", "StringEqualsIgnoreCase, FINANCE, finance, true",
        "StringLike, alias/finance-app, alias/finance-*, true", "StringLike, alias/hr-app, alias/finance-*, false",
        "StringLike, abc, a?c, true", "StringNotLike, abc, x*, true",
        "ArnLike, arn:aws:iam::111122223333:user/alice, arn:aws:iam::*:user/*, true",
        "ArnLike, arn:aws:iam::111122223333:role/alice, arn:aws:iam::*:user/*, false",
        "NumericLessThan, 7, 10, true", "NumericLessThan, 10, 10, false", "NumericLessThanEquals, 10, 10, true",
        "NumericGreaterThan, 30, 7, true", "NumericEquals, x, 7, false",
        "DateLessThan, 2026-01-20T09:00:00Z, 2026-06-01T00:00:00Z, true",
        "DateGreaterThanEquals, 2026-01-20T09:00:00Z, 1768899600, true",
        "Bool, true, TRUE, true", "Bool, false, true, false",
        "IpAddress, 10.1.2.3, 10.0.0.0/8, true", "IpAddress, 11.1.2.3, 10.0.0.0/8, false",
        "IpAddress, 2001:db8::1, 2001:db8::/32, true", "IpAddress, 10.1.2.3, 2001:db8::/32, false",
        "NotIpAddress, 192.0.2.1, 10.0.0.0/8, true"})
    void operators_compareOneValue(String operator, String requestValue, String policyValue, boolean expected) {
        Condition condition = new Condition(operator, Operator.named(operator).orElseThrow(),
                Condition.SetQualifier.NONE, false, "k", List.of(policyValue));
        assertThat(StatementMatcher.satisfied(condition, List.of(requestValue))).isEqualTo(expected);
    }

    @Test
    void absentKeys_failPositiveOperators_andMeetNegatedOnes_unlessIfExists() {
        assertThat(satisfied("StringEquals", Condition.SetQualifier.NONE, false, List.of())).isFalse();
        assertThat(satisfied("StringNotEquals", Condition.SetQualifier.NONE, false, List.of())).isTrue();
        assertThat(satisfied("StringEquals", Condition.SetQualifier.NONE, true, List.of())).isTrue();
        assertThat(satisfied("StringEquals", Condition.SetQualifier.FOR_ALL_VALUES, false, List.of())).isTrue();
        assertThat(satisfied("StringEquals", Condition.SetQualifier.FOR_ANY_VALUE, false, List.of())).isFalse();
    }

    @Test
    void setQualifiers_onMultivaluedKeys() {
        assertThat(satisfied("StringEquals", Condition.SetQualifier.FOR_ALL_VALUES, false, List.of("a", "b")))
                .isTrue();
        assertThat(satisfied("StringEquals", Condition.SetQualifier.FOR_ALL_VALUES, false, List.of("a", "z")))
                .isFalse();
        assertThat(satisfied("StringEquals", Condition.SetQualifier.FOR_ANY_VALUE, false, List.of("z", "b")))
                .isTrue();
        assertThat(satisfied("StringEquals", Condition.SetQualifier.FOR_ANY_VALUE, false, List.of("y", "z")))
                .isFalse();
    }

    @Test
    void nullOperator_testsPresence() {
        Condition present = new Condition("Null", Operator.Null, Condition.SetQualifier.NONE, false, "k",
                List.of("false"));
        assertThat(StatementMatcher.satisfied(present, List.of("x"))).isTrue();
        assertThat(StatementMatcher.satisfied(present, List.of())).isFalse();
    }

    @Test
    void conditionKeys_areCaseInsensitive_valuesAreNot() {
        RequestContext request = new RequestContext("arn:aws:iam::111122223333:user/a",
                "arn:aws:iam::111122223333:user/a", "111122223333", false, "kms:Encrypt", "arn:aws:kms:x", "111122223333",
                Map.of("kms:EncryptionContext:Department", List.of("Finance")));
        assertThat(request.values("KMS:encryptioncontext:department")).containsExactly("Finance");
    }

    private static boolean satisfied(String operator, Condition.SetQualifier qualifier, boolean ifExists,
            List<String> values) {
        Condition condition = new Condition(operator, Operator.named(operator).orElseThrow(), qualifier, ifExists,
                "k", List.of("a", "b"));
        return StatementMatcher.satisfied(condition, values);
    }
}
