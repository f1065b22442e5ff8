package io.kmslab.scenarios;

import static io.kmslab.scenarios.LabWorld.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import io.cucumber.java.en.Given;
import io.cucumber.java.en.Then;
import io.cucumber.java.en.When;
import io.kmslab.KmsApi;
import io.kmslab.api.CreateKeyRequest;
import io.kmslab.api.DecryptRequest;
import io.kmslab.api.DescribeKeyRequest;
import io.kmslab.api.EncryptRequest;
import io.kmslab.api.GenerateDataKeyRequest;
import io.kmslab.api.GenerateRandomRequest;
import io.kmslab.api.GetParametersForImportRequest;
import io.kmslab.api.GetPublicKeyRequest;
import io.kmslab.api.KeyMetadata;
import io.kmslab.api.RotateKeyOnDemandRequest;
import io.kmslab.api.SignRequest;
import io.kmslab.keys.AlgorithmSpec;
import io.kmslab.keys.DataKeySpec;
import io.kmslab.keys.EncryptionAlgorithmSpec;
import io.kmslab.keys.KeySpec;
import io.kmslab.keys.KeyUsageType;
import io.kmslab.keys.OriginType;
import io.kmslab.keys.SigningAlgorithmSpec;
import io.kmslab.keys.WrappingKeySpec;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Many requests at the same simulated instant: bursts against the request quotas, and volumes of requests for the
 * bill. A burst stops at its first failure, which the next steps check like any other.
 */
public class RequestVolumeSteps {
    private final LabWorld world;
    private final Map<String, KeyMetadata> keysForRequests = new HashMap<>();
    private long asked;
    private long succeeded;

    public RequestVolumeSteps(LabWorld world) {
        this.world = world;
    }

    @Given("request quotas are enforced")
    public void requestQuotasAreEnforced() {
        world.enforceRequestQuotas();
    }

    @Then("request quotas are not enforced")
    public void requestQuotasAreNotEnforced() {
        assertThat(world.lab().quotas().enabled()).isFalse();
    }

    /**
     * The requests a learner's application makes in a Region, as the root of the current account. An operation that
     * needs a key gets one made for it in that Region first (a symmetric key; for GetParametersForImport a key for
     * imported key material; for Sign and GetPublicKey an ECC_NIST_P256 signing key). Decrypt decrypts the last
     * ciphertext made.
     */
    @When("I make {count} {operation} request(s) in {region}")
    public void iMakeRequestsIn(Long count, String operation, String region) {
        KmsApi kms = world.kms(region);
        KeyMetadata key = keyFor(operation, region);
        burst(count, () -> request(kms, operation, key));
    }

    @When("I make {count} more {operation} request(s) in {region}")
    public void iMakeMoreRequestsIn(Long count, String operation, String region) {
        iMakeRequestsIn(count, operation, region);
    }

    @When("I make {count} {operation} request(s) with {keyRef}")
    public void iMakeRequestsWith(Long count, String operation, String name) {
        KmsApi kms = world.kmsOf(name);
        KeyMetadata key = world.key(name);
        burst(count, () -> request(kms, operation, key));
    }

    @When("account {account} makes {count} {operation} request(s) in {region}")
    public void accountMakesRequestsIn(String account, Long count, String operation, String region) {
        KmsApi kms = world.kms(account, region);
        KeyMetadata key = operation.equals("CreateKey") || operation.equals("GenerateRandom") ? null
                : keysForRequests.computeIfAbsent(account + "/" + region + "/" + operation,
                        k -> createKeyFor(kms, operation));
        burst(count, () -> request(kms, operation, key));
    }

    @Then("all {count} requests succeed")
    public void allRequestsSucceed(Long count) {
        world.requireSuccess();
        assertThat(asked).as("requests made").isEqualTo(count);
        assertThat(succeeded).as("requests that succeeded").isEqualTo(count);
    }

    /** The burst stopped at its first failure, which the next step checks. */
    @Then("only {count} of them succeed(s)")
    public void onlySomeOfThemSucceed(Long count) {
        assertThat(succeeded).as("requests that succeeded before the first failure").isEqualTo(count);
        assertThat(asked).as("requests asked for").isGreaterThan(count);
    }

    private void burst(long count, Supplier<Object> request) {
        asked = count;
        succeeded = 0;
        for (long i = 0; i < count; i++) {
            world.attempt(request);
            if (world.uncheckedError() != null) {
                return;
            }
            succeeded++;
        }
    }

    private KeyMetadata keyFor(String operation, String region) {
        if (operation.equals("CreateKey") || operation.equals("GenerateRandom")) {
            return null;
        }
        String kind = switch (operation) {
            case "GetParametersForImport" -> "external";
            case "Sign", "GetPublicKey" -> "ecc";
            default -> "symmetric";
        };
        return keysForRequests.computeIfAbsent(world.account() + "/" + region + "/" + kind,
                k -> createKeyFor(world.kms(region), operation));
    }

    private static KeyMetadata createKeyFor(KmsApi kms, String operation) {
        CreateKeyRequest request = switch (operation) {
            case "GetParametersForImport" -> CreateKeyRequest.builder().origin(OriginType.EXTERNAL).build();
            case "Sign", "GetPublicKey" -> CreateKeyRequest.builder().keySpec(KeySpec.ECC_NIST_P256)
                    .keyUsage(KeyUsageType.SIGN_VERIFY).build();
            default -> CreateKeyRequest.of();
        };
        return kms.createKey(request).keyMetadata();
    }

    private Object request(KmsApi kms, String operation, KeyMetadata key) {
        return switch (operation) {
            case "CreateKey" -> kms.createKey(CreateKeyRequest.of());
            case "GenerateRandom" -> kms.generateRandom(GenerateRandomRequest.of(32));
            case "DescribeKey" -> kms.describeKey(DescribeKeyRequest.of(key.keyId()));
            case "Encrypt" -> {
                EncryptRequest.Builder encrypt = EncryptRequest.builder().keyId(key.keyId()).plaintext(utf8("payroll"));
                if (!key.keySpec().isSymmetric()) {
                    encrypt.encryptionAlgorithm(EncryptionAlgorithmSpec.RSAES_OAEP_SHA_256);
                }
                byte[] blob = kms.encrypt(encrypt.build()).ciphertextBlob();
                world.ciphertext(blob);
                yield blob;
            }
            case "Decrypt" -> kms.decrypt(DecryptRequest.of(world.ciphertext()));
            case "GenerateDataKey" -> kms.generateDataKey(GenerateDataKeyRequest.of(key.keyId(), DataKeySpec.AES_256));
            case "RotateKeyOnDemand" -> kms.rotateKeyOnDemand(RotateKeyOnDemandRequest.of(key.keyId()));
            case "GetParametersForImport" -> kms.getParametersForImport(GetParametersForImportRequest.of(key.keyId(),
                    AlgorithmSpec.RSAES_OAEP_SHA_256, WrappingKeySpec.RSA_2048));
            case "GetPublicKey" -> kms.getPublicKey(GetPublicKeyRequest.of(key.keyId()));
            case "Sign" -> kms.sign(SignRequest.of(key.keyId(), utf8("invoice 42"),
                    key.keySpec().name().startsWith("RSA") ? SigningAlgorithmSpec.RSASSA_PSS_SHA_256
                            : SigningAlgorithmSpec.ECDSA_SHA_256));
            default -> throw new IllegalArgumentException("No scenario step makes " + operation + " requests yet");
        };
    }
}
