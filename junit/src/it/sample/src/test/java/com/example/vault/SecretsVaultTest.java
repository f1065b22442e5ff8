package com.example.vault;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.kmslab.junit.KmsLabTest;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.kms.KmsClient;

/** Encrypt and decrypt through the SDK client the extension injects (the root user of the default account). */
@KmsLabTest
class SecretsVaultTest {

    @Test
    void sealsAndOpens(KmsClient kms) throws Exception {
        String keyId = kms.createKey(r -> r.description("vault")).keyMetadata().keyId();
        SecretsVault vault = new SecretsVault(kms, keyId);

        byte[] sealed = vault.seal(Map.of("db-password", "hunter2"));

        assertEquals(-1, indexOf(sealed, "hunter2".getBytes()), "the secret is not in the blob");
        assertEquals(Map.of("db-password", "hunter2"), vault.open(sealed));
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
