package io.kmslab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.kmslab.api.ConnectCustomKeyStoreRequest;
import io.kmslab.api.CreateCustomKeyStoreRequest;
import io.kmslab.api.CreateKeyRequest;
import io.kmslab.api.DecryptRequest;
import io.kmslab.api.DeleteCustomKeyStoreRequest;
import io.kmslab.api.DescribeKeyRequest;
import io.kmslab.api.DisconnectCustomKeyStoreRequest;
import io.kmslab.api.EnableKeyRotationRequest;
import io.kmslab.api.EncryptRequest;
import io.kmslab.api.GenerateDataKeyPairRequest;
import io.kmslab.api.GenerateDataKeyRequest;
import io.kmslab.api.GenerateDataKeyResponse;
import io.kmslab.api.GenerateDataKeyWithoutPlaintextRequest;
import io.kmslab.api.KeyMetadata;
import io.kmslab.api.ListKeysRequest;
import io.kmslab.api.ReEncryptRequest;
import io.kmslab.api.XksProxyAuthenticationCredentialType;
import io.kmslab.errors.KmsException;
import io.kmslab.keys.DataKeyPairSpec;
import io.kmslab.keys.DataKeySpec;
import io.kmslab.keys.KeyState;
import io.kmslab.keys.KeySpec;
import io.kmslab.keys.KeyUsageType;
import io.kmslab.keys.OriginType;
import io.kmslab.keystores.SimulatedXksProxy;
import io.kmslab.keystores.XksProxies;
import io.kmslab.keystores.XksProxyCredential;
import io.kmslab.keystores.XksProxyFailure;
import io.kmslab.operations.CustomKeyStores;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

/** KMS keys in an external key store: CreateKey with XksKeyId, double encryption through the proxy, its failures. */
class ExternalKeyStoreKeysTest {
    private static final String REGION = "eu-west-2";
    private static final String ENDPOINT = "https://xks.example.com";
    private static final String PATH = "/example-prefix/kms/xks/v1";
    private static final String ACCESS_KEY_ID = "ABCDEFGHIJKLMNOPQRST";
    private static final String SECRET = "K3mNn7QpRs4TuVw9XyZa2Bc5De8Fg1Hi6Jk0Lm3No7P";
    private static final XksProxyCredential PROXY_CREDENTIAL = new XksProxyCredential(ACCESS_KEY_ID, SECRET);
    private static final byte[] SECRET_DATA = "the recipe".getBytes(StandardCharsets.UTF_8);
    private static final Map<String, String> CONTEXT = Map.of("purpose", "test");

    private final KmsLab lab = TestLabs.lab();
    private final Kms kms = lab.kms(REGION);
    private final XksProxies proxies = lab.xksProxies("111122223333", REGION);
    private final SimulatedXksProxy proxy = proxies.create(ENDPOINT, PATH, PROXY_CREDENTIAL);
    private final String storeId;

    ExternalKeyStoreKeysTest() {
        proxy.addKey("ext-key-1");
        proxy.addKey("ext-key-2");
        storeId = kms.createCustomKeyStore(CreateCustomKeyStoreRequest.externalPublic("ExampleXks", ENDPOINT, PATH,
                new XksProxyAuthenticationCredentialType(ACCESS_KEY_ID, SECRET))).customKeyStoreId();
        connect();
    }

    private void connect() {
        kms.connectCustomKeyStore(new ConnectCustomKeyStoreRequest(storeId));
        lab.clock().advance(CustomKeyStores.CONNECTION_TIME);
    }

    private KeyMetadata createKey(String xksKeyId) {
        return kms.createKey(CreateKeyRequest.builder().origin(OriginType.EXTERNAL_KEY_STORE).customKeyStoreId(storeId)
                .xksKeyId(xksKeyId).build()).keyMetadata();
    }

    private static KmsException error(ThrowingCallable call, String code) {
        Throwable thrown = catchThrowable(call);
        assertThat(thrown).isInstanceOf(KmsException.class);
        assertThat(((KmsException) thrown).errorCode()).as(thrown.getMessage()).isEqualTo(code);
        return (KmsException) thrown;
    }

    private int keyCount() {
        return kms.listKeys(ListKeysRequest.of()).keys().size();
    }

    @Test
    void createKey_withAnExternalKey_showsOriginStoreAndXksKeyConfiguration() {
        KeyMetadata created = createKey("ext-key-1");

        assertThat(created.origin()).isEqualTo(OriginType.EXTERNAL_KEY_STORE);
        assertThat(created.customKeyStoreId()).isEqualTo(storeId);
        assertThat(created.cloudHsmClusterId()).isNull();
        assertThat(created.xksKeyConfiguration().id()).isEqualTo("ext-key-1");
        assertThat(created.keySpec()).isEqualTo(KeySpec.SYMMETRIC_DEFAULT);
        assertThat(created.keyState()).isEqualTo(KeyState.Enabled);
        KeyMetadata described = kms.describeKey(DescribeKeyRequest.of(created.keyId())).keyMetadata();
        assertThat(described.xksKeyConfiguration().id()).isEqualTo("ext-key-1");
        // a key of the AWS KMS key store has no XksKeyConfiguration
        assertThat(kms.createKey(CreateKeyRequest.of()).keyMetadata().xksKeyConfiguration()).isNull();
        // "Automatic key rotation is not supported for KMS keys in external key stores" (use-xks-key.html)
        error(() -> kms.enableKeyRotation(EnableKeyRotationRequest.of(created.keyId())),
                "UnsupportedOperationException");
    }

    @Test
    void createKey_refusesExternalKeysTheSpecRefuses_andStoresNothing() {
        int before = keyCount();
        KmsException notFound = error(() -> createKey("no-such-key"), "XksKeyNotFoundException");
        assertThat(notFound.getMessage()).isEqualTo(XksProxyFailure.KEY_NOT_FOUND.message());

        proxy.keyEnabled("ext-key-1", false);
        KmsException disabled = error(() -> createKey("ext-key-1"), "XksKeyInvalidConfigurationException");
        assertThat(disabled.getMessage()).isEqualTo(XksProxyFailure.INVALID_STATE.message());
        proxy.keyEnabled("ext-key-1", true);

        proxy.addKey("aes-128", "AES_128", List.of("ENCRYPT", "DECRYPT"), new byte[16]);
        error(() -> createKey("aes-128"), "XksKeyInvalidConfigurationException");
        proxy.addKey("encrypt-only", "AES_256", List.of("ENCRYPT"), new byte[32]);
        error(() -> createKey("encrypt-only"), "XksKeyInvalidConfigurationException");

        createKey("ext-key-1");
        error(() -> createKey("ext-key-1"), "XksKeyAlreadyInUseException");
        assertThat(keyCount()).isEqualTo(before + 1);
    }

    @Test
    void createKey_needsTheStoreConnectedAndTheProxyAnswering() {
        proxy.reachable(false);
        KmsException unreachable = error(() -> createKey("ext-key-1"), "CustomKeyStoreInvalidStateException");
        assertThat(unreachable.getMessage()).isEqualTo(XksProxyFailure.NO_CONNECTION.message());
        proxy.reachable(true);
        proxy.revokeCredential(PROXY_CREDENTIAL);
        KmsException unauthenticated = error(() -> createKey("ext-key-1"), "CustomKeyStoreInvalidStateException");
        assertThat(unauthenticated.getMessage()).isEqualTo(XksProxyFailure.AUTHENTICATION_FAILED.message());
        proxy.acceptCredential(PROXY_CREDENTIAL);

        kms.disconnectCustomKeyStore(new DisconnectCustomKeyStoreRequest(storeId));
        KmsException disconnected = error(() -> createKey("ext-key-1"), "CustomKeyStoreInvalidStateException");
        assertThat(disconnected.getMessage()).isEqualTo(XksProxyFailure.NOT_CONNECTED.message());
    }

    @Test
    void createKey_checksTheXksMembers() {
        error(() -> kms.createKey(CreateKeyRequest.builder().origin(OriginType.EXTERNAL_KEY_STORE)
                .customKeyStoreId(storeId).build()), "ValidationException");
        error(() -> kms.createKey(CreateKeyRequest.builder().xksKeyId("ext-key-1").build()), "ValidationException");
        error(() -> kms.createKey(CreateKeyRequest.builder().origin(OriginType.EXTERNAL_KEY_STORE)
                .xksKeyId("ext-key-1").build()), "ValidationException");
        KmsException pattern = error(() -> createKey("bad/key"), "ValidationException");
        assertThat(pattern.getMessage()).contains("xksKeyId").contains("^[a-zA-Z0-9-_.]+$");
        error(() -> createKey("k".repeat(129)), "ValidationException");
        error(() -> kms.createKey(CreateKeyRequest.builder().origin(OriginType.EXTERNAL_KEY_STORE)
                .customKeyStoreId(storeId).xksKeyId("ext-key-1").keySpec(KeySpec.HMAC_256)
                .keyUsage(KeyUsageType.GENERATE_VERIFY_MAC).build()), "UnsupportedOperationException");
        error(() -> kms.createKey(CreateKeyRequest.builder().origin(OriginType.EXTERNAL_KEY_STORE)
                .customKeyStoreId(storeId).xksKeyId("ext-key-1").multiRegion(true).build()),
                "UnsupportedOperationException");
        error(() -> kms.createKey(CreateKeyRequest.builder().origin(OriginType.AWS_CLOUDHSM).customKeyStoreId(storeId)
                .build()), "UnsupportedOperationException");
    }

    @Test
    void encryptAndDecrypt_goThroughTheProxy_withDoubleEncryption() {
        String keyId = createKey("ext-key-1").keyId();
        byte[] blob = kms.encrypt(EncryptRequest.of(keyId, SECRET_DATA, CONTEXT)).ciphertextBlob();

        assertThat(kms.decrypt(DecryptRequest.of(blob, CONTEXT)).plaintext()).isEqualTo(SECRET_DATA);
        // the external key is needed to decrypt: disabled in the key manager, Decrypt fails; enabled, it works
        proxy.keyEnabled("ext-key-1", false);
        KmsException disabled = error(() -> kms.decrypt(DecryptRequest.of(blob, CONTEXT)),
                "KMSInvalidStateException");
        assertThat(disabled.getMessage()).isEqualTo(XksProxyFailure.INVALID_STATE.message());
        error(() -> kms.encrypt(EncryptRequest.of(keyId, SECRET_DATA)), "KMSInvalidStateException");
        // "The key state of a KMS key is distinct from the status of the underlying external key" (XKS Proxy API spec)
        assertThat(kms.describeKey(DescribeKeyRequest.of(keyId)).keyMetadata().keyState())
                .isEqualTo(KeyState.Enabled);
        proxy.keyEnabled("ext-key-1", true);
        assertThat(kms.decrypt(DecryptRequest.of(blob, CONTEXT)).plaintext()).isEqualTo(SECRET_DATA);
        // a blob under the external layer is longer than the lab's single-layer blob of the same plaintext
        byte[] plain = kms.encrypt(EncryptRequest.of(kms.createKey(CreateKeyRequest.of()).keyMetadata().keyId(),
                SECRET_DATA, CONTEXT)).ciphertextBlob();
        assertThat(blob.length - plain.length).isEqualTo(1 + 12 + 1 + 2 + 16);
    }

    @Test
    void dataKeysAndReEncrypt_useTheExternalKeyToo() {
        String keyId = createKey("ext-key-1").keyId();
        String otherKey = kms.createKey(CreateKeyRequest.of()).keyMetadata().keyId();

        GenerateDataKeyResponse dataKey = kms.generateDataKey(GenerateDataKeyRequest.of(keyId, DataKeySpec.AES_256));
        assertThat(kms.decrypt(DecryptRequest.of(dataKey.ciphertextBlob())).plaintext())
                .isEqualTo(dataKey.plaintext());
        byte[] withoutPlaintext = kms.generateDataKeyWithoutPlaintext(GenerateDataKeyWithoutPlaintextRequest.of(keyId,
                DataKeySpec.AES_128)).ciphertextBlob();
        assertThat(kms.decrypt(DecryptRequest.of(withoutPlaintext)).plaintext()).hasSize(16);

        byte[] moved = kms.reEncrypt(ReEncryptRequest.of(dataKey.ciphertextBlob(), otherKey)).ciphertextBlob();
        assertThat(kms.decrypt(DecryptRequest.of(moved)).plaintext()).isEqualTo(dataKey.plaintext());
        byte[] back = kms.reEncrypt(ReEncryptRequest.of(moved, keyId)).ciphertextBlob();
        proxy.reachable(false);
        error(() -> kms.decrypt(DecryptRequest.of(back)), "KMSInvalidStateException");
        proxy.reachable(true);
        assertThat(kms.decrypt(DecryptRequest.of(back)).plaintext()).isEqualTo(dataKey.plaintext());

        // "GenerateDataKeyPair and GenerateDataKeyPairWithoutPlaintext, are not supported in custom key stores"
        error(() -> kms.generateDataKeyPair(GenerateDataKeyPairRequest.of(keyId, DataKeyPairSpec.ECC_NIST_P256)),
                "UnsupportedOperationException");
    }

    @Test
    void cryptographicOperations_answerKmsInvalidState_withTheSpecsMessages() {
        String keyId = createKey("ext-key-1").keyId();
        byte[] blob = kms.encrypt(EncryptRequest.of(keyId, SECRET_DATA, CONTEXT)).ciphertextBlob();

        proxy.reachable(false);
        assertThat(error(() -> kms.encrypt(EncryptRequest.of(keyId, SECRET_DATA)), "KMSInvalidStateException")
                .getMessage()).isEqualTo(XksProxyFailure.NO_CONNECTION.message());
        proxy.reachable(true);
        proxy.malformedAnswers(true);
        assertThat(error(() -> kms.decrypt(DecryptRequest.of(blob, CONTEXT)), "KMSInvalidStateException")
                .getMessage()).isEqualTo(XksProxyFailure.MALFORMED_RESPONSE.message());
        proxy.malformedAnswers(false);
        proxy.revokeCredential(PROXY_CREDENTIAL);
        assertThat(error(() -> kms.decrypt(DecryptRequest.of(blob, CONTEXT)), "KMSInvalidStateException")
                .getMessage()).isEqualTo(XksProxyFailure.AUTHENTICATION_FAILED.message());
        proxy.acceptCredential(PROXY_CREDENTIAL);

        // a wrong encryption context: the proxy's layer opens, KMS's does not ("Proxy returns an invalid ciphertext")
        assertThat(error(() -> kms.decrypt(DecryptRequest.of(blob, Map.of("purpose", "other"))),
                "KMSInvalidStateException").getMessage())
                .isEqualTo(XksProxyFailure.INVALID_CIPHERTEXT_FROM_PROXY.message());
        // a changed byte of the external layer: the proxy refuses it (InvalidCiphertextException)
        byte[] tampered = blob.clone();
        tampered[tampered.length - 1] ^= 1;
        assertThat(error(() -> kms.decrypt(DecryptRequest.of(tampered, CONTEXT)), "KMSInvalidStateException")
                .getMessage()).isEqualTo(XksProxyFailure.INVALID_CIPHERTEXT.message());
        // a blob cut short inside the external layer is not a ciphertext at all
        byte[] truncated = java.util.Arrays.copyOf(blob, blob.length - SECRET_DATA.length - 40);
        error(() -> kms.decrypt(DecryptRequest.of(truncated, CONTEXT)), "InvalidCiphertextException");
        assertThat(kms.decrypt(DecryptRequest.of(blob, CONTEXT)).plaintext()).isEqualTo(SECRET_DATA);
    }

    @Test
    void keysOfADisconnectedStore_areUnavailable_untilItConnectsAgain() {
        String keyId = createKey("ext-key-1").keyId();
        byte[] blob = kms.encrypt(EncryptRequest.of(keyId, SECRET_DATA)).ciphertextBlob();

        kms.disconnectCustomKeyStore(new DisconnectCustomKeyStoreRequest(storeId));
        assertThat(kms.describeKey(DescribeKeyRequest.of(keyId)).keyMetadata().keyState())
                .isEqualTo(KeyState.Unavailable);
        assertThat(error(() -> kms.decrypt(DecryptRequest.of(blob)), "KMSInvalidStateException").getMessage())
                .isEqualTo(XksProxyFailure.NOT_CONNECTED.message());
        // "the custom key store contains KMS keys": it cannot be deleted
        error(() -> kms.deleteCustomKeyStore(new DeleteCustomKeyStoreRequest(storeId)),
                "CustomKeyStoreHasCMKsException");

        connect();
        assertThat(kms.describeKey(DescribeKeyRequest.of(keyId)).keyMetadata().keyState())
                .isEqualTo(KeyState.Enabled);
        assertThat(kms.decrypt(DecryptRequest.of(blob)).plaintext()).isEqualTo(SECRET_DATA);
    }
}
