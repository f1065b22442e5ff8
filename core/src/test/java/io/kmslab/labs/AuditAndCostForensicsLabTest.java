package io.kmslab.labs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.kmslab.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Predicate;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Lab 12 answered the way a learner answers it: from {@code audit.jsonl} and the brief's table alone, with nothing
 * from the lab's insides. The answers found must pass the checker, which computes its own from another play of the
 * month (its audit trail, request meter and bill): so the questions can be answered from the evidence, and the month
 * is the same each time it is played.
 */
class AuditAndCostForensicsLabTest {
    private static final String PAYMENTS = "111122223333";
    private static final Instant MARCH = Instant.parse("2026-03-01T00:00:00Z");
    private static final Instant APRIL = Instant.parse("2026-04-01T00:00:00Z");

    private static final AuditAndCostForensicsLab LAB = new AuditAndCostForensicsLab();
    private static List<JsonNode> trail;
    private static Map<Integer, String> found;

    @BeforeAll
    static void answerFromTheTrail() {
        trail = LAB.startingFiles().get(AuditAndCostForensicsLab.TRAIL).lines().map(line -> {
            try {
                return Json.TREES.readTree(line);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }).toList();
        found = new HashMap<>();
        List<JsonNode> own = select(e -> PAYMENTS.equals(text(e, "recipientAccountId")));
        String payments = aliasTarget("alias/payments");

        found.put(1, String.join(",", new TreeSet<>(own.stream().filter(e -> "Decrypt".equals(text(e, "eventName"))
                && !e.has("errorCode") && payments.equals(e.path("resources").path(0).path("ARN").asText())
                && text(e, "eventTime").compareTo("2026-03-14T02:00:00Z") >= 0
                && text(e, "eventTime").compareTo("2026-03-14T03:00:00Z") < 0)
                .map(e -> e.path("userIdentity").path("arn").asText()).toList())));
        found.put(2, String.valueOf(own.stream().filter(e -> "GenerateDataKey".equals(text(e, "eventName"))
                && !e.has("errorCode") && "s3.amazonaws.com".equals(e.path("userIdentity").path("invokedBy").asText()))
                .count()));
        found.put(3, String.join(",", new TreeSet<>(trail.stream().filter(e -> e.has("errorCode")
                && !e.path("resources").path(0).path("accountId").asText()
                        .equals(e.path("userIdentity").path("accountId").asText()))
                .map(e -> e.path("userIdentity").path("accountId").asText()).toList())));
        List<JsonNode> billed = own.stream().filter(e -> "AwsApiCall".equals(text(e, "eventType"))
                && !e.has("errorCode") && PAYMENTS.equals(e.path("userIdentity").path("accountId").asText())).toList();
        found.put(4, String.valueOf(billed.size()));
        found.put(5, bill(own, billed).setScale(2, RoundingMode.HALF_UP).toPlainString());
        String brief = LAB.brief();
        // the brief's table: | `acme-events` | ... | uploads | downloads |
        String row = brief.lines().filter(l -> l.startsWith("| `acme-events`")).findFirst().orElseThrow();
        String[] cells = row.split("\\|");
        long withoutBucketKey = Long.parseLong(cells[3].strip()) + Long.parseLong(cells[4].strip());
        long made = own.stream().filter(e -> !e.has("errorCode") && "arn:aws:s3:::acme-events".equals(
                e.path("requestParameters").path("encryptionContext").path("aws:s3:arn").asText())).count();
        found.put(6, String.valueOf(withoutBucketKey - made));
    }

    @Test
    void answersFoundInTheTrailAlone_passTheChecker() {
        Verdict verdict = LAB.check(answers(found));
        assertThat(verdict.passed()).as(verdict.render() + "\nanswers found: " + found).isTrue();
    }

    @Test
    void theWindowHoldsOneDecryptionByOnePrincipal_andOneAccountWasRefusedAcrossAccounts() {
        assertThat(found.get(1)).doesNotContain(",").startsWith("arn:aws:iam::111122223333:user/");
        assertThat(found.get(3)).matches("\\d{12}").isNotEqualTo(PAYMENTS);
    }

    @Test
    void aDollarAnswer_isAcceptedWithinACent_inTheFormsPeopleWriteIt() {
        BigDecimal right = new BigDecimal(found.get(5));
        Map<Integer, String> answers = new HashMap<>(found);
        answers.put(5, "$" + found.get(5));
        answers.put(2, String.format("%,d", Long.parseLong(found.get(2))));
        assertThat(LAB.check(answers(answers)).passed()).isTrue();
        answers.put(5, right.add(new BigDecimal("0.05")).toPlainString());
        Verdict fiveCentsOff = LAB.check(answers(answers));
        assertThat(fiveCentsOff.failures()).extracting(Requirement::name)
                .containsExactly("5. The payments account's KMS bill for March");
        assertThat(fiveCentsOff.failures().get(0).explanation()).doesNotContain(right.toPlainString());
    }

    @Test
    void aWrongCount_isExplainedWithoutGivingTheRightNumber() {
        Map<Integer, String> answers = new HashMap<>(found);
        answers.put(4, String.valueOf(Long.parseLong(found.get(4)) + 7));
        Verdict verdict = LAB.check(answers(answers));
        assertThat(verdict.failures()).hasSize(1);
        assertThat(verdict.failures().get(0).explanation()).contains("errorCode", "userIdentity.accountId")
                .doesNotContain(found.get(4));
    }

    @Test
    void answersWithoutTheirFile_failEveryQuestion_sayingTheFileIsMissing() {
        Verdict verdict = LAB.check(LabAnswer.of(Map.of()));
        assertThat(verdict.requirements()).hasSize(6).allSatisfy(r -> {
            assertThat(r.met()).isFalse();
            assertThat(r.explanation()).contains("answers.txt is missing");
        });
    }

    // ------------------------------------------------------------------------------------------ as a learner would

    private static LabAnswer answers(Map<Integer, String> answers) {
        StringBuilder s = new StringBuilder("# found in audit.jsonl\n");
        answers.forEach((n, v) -> s.append(n).append(": ").append(v).append('\n'));
        return LabAnswer.of(Map.of(AuditAndCostForensicsLab.ANSWERS, s.toString()));
    }

    /**
     * The bill from the trail: each customer managed key $1 a month for the seconds it existed before its
     * ScheduleKeyDeletion, $1 a month more after each of its first two rotations; requests after the free tier,
     * $0.03 per 10,000 symmetric, $0.15 per 10,000 on an ECC key.
     */
    private static BigDecimal bill(List<JsonNode> own, List<JsonNode> billed) {
        BigDecimal month = BigDecimal.valueOf(Duration.between(MARCH, APRIL).getSeconds());
        Map<String, String> specs = new HashMap<>();
        BigDecimal total = BigDecimal.ZERO;
        for (JsonNode created : own.stream().filter(e -> "CreateKey".equals(text(e, "eventName"))
                && !e.has("errorCode")).toList()) {
            String key = created.path("resources").path(0).path("ARN").asText();
            specs.put(key, created.path("requestParameters").path("keySpec").asText("SYMMETRIC_DEFAULT"));
            Instant from = Instant.parse(text(created, "eventTime"));
            Instant until = own.stream().filter(e -> "ScheduleKeyDeletion".equals(text(e, "eventName"))
                    && !e.has("errorCode") && key.equals(e.path("resources").path(0).path("ARN").asText()))
                    .map(e -> Instant.parse(text(e, "eventTime"))).findFirst().orElse(APRIL);
            total = total.add(BigDecimal.valueOf(Duration.between(from, until).getSeconds()));
            List<Instant> rotations = new ArrayList<>(own.stream().filter(e -> "RotateKeyOnDemand".equals(
                    text(e, "eventName")) && !e.has("errorCode")
                    && key.equals(e.path("resources").path(0).path("ARN").asText()))
                    .map(e -> Instant.parse(text(e, "eventTime"))).sorted().toList());
            for (Instant rotation : rotations.subList(0, Math.min(2, rotations.size()))) {
                total = total.add(BigDecimal.valueOf(Duration.between(rotation, until).getSeconds()));
            }
        }
        BigDecimal keyFees = total.divide(month, MathContext.DECIMAL64);
        long ecc = billed.stream().filter(e -> specs.getOrDefault(e.path("resources").path(0).path("ARN").asText(),
                "SYMMETRIC_DEFAULT").startsWith("ECC")).count();
        long symmetric = billed.size() - ecc;
        BigDecimal requests = BigDecimal.valueOf(Math.max(0, symmetric - 20_000)).multiply(new BigDecimal("0.000003"))
                .add(BigDecimal.valueOf(ecc).multiply(new BigDecimal("0.000015")));
        return keyFees.add(requests);
    }

    private static String aliasTarget(String alias) {
        return trail.stream().filter(e -> "CreateAlias".equals(text(e, "eventName"))
                && alias.equals(e.path("requestParameters").path("aliasName").asText()))
                .map(e -> e.path("requestParameters").path("targetKeyId").asText()).findFirst().orElseThrow();
    }

    private static List<JsonNode> select(Predicate<JsonNode> which) {
        return trail.stream().filter(which).toList();
    }

    private static String text(JsonNode e, String field) {
        return e.path(field).asText();
    }
}
