package io.kmslab;

import static org.assertj.core.api.Assertions.assertThat;

import io.kmslab.api.CreateKeyRequest;
import io.kmslab.api.GetPublicKeyRequest;
import io.kmslab.api.KeyMetadata;
import io.kmslab.keys.EncryptionAlgorithmSpec;
import io.kmslab.keys.KeySpec;
import io.kmslab.keys.KeyUsageType;
import io.kmslab.keys.SigningAlgorithmSpec;
import org.junit.jupiter.api.Test;

/**
 * The algorithm lists of DescribeKey and GetPublicKey, in the order AWS gives them: the examples of the API reference
 * (botocore examples-1.json: DescribeKey "to-get-details-about-an-rsa-asymmetric-kms-key", GetPublicKey
 * "to-download-the-public-key-of-an-asymmetric-kms-key").
 */
class AlgorithmListOrderTest {
    private final Kms kms = TestLabs.lab().kms("us-east-1");

    @Test
    void anRsaSigningKey_listsPkcs1First_thenPss() {
        KeyMetadata key = kms.createKey(CreateKeyRequest.builder().keySpec(KeySpec.RSA_2048)
                .keyUsage(KeyUsageType.SIGN_VERIFY).build()).keyMetadata();
        SigningAlgorithmSpec[] awsOrder = {SigningAlgorithmSpec.RSASSA_PKCS1_V1_5_SHA_256,
                SigningAlgorithmSpec.RSASSA_PKCS1_V1_5_SHA_384, SigningAlgorithmSpec.RSASSA_PKCS1_V1_5_SHA_512,
                SigningAlgorithmSpec.RSASSA_PSS_SHA_256, SigningAlgorithmSpec.RSASSA_PSS_SHA_384,
                SigningAlgorithmSpec.RSASSA_PSS_SHA_512};

        assertThat(key.signingAlgorithms()).containsExactly(awsOrder);
        assertThat(kms.getPublicKey(GetPublicKeyRequest.of(key.keyId())).signingAlgorithms())
                .containsExactly(awsOrder);
    }

    @Test
    void anRsaEncryptionKey_listsOaepSha1First() {
        KeyMetadata key = kms.createKey(CreateKeyRequest.builder().keySpec(KeySpec.RSA_4096)
                .keyUsage(KeyUsageType.ENCRYPT_DECRYPT).build()).keyMetadata();

        assertThat(kms.getPublicKey(GetPublicKeyRequest.of(key.keyId())).encryptionAlgorithms())
                .containsExactly(EncryptionAlgorithmSpec.RSAES_OAEP_SHA_1, EncryptionAlgorithmSpec.RSAES_OAEP_SHA_256);
    }
}
