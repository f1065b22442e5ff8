package io.kmslab.services.secretsmanager;

import static org.assertj.core.api.Assertions.assertThat;

import io.kmslab.Caller;
import io.kmslab.KmsLab;
import io.kmslab.api.CreateKeyRequest;
import io.kmslab.api.KeyMetadata;
import io.kmslab.services.AwsCloud;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** What Secrets Manager keeps of a version: ciphertext and an encrypted data key, never the value or the data key. */
class SecretVersionStorageTest {
    private final KmsLab lab = KmsLab.builder().seed(3).build();
    private final Caller root = Caller.root(KmsLab.DEFAULT_ACCOUNT);

    @Test
    void aVersionHoldsOnlyTheSealedValue_andItsDataKeyEncryptedUnderTheSecretsKmsKey() {
        KeyMetadata key = lab.kms(root, "eu-west-2").createKey(CreateKeyRequest.of()).keyMetadata();
        String value = "correct horse battery staple";
        CreateSecretResponse created = AwsCloud.of(lab).secretsManager(root, "eu-west-2")
                .createSecret(CreateSecretRequest.of("app", value, key.arn()));

        StoredSecret secret = lab.attached(SecretStore.class, SecretStore::new)
                .byName(KmsLab.DEFAULT_ACCOUNT, "eu-west-2", "app").orElseThrow();
        SecretVersion version = secret.versions.get(created.versionId());

        assertThat(version.sealed().dataSize()).isEqualTo(value.length());
        assertThat(new String(version.sealed().ciphertext(), StandardCharsets.ISO_8859_1)).doesNotContain("horse");
        assertThat(lab.inspect(version.encryptedDataKey()).keyArn()).isEqualTo(key.arn());
        assertThat(version.kmsKeyArn()).isEqualTo(key.arn());
        assertThat(version.toString()).doesNotContain("horse");
    }
}
