package io.kmslab.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.kmslab.Kms;
import io.kmslab.KmsLab;
import io.kmslab.api.ConnectCustomKeyStoreRequest;
import io.kmslab.api.CreateCustomKeyStoreRequest;
import io.kmslab.api.CreateKeyRequest;
import io.kmslab.api.CustomKeyStoresListEntry;
import io.kmslab.api.DecryptRequest;
import io.kmslab.api.DescribeCustomKeyStoresRequest;
import io.kmslab.api.DescribeKeyRequest;
import io.kmslab.api.DisconnectCustomKeyStoreRequest;
import io.kmslab.api.EncryptRequest;
import io.kmslab.api.KeyMetadata;
import io.kmslab.api.Tag;
import io.kmslab.api.TagResourceRequest;
import io.kmslab.errors.KmsException;
import io.kmslab.keys.KeyState;
import io.kmslab.keys.OriginType;
import io.kmslab.keystores.CloudHsmCluster;
import io.kmslab.keystores.ConnectionErrorCodeType;
import io.kmslab.keystores.ConnectionStateType;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * AWS CloudHSM key stores, their simulated clusters and the keys in them, saved to a data directory and opened again:
 * a restart is a reconnection, done at once with the cluster as saved.
 */
class KeyStorePersistenceTest {
    private static final Instant START = Instant.parse("2026-01-20T09:00:00Z");
    private static final String ACCOUNT = KmsLab.DEFAULT_ACCOUNT;
    private static final String LONDON = "eu-west-2";
    private static final String PASSWORD = "kmsuser-pass-1";
    private static final byte[] DATA = "kept in the cluster".getBytes(StandardCharsets.UTF_8);
    private static final ObjectMapper JSON = JsonMapper.builder().addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS).build();

    @TempDir
    Path temp;

    private static KmsLab.Builder settings() {
        return KmsLab.builder().startingAt(START).seed(11);
    }

    @Test
    void aStoreItsClusterAndItsKey_surviveARestart_andTheKeyDecryptsWhatItEncrypted() throws Exception {
        Path dir = temp.resolve("round-trip");
        KmsLab lab = LabStore.open(dir, settings());
        Kms kms = lab.kms(LONDON);
        CloudHsmCluster cluster = lab.cloudHsmClusters(ACCOUNT, LONDON).create("cluster-abcdefghijk", PASSWORD,
                "eu-west-2a", "eu-west-2b");
        String storeId = connectedStore(lab, "Saved", cluster);
        KeyMetadata key = kms.createKey(CreateKeyRequest.builder().origin(OriginType.AWS_CLOUDHSM)
                .customKeyStoreId(storeId).build()).keyMetadata();
        byte[] blob = kms.encrypt(EncryptRequest.of(key.keyId(), DATA)).ciphertextBlob();
        CloudHsmCluster other = lab.cloudHsmClusters(ACCOUNT, LONDON).create("cluster-bcdefghijkl", "other-pass",
                "eu-west-2a", "eu-west-2c");
        String failedId = kms.createCustomKeyStore(CreateCustomKeyStoreRequest.of("Failing", other.clusterId(),
                other.trustAnchorCertificate(), "not-the-password")).customKeyStoreId();
        kms.connectCustomKeyStore(new ConnectCustomKeyStoreRequest(failedId));
        lab.advance(Duration.ofMinutes(20));
        assertThat(describe(kms, failedId).connectionState()).isEqualTo(ConnectionStateType.FAILED);
        List<CustomKeyStoresListEntry> before = kms.describeCustomKeyStores(DescribeCustomKeyStoresRequest.all())
                .customKeyStores();
        lab.close();

        assertThat(journal(dir)).contains("\"customKeyStoreType\":\"AWS_CLOUDHSM\"");

        KmsLab restored = LabStore.open(dir, settings());
        Kms again = restored.kms(LONDON);
        assertThat(again.describeCustomKeyStores(DescribeCustomKeyStoresRequest.all()).customKeyStores())
                .isEqualTo(before);
        assertThat(describe(again, failedId).connectionErrorCode())
                .isEqualTo(ConnectionErrorCodeType.INVALID_CREDENTIALS);
        KeyMetadata described = again.describeKey(DescribeKeyRequest.of(key.keyId())).keyMetadata();
        assertThat(described.customKeyStoreId()).isEqualTo(storeId);
        assertThat(described.cloudHsmClusterId()).isEqualTo(cluster.clusterId());
        assertThat(described.keyState()).isEqualTo(KeyState.Enabled);
        assertThat(again.decrypt(DecryptRequest.of(blob)).plaintext()).isEqualTo(DATA);
        CloudHsmCluster restoredCluster = restored.cloudHsmClusters(ACCOUNT, LONDON).find(cluster.clusterId())
                .orElseThrow();
        assertThat(restoredCluster.backingKeyLabels()).containsExactly(key.keyId());
        assertThat(restoredCluster.hsmAvailabilityZones()).containsExactly("eu-west-2a", "eu-west-2b");
        assertThat(restoredCluster.trustAnchorCertificate()).isEqualTo(cluster.trustAnchorCertificate());

        // the restored store is the lab's own: disconnected, its key is Unavailable, and that is saved too
        again.disconnectCustomKeyStore(new DisconnectCustomKeyStoreRequest(storeId));
        assertThat(again.describeKey(DescribeKeyRequest.of(key.keyId())).keyMetadata().keyState())
                .isEqualTo(KeyState.Unavailable);
        restored.close();
        KmsLab third = LabStore.open(dir, settings());
        assertThat(describe(third.kms(LONDON), storeId).connectionState())
                .isEqualTo(ConnectionStateType.DISCONNECTED);
        KmsException unavailable = catchThrowableOfType(() -> third.kms(LONDON).decrypt(DecryptRequest.of(blob)),
                KmsException.class);
        assertThat(unavailable.errorCode()).isEqualTo("KMSInvalidStateException");
        third.close();
    }

    @Test
    void theJournalReplayed_isTheLab_afterEachChangeOfAStore() throws Exception {
        Path dir = temp.resolve("journal");
        KmsLab lab = LabStore.open(dir, settings(), new LabStore.CompactionSettings(Long.MAX_VALUE, false,
                step -> { }));
        Kms kms = lab.kms(LONDON);
        CloudHsmCluster cluster = lab.cloudHsmClusters(ACCOUNT, LONDON).create("cluster-abcdefghijk", PASSWORD,
                "eu-west-2a", "eu-west-2b");
        String storeId = connectedStore(lab, "Journaled", cluster);
        assertSavedIsLive(dir, lab);
        String keyId = kms.createKey(CreateKeyRequest.builder().origin(OriginType.AWS_CLOUDHSM)
                .customKeyStoreId(storeId).build()).keyMetadata().keyId();
        assertSavedIsLive(dir, lab);
        kms.disconnectCustomKeyStore(new DisconnectCustomKeyStoreRequest(storeId));
        assertSavedIsLive(dir, lab);
        String emptyStore = kms.createCustomKeyStore(CreateCustomKeyStoreRequest.of("Emptied",
                "cluster-bcdefghijkl", lab.cloudHsmClusters(ACCOUNT, LONDON).create("cluster-bcdefghijkl", PASSWORD,
                        "eu-west-2a", "eu-west-2b").trustAnchorCertificate(), PASSWORD)).customKeyStoreId();
        assertSavedIsLive(dir, lab);
        kms.deleteCustomKeyStore(new io.kmslab.api.DeleteCustomKeyStoreRequest(emptyStore));
        assertSavedIsLive(dir, lab);
        assertThat(LabStore.snapshotOf(lab).keyStores()).singleElement()
                .satisfies(k -> assertThat(k.customKeyStores()).extracting(LabSnapshot.KeyStore::customKeyStoreId)
                        .containsExactly(storeId));
        assertThat(kms.describeKey(DescribeKeyRequest.of(keyId)).keyMetadata().customKeyStoreId())
                .isEqualTo(storeId);
        lab.close();
    }

    @Test
    void aStoreConnectedWhenSaved_whoseClusterNoLongerTakesItsPassword_isFailedAfterTheRestart() throws Exception {
        Path dir = temp.resolve("reconnect");
        KmsLab lab = LabStore.open(dir, settings());
        Kms kms = lab.kms(LONDON);
        CloudHsmCluster cluster = lab.cloudHsmClusters(ACCOUNT, LONDON).create("cluster-abcdefghijk", PASSWORD,
                "eu-west-2a", "eu-west-2b");
        String storeId = connectedStore(lab, "Reconnected", cluster);
        String keyId = kms.createKey(CreateKeyRequest.builder().origin(OriginType.AWS_CLOUDHSM)
                .customKeyStoreId(storeId).build()).keyMetadata().keyId();
        cluster.changeKmsuserPassword("changed-in-the-cluster");
        // a cluster is shaped with the lab's Java API, not an operation: it is saved with the lab's next change
        kms.tagResource(TagResourceRequest.of(keyId, List.of(new Tag("saved", "now"))));
        assertThat(describe(kms, storeId).connectionState()).isEqualTo(ConnectionStateType.CONNECTED);
        lab.close();

        KmsLab restored = LabStore.open(dir, settings());
        CustomKeyStoresListEntry entry = describe(restored.kms(LONDON), storeId);
        assertThat(entry.connectionState()).isEqualTo(ConnectionStateType.FAILED);
        assertThat(entry.connectionErrorCode()).isEqualTo(ConnectionErrorCodeType.INVALID_CREDENTIALS);
        assertThat(restored.kms(LONDON).describeKey(DescribeKeyRequest.of(keyId)).keyMetadata().keyState())
                .isEqualTo(KeyState.Unavailable);
        restored.close();
    }

    @Test
    void aStoreOfATypeThisLabDoesNotKnow_orAKeyInAStoreThatIsNotSaved_isRefusedAtStart() throws Exception {
        Path dir = temp.resolve("unknown-type");
        KmsLab lab = LabStore.open(dir, settings());
        CloudHsmCluster cluster = lab.cloudHsmClusters(ACCOUNT, LONDON).create("cluster-abcdefghijk", PASSWORD,
                "eu-west-2a", "eu-west-2b");
        String storeId = connectedStore(lab, "Typed", cluster);
        lab.kms(LONDON).createKey(CreateKeyRequest.builder().origin(OriginType.AWS_CLOUDHSM)
                .customKeyStoreId(storeId).build());
        lab.close();
        Path copy = temp.resolve("unknown-store");
        Files.createDirectories(copy);
        for (Path file : Files.list(dir).toList()) {
            Files.copy(file, copy.resolve(file.getFileName()));
        }

        Path segment = Files.list(dir).filter(p -> p.getFileName().toString().startsWith("journal-")).sorted()
                .reduce((a, b) -> b).orElseThrow();
        String journal = Files.readString(segment);
        assertThat(journal).contains("\"customKeyStoreType\":\"AWS_CLOUDHSM\"");
        Files.writeString(segment, journal.replace("\"customKeyStoreType\":\"AWS_CLOUDHSM\"",
                "\"customKeyStoreType\":\"SOME_FUTURE_STORE\""), StandardOpenOption.TRUNCATE_EXISTING);
        UncheckedIOException refused = catchThrowableOfType(() -> LabStore.open(dir, settings()),
                UncheckedIOException.class);
        assertThat(refused.getMessage()).contains(segment.toString()).contains("SOME_FUTURE_STORE");

        // the key names its store, but the saved store has another id: the key's store is not saved
        Path copiedSegment = copy.resolve(segment.getFileName());
        String storeRecord = "\"customKeyStoreType\":\"AWS_CLOUDHSM\",\"customKeyStoreId\":\"" + storeId + "\"";
        assertThat(Files.readString(copiedSegment)).contains(storeRecord);
        Files.writeString(copiedSegment, Files.readString(copiedSegment).replace(storeRecord,
                "\"customKeyStoreType\":\"AWS_CLOUDHSM\",\"customKeyStoreId\":\"cks-00000000000000000\""),
                StandardOpenOption.TRUNCATE_EXISTING);
        RuntimeException missing = catchThrowableOfType(() -> LabStore.open(copy, settings()),
                RuntimeException.class);
        assertThat(missing).hasMessageContaining("is in the custom key store " + storeId
                + ", which its Region does not have");
    }

    @Test
    void aKeyStoreLineCutShortByACrash_isDropped_andTheLabOpensWithoutThatStore() throws Exception {
        Path dir = temp.resolve("cut-short");
        KmsLab lab = LabStore.open(dir, settings());
        CloudHsmCluster cluster = lab.cloudHsmClusters(ACCOUNT, LONDON).create("cluster-abcdefghijk", PASSWORD,
                "eu-west-2a", "eu-west-2b");
        String kept = connectedStore(lab, "Kept", cluster);
        CloudHsmCluster other = lab.cloudHsmClusters(ACCOUNT, LONDON).create("cluster-bcdefghijkl", PASSWORD,
                "eu-west-2a", "eu-west-2b");
        String lost = lab.kms(LONDON).createCustomKeyStore(CreateCustomKeyStoreRequest.of("Lost",
                other.clusterId(), other.trustAnchorCertificate(), PASSWORD)).customKeyStoreId();
        lab.close();
        Path segment = Files.list(dir).filter(p -> p.getFileName().toString().startsWith("journal-")).sorted()
                .reduce((a, b) -> b).orElseThrow();
        byte[] bytes = Files.readAllBytes(segment);
        String text = new String(bytes, StandardCharsets.UTF_8);
        int lastLine = text.lastIndexOf('\n', text.length() - 2) + 1;
        assertThat(text.substring(lastLine)).contains(lost).contains("\"change\":\"keyStores\"");
        // the crash came in the middle of the last line: its call was never answered
        Files.write(segment, java.util.Arrays.copyOf(bytes, lastLine + (text.length() - lastLine) / 2));

        KmsLab restored = LabStore.open(dir, settings());
        assertThat(restored.kms(LONDON).describeCustomKeyStores(DescribeCustomKeyStoresRequest.all())
                .customKeyStores()).extracting(CustomKeyStoresListEntry::customKeyStoreId).containsExactly(kept);
        assertThat(describe(restored.kms(LONDON), kept).connectionState()).isEqualTo(ConnectionStateType.CONNECTED);
        restored.close();
    }

    // ------------------------------------------------------------------------------------------ helpers

    private static String connectedStore(KmsLab lab, String name, CloudHsmCluster cluster) {
        Kms kms = lab.kms(LONDON);
        String id = kms.createCustomKeyStore(CreateCustomKeyStoreRequest.of(name, cluster.clusterId(),
                cluster.trustAnchorCertificate(), PASSWORD)).customKeyStoreId();
        kms.connectCustomKeyStore(new ConnectCustomKeyStoreRequest(id));
        lab.advance(Duration.ofMinutes(20));
        assertThat(describe(kms, id).connectionState()).isEqualTo(ConnectionStateType.CONNECTED);
        return id;
    }

    private static CustomKeyStoresListEntry describe(Kms kms, String id) {
        return kms.describeCustomKeyStores(DescribeCustomKeyStoresRequest.byId(id)).customKeyStores().get(0);
    }

    private static String journal(Path dir) throws Exception {
        StringBuilder all = new StringBuilder();
        for (Path p : Files.list(dir).filter(p -> p.getFileName().toString().startsWith("journal-")).sorted()
                .toList()) {
            all.append(Files.readString(p));
        }
        return all.toString();
    }

    /** The saved lab (snapshot and journal replayed) is the live lab, custom key stores included. */
    private static void assertSavedIsLive(Path dir, KmsLab lab) throws Exception {
        LabSnapshot saved = LabStore.saved(dir).orElseThrow();
        LabSnapshot live = LabStore.snapshotOf(lab);
        try {
            assertThat(saved.keyStores()).isNotEmpty().isEqualTo(live.keyStores());
            Map<?, ?> savedJson = JSON.readValue(JSON.writeValueAsBytes(saved), Map.class);
            Map<?, ?> liveJson = JSON.readValue(JSON.writeValueAsBytes(live), Map.class);
            savedJson.remove("journalSegment");
            liveJson.remove("journalSegment");
            assertThat(savedJson.get("keys")).isEqualTo(liveJson.get("keys"));
        } finally {
            saved.wipe();
            live.wipe();
        }
    }
}
