package io.kmslab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.kmslab.api.ConnectCustomKeyStoreRequest;
import io.kmslab.api.CreateCustomKeyStoreRequest;
import io.kmslab.api.CreateKeyRequest;
import io.kmslab.api.DecryptRequest;
import io.kmslab.api.DescribeKeyRequest;
import io.kmslab.api.EncryptRequest;
import io.kmslab.api.GenerateDataKeyRequest;
import io.kmslab.api.ReEncryptRequest;
import io.kmslab.api.XksProxyAuthenticationCredentialType;
import io.kmslab.audit.AuditEvent;
import io.kmslab.audit.AuditQuery;
import io.kmslab.audit.AuditTrail;
import io.kmslab.errors.KmsException;
import io.kmslab.keys.DataKeySpec;
import io.kmslab.keys.OriginType;
import io.kmslab.keystores.CloudHsmCluster;
import io.kmslab.keystores.SimulatedXksProxy;
import io.kmslab.keystores.XksProxyCredential;
import io.kmslab.operations.CustomKeyStores;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The additionalEventData of cryptographic operations with a key in a custom key store (developer guide,
 * ct-decrypt.html: "All log entries for cryptographic operations with a KMS key in a custom key store include an
 * additionalEventData field with the customKeyStoreId"; for an external key store "the additionalEventData field
 * includes the external key ID (XksKeyId)", on a failed Decrypt too).
 */
class AuditCustomKeyStoreTest {
    private static final String A = "111122223333";
    private static final String REGION = "eu-west-2";
    private static final String PASSWORD = "kmsuser-pass-1";
    private static final String ENDPOINT = "https://xks.example.com";
    private static final String PATH = "/example-prefix/kms/xks/v1";
    private static final String ACCESS_KEY_ID = "ABCDEFGHIJKLMNOPQRST";
    private static final String SECRET = "K3mNn7QpRs4TuVw9XyZa2Bc5De8Fg1Hi6Jk0Lm3No7P";
    private static final Map<String, String> CONTEXT = Map.of("Department", "Engineering");
    private final KmsLab lab = TestLabs.lab();
    private final Kms kms = lab.kms(REGION);
    private final byte[] data = "audit me".getBytes(StandardCharsets.UTF_8);

    private AuditEvent last(String eventName) {
        List<AuditEvent> events = lab.auditTrail().query(AuditQuery.account(A).eventName(eventName));
        return events.get(events.size() - 1);
    }

    private String connected(String storeId) {
        kms.connectCustomKeyStore(new ConnectCustomKeyStoreRequest(storeId));
        lab.clock().advance(CustomKeyStores.CONNECTION_TIME);
        return storeId;
    }

    private String cloudHsmStore() {
        CloudHsmCluster cluster = lab.cloudHsmClusters(A, REGION).create("cluster-abcdefghijk", PASSWORD,
                "eu-west-2a", "eu-west-2b");
        return connected(kms.createCustomKeyStore(CreateCustomKeyStoreRequest.of("ExampleKeyStore",
                cluster.clusterId(), cluster.trustAnchorCertificate(), PASSWORD)).customKeyStoreId());
    }

    private SimulatedXksProxy proxy() {
        return lab.xksProxies(A, REGION).create(ENDPOINT, PATH, new XksProxyCredential(ACCESS_KEY_ID, SECRET));
    }

    private String externalStore() {
        return connected(kms.createCustomKeyStore(CreateCustomKeyStoreRequest.externalPublic("ExampleXks", ENDPOINT,
                PATH, new XksProxyAuthenticationCredentialType(ACCESS_KEY_ID, SECRET))).customKeyStoreId());
    }

    /** A KMS key in the external key store, backed by a new external key of the proxy's key manager. */
    private String keyBackedBy(SimulatedXksProxy proxy, String storeId, String externalKeyId) {
        proxy.addKey(externalKeyId);
        return kms.createKey(CreateKeyRequest.builder().origin(OriginType.EXTERNAL_KEY_STORE).customKeyStoreId(storeId)
                .xksKeyId(externalKeyId).build()).keyMetadata().keyId();
    }

    @Test
    void aKeyInACloudHsmKeyStore_namesItsStore_inEachCryptographicEvent_butNotInDescribeKey() {
        String storeId = cloudHsmStore();
        String keyId = kms.createKey(CreateKeyRequest.builder().origin(OriginType.AWS_CLOUDHSM)
                .customKeyStoreId(storeId).build()).keyMetadata().keyId();

        byte[] blob = kms.encrypt(EncryptRequest.of(keyId, data, CONTEXT)).ciphertextBlob();
        assertThat(last("Encrypt").additionalEventData()).containsExactly(Map.entry("customKeyStoreId", storeId));
        kms.decrypt(DecryptRequest.of(blob, CONTEXT));
        assertThat(last("Decrypt").additionalEventData()).containsExactly(Map.entry("customKeyStoreId", storeId));
        kms.generateDataKey(GenerateDataKeyRequest.of(keyId, DataKeySpec.AES_256));
        assertThat(last("GenerateDataKey").additionalEventData())
                .containsExactly(Map.entry("customKeyStoreId", storeId));
        // not a cryptographic operation: nothing added
        kms.describeKey(DescribeKeyRequest.of(keyId));
        assertThat(last("DescribeKey").additionalEventData()).isNull();
        // as the trail's JSON line writes it, in ct-decrypt.html's shape
        assertThat(AuditTrail.toJson(last("Decrypt")))
                .contains("\"additionalEventData\":{\"customKeyStoreId\":\"" + storeId + "\"}");
    }

    @Test
    void aKeyInAnExternalKeyStore_namesItsStoreAndExternalKey_onSuccessAndOnAFailureAtTheProxy() {
        SimulatedXksProxy proxy = proxy();
        String storeId = externalStore();
        String keyId = keyBackedBy(proxy, storeId, "abc01234567890fe");
        Map<String, Object> expected = Map.of("customKeyStoreId", storeId, "xksKeyId", "abc01234567890fe");

        byte[] blob = kms.encrypt(EncryptRequest.of(keyId, data, CONTEXT)).ciphertextBlob();
        assertThat(last("Encrypt").additionalEventData()).isEqualTo(expected);
        kms.decrypt(DecryptRequest.of(blob, CONTEXT));
        assertThat(last("Decrypt").additionalEventData()).isEqualTo(expected);

        // ct-decrypt.html, "Decrypt failure with a KMS key in an external key store": the failed event carries both
        proxy.keyEnabled("abc01234567890fe", false);
        Throwable failed = catchThrowable(() -> kms.decrypt(DecryptRequest.of(blob, CONTEXT)));
        assertThat(failed).isInstanceOf(KmsException.class);
        AuditEvent failure = last("Decrypt");
        assertThat(failure.errorCode()).isEqualTo("KMSInvalidStateException");
        assertThat(failure.additionalEventData()).isEqualTo(expected);
        assertThat(AuditTrail.toJson(failure)).contains("\"additionalEventData\":{\"customKeyStoreId\":\"" + storeId
                + "\",\"xksKeyId\":\"abc01234567890fe\"}");
    }

    @Test
    void reEncrypt_fromAStandardKeyIntoAnExternalKeyStore_namesTheStore_andTheSourceMaterial() {
        SimulatedXksProxy proxy = proxy();
        String storeId = externalStore();
        String external = keyBackedBy(proxy, storeId, "ext-key-1");
        String standard = kms.createKey(CreateKeyRequest.of()).keyMetadata().keyId();
        byte[] blob = kms.encrypt(EncryptRequest.of(standard, data)).ciphertextBlob();
        String sourceMaterial = (String) last("Encrypt").additionalEventData().get("keyMaterialId");

        kms.reEncrypt(ReEncryptRequest.of(blob, external));
        assertThat(last("ReEncrypt").additionalEventData()).containsExactly(Map.entry("customKeyStoreId", storeId),
                Map.entry("xksKeyId", "ext-key-1"), Map.entry("sourceKeyMaterialId", sourceMaterial));
    }
}
