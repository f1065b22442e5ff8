package io.kmslab.server.endpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.amazonaws.encryptionsdk.AwsCrypto;
import com.amazonaws.encryptionsdk.CommitmentPolicy;
import com.amazonaws.encryptionsdk.CryptoResult;
import io.kmslab.KmsLab;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.cryptography.materialproviders.IKeyring;
import software.amazon.cryptography.materialproviders.MaterialProviders;
import software.amazon.cryptography.materialproviders.model.CreateAwsKmsKeyringInput;
import software.amazon.cryptography.materialproviders.model.MaterialProvidersConfig;

/** The AWS Encryption SDK for Java with a KMS keyring whose client points at KMS Lab. */
class EncryptionSdkTest {
    private static KmsEndpoint endpoint;
    private static KmsClient kms;

    @BeforeAll
    static void start() {
        endpoint = KmsEndpoint.start(KmsLab.create(), Identities.anyKeyIsRootOf("111122223333"), "127.0.0.1", 0,
                "us-east-1");
        kms = SdkClientTest.clientOf(endpoint, Region.EU_WEST_2);
    }

    @AfterAll
    static void stop() {
        kms.close();
        endpoint.close();
    }

    @Test
    void encryptAndDecryptAMessage_thenDecryptIsRefusedOnceTheKeyIsDisabled() {
        String keyArn = kms.createKey(r -> r.description("ESDK wrapping key")).keyMetadata().arn();
        MaterialProviders providers = MaterialProviders.builder()
                .MaterialProvidersConfig(MaterialProvidersConfig.builder().build()).build();
        IKeyring keyring = providers.CreateAwsKmsKeyring(CreateAwsKmsKeyringInput.builder().kmsKeyId(keyArn)
                .kmsClient(kms).build());
        AwsCrypto crypto = AwsCrypto.builder().withCommitmentPolicy(CommitmentPolicy.RequireEncryptRequireDecrypt)
                .build();
        byte[] message = "A message protected by envelope encryption.".getBytes(StandardCharsets.UTF_8);
        Map<String, String> context = Map.of("purpose", "esdk-test");

        CryptoResult<byte[], ?> encrypted = crypto.encryptData(keyring, message, context);
        CryptoResult<byte[], ?> decrypted = crypto.decryptData(keyring, encrypted.getResult());

        assertThat(encrypted.getResult()).isNotEqualTo(message);
        assertThat(decrypted.getResult()).isEqualTo(message);
        assertThat(decrypted.getEncryptionContext()).containsAllEntriesOf(context);

        kms.disableKey(r -> r.keyId(keyArn));
        Throwable refused = catchThrowable(() -> crypto.decryptData(keyring, encrypted.getResult()));
        assertThat(refused).isNotNull();
        assertThat(causes(refused)).contains("is disabled.");
    }

    private static String causes(Throwable t) {
        StringBuilder s = new StringBuilder();
        for (Throwable c = t; c != null; c = c.getCause()) {
            s.append(c).append('\n');
            for (Throwable suppressed : c.getSuppressed()) {
                s.append(suppressed).append('\n');
            }
            if (c instanceof software.amazon.cryptography.materialproviders.model.CollectionOfErrors errors) {
                errors.list().forEach(e -> s.append(causes(e)));
            }
        }
        return s.toString();
    }
}
