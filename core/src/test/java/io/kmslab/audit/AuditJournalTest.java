package io.kmslab.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.kmslab.Kms;
import io.kmslab.KmsLab;
import io.kmslab.api.CreateAliasRequest;
import io.kmslab.api.CreateKeyRequest;
import io.kmslab.api.DescribeKeyRequest;
import io.kmslab.api.EncryptRequest;
import io.kmslab.errors.KmsInternalException;
import io.kmslab.errors.ValidationException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The audit journal takes any Java String, and one request cannot make it fail for the requests after it. */
class AuditJournalTest {
    private static final Instant START = Instant.parse("2026-01-20T09:00:00Z");
    private static final String LONE = "\udc00";

    @TempDir
    Path dir;

    private KmsLab labWithJournal(Path journal) throws Exception {
        if (!Files.exists(journal)) {
            Files.createFile(journal);
        }
        return KmsLab.builder().startingAt(START).seed(9).auditJournal(journal).build();
    }

    @Test
    void loneSurrogateInARequest_isRefusedAsInvalid_andTheCallsAfterItWork() throws Exception {
        Path journal = dir.resolve("audit.jsonl");
        KmsLab lab = labWithJournal(journal);
        Kms kms = lab.kms("eu-west-2");
        String keyId = kms.createKey(CreateKeyRequest.builder().description("reports").build()).keyMetadata()
                .keyId();
        byte[] data = "figures".getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> kms.encrypt(EncryptRequest.of(keyId, data, Map.of("department", "fin" + LONE))))
                .isInstanceOf(ValidationException.class).hasMessageContaining("'encryptionContext'");
        assertThatThrownBy(() -> kms.createAlias(CreateAliasRequest.of("alias/x" + LONE, keyId)))
                .isInstanceOf(ValidationException.class).hasMessageContaining("'aliasName'");
        kms.createAlias(CreateAliasRequest.of("alias/reports", keyId));
        assertThat(kms.describeKey(DescribeKeyRequest.of("alias/reports")).keyMetadata().keyId()).isEqualTo(keyId);

        List<String> lines = Files.readAllLines(journal, StandardCharsets.US_ASCII);
        assertThat(lines).hasSize(5);
        ObjectMapper json = new ObjectMapper();
        for (String line : lines) {
            assertThat(json.readTree(line).get("eventName").asText()).isNotEmpty();
        }
        List<AuditEvent> events = lab.auditTrail().query(AuditQuery.account("111122223333"));
        assertThat(events).extracting(AuditEvent::eventName)
                .containsExactly("CreateKey", "Encrypt", "CreateAlias", "CreateAlias", "DescribeKey");
        assertThat(events).extracting(AuditEvent::errorCode)
                .containsExactly(null, "ValidationException", "ValidationException", null, null);
        // the refused calls are in the journal as the caller sent them, lone surrogate and all
        assertThat(events.get(1).requestParameters().get("encryptionContext"))
                .isEqualTo(Map.of("department", "fin" + LONE));
        try (AuditTrail reread = new AuditTrail(100, journal)) {
            // what was kept in memory (requests and responses as records) and what the journal gives back: the same
            assertThat(reread.query(AuditQuery.account("111122223333"))).extracting(AuditTrail::toJson)
                    .isEqualTo(events.stream().map(AuditTrail::toJson).toList());
        }
        // nothing was changed by the refused calls
        assertThat(lab.aliases()).extracting(a -> a.aliasName()).containsExactly("alias/reports");
    }

    @Test
    void aStringWithALoneSurrogate_recordedDirectly_roundTripsThroughTheJournal() throws Exception {
        Path journal = dir.resolve("audit.jsonl");
        Files.createFile(journal);
        List<AuditEvent> recorded = List.of(event("a" + LONE + "b", "\ud800key", "ok"), event("fine", "k", "v"),
                event("\udbff", "\ud83d\ude00", "é"));
        try (AuditTrail trail = new AuditTrail(100, journal)) {
            recorded.forEach(trail::record);
            assertThat(trail.query(AuditQuery.account("111122223333"))).isEqualTo(recorded);
        }
        byte[] bytes = Files.readAllBytes(journal);
        for (byte b : bytes) {
            assertThat(b & 0xff).as("every byte of the journal is ASCII").isLessThan(0x80);
        }
        try (AuditTrail reread = new AuditTrail(1, journal)) {
            assertThat(reread.query(AuditQuery.account("111122223333"))).isEqualTo(recorded);
        }
    }

    @Test
    void theSpillFile_takesLoneSurrogatesToo() {
        try (AuditTrail trail = new AuditTrail(2)) {
            List<AuditEvent> recorded = new java.util.ArrayList<>();
            for (int i = 0; i < 20; i++) {
                AuditEvent event = event("value " + i + LONE, LONE + i, "\ud800");
                recorded.add(event);
                trail.record(event);
            }
            assertThat(trail.inMemory()).isLessThanOrEqualTo(2);
            assertThat(trail.query(AuditQuery.account("111122223333"))).isEqualTo(recorded);
        }
    }

    @Test
    void aJournalThatCannotBeWritten_failsClosed_andTheLabCarriesOnOnceItCanBeWrittenAgain() throws Exception {
        Path file = dir.resolve("audit.jsonl");
        Files.createFile(file);
        Path journal = dir.resolve("journal-link.jsonl");
        Files.createSymbolicLink(journal, file);
        KmsLab lab = labWithJournal(journal);
        Kms kms = lab.kms("eu-west-2");
        // the disk is full: the journal's path leads to /dev/full, where every write fails (ENOSPC), even for root
        Files.delete(journal);
        Files.createSymbolicLink(journal, Path.of("/dev/full"));

        // the call whose event cannot be written has happened: its effect stands, its event is kept in memory
        String keyId = kms.createKey(CreateKeyRequest.builder().description("kept").build()).keyMetadata().keyId();
        assertThat(lab.auditTrail().failure()).hasValueSatisfying(e -> assertThat(e.getMessage())
                .contains("cannot write the audit journal " + journal).contains("No space left on device"));
        assertThat(lab.auditTrail().size()).isEqualTo(1);

        // from then on every call, and the clock, is refused before it changes anything
        int keys = lab.keyLedger().size();
        Instant now = lab.clock().instant();
        assertThatThrownBy(() -> kms.createKey(CreateKeyRequest.builder().build()))
                .isInstanceOf(KmsInternalException.class).hasMessageContaining("cannot write its audit trail")
                .satisfies(e -> assertThat(((KmsInternalException) e).httpStatus()).isEqualTo(500));
        assertThatThrownBy(() -> kms.createAlias(CreateAliasRequest.of("alias/refused", keyId)))
                .isInstanceOf(KmsInternalException.class);
        assertThatThrownBy(() -> kms.encrypt(EncryptRequest.of(keyId, new byte[] {1}, Map.of("k", LONE))))
                .isInstanceOf(KmsInternalException.class);
        assertThatThrownBy(() -> lab.advance(java.time.Duration.ofDays(400)))
                .isInstanceOf(KmsInternalException.class);
        assertThat(lab.keyLedger()).hasSize(keys);
        assertThat(lab.aliases()).isEmpty();
        assertThat(lab.clock().instant()).isEqualTo(now);
        assertThat(lab.auditTrail().size()).isEqualTo(1);
        assertThat(lab.auditTrail().failure()).isPresent();

        // room again; a write that failed halfway had left part of a line behind: it is cut off before the next line
        Files.delete(journal);
        Files.createSymbolicLink(journal, file);
        Files.writeString(file, "{\"eventVersion\":\"1.0", java.nio.file.StandardOpenOption.APPEND);
        assertThat(kms.describeKey(DescribeKeyRequest.of(keyId)).keyMetadata().description()).isEqualTo("kept");
        assertThat(lab.auditTrail().failure()).isEmpty();
        lab.advance(java.time.Duration.ofDays(1));

        List<String> lines = Files.readAllLines(file, StandardCharsets.US_ASCII);
        ObjectMapper json = new ObjectMapper();
        assertThat(lines).hasSize(2);
        assertThat(json.readTree(lines.get(0)).get("eventName").asText()).isEqualTo("CreateKey");
        assertThat(json.readTree(lines.get(1)).get("eventName").asText()).isEqualTo("DescribeKey");
        try (AuditTrail reread = new AuditTrail(100, file)) {
            assertThat(reread.query(AuditQuery.account("111122223333"))).extracting(AuditTrail::toJson)
                    .isEqualTo(lab.auditTrail().query(AuditQuery.account("111122223333")).stream()
                            .map(AuditTrail::toJson).toList());
        }
    }

    @Test
    void aSpillFileThatCannotBeWritten_keepsTheEventsInMemory_untilItCanBeWrittenAgain() throws Exception {
        Path file = dir.resolve("spill.jsonl");
        Files.createFile(file);
        Path spill = dir.resolve("spill-link.jsonl");
        Files.createSymbolicLink(spill, Path.of("/dev/full"));
        AuditQuery all = AuditQuery.account("111122223333");
        try (AuditTrail trail = AuditTrail.spillingTo(4, spill)) {
            List<AuditEvent> recorded = new java.util.ArrayList<>();
            for (int i = 0; i < 10; i++) {
                recorded.add(event("alias/" + i + LONE, "k", "v" + i));
                trail.record(recorded.get(i));
            }
            assertThat(trail.query(all)).as("nothing lost, in order").isEqualTo(recorded);
            assertThat(trail.failure()).hasValueSatisfying(e -> assertThat(e.getMessage())
                    .contains("cannot write the audit spill file " + spill));
            assertThat(trail.inMemory()).isEqualTo(10);
            assertThat(trail.recover()).isFalse();

            Files.delete(spill);
            Files.createSymbolicLink(spill, file);
            assertThat(trail.recover()).isTrue();
            assertThat(trail.failure()).isEmpty();
            assertThat(trail.inMemory()).isLessThanOrEqualTo(4);
            for (int i = 10; i < 20; i++) {
                recorded.add(event("alias/" + i, "k" + LONE, "v" + i));
                trail.record(recorded.get(i));
            }
            assertThat(trail.query(all)).isEqualTo(recorded);
            List<String> lines = Files.readAllLines(file, StandardCharsets.US_ASCII);
            assertThat((long) lines.size()).isEqualTo(trail.size() - trail.inMemory());
            ObjectMapper json = new ObjectMapper();
            for (int i = 0; i < lines.size(); i++) {
                assertThat(json.readTree(lines.get(i)).get("requestParameters").get("aliasName").asText())
                        .isEqualTo(recorded.get(i).requestParameters().get("aliasName"));
            }
        }
    }

    /** An event whose alias name, encryption context key and value are the given strings. */
    static AuditEvent event(String aliasName, String contextKey, String contextValue) {
        Map<String, Object> parameters = new java.util.LinkedHashMap<>();
        parameters.put("aliasName", aliasName);
        parameters.put("encryptionContext", Map.of(contextKey, contextValue));
        return new AuditEvent(AuditEvent.VERSION, new UserIdentity("Root", "111122223333",
                "arn:aws:iam::111122223333:root", "111122223333", null, null), START, AuditEvent.SOURCE,
                "CreateAlias", "eu-west-2", "127.0.0.1", "kmslab", parameters, null, "r-" + aliasName, "e-" + aliasName,
                false, null, "AwsApiCall", true, "Management", "111122223333", "ValidationException",
                "bad " + aliasName, null);
    }
}
