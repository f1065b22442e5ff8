package io.kmslab.server.endpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.kmslab.KmsLab;
import io.kmslab.keystores.CloudHsmCluster;
import io.kmslab.operations.CustomKeyStores;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.CloudHsmClusterInvalidConfigurationException;
import software.amazon.awssdk.services.kms.model.ConnectionErrorCodeType;
import software.amazon.awssdk.services.kms.model.ConnectionStateType;
import software.amazon.awssdk.services.kms.model.CustomKeyStoreHasCmKsException;
import software.amazon.awssdk.services.kms.model.CustomKeyStoreInvalidStateException;
import software.amazon.awssdk.services.kms.model.CustomKeyStoreNotFoundException;
import software.amazon.awssdk.services.kms.model.CustomKeyStoreType;
import software.amazon.awssdk.services.kms.model.CustomKeyStoresListEntry;
import software.amazon.awssdk.services.kms.model.IncorrectTrustAnchorException;
import software.amazon.awssdk.services.kms.model.KeyMetadata;
import software.amazon.awssdk.services.kms.model.KeyState;
import software.amazon.awssdk.services.kms.model.KmsInvalidStateException;
import software.amazon.awssdk.services.kms.model.OriginType;

/** AWS CloudHSM key stores through the AWS SDK for Java v2: every member and error on the wire as the SDK reads it. */
class CloudHsmKeyStoreSdkTest {
    private static final String PASSWORD = "kmsuser-pass-1";
    private KmsLab lab;
    private KmsEndpoint endpoint;
    private KmsClient kms;
    private CloudHsmCluster cluster;

    @BeforeEach
    void start() {
        lab = KmsLab.builder().startingAt(Instant.parse("2026-01-20T09:00:00Z")).build();
        endpoint = KmsEndpoint.start(lab, Identities.anyKeyIsRootOf("111122223333"), "127.0.0.1", 0, "us-east-1");
        kms = SdkClientTest.clientOf(endpoint, Region.EU_WEST_2);
        cluster = lab.cloudHsmClusters("111122223333", "eu-west-2").create("cluster-abcdefghijk", PASSWORD,
                "eu-west-2a", "eu-west-2b");
    }

    @AfterEach
    void stop() {
        kms.close();
        endpoint.close();
    }

    private String createStore() {
        return kms.createCustomKeyStore(r -> r.customKeyStoreName("ExampleKeyStore")
                .cloudHsmClusterId(cluster.clusterId()).trustAnchorCertificate(cluster.trustAnchorCertificate())
                .keyStorePassword(PASSWORD)).customKeyStoreId();
    }

    private CustomKeyStoresListEntry describe(String id) {
        return kms.describeCustomKeyStores(r -> r.customKeyStoreId(id)).customKeyStores().get(0);
    }

    @Test
    void theKeyStoreLifecycle_andItsKeys_throughTheSdk() {
        String id = createStore();
        CustomKeyStoresListEntry created = describe(id);
        assertThat(created.connectionState()).isEqualTo(ConnectionStateType.DISCONNECTED);
        assertThat(created.customKeyStoreType()).isEqualTo(CustomKeyStoreType.AWS_CLOUDHSM);
        assertThat(created.cloudHsmClusterId()).isEqualTo(cluster.clusterId());
        assertThat(created.trustAnchorCertificate()).isEqualTo(cluster.trustAnchorCertificate());
        assertThat(created.creationDate()).isEqualTo(Instant.parse("2026-01-20T09:00:00Z"));
        assertThat(created.connectionErrorCode()).isNull();

        kms.connectCustomKeyStore(r -> r.customKeyStoreId(id));
        assertThat(describe(id).connectionState()).isEqualTo(ConnectionStateType.CONNECTING);
        lab.clock().advance(CustomKeyStores.CONNECTION_TIME);
        assertThat(describe(id).connectionState()).isEqualTo(ConnectionStateType.CONNECTED);

        KeyMetadata key = kms.createKey(r -> r.origin(OriginType.AWS_CLOUDHSM).customKeyStoreId(id)).keyMetadata();
        assertThat(key.customKeyStoreId()).isEqualTo(id);
        assertThat(key.cloudHsmClusterId()).isEqualTo(cluster.clusterId());
        assertThat(key.origin()).isEqualTo(OriginType.AWS_CLOUDHSM);
        SdkBytes blob = kms.encrypt(r -> r.keyId(key.keyId()).plaintext(SdkBytes.fromUtf8String("in the HSM")))
                .ciphertextBlob();

        kms.disconnectCustomKeyStore(r -> r.customKeyStoreId(id));
        assertThat(kms.describeKey(r -> r.keyId(key.keyId())).keyMetadata().keyState())
                .isEqualTo(KeyState.UNAVAILABLE);
        KmsInvalidStateException unavailable = catchThrowableOfType(KmsInvalidStateException.class,
                () -> kms.decrypt(r -> r.ciphertextBlob(blob)));
        assertThat(unavailable.awsErrorDetails().errorMessage()).isEqualTo(key.arn() + " is unavailable.");
        assertThat(unavailable.statusCode()).isEqualTo(400);
        CustomKeyStoreHasCmKsException hasKeys = catchThrowableOfType(CustomKeyStoreHasCmKsException.class,
                () -> kms.deleteCustomKeyStore(r -> r.customKeyStoreId(id)));
        assertThat(hasKeys.awsErrorDetails().errorCode()).isEqualTo("CustomKeyStoreHasCMKsException");

        kms.connectCustomKeyStore(r -> r.customKeyStoreId(id));
        lab.clock().advance(CustomKeyStores.CONNECTION_TIME);
        assertThat(kms.decrypt(r -> r.ciphertextBlob(blob)).plaintext().asUtf8String()).isEqualTo("in the HSM");
    }

    @Test
    void aFailedConnection_showsItsErrorCode_andTheStoreErrorsComeWithTheirAwsCodes() {
        String id = createStore();
        cluster.kmsuserLockedOut(true);
        kms.connectCustomKeyStore(r -> r.customKeyStoreId(id));
        lab.clock().advance(CustomKeyStores.CONNECTION_TIME);
        assertThat(describe(id).connectionState()).isEqualTo(ConnectionStateType.FAILED);
        assertThat(describe(id).connectionErrorCode()).isEqualTo(ConnectionErrorCodeType.USER_LOCKED_OUT);

        assertThat(catchThrowableOfType(CustomKeyStoreInvalidStateException.class,
                () -> kms.connectCustomKeyStore(r -> r.customKeyStoreId(id))).statusCode()).isEqualTo(400);
        assertThat(catchThrowableOfType(CustomKeyStoreNotFoundException.class,
                () -> kms.describeCustomKeyStores(r -> r.customKeyStoreName("nope"))).statusCode()).isEqualTo(400);
        var oneZone = lab.cloudHsmClusters("111122223333", "eu-west-2").create("cluster-onezoneonly", PASSWORD,
                "eu-west-2a");
        assertThat(catchThrowableOfType(IncorrectTrustAnchorException.class,
                () -> kms.createCustomKeyStore(r -> r.customKeyStoreName("Other").cloudHsmClusterId(oneZone.clusterId())
                        .trustAnchorCertificate(cluster.trustAnchorCertificate()).keyStorePassword(PASSWORD))))
                .isNotNull();
        assertThat(catchThrowableOfType(CloudHsmClusterInvalidConfigurationException.class,
                () -> kms.createCustomKeyStore(r -> r.customKeyStoreName("Other").cloudHsmClusterId(oneZone.clusterId())
                        .trustAnchorCertificate(oneZone.trustAnchorCertificate()).keyStorePassword(PASSWORD))))
                .isNotNull();
        kms.disconnectCustomKeyStore(r -> r.customKeyStoreId(id));
        kms.deleteCustomKeyStore(r -> r.customKeyStoreId(id));
        assertThat(kms.describeCustomKeyStores(r -> { }).customKeyStores()).isEmpty();
    }
}
