package io.kmslab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.kmslab.api.ConnectCustomKeyStoreRequest;
import io.kmslab.api.CreateCustomKeyStoreRequest;
import io.kmslab.api.CreateKeyRequest;
import io.kmslab.api.CustomKeyStoresListEntry;
import io.kmslab.api.DecryptRequest;
import io.kmslab.api.DeleteCustomKeyStoreRequest;
import io.kmslab.api.DescribeCustomKeyStoresRequest;
import io.kmslab.api.DescribeKeyRequest;
import io.kmslab.api.DisableKeyRequest;
import io.kmslab.api.DisconnectCustomKeyStoreRequest;
import io.kmslab.api.EncryptRequest;
import io.kmslab.api.GenerateDataKeyRequest;
import io.kmslab.api.GenerateRandomRequest;
import io.kmslab.api.KeyMetadata;
import io.kmslab.api.ScheduleKeyDeletionRequest;
import io.kmslab.api.UpdateCustomKeyStoreRequest;
import io.kmslab.audit.AuditQuery;
import io.kmslab.errors.KmsException;
import io.kmslab.keys.DataKeySpec;
import io.kmslab.keys.KeySpec;
import io.kmslab.keys.KeyState;
import io.kmslab.keys.KeyUsageType;
import io.kmslab.keys.OriginType;
import io.kmslab.keystores.CloudHsmCluster;
import io.kmslab.keystores.ConnectionErrorCodeType;
import io.kmslab.keystores.ConnectionStateType;
import io.kmslab.keystores.CustomKeyStoreType;
import io.kmslab.operations.CustomKeyStores;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

class CloudHsmKeyStoresTest {
    private static final String REGION = "eu-west-2";
    private static final String PASSWORD = "kmsuser-pass-1";
    private final KmsLab lab = TestLabs.lab();
    private final Kms kms = lab.kms(REGION);
    private final CloudHsmCluster cluster = lab.cloudHsmClusters("111122223333", REGION)
            .create("cluster-abcdefghijk", PASSWORD, "eu-west-2a", "eu-west-2b");
    private final byte[] secret = "hello".getBytes(StandardCharsets.UTF_8);

    private String createStore(String name) {
        return kms.createCustomKeyStore(CreateCustomKeyStoreRequest.of(name, cluster.clusterId(),
                cluster.trustAnchorCertificate(), PASSWORD)).customKeyStoreId();
    }

    private CustomKeyStoresListEntry describe(String id) {
        return kms.describeCustomKeyStores(DescribeCustomKeyStoresRequest.byId(id)).customKeyStores().get(0);
    }

    private String connectedStore() {
        String id = createStore("ExampleKeyStore");
        kms.connectCustomKeyStore(new ConnectCustomKeyStoreRequest(id));
        lab.clock().advance(CustomKeyStores.CONNECTION_TIME);
        return id;
    }

    private KeyMetadata keyIn(String storeId) {
        return kms.createKey(CreateKeyRequest.builder().origin(OriginType.AWS_CLOUDHSM).customKeyStoreId(storeId)
                .build()).keyMetadata();
    }

    private static KmsException error(ThrowingCallable call, String code) {
        Throwable thrown = catchThrowable(call);
        assertThat(thrown).as("expected %s", code).isInstanceOf(KmsException.class);
        assertThat(((KmsException) thrown).errorCode()).isEqualTo(code);
        return (KmsException) thrown;
    }

    @Test
    void createCustomKeyStore_isDisconnected_andDescribedWithItsClusterAndTrustAnchor() {
        String id = createStore("ExampleKeyStore");

        assertThat(id).matches("cks-[0-9a-f]{17}");
        CustomKeyStoresListEntry entry = describe(id);
        assertThat(entry.customKeyStoreName()).isEqualTo("ExampleKeyStore");
        assertThat(entry.cloudHsmClusterId()).isEqualTo("cluster-abcdefghijk");
        assertThat(entry.trustAnchorCertificate()).isEqualTo(cluster.trustAnchorCertificate());
        assertThat(entry.connectionState()).isEqualTo(ConnectionStateType.DISCONNECTED);
        assertThat(entry.connectionErrorCode()).isNull();
        assertThat(entry.customKeyStoreType()).isEqualTo(CustomKeyStoreType.AWS_CLOUDHSM);
        assertThat(entry.creationDate()).isEqualTo(TestLabs.START);
    }

    @Test
    void connect_isConnectingUntilTheConnectionTimeHasPassed_thenConnected() {
        String id = createStore("ExampleKeyStore");
        kms.connectCustomKeyStore(new ConnectCustomKeyStoreRequest(id));
        assertThat(describe(id).connectionState()).isEqualTo(ConnectionStateType.CONNECTING);

        lab.clock().advance(CustomKeyStores.CONNECTION_TIME.minusSeconds(1));
        assertThat(describe(id).connectionState()).isEqualTo(ConnectionStateType.CONNECTING);
        lab.clock().advance(Duration.ofSeconds(1));
        assertThat(describe(id).connectionState()).isEqualTo(ConnectionStateType.CONNECTED);
        // connecting a connected store is accepted and changes nothing
        kms.connectCustomKeyStore(new ConnectCustomKeyStoreRequest(id));
        assertThat(describe(id).connectionState()).isEqualTo(ConnectionStateType.CONNECTED);
    }

    @Test
    void connect_afterTheKmsuserPasswordChangedInTheCluster_failsWithInvalidCredentials_untilUpdated() {
        String id = createStore("ExampleKeyStore");
        cluster.changeKmsuserPassword("another-password");
        kms.connectCustomKeyStore(new ConnectCustomKeyStoreRequest(id));
        lab.clock().advance(CustomKeyStores.CONNECTION_TIME);

        assertThat(describe(id).connectionState()).isEqualTo(ConnectionStateType.FAILED);
        assertThat(describe(id).connectionErrorCode()).isEqualTo(ConnectionErrorCodeType.INVALID_CREDENTIALS);
        error(() -> kms.connectCustomKeyStore(new ConnectCustomKeyStoreRequest(id)),
                "CustomKeyStoreInvalidStateException");

        kms.disconnectCustomKeyStore(new DisconnectCustomKeyStoreRequest(id));
        assertThat(describe(id).connectionErrorCode()).isNull();
        kms.updateCustomKeyStore(new UpdateCustomKeyStoreRequest(id, null, "another-password", null));
        kms.connectCustomKeyStore(new ConnectCustomKeyStoreRequest(id));
        lab.clock().advance(CustomKeyStores.CONNECTION_TIME);
        assertThat(describe(id).connectionState()).isEqualTo(ConnectionStateType.CONNECTED);
    }

    @Test
    void connect_failsAsTheClusterIsWhenTheAttemptEnds_hsmsRemovedOrClusterDeleted() {
        String id = createStore("ExampleKeyStore");
        kms.connectCustomKeyStore(new ConnectCustomKeyStoreRequest(id));
        cluster.removeHsm("eu-west-2a");
        cluster.removeHsm("eu-west-2b");
        lab.clock().advance(CustomKeyStores.CONNECTION_TIME);
        assertThat(describe(id).connectionErrorCode()).isEqualTo(ConnectionErrorCodeType.INSUFFICIENT_CLOUDHSM_HSMS);

        kms.disconnectCustomKeyStore(new DisconnectCustomKeyStoreRequest(id));
        // with no HSM at all, ConnectCustomKeyStore itself refuses
        error(() -> kms.connectCustomKeyStore(new ConnectCustomKeyStoreRequest(id)),
                "CloudHsmClusterInvalidConfigurationException");
        lab.cloudHsmClusters("111122223333", REGION).delete(cluster.clusterId());
        kms.connectCustomKeyStore(new ConnectCustomKeyStoreRequest(id));
        lab.clock().advance(CustomKeyStores.CONNECTION_TIME);
        assertThat(describe(id).connectionErrorCode()).isEqualTo(ConnectionErrorCodeType.CLUSTER_NOT_FOUND);
    }

    @Test
    void createCustomKeyStore_refusesWhatAwsRefuses() {
        createStore("ExampleKeyStore");
        var clusters = lab.cloudHsmClusters("111122223333", REGION);
        CloudHsmCluster oneZone = clusters.create("cluster-onezoneonly", PASSWORD, "eu-west-2a", "eu-west-2a");
        CloudHsmCluster inactive = clusters.create("cluster-notactiveyet", PASSWORD, "eu-west-2a", "eu-west-2b")
                .active(false);
        CloudHsmCluster restored = clusters.restoreFromBackupOf(cluster, "cluster-restoredcopy", PASSWORD,
                "eu-west-2a", "eu-west-2b");

        error(() -> kms.createCustomKeyStore(CreateCustomKeyStoreRequest.of("ExampleKeyStore", oneZone.clusterId(),
                oneZone.trustAnchorCertificate(), PASSWORD)), "CustomKeyStoreNameInUseException");
        error(() -> kms.createCustomKeyStore(CreateCustomKeyStoreRequest.of("Other", "cluster-doesnotexist",
                cluster.trustAnchorCertificate(), PASSWORD)), "CloudHsmClusterNotFoundException");
        error(() -> kms.createCustomKeyStore(CreateCustomKeyStoreRequest.of("Other", cluster.clusterId(),
                cluster.trustAnchorCertificate(), PASSWORD)), "CloudHsmClusterInUseException");
        error(() -> kms.createCustomKeyStore(CreateCustomKeyStoreRequest.of("Other", restored.clusterId(),
                restored.trustAnchorCertificate(), PASSWORD)), "CloudHsmClusterInUseException");
        error(() -> kms.createCustomKeyStore(CreateCustomKeyStoreRequest.of("Other", inactive.clusterId(),
                inactive.trustAnchorCertificate(), PASSWORD)), "CloudHsmClusterNotActiveException");
        error(() -> kms.createCustomKeyStore(CreateCustomKeyStoreRequest.of("Other", oneZone.clusterId(),
                cluster.trustAnchorCertificate(), PASSWORD)), "IncorrectTrustAnchorException");
        error(() -> kms.createCustomKeyStore(CreateCustomKeyStoreRequest.of("Other", oneZone.clusterId(),
                oneZone.trustAnchorCertificate(), PASSWORD)), "CloudHsmClusterInvalidConfigurationException");
        KmsException shortPassword = error(() -> kms.createCustomKeyStore(CreateCustomKeyStoreRequest.of("Other",
                oneZone.clusterId(), oneZone.trustAnchorCertificate(), "abc")), "ValidationException");
        assertThat(shortPassword.getMessage()).isEqualTo("1 validation error detected: Value at 'keyStorePassword' "
                + "failed to satisfy constraint: Member must have length greater than or equal to 7");
        // an external key store without its XKS members (ExternalKeyStoresTest covers external key stores)
        error(() -> kms.createCustomKeyStore(new CreateCustomKeyStoreRequest("Xks", null, null, null,
                CustomKeyStoreType.EXTERNAL_KEY_STORE, null, null, null, null, null)), "ValidationException");
        assertThat(kms.describeCustomKeyStores(DescribeCustomKeyStoresRequest.all()).customKeyStores()).hasSize(1);
    }

    @Test
    void createKey_inAConnectedStore_hasItsMaterialInTheCluster_andEncrypts() {
        String id = connectedStore();
        KeyMetadata key = keyIn(id);

        assertThat(key.origin()).isEqualTo(OriginType.AWS_CLOUDHSM);
        assertThat(key.customKeyStoreId()).isEqualTo(id);
        assertThat(key.cloudHsmClusterId()).isEqualTo(cluster.clusterId());
        assertThat(key.keyState()).isEqualTo(KeyState.Enabled);
        assertThat(cluster.backingKeyLabels()).containsExactly(key.keyId());
        byte[] blob = kms.encrypt(EncryptRequest.of(key.keyId(), secret)).ciphertextBlob();
        assertThat(kms.decrypt(DecryptRequest.of(blob)).plaintext()).isEqualTo(secret);
    }

    @Test
    void createKey_inAStore_refusesOtherKeysAndADisconnectedStore() {
        String id = createStore("ExampleKeyStore");
        error(() -> keyIn(id), "CustomKeyStoreInvalidStateException");
        error(() -> keyIn("cks-00000000000000000"), "CustomKeyStoreNotFoundException");
        kms.connectCustomKeyStore(new ConnectCustomKeyStoreRequest(id));
        lab.clock().advance(CustomKeyStores.CONNECTION_TIME);
        error(() -> kms.createKey(CreateKeyRequest.builder().origin(OriginType.AWS_CLOUDHSM).customKeyStoreId(id)
                .keySpec(KeySpec.RSA_2048).keyUsage(KeyUsageType.SIGN_VERIFY).build()),
                "UnsupportedOperationException");
        error(() -> kms.createKey(CreateKeyRequest.builder().customKeyStoreId(id).build()), "ValidationException");
        cluster.removeHsm("eu-west-2b");
        error(() -> keyIn(id), "CloudHsmClusterInvalidConfigurationException");
        assertThat(cluster.backingKeyLabels()).isEmpty();
    }

    /** Acceptance 4 of issue #14. */
    @Test
    void disconnectedStore_makesItsKeysUnavailable_andConnectedAgainTheyWork() {
        String id = connectedStore();
        KeyMetadata key = keyIn(id);
        byte[] blob = kms.encrypt(EncryptRequest.of(key.keyId(), secret)).ciphertextBlob();

        kms.disconnectCustomKeyStore(new DisconnectCustomKeyStoreRequest(id));

        assertThat(kms.describeKey(DescribeKeyRequest.of(key.keyId())).keyMetadata().keyState())
                .isEqualTo(KeyState.Unavailable);
        KmsException refused = error(() -> kms.encrypt(EncryptRequest.of(key.keyId(), secret)),
                "KMSInvalidStateException");
        assertThat(refused.getMessage()).isEqualTo(key.arn() + " is unavailable.");
        error(() -> kms.decrypt(DecryptRequest.of(blob)), "KMSInvalidStateException");
        error(() -> kms.generateDataKey(GenerateDataKeyRequest.of(key.keyId(), DataKeySpec.AES_256)),
                "KMSInvalidStateException");

        kms.connectCustomKeyStore(new ConnectCustomKeyStoreRequest(id));
        assertThat(kms.describeKey(DescribeKeyRequest.of(key.keyId())).keyMetadata().keyState())
                .isEqualTo(KeyState.Unavailable);
        lab.clock().advance(CustomKeyStores.CONNECTION_TIME);

        assertThat(kms.describeKey(DescribeKeyRequest.of(key.keyId())).keyMetadata().keyState())
                .isEqualTo(KeyState.Enabled);
        assertThat(kms.decrypt(DecryptRequest.of(blob)).plaintext()).isEqualTo(secret);
    }

    @Test
    void reconnecting_restoresADisabledKeyToDisabled_andAKeyPendingDeletionStaysSoWhileDisconnected() {
        String id = connectedStore();
        KeyMetadata disabled = keyIn(id);
        KeyMetadata deleted = keyIn(id);
        kms.disableKey(new DisableKeyRequest(disabled.keyId()));
        kms.scheduleKeyDeletion(ScheduleKeyDeletionRequest.of(deleted.keyId(), 7));

        kms.disconnectCustomKeyStore(new DisconnectCustomKeyStoreRequest(id));
        assertThat(kms.describeKey(DescribeKeyRequest.of(disabled.keyId())).keyMetadata().keyState())
                .isEqualTo(KeyState.Unavailable);
        assertThat(kms.describeKey(DescribeKeyRequest.of(deleted.keyId())).keyMetadata().keyState())
                .isEqualTo(KeyState.PendingDeletion);

        kms.connectCustomKeyStore(new ConnectCustomKeyStoreRequest(id));
        lab.clock().advance(CustomKeyStores.CONNECTION_TIME);
        assertThat(kms.describeKey(DescribeKeyRequest.of(disabled.keyId())).keyMetadata().keyState())
                .isEqualTo(KeyState.Disabled);
    }

    @Test
    void deleteCustomKeyStore_needsItDisconnectedAndEmpty_andAKeyDeletedWhileDisconnectedLeavesOrphanedMaterial() {
        String id = connectedStore();
        KeyMetadata deletedConnected = keyIn(id);
        KeyMetadata deletedDisconnected = keyIn(id);
        kms.scheduleKeyDeletion(ScheduleKeyDeletionRequest.of(deletedConnected.keyId(), 7));
        lab.clock().advance(Duration.ofDays(7));
        assertThat(cluster.backingKeyLabels()).containsExactly(deletedDisconnected.keyId());

        error(() -> kms.deleteCustomKeyStore(new DeleteCustomKeyStoreRequest(id)),
                "CustomKeyStoreInvalidStateException");
        kms.scheduleKeyDeletion(ScheduleKeyDeletionRequest.of(deletedDisconnected.keyId(), 7));
        kms.disconnectCustomKeyStore(new DisconnectCustomKeyStoreRequest(id));
        error(() -> kms.deleteCustomKeyStore(new DeleteCustomKeyStoreRequest(id)), "CustomKeyStoreHasCMKsException");
        lab.clock().advance(Duration.ofDays(7));

        kms.deleteCustomKeyStore(new DeleteCustomKeyStoreRequest(id));
        assertThat(kms.describeCustomKeyStores(DescribeCustomKeyStoresRequest.all()).customKeyStores()).isEmpty();
        assertThat(cluster.backingKeyLabels()).containsExactly(deletedDisconnected.keyId());
        error(() -> kms.describeCustomKeyStores(DescribeCustomKeyStoresRequest.byId(id)),
                "CustomKeyStoreNotFoundException");
    }

    @Test
    void updateCustomKeyStore_renamesWhileConnected_butChangesClusterOnlyDisconnectedAndRelated() {
        String id = connectedStore();
        kms.updateCustomKeyStore(new UpdateCustomKeyStoreRequest(id, "Renamed", null, null));
        assertThat(describe(id).customKeyStoreName()).isEqualTo("Renamed");
        error(() -> kms.updateCustomKeyStore(new UpdateCustomKeyStoreRequest(id, null, "new-password", null)),
                "CustomKeyStoreInvalidStateException");

        kms.disconnectCustomKeyStore(new DisconnectCustomKeyStoreRequest(id));
        var clusters = lab.cloudHsmClusters("111122223333", REGION);
        CloudHsmCluster unrelated = clusters.create("cluster-unrelatedone", PASSWORD, "eu-west-2a", "eu-west-2b");
        CloudHsmCluster restored = clusters.restoreFromBackupOf(cluster, "cluster-restoredcopy", PASSWORD,
                "eu-west-2a", "eu-west-2c");
        error(() -> kms.updateCustomKeyStore(new UpdateCustomKeyStoreRequest(id, null, null, unrelated.clusterId())),
                "CloudHsmClusterNotRelatedException");
        error(() -> kms.updateCustomKeyStore(new UpdateCustomKeyStoreRequest(id, null, null, "cluster-doesnotexist")),
                "CloudHsmClusterNotFoundException");
        kms.updateCustomKeyStore(new UpdateCustomKeyStoreRequest(id, null, null, restored.clusterId()));
        assertThat(describe(id).cloudHsmClusterId()).isEqualTo(restored.clusterId());
    }

    @Test
    void generateRandom_inAStore_needsItConnected() {
        String id = createStore("ExampleKeyStore");
        error(() -> kms.generateRandom(new GenerateRandomRequest(16, id)), "CustomKeyStoreInvalidStateException");
        kms.connectCustomKeyStore(new ConnectCustomKeyStoreRequest(id));
        lab.clock().advance(CustomKeyStores.CONNECTION_TIME);
        assertThat(kms.generateRandom(new GenerateRandomRequest(16, id)).plaintext()).hasSize(16);
    }

    @Test
    void theTrail_recordsTheStoreCalls_butNeverTheKmsuserPassword() throws Exception {
        String id = connectedStore();
        StringWriter out = new StringWriter();
        lab.auditTrail().exportJsonLines(AuditQuery.account("111122223333"), out);

        assertThat(out.toString()).contains("\"eventName\":\"CreateCustomKeyStore\"")
                .contains("\"eventName\":\"ConnectCustomKeyStore\"").contains(id).doesNotContain(PASSWORD);
    }
}
