package com.example.vault;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kmslab.junit.AccessKey;
import io.kmslab.junit.KmsLabExtension;
import io.kmslab.junit.LabPrincipal;
import io.kmslab.junit.RunningLab;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.KmsException;

/** The application's role may encrypt but not decrypt: the denial, explained through the Java API. */
class DenialExplainedTest {
    private static final String ACCOUNT = "111122223333";

    @RegisterExtension
    static final KmsLabExtension LAB = KmsLabExtension.builder()
            .principal(LabPrincipal.root(ACCOUNT).accessKey("AKIAADMIN0EXAMPLE"))
            .principal(LabPrincipal.role(ACCOUNT, "vault-writer").accessKey("AKIAWRITER0EXAMPLE")
                    .allow("kms:Encrypt"))
            .region("eu-west-2")
            .build();

    @Test
    void theWriterCannotOpenWhatItSealed(KmsClient admin, @AccessKey("AKIAWRITER0EXAMPLE") KmsClient writer,
            RunningLab lab) throws Exception {
        String keyId = admin.createKey(r -> { }).keyMetadata().keyId();
        SecretsVault vault = new SecretsVault(writer, keyId);
        byte[] sealed = vault.seal(Map.of("api-token", "t0k3n"));

        KmsException denied = assertThrows(KmsException.class, () -> vault.open(sealed));

        assertEquals("AccessDeniedException", denied.awsErrorDetails().errorCode());
        String explanation = lab.explain(denied);
        assertTrue(explanation.contains("DENIED"), explanation);
        assertTrue(explanation.contains("-> kms:Decrypt on arn:aws:kms:eu-west-2:" + ACCOUNT + ":key/" + keyId),
                explanation);
        assertTrue(explanation.contains("not authorized to perform: kms:Decrypt"), explanation);
    }
}
