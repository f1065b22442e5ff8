package io.kmslab.server.endpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.kmslab.KmsLab;
import io.kmslab.audit.AuditEvent;
import io.kmslab.enclaves.NitroEnclaves;
import io.kmslab.enclaves.SimulatedEnclave;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.DataKeyPairSpec;
import software.amazon.awssdk.services.kms.model.DataKeySpec;
import software.amazon.awssdk.services.kms.model.DecryptResponse;
import software.amazon.awssdk.services.kms.model.GenerateDataKeyPairResponse;
import software.amazon.awssdk.services.kms.model.GenerateDataKeyResponse;
import software.amazon.awssdk.services.kms.model.GenerateRandomResponse;
import software.amazon.awssdk.services.kms.model.KeyEncryptionMechanism;
import software.amazon.awssdk.services.kms.model.KmsException;
import software.amazon.awssdk.services.kms.model.RecipientInfo;

/**
 * The Recipient parameter through the endpoint with the AWS SDK for Java v2: RecipientInfo on the wire, the answer in
 * CiphertextForRecipient (base64) and no Plaintext, opened by the simulated enclave.
 */
class RecipientSdkTest {
    private static final byte[] SECRET = "card numbers".getBytes(StandardCharsets.UTF_8);
    private static KmsLab lab;
    private static KmsEndpoint endpoint;
    private static KmsClient kms;
    private static SimulatedEnclave enclave;

    @BeforeAll
    static void start() {
        lab = KmsLab.builder().startingAt(Instant.parse("2026-01-20T09:00:00Z")).build();
        endpoint = KmsEndpoint.start(lab, Identities.anyKeyIsRootOf("111122223333"), "127.0.0.1", 0, "us-east-1");
        kms = SdkClientTest.clientOf(endpoint, Region.EU_WEST_2);
        enclave = NitroEnclaves.of(lab).launch("payments-enclave");
    }

    @AfterAll
    static void stop() {
        kms.close();
        endpoint.close();
    }

    private static RecipientInfo recipient(SimulatedEnclave from) {
        return RecipientInfo.builder().keyEncryptionAlgorithm(KeyEncryptionMechanism.RSAES_OAEP_SHA_256)
                .attestationDocument(SdkBytes.fromByteArray(from.attestationDocument())).build();
    }

    @Test
    void decrypt_withRecipient_answersCiphertextForRecipient_andNoPlaintext_throughTheSdk() {
        String keyId = kms.createKey(b -> { }).keyMetadata().keyId();
        SdkBytes blob = kms.encrypt(b -> b.keyId(keyId).plaintext(SdkBytes.fromByteArray(SECRET))).ciphertextBlob();

        DecryptResponse response = kms.decrypt(b -> b.ciphertextBlob(blob).recipient(recipient(enclave)));

        assertThat(response.plaintext()).isNull();
        assertThat(enclave.open(response.ciphertextForRecipient().asByteArray())).isEqualTo(SECRET);
        AuditEvent event = lab.auditTrail().events().filter(e -> e.eventName().equals("Decrypt"))
                .reduce((first, second) -> second).orElseThrow();
        assertThat(event.additionalEventData()).containsKey("recipient");
        Map<?, ?> recipient = (Map<?, ?>) event.additionalEventData().get("recipient");
        assertThat(recipient.get("attestationDocumentModuleId")).isEqualTo(enclave.moduleId());
    }

    @Test
    void generateDataKey_pair_andRandom_withRecipient_roundTripToTheEnclave_throughTheSdk() {
        String keyId = kms.createKey(b -> { }).keyMetadata().keyId();

        GenerateDataKeyResponse dataKey = kms.generateDataKey(b -> b.keyId(keyId).keySpec(DataKeySpec.AES_256)
                .recipient(recipient(enclave)));
        assertThat(dataKey.plaintext()).isNull();
        assertThat(enclave.open(dataKey.ciphertextForRecipient().asByteArray())).isEqualTo(
                kms.decrypt(b -> b.ciphertextBlob(dataKey.ciphertextBlob())).plaintext().asByteArray());

        GenerateDataKeyPairResponse pair = kms.generateDataKeyPair(b -> b.keyId(keyId)
                .keyPairSpec(DataKeyPairSpec.ECC_NIST_P256).recipient(recipient(enclave)));
        assertThat(pair.privateKeyPlaintext()).isNull();
        assertThat(enclave.open(pair.ciphertextForRecipient().asByteArray())).isEqualTo(
                kms.decrypt(b -> b.ciphertextBlob(pair.privateKeyCiphertextBlob())).plaintext().asByteArray());

        GenerateRandomResponse random = kms.generateRandom(b -> b.numberOfBytes(32).recipient(recipient(enclave)));
        assertThat(random.plaintext()).isNull();
        assertThat(enclave.open(random.ciphertextForRecipient().asByteArray())).hasSize(32);
    }

    @Test
    void aDocumentOfAnotherRoot_andAnUnknownAlgorithm_areValidationException_throughTheSdk() {
        SimulatedEnclave forged = NitroEnclaves.untrusted(lab.time()).launch("payments-enclave");
        KmsException refused = catchThrowableOfType(KmsException.class,
                () -> kms.generateRandom(b -> b.numberOfBytes(32).recipient(recipient(forged))));
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.awsErrorDetails().errorCode()).isEqualTo("ValidationException");
        assertThat(refused.awsErrorDetails().errorMessage()).isEqualTo(
                "The attestation document in Recipient is not signed by the Nitro attestation root KMS Lab trusts.");

        KmsException unknown = catchThrowableOfType(KmsException.class, () -> kms.generateRandom(b -> b
                .numberOfBytes(32).recipient(r -> r.keyEncryptionAlgorithm("RSAES_OAEP_SHA_1")
                        .attestationDocument(SdkBytes.fromByteArray(enclave.attestationDocument())))));
        assertThat(unknown.awsErrorDetails().errorCode()).isEqualTo("ValidationException");
        assertThat(unknown.awsErrorDetails().errorMessage()).isEqualTo("1 validation error detected: Value "
                + "'RSAES_OAEP_SHA_1' at 'recipient.keyEncryptionAlgorithm' failed to satisfy constraint: Member must "
                + "satisfy enum value set: [RSAES_OAEP_SHA_256]");
    }
}
