package io.kmslab.scenarios;

import static io.kmslab.scenarios.LabWorld.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import io.cucumber.java.en.Given;
import io.cucumber.java.en.Then;
import io.cucumber.java.en.When;
import io.kmslab.KmsApi;
import io.kmslab.keys.Arns;
import io.kmslab.api.DecryptRequest;
import io.kmslab.api.DecryptResponse;
import io.kmslab.api.DisableKeyRotationRequest;
import io.kmslab.api.EnableKeyRotationRequest;
import io.kmslab.api.EncryptRequest;
import io.kmslab.api.GetKeyRotationStatusRequest;
import io.kmslab.api.GetKeyRotationStatusResponse;
import io.kmslab.api.KeyMetadata;
import io.kmslab.api.ListKeyRotationsRequest;
import io.kmslab.api.RotateKeyOnDemandRequest;
import io.kmslab.api.RotationsListEntry;
import io.kmslab.keys.IncludeKeyMaterial;
import io.kmslab.keys.KeyMaterialState;
import io.kmslab.keys.RotationType;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Automatic rotation (EnableKeyRotation, GetKeyRotationStatus), on-demand rotation (RotateKeyOnDemand), what
 * ListKeyRotations shows, and ciphertexts kept across rotations to show that they still decrypt.
 */
public class RotationSteps {
    private final LabWorld world;
    private final Map<String, Kept> kept = new LinkedHashMap<>();

    /** A ciphertext kept for later, with the Region it was made in and the key material it names. */
    private record Kept(String text, byte[] blob, String region, String keyMaterialId) {
    }

    public RotationSteps(LabWorld world) {
        this.world = world;
    }

    // ------------------------------------------------------------------------------------------ automatic rotation

    @Given("automatic rotation of {keyRef} was enabled")
    public void automaticRotationWasEnabled(String name) {
        world.kmsOf(name).enableKeyRotation(EnableKeyRotationRequest.of(world.key(name).keyId()));
    }

    @Given("automatic rotation of {keyRef} was enabled with a period of {int} days")
    public void automaticRotationWasEnabledWithAPeriod(String name, int days) {
        world.kmsOf(name).enableKeyRotation(EnableKeyRotationRequest.of(world.key(name).keyId(), days));
    }

    @When("I enable automatic rotation of {keyRef}")
    public void iEnableAutomaticRotation(String name) {
        world.attempt(() -> world.kms().enableKeyRotation(EnableKeyRotationRequest.of(world.key(name).keyId())));
    }

    @When("I enable automatic rotation of {keyRef} with a period of {int} days")
    public void iEnableAutomaticRotationWithAPeriod(String name, int days) {
        world.attempt(() -> world.kms().enableKeyRotation(
                EnableKeyRotationRequest.of(world.key(name).keyId(), days)));
    }

    @When("I disable automatic rotation of {keyRef}")
    public void iDisableAutomaticRotation(String name) {
        world.attempt(() -> world.kms().disableKeyRotation(DisableKeyRotationRequest.of(world.key(name).keyId())));
    }

    /** GetKeyRotationStatus, asked in the key's own Region. */
    @Then("automatic rotation of {keyRef} is off")
    public void automaticRotationIsOff(String name) {
        GetKeyRotationStatusResponse status = status(name);
        assertThat(status.keyRotationEnabled()).as("KeyRotationEnabled").isFalse();
        assertThat(status.rotationPeriodInDays()).as("RotationPeriodInDays").isNull();
        assertThat(status.nextRotationDate()).as("NextRotationDate").isNull();
    }

    @Then("automatic rotation of {keyRef} is on, every {int} days, next on {instant}")
    public void automaticRotationIsOn(String name, int days, Instant next) {
        GetKeyRotationStatusResponse status = status(name);
        assertThat(status.keyRotationEnabled()).as("KeyRotationEnabled").isTrue();
        assertThat(status.keyId()).isEqualTo(world.key(name).arn());
        assertThat(status.rotationPeriodInDays()).as("RotationPeriodInDays").isEqualTo(days);
        assertThat(status.nextRotationDate()).as("NextRotationDate").isEqualTo(next);
    }

    @Then("the next rotation of {keyRef} is due on {date}")
    public void theNextRotationIsDueOn(String name, LocalDate date) {
        assertThat(status(name).nextRotationDate()).isEqualTo(date.atStartOfDay(ZoneOffset.UTC).toInstant());
    }

    private GetKeyRotationStatusResponse status(String name) {
        world.requireSuccess();
        return world.kmsOf(name).getKeyRotationStatus(GetKeyRotationStatusRequest.of(world.key(name).keyId()));
    }

    /** Time passing in steps, as a year goes by at a time: due work happens at each step. */
    @When("{duration} pass(es), {int} time(s)")
    public void timePassesTimes(Duration duration, int times) {
        for (int i = 0; i < times; i++) {
            world.lab().clock().advance(duration);
        }
    }

    // ------------------------------------------------------------------------------------------ on demand

    @When("I rotate {keyRef} on demand")
    public void iRotateOnDemand(String name) {
        world.attempt(() -> world.kms().rotateKeyOnDemand(RotateKeyOnDemandRequest.of(world.key(name).keyId())));
    }

    @When("I rotate {keyRef} on demand {int} time(s)")
    public void iRotateOnDemandTimes(String name, int times) {
        KmsApi kms = world.kmsOf(name);
        for (int i = 0; i < times; i++) {
            assertThat(kms.rotateKeyOnDemand(RotateKeyOnDemandRequest.of(world.key(name).keyId())).keyId())
                    .isEqualTo(world.key(name).arn());
        }
    }

    // ------------------------------------------------------------------------------------------ ListKeyRotations

    @Then("{keyRef} was rotated {int} time(s)")
    public void wasRotatedTimes(String name, int times) {
        assertThat(rotations(name)).hasSize(times);
    }

    /** The dates ("2027-01-20, 2028-01-20 and 2029-01-19", or "-" for none), oldest first. */
    @Then("{keyRef} was rotated {int} time(s), on {string}")
    public void wasRotatedOn(String name, int times, String dates) {
        List<RotationsListEntry> rotations = rotations(name);
        assertThat(rotations).hasSize(times);
        assertThat(rotations).extracting(r -> LocalDate.ofInstant(r.rotationDate(), ZoneOffset.UTC))
                .containsExactlyElementsOf(dates(dates));
    }

    @Then("{keyRef} was rotated {int} time(s), {rotationType}, on {string}")
    public void wasRotatedOnBy(String name, int times, RotationType type, String dates) {
        wasRotatedOn(name, times, dates);
        assertThat(rotations(name)).extracting(RotationsListEntry::rotationType).containsOnly(type);
    }

    @Then("ListKeyRotations shows for {keyRef}:")
    public void listKeyRotationsShows(String name, List<Map<String, String>> rows) {
        List<RotationsListEntry> rotations = rotations(name);
        assertThat(rotations).hasSize(rows.size());
        for (int i = 0; i < rows.size(); i++) {
            Map<String, String> row = rows.get(i);
            RotationsListEntry rotation = rotations.get(i);
            assertThat(rotation.keyId()).isEqualTo(world.key(name).keyId());
            assertThat(rotation.rotationDate()).as("rotation %d", i + 1)
                    .isEqualTo(Instant.parse(row.get("rotation date")));
            assertThat(rotation.rotationType()).as("rotation %d", i + 1)
                    .isEqualTo(RotationType.valueOf(row.get("rotation type")));
            assertThat(rotation.keyMaterialState()).as("rotation %d", i + 1)
                    .isEqualTo(KeyMaterialState.valueOf(row.get("key material state")));
        }
    }

    @Then("ListKeyRotations with all key material shows {int} key materials for {keyRef}, {int} of them current")
    public void listKeyRotationsWithAllKeyMaterial(int materials, String name, int current) {
        world.requireSuccess();
        List<RotationsListEntry> all = world.kmsOf(name).listKeyRotations(ListKeyRotationsRequest.builder()
                .keyId(world.key(name).keyId()).includeKeyMaterial(IncludeKeyMaterial.ALL_KEY_MATERIAL).limit(1000)
                .build()).rotations();
        assertThat(all).hasSize(materials);
        assertThat(all).extracting(RotationsListEntry::keyMaterialId).doesNotHaveDuplicates();
        assertThat(all).filteredOn(r -> r.keyMaterialState() == KeyMaterialState.CURRENT).hasSize(current);
    }

    private List<RotationsListEntry> rotations(String name) {
        world.requireSuccess();
        return world.kmsOf(name).listKeyRotations(ListKeyRotationsRequest.builder().keyId(world.key(name).keyId())
                .limit(1000).build()).rotations();
    }

    private static List<LocalDate> dates(String text) {
        if (text.isBlank() || text.equals("-")) {
            return List.of();
        }
        return Arrays.stream(text.split(",\\s*|\\s+and\\s+")).map(String::trim).map(LocalDate::parse).toList();
    }

    // ------------------------------------------------------------------------------------------ the key's material

    @Then("the key id and the ARN of {keyRef} have not changed")
    public void theKeyIdAndArnHaveNotChanged(String name) {
        KeyMetadata now = world.describe(name);
        assertThat(now.keyId()).isEqualTo(world.key(name).keyId());
        assertThat(now.arn()).isEqualTo(world.key(name).arn());
    }

    @Then("the current key material of {keyRef} is not the one it was created with")
    public void theCurrentKeyMaterialHasChanged(String name) {
        assertThat(world.key(name).currentKeyMaterialId()).as("key material at creation").isNotBlank();
        assertThat(world.describe(name).currentKeyMaterialId()).isNotEqualTo(world.key(name).currentKeyMaterialId());
    }

    @Then("the current key material of {keyRef} is still the one it was created with")
    public void theCurrentKeyMaterialHasNotChanged(String name) {
        assertThat(world.describe(name).currentKeyMaterialId()).isEqualTo(world.key(name).currentKeyMaterialId());
    }

    // ------------------------------------------------------------------------------------------ kept ciphertexts

    @When("I keep a ciphertext of {string} under {keyRef}")
    public void iKeepACiphertextUnder(String text, String name) {
        KmsApi kms = world.kmsOf(name);
        keep(text, Arns.parse(world.key(name).arn()).orElseThrow().region(),
                kms.encrypt(EncryptRequest.of(world.key(name).keyId(), utf8(text))).ciphertextBlob());
    }

    @When("I keep a ciphertext of {string} under the alias {string}")
    public void iKeepACiphertextUnderTheAlias(String text, String alias) {
        KmsApi kms = world.kms();
        keep(text, world.region(), kms.encrypt(EncryptRequest.of(alias, utf8(text))).ciphertextBlob());
    }

    private void keep(String text, String region, byte[] blob) {
        world.ciphertext(blob);
        kept.put(text, new Kept(text, blob, region, world.lab().inspect(blob).keyMaterialId()));
    }

    @Then("every kept ciphertext decrypts to its plaintext, with the key material that made it")
    public void everyKeptCiphertextDecrypts() {
        assertThat(kept).as("ciphertexts kept in this scenario").isNotEmpty();
        for (Kept k : kept.values()) {
            DecryptResponse response = world.kms(k.region()).decrypt(DecryptRequest.of(k.blob()));
            assertThat(new String(response.plaintext(), StandardCharsets.UTF_8)).isEqualTo(k.text());
            assertThat(response.keyMaterialId()).as("KeyMaterialId of Decrypt for %s", k.text())
                    .isEqualTo(k.keyMaterialId());
        }
    }

    @Then("the {int} kept ciphertexts were made with {int} different key materials")
    public void theKeptCiphertextsWereMadeWithMaterials(int ciphertexts, int materials) {
        assertThat(kept).hasSize(ciphertexts);
        assertThat(kept.values().stream().map(Kept::keyMaterialId).distinct().count()).isEqualTo(materials);
    }

    @Then("the kept ciphertext of {string} names {keyRef}")
    public void theKeptCiphertextNames(String text, String name) {
        Kept k = kept.get(text);
        assertThat(k).as("a ciphertext of %s kept earlier", text).isNotNull();
        assertThat(world.lab().inspect(k.blob()).keyArn()).isEqualTo(world.key(name).arn());
    }
}
