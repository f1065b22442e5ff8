package com.example.vault;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kmslab.junit.KmsLabTest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Security;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.KeySpec;
import software.amazon.awssdk.services.kms.model.KeyUsageType;
import software.amazon.awssdk.services.kms.model.MessageType;
import software.amazon.awssdk.services.kms.model.SigningAlgorithmSpec;

/**
 * Depending on kmslab-junit leaves this project's own Bouncy Castle and Jackson where they are: in its dependency
 * tree (written by the build before the tests, see invoker.properties) and on its test classpath. And this project's
 * Bouncy Castle, installed as the JCA provider "BC", does not disturb the lab (which uses its own, by instance).
 */
@KmsLabTest
class OwnVersionsTest {

    @Test
    void theDependencyTreeKeepsTheProjectsVersions() throws Exception {
        String tree = Files.readString(Path.of("dependency-tree.txt"));
        assertTrue(tree.contains("org.bouncycastle:bcprov-jdk18on:jar:1.78.1:compile"), tree);
        assertTrue(tree.contains("com.fasterxml.jackson.core:jackson-databind:jar:2.18.2:compile"), tree);
        assertTrue(tree.contains("io.kmslab:kmslab-junit:jar:"), tree);
        assertFalse(tree.contains("bcprov-jdk18on:jar:1.87"), tree);
        assertFalse(tree.contains("jackson-databind:jar:2.22"), tree);
        assertFalse(tree.contains("undertow"), tree);
    }

    @Test
    void theTestClasspathHasTheProjectsVersions() {
        assertTrue(BouncyCastleProvider.class.getProtectionDomain().getCodeSource().getLocation().toString()
                .endsWith("bcprov-jdk18on-1.78.1.jar"));
        assertEquals("2.18.2", com.fasterxml.jackson.databind.cfg.PackageVersion.VERSION.toString());
    }

    @Test
    void theProjectsOwnBouncyCastleAsProviderBcDoesNotDisturbTheLab(KmsClient kms) throws Exception {
        Security.addProvider(new BouncyCastleProvider());
        try {
            // secp256k1 signing is done by the lab's (relocated) Bouncy Castle; the project verifies with its own
            String keyId = kms.createKey(r -> r.keySpec(KeySpec.ECC_SECG_P256_K1).keyUsage(KeyUsageType.SIGN_VERIFY))
                    .keyMetadata().keyId();
            byte[] message = "order 42".getBytes(StandardCharsets.UTF_8);
            byte[] signature = kms.sign(r -> r.keyId(keyId).message(SdkBytes.fromByteArray(message))
                    .messageType(MessageType.RAW).signingAlgorithm(SigningAlgorithmSpec.ECDSA_SHA_256))
                    .signature().asByteArray();
            byte[] spki = kms.getPublicKey(r -> r.keyId(keyId)).publicKey().asByteArray();

            PublicKey publicKey = KeyFactory.getInstance("EC", "BC").generatePublic(new X509EncodedKeySpec(spki));
            Signature verifier = Signature.getInstance("SHA256withECDSA", "BC");
            verifier.initVerify(publicKey);
            verifier.update(message);
            assertTrue(verifier.verify(signature));
        } finally {
            Security.removeProvider(BouncyCastleProvider.PROVIDER_NAME);
        }
    }
}
