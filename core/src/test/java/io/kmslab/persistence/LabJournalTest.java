package io.kmslab.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.kmslab.Caller;
import io.kmslab.Kms;
import io.kmslab.KmsLab;
import io.kmslab.api.CreateAliasRequest;
import io.kmslab.api.CreateGrantRequest;
import io.kmslab.api.CreateKeyRequest;
import io.kmslab.api.DecryptRequest;
import io.kmslab.api.DeleteAliasRequest;
import io.kmslab.api.DeleteImportedKeyMaterialRequest;
import io.kmslab.api.DescribeKeyRequest;
import io.kmslab.api.DisableKeyRequest;
import io.kmslab.api.EnableKeyRotationRequest;
import io.kmslab.api.EncryptRequest;
import io.kmslab.api.GetParametersForImportRequest;
import io.kmslab.api.GetParametersForImportResponse;
import io.kmslab.api.ImportKeyMaterialRequest;
import io.kmslab.api.ListAliasesRequest;
import io.kmslab.api.PutKeyPolicyRequest;
import io.kmslab.api.ReplicateKeyRequest;
import io.kmslab.api.RetireGrantRequest;
import io.kmslab.api.RevokeGrantRequest;
import io.kmslab.api.RotateKeyOnDemandRequest;
import io.kmslab.api.ScheduleKeyDeletionRequest;
import io.kmslab.api.Tag;
import io.kmslab.api.TagResourceRequest;
import io.kmslab.api.UntagResourceRequest;
import io.kmslab.api.UpdateKeyDescriptionRequest;
import io.kmslab.api.UpdatePrimaryRegionRequest;
import io.kmslab.crypto.ImportedMaterial;
import io.kmslab.errors.KmsInternalException;
import io.kmslab.grants.GrantOperation;
import io.kmslab.keys.AlgorithmSpec;
import io.kmslab.keys.ExpirationModelType;
import io.kmslab.keys.ImportType;
import io.kmslab.keys.KeySpec;
import io.kmslab.keys.KeyState;
import io.kmslab.keys.KeyUsageType;
import io.kmslab.keys.OriginType;
import io.kmslab.keys.WrappingKeySpec;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyFactory;
import java.security.SecureRandom;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.stream.Stream;
import javax.crypto.Cipher;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The journal of a data directory: what one change writes, compaction, crashes at every step, closing, erasing. */
class LabJournalTest {
    private static final Instant START = Instant.parse("2026-01-20T09:00:00Z");
    private static final String LONDON = "eu-west-2";
    private static final String VIRGINIA = "us-east-1";
    private static final byte[] DATA = "kept in the journal".getBytes(StandardCharsets.UTF_8);
    private static final String DESCRIBE_POLICY = """
            {"Version": "2012-10-17", "Statement": [
              {"Effect": "Allow", "Action": "kms:DescribeKey", "Resource": "*"}]}""";
    private static final ObjectMapper JSON = JsonMapper.builder().addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS).build();
    /** No compaction: the journal only grows. */
    private static final LabStore.CompactionSettings NEVER_COMPACTED = new LabStore.CompactionSettings(Long.MAX_VALUE, false, step -> { });

    @TempDir
    Path temp;

    private static KmsLab.Builder settings() {
        return KmsLab.builder().startingAt(START).seed(3);
    }

    @Test
    void everyKindOfChange_isJournaled_andTheReplayedJournalIsTheLab() throws Exception {
        Path dir = temp.resolve("kinds");
        KmsLab lab = LabStore.open(dir, settings(), NEVER_COMPACTED);
        List<String> differences = new ArrayList<>();
        // after each change, the saved lab is the lab (one change forgotten would be written by the next otherwise)
        changeEverything(lab, () -> {
            if (!saved(dir).equals(normalized(LabStore.snapshotOf(lab)))) {
                differences.add(String.valueOf(lab.auditTrail().size()));
            }
        });

        assertThat(differences).as("audit trail sizes where the journal missed a change").isEmpty();
        assertThat(changeKinds(dir)).containsExactlyInAnyOrder("key", "material", "materialRemoved", "rotation",
                "alias", "aliasDeleted", "principal", "clock");
        assertThat(Files.readString(dir.resolve("state.json"))).doesNotContain("alias/kinds");
        JsonNode live = normalized(LabStore.snapshotOf(lab));
        assertThat(saved(dir)).isEqualTo(live);
        assertThat(live.toString()).doesNotContain("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA="); // not wiped

        KmsLab restored = LabStore.open(dir, settings());
        assertThat(normalized(LabStore.snapshotOf(restored))).isEqualTo(live);
        assertThat(restored.kms(LONDON).decrypt(DecryptRequest.of(lab.kms(VIRGINIA).encrypt(
                EncryptRequest.of("alias/kinds-moved", DATA)).ciphertextBlob())).plaintext()).isEqualTo(DATA);
    }

    @Test
    void aTagResource_writesOnlyTheKeysMetadata_howeverManyRotationsTheKeyHad() throws Exception {
        Path dir = temp.resolve("bounded");
        KmsLab lab = LabStore.open(dir, settings(), NEVER_COMPACTED);
        Kms kms = lab.kms(LONDON);
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            String keyId = kms.createKey(CreateKeyRequest.of()).keyMetadata().keyId();
            kms.enableKeyRotation(EnableKeyRotationRequest.of(keyId, 90));
            keys.add(keyId);
        }
        lab.advance(Duration.ofDays(90)); // one rotation each
        long early = journalGrowth(dir, () -> kms.tagResource(TagResourceRequest.of(keys.get(0),
                List.of(new Tag("team", "blue-01")))));

        long before = journalBytes(dir);
        for (int year = 0; year < 60; year++) {
            lab.advance(Duration.ofDays(90));
        }
        long rotationsBytes = journalBytes(dir) - before;
        long late = journalGrowth(dir, () -> kms.tagResource(TagResourceRequest.of(keys.get(0),
                List.of(new Tag("team", "blue-61")))));

        assertThat(kms.listKeyRotations(io.kmslab.api.ListKeyRotationsRequest.builder().keyId(keys.get(0))
                .limit(1000).build()).rotations()).hasSize(61);
        assertThat(rotationsBytes).isGreaterThan(10L * 60 * 100); // the history is in the journal
        // the key's metadata (its default policy, tags, rotation schedule), never its 62 materials (an AES key is
        // 32 bytes, 44 in base64): the same bytes early and late
        assertThat(early).isBetween(200L, 3_000L);
        assertThat(late).isEqualTo(early);
    }

    @Test
    void aCompactedJournal_restartsAsTheLab_andKeepsOnlyTheSegmentsAfterTheSnapshot() throws Exception {
        Path dir = temp.resolve("compacted");
        KmsLab lab = LabStore.open(dir, settings(), new LabStore.CompactionSettings(1, true, step -> { }));
        changeEverything(lab, () -> { });
        Kms kms = lab.kms(LONDON);
        for (int i = 0; i < 30; i++) {
            kms.createKey(CreateKeyRequest.builder().description("key " + i).build());
        }
        JsonNode live = normalized(LabStore.snapshotOf(lab));
        int keys = lab.keyLedger().size();
        lab.close(); // waits for a compaction in flight

        LabSnapshot snapshot = JSON.readValue(dir.resolve("state.json").toFile(), LabSnapshot.class);
        assertThat(snapshot.format()).isEqualTo(LabSnapshot.FORMAT);
        assertThat(snapshot.journalSegment()).isGreaterThan(2L);
        assertThat(segments(dir)).allSatisfy(segment -> assertThat(segmentNumber(segment))
                .isGreaterThanOrEqualTo(snapshot.journalSegment()));
        assertThat(saved(dir)).isEqualTo(live);
        KmsLab restored = LabStore.open(dir, settings());
        assertThat(normalized(LabStore.snapshotOf(restored))).isEqualTo(live);
        assertThat(restored.keyLedger()).hasSize(keys);
    }

    @Test
    void aCrashAtAnyStepOfACompaction_losesNothingAcknowledged() throws Exception {
        Path dir = temp.resolve("crashing");
        List<String> acknowledged = new CopyOnWriteArrayList<>();
        List<Path> crashes = new ArrayList<>();
        Map<Path, List<String>> acknowledgedAtCrash = new java.util.HashMap<>();
        Consumer<String> crashHere = step -> {
            Path copy = temp.resolve("crash-" + crashes.size() + "-" + step.replace(' ', '-'));
            copyDirectory(dir, copy);
            assertOwnerOnly(dir);
            crashes.add(copy);
            acknowledgedAtCrash.put(copy, List.copyOf(acknowledged));
            if (step.equals("snapshot written")) {
                // and a crash while the snapshot was being written: half of it
                Path cut = temp.resolve("crash-" + crashes.size() + "-snapshot-cut-short");
                copyDirectory(dir, cut);
                Path partial = cut.resolve("state.json.tmp");
                byte[] bytes = readAll(partial);
                try {
                    Files.write(partial, java.util.Arrays.copyOf(bytes, bytes.length / 2));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                crashes.add(cut);
                acknowledgedAtCrash.put(cut, List.copyOf(acknowledged));
            }
        };
        KmsLab lab = LabStore.open(dir, settings(), new LabStore.CompactionSettings(1, false, crashHere));
        Kms kms = lab.kms(LONDON);
        for (int i = 0; i < 12; i++) {
            String keyId = kms.createKey(CreateKeyRequest.builder().description("key " + i).build()).keyMetadata()
                    .keyId();
            kms.tagResource(TagResourceRequest.of(keyId, List.of(new Tag("n", Integer.toString(i)))));
            acknowledged.add(keyId);
        }

        assertThat(crashes).extracting(p -> p.getFileName().toString().replaceFirst("crash-\\d+-", ""))
                .contains("rolled", "snapshot-written", "snapshot-cut-short", "snapshot-moved",
                        "older-segments-deleted");
        for (Path crash : crashes) {
            KmsLab reopened = LabStore.open(crash, settings());
            Kms again = reopened.kms(LONDON);
            for (String keyId : acknowledgedAtCrash.get(crash)) {
                assertThat(again.listResourceTags(io.kmslab.api.ListResourceTagsRequest.of(keyId)).tags())
                        .as(crash + " " + keyId).hasSize(1);
            }
            assertThat(Files.exists(crash.resolve("state.json.tmp"))).isFalse();
        }
        KmsLab restored = LabStore.open(dir, settings());
        assertThat(restored.keyLedger()).hasSize(12);
    }

    @Test
    void aLastLineCutShortByACrash_isDropped_butAnEarlierDamagedLineIsRefusedWithItsFileAndLine()
            throws Exception {
        Path dir = temp.resolve("cut");
        KmsLab lab = LabStore.open(dir, settings(), NEVER_COMPACTED);
        Kms kms = lab.kms(LONDON);
        String keyId = kms.createKey(CreateKeyRequest.of()).keyMetadata().keyId();
        byte[] blob = kms.encrypt(EncryptRequest.of(keyId, DATA)).ciphertextBlob();
        kms.tagResource(TagResourceRequest.of(keyId, List.of(new Tag("a", "b"))));
        lab.advance(Duration.ofDays(1));
        Instant clock = lab.clock().instant();
        Path segment = segments(dir).get(0);
        Path damaged = temp.resolve("damaged");
        copyDirectory(dir, damaged);
        Files.writeString(segment, "{\"changes\":[{\"change\":\"clock\",\"now\":\"2030-01-0", StandardOpenOption.APPEND);

        KmsLab restored = LabStore.open(dir, settings());
        assertThat(restored.clock().instant()).isEqualTo(clock);
        assertThat(restored.kms(LONDON).decrypt(DecryptRequest.of(blob)).plaintext()).isEqualTo(DATA);

        Path damagedSegment = damaged.resolve(segment.getFileName());
        List<String> lines = new ArrayList<>(Files.readAllLines(damagedSegment));
        assertThat(lines).hasSizeGreaterThanOrEqualTo(3);
        lines.set(1, "{\"changes\":[{\"change\":\"clock\",\"now\":\"2030-01-0");
        Files.write(damagedSegment, lines);
        UncheckedIOException refused = catchThrowableOfType(() -> LabStore.open(damaged, settings()),
                UncheckedIOException.class);
        assertThat(refused.getMessage()).contains(damagedSegment.toString() + " line 2 cannot be replayed")
                .contains("column").contains("Restore the data directory from a backup");
    }

    @Test
    void aDamagedStateFile_isRefusedWithItsLineAndColumn() throws Exception {
        Path dir = temp.resolve("damaged-state");
        LabStore.open(dir, settings()).close();
        Files.writeString(dir.resolve("state.json"), "{\"format\": 2,\n  \"clockStart\": \"2026-01-20T09:00:00Z\","
                + "\n  \"keys\": [ oops ] }");

        UncheckedIOException refused = catchThrowableOfType(() -> LabStore.open(dir, settings()),
                UncheckedIOException.class);
        assertThat(refused.getMessage()).contains(dir.resolve("state.json") + " cannot be read as the state of a "
                + "KMS Lab").contains("at line 3, column").contains("erase the data directory");
    }

    @Test
    void aDamagedAuditLine_isRefusedWithItsFileAndLine() throws Exception {
        Path dir = temp.resolve("damaged-audit");
        KmsLab lab = LabStore.open(dir, settings());
        lab.kms(LONDON).createKey(CreateKeyRequest.of());
        lab.kms(LONDON).createKey(CreateKeyRequest.of());
        lab.close();
        Path audit = dir.resolve("audit.jsonl");
        List<String> lines = new ArrayList<>(Files.readAllLines(audit));
        lines.set(1, "{\"eventVersion\": oops}");
        Files.write(audit, lines);

        UncheckedIOException refused = catchThrowableOfType(() -> LabStore.open(dir, settings()),
                UncheckedIOException.class);
        assertThat(refused.getMessage()).contains(audit + " line 2 is not an audit event").contains("column");
    }

    @Test
    void aStateFileOfTheFirstFormat_opens_andIsSavedInTheNewOne() throws Exception {
        Path dir = temp.resolve("format1");
        Files.createDirectories(dir);
        for (String file : List.of("state.json", "audit.jsonl")) {
            try (InputStream in = getClass().getResourceAsStream("/persistence/format1/" + file)) {
                Files.copy(in, dir.resolve(file));
            }
        }
        List<String> fixture;
        try (InputStream in = getClass().getResourceAsStream("/persistence/format1/fixture.txt")) {
            fixture = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        }
        String main = fixture.get(0);
        String rsa = fixture.get(1);
        String multiRegion = fixture.get(2);
        long events = Files.readAllLines(dir.resolve("audit.jsonl")).size();

        KmsLab lab = LabStore.open(dir, KmsLab.builder());

        assertThat(lab.clock().instant()).isEqualTo(Instant.parse("2026-04-21T09:00:00Z"));
        assertThat(lab.auditTrail().size()).isEqualTo(events);
        Kms kms = lab.kms(LONDON);
        assertThat(kms.decrypt(DecryptRequest.of(Base64.getDecoder().decode(fixture.get(3)))).plaintext())
                .isEqualTo("format one".getBytes(StandardCharsets.UTF_8));
        assertThat(lab.kms(VIRGINIA).decrypt(DecryptRequest.of(Base64.getDecoder().decode(fixture.get(4))))
                .plaintext()).isEqualTo("format one".getBytes(StandardCharsets.UTF_8));
        assertThat(kms.describeKey(DescribeKeyRequest.of("alias/format-one")).keyMetadata().keyId())
                .isEqualTo(main);
        assertThat(kms.describeKey(DescribeKeyRequest.of(rsa)).keyMetadata().keySpec()).isEqualTo(KeySpec.RSA_2048);
        assertThat(kms.describeKey(DescribeKeyRequest.of(multiRegion)).keyMetadata().multiRegion()).isTrue();
        assertThat(kms.listKeyRotations(io.kmslab.api.ListKeyRotationsRequest.of(main)).rotations()).hasSize(1);
        assertThat(lab.iam().policiesOf(Caller.user(KmsLab.DEFAULT_ACCOUNT, "bob").arn())).hasSize(1);
        assertThat(kms.listGrants(io.kmslab.api.ListGrantsRequest.of(main)).grants()).hasSize(1);
        LabSnapshot rewritten = JSON.readValue(dir.resolve("state.json").toFile(), LabSnapshot.class);
        assertThat(rewritten.format()).isEqualTo(LabSnapshot.FORMAT);
        assertThat(rewritten.journalSegment()).isEqualTo(1L);
    }

    @Test
    void aClosedLab_refusesChanges_andWritesNothingMore() throws Exception {
        Path dir = temp.resolve("closed");
        KmsLab lab = LabStore.open(dir, settings());
        Kms kms = lab.kms(LONDON);
        String keyId = kms.createKey(CreateKeyRequest.of()).keyMetadata().keyId();
        lab.close();
        Map<String, String> files = contents(dir);

        KmsInternalException refused = catchThrowableOfType(() -> kms.createKey(CreateKeyRequest.of()),
                KmsInternalException.class);
        assertThat(refused.getMessage()).contains("this lab was closed");
        assertThat(refused.errorCode()).isEqualTo("KMSInternalException");
        assertThat(catchThrowableOfType(() -> kms.tagResource(TagResourceRequest.of(keyId,
                List.of(new Tag("late", "yes")))), KmsInternalException.class)).isNotNull();
        assertThat(catchThrowableOfType(() -> lab.advance(Duration.ofDays(400)), KmsInternalException.class))
                .isNotNull();
        assertThat(lab.clock().instant()).isEqualTo(START);
        assertThat(catchThrowableOfType(() -> lab.iam().createUser("late"), KmsInternalException.class)).isNotNull();
        lab.close(); // twice: nothing

        assertThat(contents(dir)).isEqualTo(files);
        KmsLab reopened = LabStore.open(dir, settings());
        assertThat(reopened.keyLedger()).hasSize(1);
        assertThat(reopened.clock().instant()).isEqualTo(START);
    }

    @Test
    void closingWhileThreadsChangeTheLab_keepsEveryAcknowledgedChange_andThenNothingIsWritten() throws Exception {
        Path dir = temp.resolve("closing");
        // compactions run in the background all along (a threshold of one byte)
        KmsLab lab = LabStore.open(dir, settings(), new LabStore.CompactionSettings(1, true, step -> { }));
        List<String> acknowledged = new CopyOnWriteArrayList<>();
        java.util.concurrent.CountDownLatch enough = new java.util.concurrent.CountDownLatch(60);
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(3);
        List<java.util.concurrent.Future<String>> workers = new ArrayList<>();
        for (int t = 0; t < 3; t++) {
            String region = t % 2 == 0 ? LONDON : VIRGINIA;
            workers.add(pool.submit(() -> {
                Kms kms = lab.kms(region);
                while (true) {
                    try {
                        acknowledged.add(region + " " + kms.createKey(CreateKeyRequest.of()).keyMetadata().keyId());
                        enough.countDown();
                    } catch (KmsInternalException refused) {
                        return refused.getMessage();
                    }
                }
            }));
        }
        enough.await();
        lab.close();
        Map<String, String> files = contents(dir);
        for (java.util.concurrent.Future<String> worker : workers) {
            assertThat(worker.get()).contains("this lab was closed");
        }
        pool.shutdown();

        assertThat(contents(dir)).isEqualTo(files);
        KmsLab reopened = LabStore.open(dir, settings());
        for (String entry : acknowledged) {
            String[] regionAndKey = entry.split(" ");
            assertThat(reopened.kms(regionAndKey[0]).describeKey(DescribeKeyRequest.of(regionAndKey[1]))
                    .keyMetadata().keyState()).isEqualTo(KeyState.Enabled);
        }
        assertThat(reopened.keyLedger()).hasSize(acknowledged.size());
    }

    @Test
    void erase_deletesTheLabsFiles_andLeavesOthersAlone() throws Exception {
        Path dir = temp.resolve("erased");
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("notes.txt"), "mine");
        Files.createDirectories(dir.resolve("journal-backup"));
        KmsLab lab = LabStore.open(dir, settings());
        lab.kms(LONDON).createKey(CreateKeyRequest.of());
        Files.writeString(dir.resolve("state.json.tmp"), "{\"format\"");
        assertThat(segments(dir)).isNotEmpty();
        lab.close();

        LabStore.erase(dir);

        try (Stream<Path> left = Files.list(dir)) {
            assertThat(left.map(p -> p.getFileName().toString()).toList())
                    .containsExactlyInAnyOrder("notes.txt", "journal-backup");
        }
        assertThat(Files.readString(dir.resolve("notes.txt"))).isEqualTo("mine");
        KmsLab fresh = LabStore.open(dir, settings());
        assertThat(fresh.keyLedger()).isEmpty();
        assertThat(fresh.auditTrail().size()).isZero();
    }

    @Test
    void aMissingState_besideAuditEventsOrJournalSegments_isRefused_butAnEmptyDirectoryStartsANewLab()
            throws Exception {
        Path dir = temp.resolve("lost-state");
        KmsLab lab = LabStore.open(dir, settings());
        lab.kms(LONDON).createKey(CreateKeyRequest.of());
        lab.close();
        Files.delete(dir.resolve("state.json"));

        UncheckedIOException withSegments = catchThrowableOfType(() -> LabStore.open(dir, settings()),
                UncheckedIOException.class);
        assertThat(withSegments.getMessage()).contains(dir.resolve("state.json") + " is missing")
                .contains("journal segments").contains("erase the data directory");
        for (Path segment : segments(dir)) {
            Files.delete(segment);
        }
        UncheckedIOException withEvents = catchThrowableOfType(() -> LabStore.open(dir, settings()),
                UncheckedIOException.class);
        assertThat(withEvents.getMessage()).contains(dir.resolve("state.json") + " is missing")
                .contains(dir.resolve("audit.jsonl") + " holds the audit events")
                .contains("move audit.jsonl away");
        assertThat(Files.size(dir.resolve("audit.jsonl"))).isPositive(); // nothing was touched

        Path onlyEmptyAudit = temp.resolve("empty-audit");
        Files.createDirectories(onlyEmptyAudit);
        Files.createFile(onlyEmptyAudit.resolve("audit.jsonl"));
        assertThat(LabStore.open(onlyEmptyAudit, settings()).keyLedger()).isEmpty();
        assertThat(LabStore.open(temp.resolve("empty"), settings()).keyLedger()).isEmpty();
    }

    @Test
    void aSaveThatCannotWrite_failsWithTheFileAndTheIoErrorAsCause_andLosesNothingSavedBefore() throws Exception {
        Path dir = temp.resolve("unwritable");
        KmsLab lab = LabStore.open(dir, settings(), NEVER_COMPACTED);
        Kms kms = lab.kms(LONDON);
        String kept = kms.createKey(CreateKeyRequest.of()).keyMetadata().keyId();
        lab.close();
        KmsLab again = LabStore.open(dir, settings(), NEVER_COMPACTED);
        // the next segment's path taken by a directory: root or not, nothing can be written there
        long next = JSON.readValue(dir.resolve("state.json").toFile(), LabSnapshot.class).journalSegment();
        Path blocked = dir.resolve(LabStore.segmentName(next));
        Files.createDirectory(blocked);

        KmsInternalException failure = catchThrowableOfType(() -> again.kms(LONDON).createKey(
                CreateKeyRequest.of()), KmsInternalException.class);

        assertThat(failure.getMessage()).contains("KMS Lab could not save a change to " + blocked)
                .contains(failure.getCause().getMessage()).contains("what was saved before is intact");
        assertThat(failure.getCause()).isInstanceOf(IOException.class);
        Files.delete(blocked);
        String later = again.kms(LONDON).createKey(CreateKeyRequest.of()).keyMetadata().keyId();
        KmsLab reopened = LabStore.open(dir, settings());
        assertThat(reopened.kms(LONDON).describeKey(DescribeKeyRequest.of(kept)).keyMetadata().keyState())
                .isEqualTo(KeyState.Enabled);
        assertThat(reopened.kms(LONDON).describeKey(DescribeKeyRequest.of(later)).keyMetadata().keyState())
                .isEqualTo(KeyState.Enabled);
    }

    @Test
    void everyFileTheLabCreates_isReadableByItsOwnerOnly() throws Exception {
        Path dir = temp.resolve("private");
        KmsLab lab = LabStore.open(dir, settings(), new LabStore.CompactionSettings(1, false, step -> assertOwnerOnly(dir)));
        changeEverything(lab, () -> { });
        assertThat(segments(dir)).isNotEmpty();
        assertOwnerOnly(dir);
    }

    // ------------------------------------------------------------------------------------------ helpers

    /** Every kind of change the journal has a record for, on keys of every kind of material holding. */
    private static void changeEverything(KmsLab lab, Runnable afterEachChange) throws Exception {
        Kms london = lab.kms(LONDON);
        Kms virginia = lab.kms(VIRGINIA);
        String main = london.createKey(CreateKeyRequest.builder().description("main")
                .tags(List.of(new Tag("team", "blue"))).build()).keyMetadata().keyId();
        afterEachChange.run();
        london.enableKeyRotation(EnableKeyRotationRequest.of(main, 90));
        afterEachChange.run();
        london.createAlias(CreateAliasRequest.of("alias/kinds", main));
        afterEachChange.run();
        london.createAlias(CreateAliasRequest.of("alias/kinds-gone", main));
        afterEachChange.run();
        london.deleteAlias(DeleteAliasRequest.of("alias/kinds-gone"));
        afterEachChange.run();
        london.tagResource(TagResourceRequest.of(main, List.of(new Tag("env", "lab"))));
        afterEachChange.run();
        london.untagResource(UntagResourceRequest.of(main, List.of("team")));
        afterEachChange.run();
        london.updateKeyDescription(UpdateKeyDescriptionRequest.of(main, "main, described again"));
        afterEachChange.run();
        london.createKey(CreateKeyRequest.builder().keySpec(KeySpec.ECC_NIST_P256).keyUsage(KeyUsageType.SIGN_VERIFY)
                .build());
        afterEachChange.run();

        // a multi-Region key and its replica share their materials
        String mrk = london.createKey(CreateKeyRequest.builder().multiRegion(true).build()).keyMetadata().keyId();
        afterEachChange.run();
        london.replicateKey(ReplicateKeyRequest.of(mrk, VIRGINIA));
        afterEachChange.run();
        london.rotateKeyOnDemand(RotateKeyOnDemandRequest.of(mrk));
        afterEachChange.run();
        virginia.createAlias(CreateAliasRequest.of("alias/kinds-moved", mrk));
        afterEachChange.run();
        london.updatePrimaryRegion(UpdatePrimaryRegionRequest.of(mrk, VIRGINIA));
        afterEachChange.run();

        // imported material: imported, staged for rotation, rotated in, one deleted
        String imported = london.createKey(CreateKeyRequest.builder().origin(OriginType.EXTERNAL).build())
                .keyMetadata().keyId();
        importMaterial(london, imported, null);
        afterEachChange.run();
        importMaterial(london, imported, ImportType.NEW_KEY_MATERIAL);
        afterEachChange.run();
        london.rotateKeyOnDemand(RotateKeyOnDemandRequest.of(imported));
        afterEachChange.run();
        String dropped = london.createKey(CreateKeyRequest.builder().origin(OriginType.EXTERNAL).build())
                .keyMetadata().keyId();
        importMaterial(london, dropped, null);
        afterEachChange.run();
        london.deleteImportedKeyMaterial(DeleteImportedKeyMaterialRequest.of(dropped));
        afterEachChange.run();

        // grants, IAM, key policy, states, the clock
        Caller alice = lab.iam().createUser("alice");
        afterEachChange.run();
        lab.iam().putUserPolicy("alice", "describe", DESCRIBE_POLICY);
        afterEachChange.run();
        lab.iam().putUserPolicy("alice", "gone", DESCRIBE_POLICY);
        afterEachChange.run();
        lab.iam().deleteUserPolicy("alice", "gone");
        afterEachChange.run();
        lab.iam().createRole("auditor");
        afterEachChange.run();
        lab.iam().putRolePolicy("auditor", "describe", DESCRIBE_POLICY);
        afterEachChange.run();
        lab.iam("444455556666").createUser("carol");
        afterEachChange.run();
        String kept = london.createGrant(CreateGrantRequest.builder().keyId(main).granteePrincipal(alice.arn())
                .operations(List.of(GrantOperation.Decrypt)).name("kept").build()).grantId();
        afterEachChange.run();
        String retired = london.createGrant(CreateGrantRequest.builder().keyId(main).granteePrincipal(alice.arn())
                .retiringPrincipal(alice.arn()).operations(List.of(GrantOperation.Encrypt)).build()).grantId();
        afterEachChange.run();
        String revoked = london.createGrant(CreateGrantRequest.builder().keyId(main).granteePrincipal(alice.arn())
                .operations(List.of(GrantOperation.Encrypt)).build()).grantId();
        afterEachChange.run();
        london.retireGrant(RetireGrantRequest.of(main, retired));
        afterEachChange.run();
        london.revokeGrant(RevokeGrantRequest.of(main, revoked));
        afterEachChange.run();
        assertThat(kept).isNotBlank();
        String policy = london.getKeyPolicy(io.kmslab.api.GetKeyPolicyRequest.of(main)).policy();
        london.putKeyPolicy(PutKeyPolicyRequest.of(main, policy.replace("Enable IAM User Permissions",
                "Enable IAM policies")));
        afterEachChange.run();
        String doomed = london.createKey(CreateKeyRequest.of()).keyMetadata().keyId();
        afterEachChange.run();
        london.disableKey(DisableKeyRequest.of(doomed));
        afterEachChange.run();
        london.scheduleKeyDeletion(ScheduleKeyDeletionRequest.of(doomed, 7));
        afterEachChange.run();
        lab.advance(Duration.ofDays(91)); // the deletion, and the first automatic rotation of the main key
        afterEachChange.run();
        assertThat(london.listAliases(ListAliasesRequest.of()).aliases()).isNotEmpty();
    }

    private static void importMaterial(Kms kms, String keyId, ImportType type) throws Exception {
        byte[] material = new byte[32];
        new SecureRandom().nextBytes(material);
        GetParametersForImportResponse parameters = kms.getParametersForImport(GetParametersForImportRequest.of(
                keyId, AlgorithmSpec.RSAES_OAEP_SHA_256, WrappingKeySpec.RSA_2048));
        Cipher cipher = Cipher.getInstance("RSA/ECB/OAEPPadding");
        cipher.init(Cipher.ENCRYPT_MODE, KeyFactory.getInstance("RSA").generatePublic(
                new X509EncodedKeySpec(parameters.publicKey())),
                ImportedMaterial.oaep(AlgorithmSpec.RSAES_OAEP_SHA_256));
        kms.importKeyMaterial(ImportKeyMaterialRequest.builder().keyId(keyId).importType(type)
                .importToken(parameters.importToken()).encryptedKeyMaterial(cipher.doFinal(material))
                .expirationModel(ExpirationModelType.KEY_MATERIAL_DOES_NOT_EXPIRE).build());
    }

    /** The saved lab of a directory, as comparable JSON. */
    private static JsonNode saved(Path dir) {
        return normalized(LabStore.saved(dir).orElseThrow());
    }

    /** A snapshot as JSON, without its journal segment, its principals in ARN order. */
    private static JsonNode normalized(LabSnapshot snapshot) {
        ObjectNode json;
        try {
            // through bytes: a tree made directly would share the byte arrays that wipe() clears
            json = (ObjectNode) JSON.readTree(JSON.writeValueAsBytes(snapshot));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            snapshot.wipe();
        }
        json.remove("journalSegment");
        List<JsonNode> principals = new ArrayList<>();
        json.withArray("principals").forEach(principals::add);
        principals.sort(Comparator.comparing(p -> p.get("arn").asText()));
        ArrayNode sorted = json.putArray("principals");
        principals.forEach(sorted::add);
        return json;
    }

    private static Set<String> changeKinds(Path dir) throws IOException {
        Set<String> kinds = new TreeSet<>();
        for (Path segment : segments(dir)) {
            for (String line : Files.readAllLines(segment)) {
                JSON.readTree(line).get("changes").forEach(c -> kinds.add(c.get("change").asText()));
            }
        }
        return kinds;
    }

    private static List<Path> segments(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().matches("journal-\\d{10}\\.jsonl"))
                    .sorted().toList();
        }
    }

    private static long segmentNumber(Path segment) {
        return Long.parseLong(segment.getFileName().toString().replaceAll("\\D", ""));
    }

    private static long journalBytes(Path dir) throws IOException {
        long bytes = 0;
        for (Path segment : segments(dir)) {
            bytes += Files.size(segment);
        }
        return bytes;
    }

    private static long journalGrowth(Path dir, Runnable change) throws IOException {
        long before = journalBytes(dir);
        change.run();
        return journalBytes(dir) - before;
    }

    private static Map<String, String> contents(Path dir) throws IOException {
        Map<String, String> contents = new TreeMap<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.toList()) {
                contents.put(file.getFileName().toString(), Base64.getEncoder().encodeToString(readAll(file)));
            }
        }
        return contents;
    }

    private static byte[] readAll(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Copies the files of a directory as they are now (what a kill -9 at this moment leaves). */
    private static void copyDirectory(Path from, Path to) {
        try {
            Files.createDirectories(to);
            try (Stream<Path> files = Files.list(from)) {
                for (Path file : files.toList()) {
                    Files.copy(file, to.resolve(file.getFileName()));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void assertOwnerOnly(Path dir) {
        try {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir))).isEqualTo("rwx------");
            try (Stream<Path> files = Files.list(dir)) {
                for (Path file : files.toList()) {
                    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
                            .as(file.toString()).isEqualTo("rw-------");
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
