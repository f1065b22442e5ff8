package io.kmslab.scenarios;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cucumber.java.en.Given;
import io.cucumber.java.en.Then;
import io.cucumber.java.en.When;
import io.kmslab.KmsApi;
import io.kmslab.api.CreateKeyRequest;
import io.kmslab.api.DecryptRequest;
import io.kmslab.api.DecryptResponse;
import io.kmslab.api.GenerateDataKeyRequest;
import io.kmslab.api.GenerateDataKeyResponse;
import io.kmslab.api.GenerateRandomRequest;
import io.kmslab.api.GenerateRandomResponse;
import io.kmslab.api.RecipientInfo;
import io.kmslab.audit.AuditEvent;
import io.kmslab.enclaves.NitroEnclaves;
import io.kmslab.enclaves.SimulatedEnclave;
import io.kmslab.keys.DataKeySpec;
import java.util.HashMap;
import java.util.Map;

/**
 * Nitro enclaves calling KMS with a Recipient: the lab's simulated enclaves make signed attestation documents, KMS
 * answers in CiphertextForRecipient, and only the enclave opens it. In endpoint runs the requests go through the AWS
 * SDK to an endpoint serving the same lab, whose simulated Nitro root signs the documents.
 */
public class NitroEnclaveSteps {
    private final LabWorld world;
    private final AuthorizationWorld access;
    private final Map<String, SimulatedEnclave> enclaves = new HashMap<>();
    private byte[] savedDocument;
    private byte[] forRecipient;
    private byte[] plaintextAnswer;
    private byte[] dataKeyBlob;

    public NitroEnclaveSteps(LabWorld world, AuthorizationWorld access) {
        this.world = world;
        this.access = access;
        // <image of payments>, <PCR2 of payments>: the measurements of a named enclave, for key policies
        world.placeholders(name -> {
            String[] parts = name.split(" of ", 2);
            if (parts.length != 2 || !enclaves.containsKey(parts[1])) {
                return null;
            }
            SimulatedEnclave enclave = enclaves.get(parts[1]);
            return parts[0].equals("image") ? enclave.imageSha384()
                    : parts[0].startsWith("PCR") ? enclave.pcr(Integer.parseInt(parts[0].substring(3))) : null;
        });
    }

    @Given("the enclave {word} runs the image {string}")
    public void theEnclaveRuns(String name, String image) {
        enclaves.put(name, NitroEnclaves.of(world.lab()).launch(image));
    }

    @Given("the enclave {word} runs the image {string} under a Nitro root the lab does not trust")
    public void theEnclaveRunsUntrusted(String name, String image) {
        enclaves.put(name, NitroEnclaves.untrusted(world.lab().time()).launch(image));
    }

    @Given("{keyRef} is a symmetric key with the key policy, its placeholders filled in:")
    public void isASymmetricKeyWithThePolicy(String name, String policy) {
        world.createKey(name, CreateKeyRequest.builder().policy(world.expand(policy)).build());
    }

    @Given("the enclave {word} made an attestation document")
    public void madeADocument(String name) {
        savedDocument = enclave(name).attestationDocument();
    }

    @When("the enclave {word} decrypts the ciphertext with its attestation document")
    public void decryptsWithItsDocument(String name) {
        decrypt(world.kms(), enclave(name).recipient());
    }

    @When("the enclave {word} decrypts the ciphertext with that attestation document")
    public void decryptsWithThatDocument(String name) {
        decrypt(world.kms(), RecipientInfo.of(savedDocument));
    }

    @When("{principal} decrypts the ciphertext for the enclave {word}")
    public void decryptsForTheEnclave(String principal, String name) {
        KmsApi kms = access.kms(principal);
        RecipientInfo recipient = enclave(name).recipient();
        answer(access.request(() -> kms.decrypt(DecryptRequest.of(world.ciphertext()).toBuilder()
                .recipient(recipient).build())));
    }

    @When("the enclave {word} asks for a(n) {dataKeySpec} data key under {keyRef} with its attestation document")
    public void asksForADataKey(String name, DataKeySpec spec, String key) {
        GenerateDataKeyResponse response = world.attempt(() -> world.kms().generateDataKey(
                GenerateDataKeyRequest.of(world.key(key).keyId(), spec).toBuilder()
                        .recipient(enclave(name).recipient()).build()));
        if (response != null) {
            forRecipient = response.ciphertextForRecipient();
            plaintextAnswer = response.plaintext();
            dataKeyBlob = response.ciphertextBlob();
        }
    }

    @When("the enclave {word} asks for {int} random bytes with its attestation document")
    public void asksForRandomBytes(String name, int count) {
        GenerateRandomResponse response = world.attempt(() -> world.kms().generateRandom(
                GenerateRandomRequest.of(count).toBuilder().recipient(enclave(name).recipient()).build()));
        if (response != null) {
            forRecipient = response.ciphertextForRecipient();
            plaintextAnswer = response.plaintext();
        }
    }

    @Then("the answer has no plaintext, only CiphertextForRecipient")
    public void noPlaintext() {
        world.requireSuccess();
        assertThat(plaintextAnswer).as("Plaintext").isNull();
        assertThat(forRecipient).as("CiphertextForRecipient").isNotEmpty();
    }

    @Then("the enclave {word} opens CiphertextForRecipient to {string}")
    public void opensTo(String name, String text) {
        assertThat(enclave(name).open(forRecipient)).isEqualTo(LabWorld.utf8(text));
    }

    @Then("the enclave {word} opens CiphertextForRecipient to {int} bytes")
    public void opensToBytes(String name, int count) {
        assertThat(enclave(name).open(forRecipient)).hasSize(count);
    }

    @Then("the enclave {word} opens CiphertextForRecipient to the data key that CiphertextBlob holds")
    public void opensToTheDataKey(String name) {
        byte[] dataKey = world.kms().decrypt(DecryptRequest.of(dataKeyBlob)).plaintext();
        assertThat(enclave(name).open(forRecipient)).isEqualTo(dataKey);
    }

    @Then("the enclave {word} cannot open CiphertextForRecipient")
    public void cannotOpen(String name) {
        assertThatThrownBy(() -> enclave(name).open(forRecipient)).isInstanceOf(IllegalArgumentException.class);
    }

    @Then("the last Decrypt event records the module id and image digest of the enclave {word}")
    public void theEventRecordsTheEnclave(String name) {
        AuditEvent event = world.lab().auditTrail().events().filter(e -> e.eventName().equals("Decrypt"))
                .reduce((first, second) -> second).orElseThrow();
        assertThat(event.additionalEventData()).as("additionalEventData").isNotNull();
        Map<?, ?> recipient = (Map<?, ?>) event.additionalEventData().get("recipient");
        assertThat(recipient.get("attestationDocumentModuleId")).isEqualTo(enclave(name).moduleId());
        assertThat(recipient.get("attestationDocumentEnclaveImageDigest")).isEqualTo(enclave(name).imageSha384());
        assertThat(event.requestParameters()).doesNotContainKey("recipient");
        world.log("additionalEventData: " + event.additionalEventData());
    }

    private void decrypt(KmsApi kms, RecipientInfo recipient) {
        answer(world.attempt(() -> kms.decrypt(DecryptRequest.of(world.ciphertext()).toBuilder()
                .recipient(recipient).build())));
    }

    private void answer(DecryptResponse response) {
        if (response != null) {
            world.decrypted(response);
            forRecipient = response.ciphertextForRecipient();
            plaintextAnswer = response.plaintext();
        }
    }

    private SimulatedEnclave enclave(String name) {
        SimulatedEnclave enclave = enclaves.get(name);
        if (enclave == null) {
            throw new IllegalStateException("No enclave called '" + name + "' in this scenario");
        }
        return enclave;
    }
}
