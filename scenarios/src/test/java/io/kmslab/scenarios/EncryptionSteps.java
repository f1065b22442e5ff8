package io.kmslab.scenarios;

import static io.kmslab.scenarios.LabWorld.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import io.cucumber.java.en.Given;
import io.cucumber.java.en.Then;
import io.cucumber.java.en.When;
import io.kmslab.api.DecryptRequest;
import io.kmslab.api.EncryptRequest;
import io.kmslab.api.GenerateDataKeyRequest;
import io.kmslab.api.GenerateDataKeyResponse;
import io.kmslab.api.GenerateDataKeyWithoutPlaintextRequest;
import io.kmslab.api.GenerateDataKeyWithoutPlaintextResponse;
import io.kmslab.api.ReEncryptRequest;
import io.kmslab.api.ReEncryptResponse;
import io.kmslab.crypto.CiphertextInspection;
import io.kmslab.keys.DataKeySpec;
import io.kmslab.keys.EncryptionAlgorithmSpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/** Encrypt, Decrypt, data keys (envelope encryption), ReEncrypt and what a symmetric ciphertext says about itself. */
public class EncryptionSteps {
    private static final SecureRandom RANDOM = new SecureRandom();

    private final LabWorld world;
    private byte[] firstCiphertext;
    private byte[] dataKeyPlaintext;
    private byte[] encryptedDataKey;
    private byte[] localIv;
    private byte[] localCiphertext;
    private ReEncryptResponse reEncrypted;

    public EncryptionSteps(LabWorld world) {
        this.world = world;
    }

    /** "department=finance,year=2026"; an empty text is no encryption context at all. */
    static Map<String, String> context(String text) {
        if (text.isBlank()) {
            return null;
        }
        Map<String, String> context = new LinkedHashMap<>();
        for (String pair : text.split(",")) {
            String[] kv = pair.split("=", 2);
            context.put(kv[0].trim(), kv[1].trim());
        }
        return context;
    }

    // ------------------------------------------------------------------------------------------ ciphertexts

    @Given("a ciphertext of {string} under {keyRef}")
    public void aCiphertextUnder(String text, String name) {
        world.encrypted(world.kms().encrypt(EncryptRequest.of(world.key(name).keyId(), utf8(text))));
    }

    @Given("a ciphertext of {string} under {keyRef} with the encryption context {string}")
    public void aCiphertextUnderWithContext(String text, String name, String context) {
        world.encrypted(world.kms().encrypt(
                EncryptRequest.of(world.key(name).keyId(), utf8(text), context(context))));
    }

    @Given("a ciphertext of {string} under the alias {string}")
    public void aCiphertextUnderTheAlias(String text, String alias) {
        world.encrypted(world.kms().encrypt(EncryptRequest.of(alias, utf8(text))));
    }

    @When("I encrypt {string} under {keyRef}")
    public void iEncryptUnder(String text, String name) {
        world.encrypted(world.attempt(
                () -> world.kms().encrypt(EncryptRequest.of(world.key(name).keyId(), utf8(text)))));
    }

    @When("I encrypt {string} under the alias {string}")
    public void iEncryptUnderTheAlias(String text, String alias) {
        world.encrypted(world.attempt(() -> world.kms().encrypt(EncryptRequest.of(alias, utf8(text)))));
    }

    @When("I encrypt {int} bytes under {keyRef}")
    public void iEncryptBytesUnder(int size, String name) {
        world.encrypted(world.attempt(
                () -> world.kms().encrypt(EncryptRequest.of(world.key(name).keyId(), randomBytes(size)))));
    }

    @When("I encrypt {string} under {keyRef} twice")
    public void iEncryptTwice(String text, String name) {
        iEncryptUnder(text, name);
        firstCiphertext = world.ciphertext();
        iEncryptUnder(text, name);
    }

    @When("I decrypt the ciphertext")
    public void iDecryptTheCiphertext() {
        world.decrypted(world.attempt(() -> world.kms().decrypt(DecryptRequest.of(world.ciphertext()))));
    }

    @When("I decrypt the ciphertext with the encryption context {string}")
    public void iDecryptWithContext(String context) {
        world.decrypted(world.attempt(
                () -> world.kms().decrypt(DecryptRequest.of(world.ciphertext(), context(context)))));
    }

    @When("I decrypt the ciphertext naming {keyRef}")
    public void iDecryptNaming(String name) {
        world.decrypted(world.attempt(() -> world.kms().decrypt(DecryptRequest.builder()
                .ciphertextBlob(world.ciphertext()).keyId(world.key(name).keyId()).build())));
    }

    @When("I change the last byte of the ciphertext")
    public void iChangeTheLastByte() {
        byte[] changed = world.ciphertext().clone();
        changed[changed.length - 1] ^= 0x01;
        world.ciphertext(changed);
    }

    @Then("the plaintext is {string}")
    public void thePlaintextIs(String text) {
        assertThat(new String(world.plaintext(), StandardCharsets.UTF_8)).isEqualTo(text);
    }

    @Then("the plaintext is {int} bytes long")
    public void thePlaintextIsBytesLong(int size) {
        assertThat(world.plaintext()).hasSize(size);
    }

    @Then("Encrypt answers with the ARN of {keyRef}")
    public void encryptAnswersWith(String name) {
        assertThat(world.encrypted().keyId()).isEqualTo(world.key(name).arn());
    }

    @Then("Decrypt answers with the ARN of {keyRef}")
    public void decryptAnswersWith(String name) {
        assertThat(world.decrypted().keyId()).isEqualTo(world.key(name).arn());
    }

    @Then("Decrypt answers with the ARN of {keyRef} and the algorithm {encryptionAlgorithm}")
    public void decryptAnswersWithAlgorithm(String name, EncryptionAlgorithmSpec algorithm) {
        decryptAnswersWith(name);
        assertThat(world.decrypted().encryptionAlgorithm()).isEqualTo(algorithm);
    }

    @Then("the two ciphertexts differ")
    public void theTwoCiphertextsDiffer() {
        world.requireSuccess();
        assertThat(world.ciphertext()).isNotEqualTo(firstCiphertext);
    }

    @Then("both ciphertexts decrypt to {string}")
    public void bothCiphertextsDecryptTo(String text) {
        for (byte[] blob : new byte[][] {firstCiphertext, world.ciphertext()}) {
            byte[] plaintext = world.kms().decrypt(DecryptRequest.of(blob)).plaintext();
            assertThat(new String(plaintext, StandardCharsets.UTF_8)).isEqualTo(text);
        }
    }

    // ------------------------------------------------------------------------------------------ data keys

    @When("I generate a(n) {dataKeySpec} data key under {keyRef}")
    public void iGenerateADataKey(DataKeySpec spec, String name) {
        GenerateDataKeyResponse response = world.attempt(() -> world.kms().generateDataKey(
                GenerateDataKeyRequest.of(world.key(name).keyId(), spec)));
        if (response != null) {
            dataKeyPlaintext = response.plaintext();
            encryptedDataKey = response.ciphertextBlob();
        }
    }

    @When("I generate a data key without plaintext of {dataKeySpec} under {keyRef}")
    public void iGenerateADataKeyWithoutPlaintext(DataKeySpec spec, String name) {
        GenerateDataKeyWithoutPlaintextResponse response = world.attempt(
                () -> world.kms().generateDataKeyWithoutPlaintext(
                        GenerateDataKeyWithoutPlaintextRequest.of(world.key(name).keyId(), spec)));
        if (response != null) {
            dataKeyPlaintext = null;
            encryptedDataKey = response.ciphertextBlob();
        }
    }

    @When("I ask for a(n) {dataKeySpec} data key of {int} bytes under {keyRef}")
    public void iAskForADataKeyOfBoth(DataKeySpec spec, int bytes, String name) {
        world.attempt(() -> world.kms().generateDataKey(GenerateDataKeyRequest.builder()
                .keyId(world.key(name).keyId()).keySpec(spec).numberOfBytes(bytes).build()));
    }

    @Then("the plaintext data key is {int} bytes long")
    public void thePlaintextDataKeyIs(int size) {
        world.requireSuccess();
        assertThat(dataKeyPlaintext).hasSize(size);
        assertThat(encryptedDataKey).isNotEqualTo(dataKeyPlaintext);
    }

    /** What an application does with the data key: AES-GCM outside KMS, with plain JCA. */
    @When("I encrypt {string} locally with the plaintext data key")
    public void iEncryptLocally(String text) throws GeneralSecurityException {
        localIv = randomBytes(12);
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(dataKeyPlaintext, "AES"), new GCMParameterSpec(128, localIv));
        localCiphertext = cipher.doFinal(utf8(text));
    }

    @When("I forget the plaintext data key")
    public void iForgetThePlaintextDataKey() {
        Arrays.fill(dataKeyPlaintext, (byte) 0);
        dataKeyPlaintext = null;
    }

    @When("I decrypt the encrypted data key")
    public void iDecryptTheEncryptedDataKey() {
        assertThat(encryptedDataKey).as("an encrypted data key").isNotNull();
        world.decrypted(world.attempt(() -> world.kms().decrypt(DecryptRequest.of(encryptedDataKey))));
    }

    @Then("the recovered data key decrypts the local ciphertext to {string}")
    public void theRecoveredDataKeyDecrypts(String text) throws GeneralSecurityException {
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(Cipher.DECRYPT_MODE, new SecretKeySpec(world.plaintext(), "AES"), new GCMParameterSpec(128, localIv));
        assertThat(new String(cipher.doFinal(localCiphertext), StandardCharsets.UTF_8)).isEqualTo(text);
    }

    // ------------------------------------------------------------------------------------------ ReEncrypt

    @When("I re-encrypt the ciphertext under {keyRef}")
    public void iReEncryptUnder(String name) {
        reEncrypted = world.attempt(() -> world.kms().reEncrypt(
                ReEncryptRequest.of(world.ciphertext(), world.key(name).keyId())));
        if (reEncrypted != null) {
            world.ciphertext(reEncrypted.ciphertextBlob());
        }
    }

    @When("I re-encrypt the ciphertext from {keyRef} under {keyRef}")
    public void iReEncryptFromUnder(String source, String destination) {
        reEncrypted = world.attempt(() -> world.kms().reEncrypt(ReEncryptRequest.builder()
                .ciphertextBlob(world.ciphertext()).sourceKeyId(world.key(source).keyId())
                .destinationKeyId(world.key(destination).keyId()).build()));
    }

    @Then("ReEncrypt answers with the ARN of {keyRef} as source and the ARN of {keyRef} as destination")
    public void reEncryptAnswers(String source, String destination) {
        world.requireSuccess();
        assertThat(reEncrypted.sourceKeyId()).isEqualTo(world.key(source).arn());
        assertThat(reEncrypted.keyId()).isEqualTo(world.key(destination).arn());
    }

    // ------------------------------------------------------------------------------------------ inspection

    @When("I inspect the ciphertext")
    public void iInspectTheCiphertext() {
        world.log(inspection().describe());
    }

    @Then("the ciphertext header names {keyRef}")
    public void theHeaderNames(String name) {
        world.requireSuccess();
        assertThat(inspection().keyArn()).isEqualTo(world.key(name).arn());
        assertThat(inspection().keyId()).isEqualTo(world.key(name).keyId());
    }

    @Then("the ciphertext header names the region {region} and the account {account}")
    public void theHeaderNamesRegionAndAccount(String region, String account) {
        world.requireSuccess();
        assertThat(inspection().region()).isEqualTo(region);
        assertThat(inspection().accountId()).isEqualTo(account);
    }

    @Then("the ciphertext header names the current key material of {keyRef}")
    public void theHeaderNamesTheCurrentKeyMaterial(String name) {
        String current = world.describe(name).currentKeyMaterialId();
        assertThat(current).as("CurrentKeyMaterialId of the key").isNotBlank();
        assertThat(inspection().keyMaterialId()).isEqualTo(current);
    }

    @Then("the ciphertext holds {int} bytes of encrypted data, a {int}-byte IV and a {int}-byte GCM tag")
    public void theCiphertextHolds(int data, int iv, int tag) {
        assertThat(inspection().encryptedBytes()).isEqualTo(data);
        assertThat(inspection().ivBytes()).isEqualTo(iv);
        assertThat(inspection().tagBytes()).isEqualTo(tag);
    }

    @Then("the header, IV, encrypted data and tag add up to the size of the ciphertext")
    public void thePartsAddUp() {
        CiphertextInspection i = inspection();
        assertThat(i.headerBytes()).isPositive();
        assertThat(i.headerBytes() + i.ivBytes() + i.encryptedBytes() + i.tagBytes())
                .isEqualTo(i.totalBytes())
                .isEqualTo(world.ciphertext().length);
    }

    /** What the current ciphertext says about itself. */
    private CiphertextInspection inspection() {
        return world.lab().inspect(world.ciphertext());
    }

    static byte[] randomBytes(int size) {
        byte[] bytes = new byte[size];
        RANDOM.nextBytes(bytes);
        return bytes;
    }
}
