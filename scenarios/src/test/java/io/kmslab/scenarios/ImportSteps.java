package io.kmslab.scenarios;

import static org.assertj.core.api.Assertions.assertThat;

import io.cucumber.java.en.Given;
import io.cucumber.java.en.Then;
import io.cucumber.java.en.When;
import io.kmslab.api.CreateKeyRequest;
import io.kmslab.api.DeleteImportedKeyMaterialRequest;
import io.kmslab.api.DeleteImportedKeyMaterialResponse;
import io.kmslab.api.KeyMetadata;
import io.kmslab.api.ListKeyRotationsRequest;
import io.kmslab.api.RotationsListEntry;
import io.kmslab.audit.AuditEvent;
import io.kmslab.audit.AuditQuery;
import io.kmslab.keys.AlgorithmSpec;
import io.kmslab.keys.ExpirationModelType;
import io.kmslab.keys.ImportType;
import io.kmslab.keys.IncludeKeyMaterial;
import io.kmslab.keys.KeySpec;
import io.kmslab.keys.KeyUsageType;
import io.kmslab.keys.OriginType;
import io.kmslab.keys.WrappingKeySpec;
import java.math.BigInteger;
import java.security.KeyFactory;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * Keys with Origin EXTERNAL: GetParametersForImport, ImportKeyMaterial, expiry and DeleteImportedKeyMaterial; new key
 * material staged with ImportType NEW_KEY_MATERIAL for an on-demand rotation, and the key materials ListKeyRotations
 * shows, each named as the scenario named the material it imported ("M1").
 */
public class ImportSteps {
    private static final String ABSENT = "-";

    private final LabWorld world;
    private final ImportWorld imports;
    private DeleteImportedKeyMaterialResponse deleted;

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
        deleted = world.attempt(() -> world.kmsOf(name).deleteImportedKeyMaterial(
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

    // ------------------------------------------------------------------------------------------ more kinds of key

    @Given("{keyRef} is a multi-Region key for imported key material")
    public void isAMultiRegionKeyForImportedKeyMaterial(String name) {
        imports.createExternalMultiRegionKey(name);
    }

    @Given("{keyRef} is a(n) {keySpec} key for {keyUsage} and imported key material")
    public void isAKeyForImportedKeyMaterial(String name, KeySpec spec, KeyUsageType usage) {
        world.createKey(name, CreateKeyRequest.builder().origin(OriginType.EXTERNAL).keySpec(spec).keyUsage(usage)
                .build());
    }

    // ------------------------------------------------------------------------------------------ new key material

    /** ImportType NEW_KEY_MATERIAL: the material waits in PENDING_ROTATION for RotateKeyOnDemand. */
    @When("I import the key material {string} into {keyRef} as new key material, without expiry")
    public void iImportNewKeyMaterial(String material, String name) {
        world.attempt(() -> imports.importMaterial(name, material, ImportType.NEW_KEY_MATERIAL, null,
                ExpirationModelType.KEY_MATERIAL_DOES_NOT_EXPIRE, null));
    }

    @When("I import the key material {string} into {keyRef} as new key material under the key material id of {string}")
    public void iImportNewKeyMaterialUnderAnId(String material, String name, String named) {
        world.attempt(() -> imports.importMaterial(name, material, ImportType.NEW_KEY_MATERIAL,
                imports.materialId(name, named), ExpirationModelType.KEY_MATERIAL_DOES_NOT_EXPIRE, null));
    }

    @Given("the key material {string} was imported into {keyRef} as new key material, without expiry")
    public void newKeyMaterialWasImported(String material, String name) {
        imports.importMaterial(name, material, ImportType.NEW_KEY_MATERIAL, null,
                ExpirationModelType.KEY_MATERIAL_DOES_NOT_EXPIRE, null);
    }

    @Given("the key material {string} was imported into {keyRef} as new key material, valid to {instant}")
    public void newKeyMaterialWasImportedValidTo(String material, String name, Instant validTo) {
        imports.importMaterial(name, material, ImportType.NEW_KEY_MATERIAL, null,
                ExpirationModelType.KEY_MATERIAL_EXPIRES, validTo);
    }

    /** A re-import (ImportType left out: EXISTING_KEY_MATERIAL) that names the key material id it means. */
    @When("I import the key material {string} into {keyRef} under the key material id of {string}, without expiry")
    public void iImportUnderTheKeyMaterialIdOf(String material, String name, String named) {
        world.attempt(() -> imports.importMaterial(name, material, null, imports.materialId(name, named),
                ExpirationModelType.KEY_MATERIAL_DOES_NOT_EXPIRE, null));
    }

    /** DeleteImportedKeyMaterial with the KeyMaterialId of one material of the key. */
    @When("I delete the key material {string} of {keyRef}")
    public void iDeleteTheKeyMaterial(String material, String name) {
        deleted = world.attempt(() -> world.kmsOf(name).deleteImportedKeyMaterial(DeleteImportedKeyMaterialRequest
                .builder().keyId(world.key(name).keyId()).keyMaterialId(imports.materialId(name, material)).build()));
    }

    @Then("DeleteImportedKeyMaterial answers with the key material id of {string}")
    public void deleteImportedKeyMaterialAnswers(String material) {
        world.requireSuccess();
        assertThat(deleted).as("a DeleteImportedKeyMaterial response").isNotNull();
        assertThat(imports.materialName(deleted.keyMaterialId())).isEqualTo(material);
    }

    /** The id the first import of that material into the same key answered: the same material, the same id. */
    @Then("ImportKeyMaterial answers with the key material id of {string}")
    public void importKeyMaterialAnswersWithTheIdOf(String material) {
        assertThat(imports.imported().keyMaterialId())
                .isEqualTo(imports.materialId(imports.importedInto(), material));
    }

    @Then("ImportKeyMaterial answers with a key material id of 64 hex digits, not that of {string}")
    public void importKeyMaterialAnswersWithANewId(String material) {
        assertThat(imports.imported().keyMaterialId()).matches("[0-9a-f]{64}")
                .isNotEqualTo(imports.materialId(imports.importedInto(), material));
    }

    /** CurrentKeyMaterialId of DescribeKey, named as the material imported under that id. */
    @Then("the current key material of {keyRef} is {string}")
    public void theCurrentKeyMaterialIs(String name, String material) {
        world.requireSuccess();
        assertThat(imports.materialName(world.describe(name).currentKeyMaterialId())).as("CurrentKeyMaterialId")
                .isEqualTo(material);
    }

    @Then("the ciphertext header names the key material {string}")
    public void theCiphertextHeaderNamesTheKeyMaterial(String material) {
        world.requireSuccess();
        assertThat(imports.materialName(world.lab().inspect(world.ciphertext()).keyMaterialId()))
                .isEqualTo(material);
    }

    /**
     * ListKeyRotations with IncludeKeyMaterial ALL_KEY_MATERIAL or ROTATIONS_ONLY, in order. Columns (any of them):
     * "key material" (the name of the material imported), "key material state", "import state", "rotation type",
     * "rotation date", "expiration model", "valid to"; "-" for a member that is absent.
     */
    @Then("ListKeyRotations with {word} shows for {keyRef}:")
    public void listKeyRotationsShows(String include, String name, List<Map<String, String>> rows) {
        world.requireSuccess();
        List<RotationsListEntry> entries = world.kmsOf(name).listKeyRotations(ListKeyRotationsRequest.builder()
                .keyId(world.key(name).keyId()).includeKeyMaterial(IncludeKeyMaterial.valueOf(include)).limit(1000)
                .build()).rotations();
        assertThat(entries).as("ListKeyRotations with %s", include).hasSize(rows.size());
        for (int i = 0; i < rows.size(); i++) {
            RotationsListEntry entry = entries.get(i);
            assertThat(entry.keyId()).isEqualTo(world.key(name).keyId());
            for (Map.Entry<String, String> cell : rows.get(i).entrySet()) {
                Function<RotationsListEntry, Object> member = switch (cell.getKey()) {
                    case "key material" -> e -> imports.materialName(e.keyMaterialId());
                    case "key material state" -> RotationsListEntry::keyMaterialState;
                    case "import state" -> RotationsListEntry::importState;
                    case "rotation type" -> RotationsListEntry::rotationType;
                    case "rotation date" -> RotationsListEntry::rotationDate;
                    case "expiration model" -> RotationsListEntry::expirationModel;
                    case "valid to" -> RotationsListEntry::validTo;
                    default -> throw new IllegalArgumentException("Not a column of ListKeyRotations: " + cell.getKey());
                };
                Object value = member.apply(entry);
                assertThat(value == null ? ABSENT : Objects.toString(value)).as("%s of key material %d",
                        cell.getKey(), i + 1).isEqualTo(cell.getValue());
            }
        }
    }

    /** KMS's own DeleteExpiredKeyMaterial (or another service event) naming one key material of the key. */
    @Then("KMS logged a {word} service event for the key material {string} of {keyRef} at {instant}")
    public void kmsLoggedAServiceEventForTheKeyMaterial(String eventName, String material, String name, Instant at) {
        String arn = world.key(name).arn();
        List<AuditEvent> events = world.lab().auditTrail().query(AuditQuery.account(arn.split(":")[4]).key(arn)
                .eventName(eventName));
        assertThat(events).filteredOn(e -> e.eventTime().equals(at)).singleElement()
                .satisfies(e -> assertThat(imports.materialName(String.valueOf(e.serviceEventDetails()
                        .get("keyMaterialId")))).isEqualTo(material));
    }
}
