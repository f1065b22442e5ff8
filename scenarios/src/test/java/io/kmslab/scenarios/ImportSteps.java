package io.kmslab.scenarios;

import static org.assertj.core.api.Assertions.assertThat;

import io.cucumber.java.en.Given;
import io.cucumber.java.en.Then;
import io.cucumber.java.en.When;
import io.kmslab.api.DeleteImportedKeyMaterialRequest;
import io.kmslab.api.KeyMetadata;
import io.kmslab.keys.AlgorithmSpec;
import io.kmslab.keys.ExpirationModelType;
import io.kmslab.keys.WrappingKeySpec;
import java.math.BigInteger;
import java.security.KeyFactory;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.time.Instant;

/** Keys with Origin EXTERNAL: GetParametersForImport, ImportKeyMaterial, expiry and DeleteImportedKeyMaterial. */
public class ImportSteps {
    private final LabWorld world;
    private final ImportWorld imports;

    public ImportSteps(LabWorld world, ImportWorld imports) {
        this.world = world;
        this.imports = imports;
    }

    @When("I create a key for imported key material")
    public void iCreateAKeyForImportedKeyMaterial() {
        world.attempt(() -> imports.createExternalKey(LabWorld.THE_KEY));
    }

    @Given("{int} bits of key material {string} made outside AWS")
    public void bitsOfKeyMaterialMadeOutsideAws(int bits, String name) {
        imports.makeMaterial(name, bits / 8);
    }

    @When("I get the parameters for import of {keyRef} with {wrappingAlgorithm} and {wrappingKeySpec}")
    public void iGetTheParametersForImport(String name, AlgorithmSpec algorithm, WrappingKeySpec spec) {
        world.attempt(() -> imports.getParameters(name, algorithm, spec));
    }

    @Then("the import token and the wrapping public key are valid until {instant}")
    public void theParametersAreValidUntil(Instant validTo) {
        assertThat(imports.parameters().parametersValidTo()).isEqualTo(validTo);
        assertThat(imports.parameters().importToken()).isNotEmpty();
    }

    @Then("the wrapping public key is a {int}-bit RSA key")
    public void theWrappingPublicKeyIsAnRsaKey(int bits) throws Exception {
        RSAPublicKey key = (RSAPublicKey) KeyFactory.getInstance("RSA")
                .generatePublic(new X509EncodedKeySpec(imports.parameters().publicKey()));
        assertThat(key.getModulus().bitLength()).isEqualTo(bits);
        assertThat(key.getPublicExponent()).isEqualTo(BigInteger.valueOf(65537));
    }

    @When("I import the key material {string} into {keyRef}, valid to {instant}")
    public void iImportValidTo(String material, String name, Instant validTo) {
        world.attempt(() -> imports.importMaterial(name, material, ExpirationModelType.KEY_MATERIAL_EXPIRES, validTo));
    }

    @When("I import the key material {string} into {keyRef}, without expiry")
    public void iImportWithoutExpiry(String material, String name) {
        world.attempt(() -> imports.importMaterial(name, material, ExpirationModelType.KEY_MATERIAL_DOES_NOT_EXPIRE,
                null));
    }

    /** Leaves ExpirationModel out, as a first try at the CLI does: the default is KEY_MATERIAL_EXPIRES. */
    @When("I import the key material {string} into {keyRef} without an expiration model or a ValidTo")
    public void iImportWithTheDefaults(String material, String name) {
        world.attempt(() -> imports.importMaterial(name, material, null, null));
    }

    @Given("the key material {string} was imported into {keyRef}, valid to {instant}")
    public void theKeyMaterialWasImportedValidTo(String material, String name, Instant validTo) {
        imports.importMaterial(name, material, ExpirationModelType.KEY_MATERIAL_EXPIRES, validTo);
    }

    @Given("the key material {string} was imported into {keyRef}, without expiry")
    public void theKeyMaterialWasImportedWithoutExpiry(String material, String name) {
        imports.importMaterial(name, material, ExpirationModelType.KEY_MATERIAL_DOES_NOT_EXPIRE, null);
    }

    @When("I delete the imported key material of {keyRef}")
    public void iDeleteTheImportedKeyMaterial(String name) {
        world.attempt(() -> world.kmsOf(name).deleteImportedKeyMaterial(
                DeleteImportedKeyMaterialRequest.of(world.key(name).keyId())));
    }

    @Then("ImportKeyMaterial answers with the ARN of {keyRef} and a key material id of 64 hex digits")
    public void importKeyMaterialAnswers(String name) {
        assertThat(imports.imported().keyId()).isEqualTo(world.key(name).arn());
        assertThat(imports.imported().keyMaterialId()).matches("[0-9a-f]{64}");
    }

    @Then("ImportKeyMaterial answers with the key material id of the first import into {keyRef}")
    public void importKeyMaterialAnswersWithTheFirstId(String name) {
        assertThat(imports.imported().keyMaterialId()).isEqualTo(imports.firstMaterialId(name));
    }

    @Then("DescribeKey shows {keyRef} valid to {instant}, with the expiration model {expirationModel}")
    public void describeKeyShowsValidTo(String name, Instant validTo, ExpirationModelType model) {
        world.requireSuccess();
        KeyMetadata key = world.describe(name);
        assertThat(key.validTo()).isEqualTo(validTo);
        assertThat(key.expirationModel()).isEqualTo(model);
    }

    @Then("DescribeKey shows {keyRef} without ValidTo, with the expiration model {expirationModel}")
    public void describeKeyShowsNoValidTo(String name, ExpirationModelType model) {
        world.requireSuccess();
        KeyMetadata key = world.describe(name);
        assertThat(key.validTo()).isNull();
        assertThat(key.expirationModel()).isEqualTo(model);
    }
}
