package io.kmslab.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.kmslab.Kms;
import io.kmslab.KmsLab;
import io.kmslab.api.ConnectCustomKeyStoreRequest;
import io.kmslab.api.CreateCustomKeyStoreRequest;
import io.kmslab.api.CreateKeyRequest;
import io.kmslab.api.CustomKeyStoresListEntry;
import io.kmslab.api.DecryptRequest;
import io.kmslab.api.DescribeCustomKeyStoresRequest;
import io.kmslab.api.DescribeKeyRequest;
import io.kmslab.api.EncryptRequest;
import io.kmslab.api.KeyMetadata;
import io.kmslab.api.Tag;
import io.kmslab.api.TagResourceRequest;
import io.kmslab.api.XksProxyAuthenticationCredentialType;
import io.kmslab.errors.KmsException;
import io.kmslab.keys.KeyState;
import io.kmslab.keys.OriginType;
import io.kmslab.keystores.ConnectionErrorCodeType;
import io.kmslab.keystores.ConnectionStateType;
import io.kmslab.keystores.CustomKeyStoreType;
import io.kmslab.keystores.SimulatedVpcEndpointService;
import io.kmslab.keystores.SimulatedXksProxy;
import io.kmslab.keystores.XksProxies;
import io.kmslab.keystores.XksProxyConnectivityType;
import io.kmslab.keystores.XksProxyCredential;
import io.kmslab.operations.CustomKeyStores;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * External key stores, the simulated XKS proxies and VPC endpoint services behind them, and the keys in them, saved to
 * a data directory and opened again. Before this was saved, an external key store was written as an AWS CloudHSM store
 * without a cluster and the lab refused to open at the next start ("has no id, cluster or connection state").
 */
class ExternalKeyStorePersistenceTest {
    private static final Instant START = Instant.parse("2026-01-20T09:00:00Z");
    private static final String ACCOUNT = KmsLab.DEFAULT_ACCOUNT;
    private static final String LONDON = "eu-west-2";
    private static final String PUBLIC_ENDPOINT = "https://xks.example.com";
    private static final String PRIVATE_DNS = "myproxy-private.xks.example.com";
    private static final String PATH = "/example-prefix/kms/xks/v1";
    private static final String SERVICE = "com.amazonaws.vpce.eu-west-2.vpce-svc-0123456789abcdef0";
    private static final String ACCESS_KEY_ID = "ABCDEFGHIJKLMNOPQRST";
    private static final String SECRET = "K3mNn7QpRs4TuVw9XyZa2Bc5De8Fg1Hi6Jk0Lm3No7P";
    private static final String ROTATED_SECRET = "Zz9Yy8Xx7Ww6Vv5Uu4Tt3Ss2Rr1Qq0Pp9Oo8Nn7Mm6L";
    private static final XksProxyAuthenticationCredentialType CREDENTIAL =
            new XksProxyAuthenticationCredentialType(ACCESS_KEY_ID, SECRET);
    private static final byte[] DATA = "kept outside AWS".getBytes(StandardCharsets.UTF_8);

    @TempDir
    Path temp;

    private static KmsLab.Builder settings() {
        return KmsLab.builder().startingAt(START).seed(11);
    }

    @Test
    void externalKeyStoresOfBothConnectivities_theirProxiesAndKeys_surviveARestart_andDecryptWhatTheyEncrypted()
            throws Exception {
        Path dir = temp.resolve("round-trip");
        KmsLab lab = LabStore.open(dir, settings());
        Kms kms = lab.kms(LONDON);
        XksProxies proxies = lab.xksProxies(ACCOUNT, LONDON);
        SimulatedXksProxy publicProxy = proxies.create(PUBLIC_ENDPOINT, PATH, new XksProxyCredential(ACCESS_KEY_ID,
                SECRET));
        publicProxy.addKey("ext-key-public");
        publicProxy.addKey("ext-key-disabled");
        publicProxy.keyEnabled("ext-key-disabled", false);
        publicProxy.acceptCredential(new XksProxyCredential(ACCESS_KEY_ID, ROTATED_SECRET));
        SimulatedXksProxy privateProxy = proxies.create("https://" + PRIVATE_DNS, PATH,
                new XksProxyCredential(ACCESS_KEY_ID, SECRET));
        privateProxy.addKey("ext-key-private");
        SimulatedVpcEndpointService service = proxies.createVpcEndpointService(SERVICE, PRIVATE_DNS);
        service.availabilityZones(3);

        String publicStore = kms.createCustomKeyStore(CreateCustomKeyStoreRequest.externalPublic("PublicXks",
                PUBLIC_ENDPOINT, PATH, CREDENTIAL)).customKeyStoreId();
        String vpcStore = kms.createCustomKeyStore(new CreateCustomKeyStoreRequest("VpcXks", null, null, null,
                CustomKeyStoreType.EXTERNAL_KEY_STORE, "https://" + PRIVATE_DNS, PATH, SERVICE, CREDENTIAL,
                XksProxyConnectivityType.VPC_ENDPOINT_SERVICE)).customKeyStoreId();
        connect(lab, publicStore);
        connect(lab, vpcStore);
        KeyMetadata publicKey = kms.createKey(CreateKeyRequest.builder().origin(OriginType.EXTERNAL_KEY_STORE)
                .customKeyStoreId(publicStore).xksKeyId("ext-key-public").build()).keyMetadata();
        KeyMetadata privateKey = kms.createKey(CreateKeyRequest.builder().origin(OriginType.EXTERNAL_KEY_STORE)
                .customKeyStoreId(vpcStore).xksKeyId("ext-key-private").build()).keyMetadata();
        byte[] publicBlob = kms.encrypt(EncryptRequest.of(publicKey.keyId(), DATA)).ciphertextBlob();
        byte[] privateBlob = kms.encrypt(EncryptRequest.of(privateKey.keyId(), DATA)).ciphertextBlob();
        List<CustomKeyStoresListEntry> before = kms.describeCustomKeyStores(DescribeCustomKeyStoresRequest.all())
                .customKeyStores();
        lab.close();

        assertThat(journal(dir)).contains("\"customKeyStoreType\":\"EXTERNAL_KEY_STORE\"");

        KmsLab restored = LabStore.open(dir, settings());
        Kms again = restored.kms(LONDON);
        assertThat(again.describeCustomKeyStores(DescribeCustomKeyStoresRequest.all()).customKeyStores())
                .isEqualTo(before);
        assertThat(describe(again, publicStore).connectionState()).isEqualTo(ConnectionStateType.CONNECTED);
        assertThat(describe(again, vpcStore).connectionState()).isEqualTo(ConnectionStateType.CONNECTED);
        KeyMetadata described = again.describeKey(DescribeKeyRequest.of(publicKey.keyId())).keyMetadata();
        assertThat(described.customKeyStoreId()).isEqualTo(publicStore);
        assertThat(described.xksKeyConfiguration().id()).isEqualTo("ext-key-public");
        assertThat(described.keyState()).isEqualTo(KeyState.Enabled);
        assertThat(again.describeKey(DescribeKeyRequest.of(privateKey.keyId())).keyMetadata()
                .xksKeyConfiguration().id()).isEqualTo("ext-key-private");
        assertThat(again.decrypt(DecryptRequest.of(publicBlob)).plaintext()).isEqualTo(DATA);
        assertThat(again.decrypt(DecryptRequest.of(privateBlob)).plaintext()).isEqualTo(DATA);

        // the proxies came back as they were: the disabled key, the second credential, the endpoint service
        XksProxies restoredProxies = restored.xksProxies(ACCOUNT, LONDON);
        assertThat(restoredProxies.find(PUBLIC_ENDPOINT)).isPresent();
        KmsException disabled = catchThrowableOfType(() -> again.createKey(CreateKeyRequest.builder()
                .origin(OriginType.EXTERNAL_KEY_STORE).customKeyStoreId(publicStore).xksKeyId("ext-key-disabled")
                .build()), KmsException.class);
        assertThat(disabled.errorCode()).isEqualTo("XksKeyInvalidConfigurationException");
        restoredProxies.find(PUBLIC_ENDPOINT).orElseThrow().revokeCredential(new XksProxyCredential(ACCESS_KEY_ID,
                SECRET));
        assertThat(restoredProxies.healthCheck(PUBLIC_ENDPOINT, PATH, new XksProxyCredential(ACCESS_KEY_ID,
                ROTATED_SECRET), "ConnectCustomKeyStore", "test")).isNull();
        assertThat(restoredProxies.vpcEndpointServices()).singleElement()
                .satisfies(s -> assertThat(s.availabilityZones()).isEqualTo(3));
        restored.close();
    }

    @Test
    void aStoreWhoseSimulatedProxyWasDeleted_comesBackFailed_itsKeysUnavailable_andTheLabOpens() throws Exception {
        Path dir = temp.resolve("deleted-proxy");
        KmsLab lab = LabStore.open(dir, settings());
        Kms kms = lab.kms(LONDON);
        XksProxies proxies = lab.xksProxies(ACCOUNT, LONDON);
        proxies.create(PUBLIC_ENDPOINT, PATH, new XksProxyCredential(ACCESS_KEY_ID, SECRET)).addKey("ext-key-1");
        String storeId = kms.createCustomKeyStore(CreateCustomKeyStoreRequest.externalPublic("Gone",
                PUBLIC_ENDPOINT, PATH, CREDENTIAL)).customKeyStoreId();
        connect(lab, storeId);
        String keyId = kms.createKey(CreateKeyRequest.builder().origin(OriginType.EXTERNAL_KEY_STORE)
                .customKeyStoreId(storeId).xksKeyId("ext-key-1").build()).keyMetadata().keyId();
        String plainKey = kms.createKey(CreateKeyRequest.builder().build()).keyMetadata().keyId();
        byte[] plainBlob = kms.encrypt(EncryptRequest.of(plainKey, DATA)).ciphertextBlob();
        proxies.delete(PUBLIC_ENDPOINT);
        // the proxy is taken away through the lab's Java API: saved with the lab's next change
        kms.tagResource(TagResourceRequest.of(plainKey, List.of(new Tag("saved", "now"))));
        lab.close();

        KmsLab restored = LabStore.open(dir, settings());
        Kms again = restored.kms(LONDON);
        CustomKeyStoresListEntry entry = describe(again, storeId);
        assertThat(entry.connectionState()).isEqualTo(ConnectionStateType.FAILED);
        assertThat(entry.connectionErrorCode()).isEqualTo(ConnectionErrorCodeType.XKS_PROXY_NOT_REACHABLE);
        assertThat(again.describeKey(DescribeKeyRequest.of(keyId)).keyMetadata().keyState())
                .isEqualTo(KeyState.Unavailable);
        assertThat(again.decrypt(DecryptRequest.of(plainBlob)).plaintext()).isEqualTo(DATA);
        assertThat(restored.xksProxies(ACCOUNT, LONDON).find(PUBLIC_ENDPOINT)).isEmpty();
        restored.close();
    }

    @Test
    void aStoreWhoseProxyIsARealOneThatDoesNotAnswer_comesBackFailed_andTheLabOpens() throws Exception {
        Path dir = temp.resolve("real-proxy");
        KmsLab lab = LabStore.open(dir, settings());
        Kms kms = lab.kms(LONDON);
        XksProxies proxies = lab.xksProxies(ACCOUNT, LONDON);
        proxies.create("https://localhost", PATH, new XksProxyCredential(ACCESS_KEY_ID, SECRET)).addKey("ext-key-1");
        String storeId = kms.createCustomKeyStore(CreateCustomKeyStoreRequest.externalPublic("Real",
                "https://localhost", PATH, CREDENTIAL)).customKeyStoreId();
        connect(lab, storeId);
        proxies.delete("https://localhost");
        kms.tagResource(TagResourceRequest.of(kms.createKey(CreateKeyRequest.builder().build()).keyMetadata()
                .keyId(), List.of(new Tag("saved", "now"))));
        lab.close();
        int closedPort;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }

        // the restarted lab names a real proxy for the store's endpoint (--xks-proxy), which does not answer
        KmsLab restored = LabStore.open(dir, settings().xksProxy(java.net.URI.create("https://localhost:"
                + closedPort)));
        CustomKeyStoresListEntry entry = describe(restored.kms(LONDON), storeId);
        assertThat(entry.connectionState()).isEqualTo(ConnectionStateType.FAILED);
        assertThat(entry.connectionErrorCode()).isEqualTo(ConnectionErrorCodeType.XKS_PROXY_NOT_REACHABLE);
        restored.close();
    }

    @Test
    void theJournalReplayed_isTheLab_afterEachChangeOfAnExternalKeyStoreOrItsProxy() throws Exception {
        Path dir = temp.resolve("journal");
        KmsLab lab = LabStore.open(dir, settings(), new LabStore.CompactionSettings(Long.MAX_VALUE, false,
                step -> { }));
        Kms kms = lab.kms(LONDON);
        XksProxies proxies = lab.xksProxies(ACCOUNT, LONDON);
        SimulatedXksProxy proxy = proxies.create(PUBLIC_ENDPOINT, PATH, new XksProxyCredential(ACCESS_KEY_ID,
                SECRET));
        proxy.addKey("ext-key-1");
        String storeId = kms.createCustomKeyStore(CreateCustomKeyStoreRequest.externalPublic("Journaled",
                PUBLIC_ENDPOINT, PATH, CREDENTIAL)).customKeyStoreId();
        assertSavedIsLive(dir, lab);
        connect(lab, storeId);
        assertSavedIsLive(dir, lab);
        String keyId = kms.createKey(CreateKeyRequest.builder().origin(OriginType.EXTERNAL_KEY_STORE)
                .customKeyStoreId(storeId).xksKeyId("ext-key-1").build()).keyMetadata().keyId();
        assertSavedIsLive(dir, lab);
        proxy.keyEnabled("ext-key-1", false);
        proxies.createVpcEndpointService(SERVICE, PRIVATE_DNS).acceptanceRequired(true);
        kms.tagResource(TagResourceRequest.of(keyId, List.of(new Tag("a", "1"))));
        assertSavedIsLive(dir, lab);

        // a change that leaves the proxies and stores as they were journals no keyStores change
        long linesBefore = journalLines(dir);
        kms.tagResource(TagResourceRequest.of(keyId, List.of(new Tag("b", "2"))));
        List<String> lines = journal(dir).lines().filter(l -> l.startsWith("{\"changes\"")).toList();
        assertThat(lines).hasSize((int) linesBefore + 1);
        assertThat(lines.get(lines.size() - 1)).doesNotContain("\"change\":\"keyStores\"");
        lab.close();

        // nor does the first change after a restart (the snapshot written at opening is what the journal follows)
        KmsLab restored = LabStore.open(dir, settings(), new LabStore.CompactionSettings(Long.MAX_VALUE, false,
                step -> { }));
        restored.kms(LONDON).tagResource(TagResourceRequest.of(keyId, List.of(new Tag("c", "3"))));
        assertThat(journal(dir)).doesNotContain("\"change\":\"keyStores\"");
        assertSavedIsLive(dir, restored);
        restored.close();
    }

    @Test
    void theProxyCredentialAndTheExternalKeyMaterial_areNeverPrinted() throws Exception {
        Path dir = temp.resolve("secrets");
        KmsLab lab = LabStore.open(dir, settings());
        Kms kms = lab.kms(LONDON);
        SimulatedXksProxy proxy = lab.xksProxies(ACCOUNT, LONDON).create(PUBLIC_ENDPOINT, PATH,
                new XksProxyCredential(ACCESS_KEY_ID, SECRET));
        byte[] material = new byte[32];
        java.util.Arrays.fill(material, (byte) 0x5a);
        proxy.addKey("ext-key-1", "AES_256", List.of("ENCRYPT", "DECRYPT"), material);
        String storeId = kms.createCustomKeyStore(CreateCustomKeyStoreRequest.externalPublic("Secret",
                PUBLIC_ENDPOINT, PATH, CREDENTIAL)).customKeyStoreId();
        connect(lab, storeId);
        LabSnapshot live = LabStore.snapshotOf(lab);
        String materialBase64 = java.util.Base64.getEncoder().encodeToString(material);
        try {
            LabSnapshot.KeyStores regional = live.keyStores().get(0);
            assertThat(regional.customKeyStores()).singleElement().isInstanceOf(LabSnapshot.ExternalKeyStore.class);
            assertThat(regional.xksProxies()).singleElement()
                    .satisfies(p -> assertThat(p.keys()).singleElement()
                            .satisfies(k -> assertThat(k.material()).isEqualTo(material)));
            String printed = live + " " + regional + " " + regional.customKeyStores() + " " + regional.xksProxies()
                    + " " + regional.xksProxies().get(0).keys() + " " + regional.xksProxies().get(0).credentials();
            assertThat(printed).doesNotContain(SECRET).doesNotContain(ACCESS_KEY_ID).doesNotContain(materialBase64);
        } finally {
            live.wipe();
        }
        assertThat(proxy.toString()).doesNotContain(SECRET).doesNotContain(materialBase64);
        lab.close();
        // the files hold it (they hold key material, rw------- as the rest), the audit trail never does
        assertThat(journal(dir)).contains(SECRET);
        assertThat(Files.readString(dir.resolve(LabStore.AUDIT_FILE))).doesNotContain(SECRET);
        KmsLab restored = LabStore.open(dir, settings());
        assertThat(restored.xksProxies(ACCOUNT, LONDON).find(PUBLIC_ENDPOINT).orElseThrow().toString())
                .doesNotContain(SECRET);
        assertThat(restored.keyStores().toString()).doesNotContain(SECRET);
        restored.close();
    }

    // ------------------------------------------------------------------------------------------ helpers

    private static void connect(KmsLab lab, String id) {
        Kms kms = lab.kms(LONDON);
        kms.connectCustomKeyStore(new ConnectCustomKeyStoreRequest(id));
        lab.clock().advance(CustomKeyStores.CONNECTION_TIME);
        assertThat(describe(kms, id).connectionState()).isEqualTo(ConnectionStateType.CONNECTED);
    }

    private static CustomKeyStoresListEntry describe(Kms kms, String id) {
        return kms.describeCustomKeyStores(DescribeCustomKeyStoresRequest.byId(id)).customKeyStores().get(0);
    }

    private static long journalLines(Path dir) throws Exception {
        return journal(dir).lines().filter(l -> l.startsWith("{\"changes\"")).count();
    }

    /** The saved lab (snapshot and journal replayed) is the live lab, stores, proxies and keys included. */
    private static void assertSavedIsLive(Path dir, KmsLab lab) throws Exception {
        LabSnapshot saved = LabStore.saved(dir).orElseThrow();
        LabSnapshot live = LabStore.snapshotOf(lab);
        try {
            assertThat(saved.keyStores()).isNotEmpty().isEqualTo(live.keyStores());
            assertThat(saved.keys()).extracting(LabSnapshot.Key::arn, LabSnapshot.Key::customKeyStoreId,
                    LabSnapshot.Key::xksKeyId).isEqualTo(live.keys().stream().map(k -> org.assertj.core.groups.Tuple
                            .tuple(k.arn(), k.customKeyStoreId(), k.xksKeyId())).toList());
        } finally {
            saved.wipe();
            live.wipe();
        }
    }

    private static String journal(Path dir) throws Exception {
        StringBuilder all = new StringBuilder();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path p : files.filter(p -> p.getFileName().toString().startsWith("journal-")
                    || p.getFileName().toString().equals(LabStore.STATE_FILE)).sorted().toList()) {
                all.append(Files.readString(p));
            }
        }
        return all.toString();
    }
}
