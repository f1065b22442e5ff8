package io.kmslab.server;

import static io.kmslab.server.Tour.fails;
import static io.kmslab.server.Tour.holds;
import static io.kmslab.server.Tour.shortId;
import static io.kmslab.server.Tour.succeeds;

import io.kmslab.Kms;
import io.kmslab.KmsLab;
import io.kmslab.api.CreateAliasRequest;
import io.kmslab.api.CreateKeyRequest;
import io.kmslab.api.DecryptRequest;
import io.kmslab.api.DecryptResponse;
import io.kmslab.api.DescribeKeyRequest;
import io.kmslab.api.DisableKeyRequest;
import io.kmslab.api.DisableKeyRotationRequest;
import io.kmslab.api.EnableKeyRotationRequest;
import io.kmslab.api.EncryptRequest;
import io.kmslab.api.EncryptResponse;
import io.kmslab.api.GetKeyRotationStatusRequest;
import io.kmslab.api.GetKeyRotationStatusResponse;
import io.kmslab.api.KeyMetadata;
import io.kmslab.api.ListKeyRotationsRequest;
import io.kmslab.api.RotationsListEntry;
import io.kmslab.api.UpdateAliasRequest;
import io.kmslab.errors.AccessDeniedException;
import io.kmslab.errors.KmsException;
import io.kmslab.keys.KeyManagerType;
import io.kmslab.keys.KeyMaterialState;
import io.kmslab.keys.RotationType;
import io.kmslab.policy.AccessDeniedMessage;
import io.kmslab.policy.PolicyDecision.Rule;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The tour's third part, "Rotation": automatic rotation every 365 days over three simulated years (one year, then
 * two at once), the ciphertexts of every year decrypting with the key material that made them, manual rotation (a
 * new key and UpdateAlias) beside automatic rotation, and an AWS managed key that rotates by itself and cannot be
 * disabled (AWS KMS Developer Guide, "Rotate AWS KMS keys",
 * https://docs.aws.amazon.com/kms/latest/developerguide/rotate-keys.html).
 */
final class RotationChapter {
    static final int STEPS = 7;
    static final String DESCRIPTION = "KMS Lab rotating key";
    static final int ROTATION_PERIOD_IN_DAYS = 365;
    static final Duration PERIOD = Duration.ofDays(ROTATION_PERIOD_IN_DAYS);
    static final String BEFORE_FILE = "before-rotation.encrypted";
    static final String AFTER_ONE_FILE = "after-1-rotation.encrypted";
    static final String AFTER_THREE_FILE = "after-3-rotations.encrypted";
    static final String APP_ALIAS = "alias/app-key";
    static final String APP_V1_DESCRIPTION = "KMS Lab app key, version 1";
    static final String APP_V2_DESCRIPTION = "KMS Lab app key, version 2";
    static final String APP_V1_FILE = "app-key-v1.encrypted";
    static final String SERVICE = "s3";
    static final String AWS_MANAGED_ALIAS = "alias/aws/" + SERVICE;
    static final List<String> FILES = List.of(BEFORE_FILE, AFTER_ONE_FILE, AFTER_THREE_FILE, APP_V1_FILE);
    /** Key material ids have 64 hex digits; tables show this many. */
    static final int MATERIAL_ID_SHOWN = 16;

    private final Narrator n;
    private final KmsLab lab;
    private final String region;
    private final Path dir;
    private final String r;
    private final Kms kms;

    RotationChapter(Narrator narrator, KmsLab lab, String region, Path dir) {
        this.n = narrator;
        this.lab = lab;
        this.region = region;
        this.dir = dir;
        this.r = " --region " + region;
        this.kms = lab.kms(region);
    }

    void tell(String summaryHeading) {
        // 1 -- enable automatic rotation ----------------------------------------------------------------------
        n.step("Turn on automatic rotation",
                "Rotating a key gives it new key material, the secret bits it encrypts with, while its key id, ARN,",
                "key policy and aliases stay. Automatic rotation is off by default on a customer managed key;",
                "EnableKeyRotation turns it on, every RotationPeriodInDays (90 to 2560 days, default 365). Only",
                "symmetric keys with AWS_KMS origin rotate automatically.");
        n.call("aws kms create-key --description \"" + DESCRIPTION + "\"" + r);
        KeyMetadata key = succeeds("CreateKey", () -> kms.createKey(
                CreateKeyRequest.builder().description(DESCRIPTION).build()).keyMetadata());
        n.field("KeyId", key.keyId());
        n.field("Arn", key.arn());
        n.field("CurrentKeyMaterialId", key.currentKeyMaterialId());
        String firstMaterial = key.currentKeyMaterialId();
        holds(firstMaterial != null, "CreateKey gave no CurrentKeyMaterialId");
        Instant created = key.creationDate();
        n.call("aws kms enable-key-rotation --key-id " + key.keyId() + " --rotation-period-in-days "
                + ROTATION_PERIOD_IN_DAYS + r);
        succeeds("EnableKeyRotation", () -> {
            kms.enableKeyRotation(EnableKeyRotationRequest.of(key.keyId(), ROTATION_PERIOD_IN_DAYS));
            return null;
        });
        n.note("no output");
        rotationStatus(key.keyId(), created.plus(PERIOD));

        // 2 -- encrypt ----------------------------------------------------------------------------------------
        n.step("Encrypt a message",
                "Encrypt uses the key's current key material. The ciphertext's header names that material, so",
                "Decrypt will know which one to use, whatever happens to the key afterwards.");
        byte[] plaintext = Tour.plaintext(n, dir);
        encrypt(key, plaintext, BEFORE_FILE, firstMaterial);

        // 3 -- a year later -----------------------------------------------------------------------------------
        n.step("A year later: the first rotation",
                "KMS rotates the key on its NextRotationDate. On the simulated clock a year takes a moment, and",
                "advancing it does the rotation that comes due. ListKeyRotations lists the rotations; DescribeKey",
                "shows the same key id and ARN, with a new CurrentKeyMaterialId.");
        advance(PERIOD, "Duration.ofDays(" + ROTATION_PERIOD_IN_DAYS + ")");
        List<RotationsListEntry> one = listRotations(key.keyId());
        expectRotations(one, created, 1);
        String secondMaterial = one.get(0).keyMaterialId();
        n.call("aws kms describe-key --key-id " + key.keyId() + r);
        KeyMetadata rotated = succeeds("DescribeKey", () -> kms.describeKey(DescribeKeyRequest.of(key.keyId()))
                .keyMetadata());
        n.field("KeyId", rotated.keyId());
        n.field("Arn", rotated.arn());
        n.field("CurrentKeyMaterialId", rotated.currentKeyMaterialId());
        n.note("abridged: the other fields are as before");
        holds(rotated.keyId().equals(key.keyId()) && rotated.arn().equals(key.arn()),
                "after the rotation DescribeKey names " + rotated.arn() + ", not " + key.arn());
        holds(secondMaterial.equals(rotated.currentKeyMaterialId()) && !secondMaterial.equals(firstMaterial),
                "after the rotation the CurrentKeyMaterialId is " + rotated.currentKeyMaterialId()
                        + ", not the new key material " + secondMaterial);
        n.confirmed("same key id and ARN, new key material: " + shortId(firstMaterial, MATERIAL_ID_SHOWN)
                + " -> " + shortId(secondMaterial, MATERIAL_ID_SHOWN));
        encrypt(key, plaintext, AFTER_ONE_FILE, secondMaterial);

        // 4 -- two more years at once -------------------------------------------------------------------------
        n.step("Two more years at once",
                "A jump of two years loses no rotation: KMS Lab does each one at its own date on the way, every",
                "365 days from the first. Each new material becomes CURRENT; the ones before it, NON_CURRENT.");
        advance(PERIOD.multipliedBy(2), "Duration.ofDays(" + 2 * ROTATION_PERIOD_IN_DAYS + ")");
        List<RotationsListEntry> three = listRotations(key.keyId());
        expectRotations(three, created, 3);
        holds(three.get(0).keyMaterialId().equals(secondMaterial), "the first rotation now lists key material "
                + three.get(0).keyMaterialId() + ", not " + secondMaterial);
        String fourthMaterial = three.get(2).keyMaterialId();
        rotationStatus(key.keyId(), created.plus(PERIOD.multipliedBy(4)));
        encrypt(key, plaintext, AFTER_THREE_FILE, fourthMaterial);

        // 5 -- every old ciphertext decrypts ------------------------------------------------------------------
        n.step("Every old ciphertext still decrypts",
                "KMS keeps every key material of a key until the key is deleted. Decrypt reads the key and the key",
                "material from the ciphertext's header: the ciphertexts of every year decrypt, with no re-encryption,",
                "each with the material that made it. KeyMaterialId in the response says which.");
        Map<String, String> materials = new LinkedHashMap<>();
        materials.put(BEFORE_FILE, firstMaterial);
        materials.put(AFTER_ONE_FILE, secondMaterial);
        materials.put(AFTER_THREE_FILE, fourthMaterial);
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of("Ciphertext", "KeyId", "KeyMaterialId", "Plaintext"));
        for (Map.Entry<String, String> entry : materials.entrySet()) {
            String file = entry.getKey();
            n.call("aws kms decrypt --ciphertext-blob fileb://" + file + r);
            byte[] blob = Tour.read(dir.resolve(file));
            DecryptResponse decrypted = succeeds("Decrypt", () -> kms.decrypt(DecryptRequest.of(blob)));
            n.field("KeyId", decrypted.keyId());
            n.field("KeyMaterialId", decrypted.keyMaterialId());
            holds(key.arn().equals(decrypted.keyId()), "Decrypt of " + file + " used " + decrypted.keyId()
                    + ", not " + key.arn());
            holds(entry.getValue().equals(decrypted.keyMaterialId()), "Decrypt of " + file + " used key material "
                    + decrypted.keyMaterialId() + ", not " + entry.getValue() + ", which encrypted it");
            holds(Arrays.equals(plaintext, decrypted.plaintext()), "Decrypt of " + file + " did not give back "
                    + Tour.SECRET_FILE);
            rows.add(List.of(file, shortId(key.keyId(), 8), shortId(decrypted.keyMaterialId(), MATERIAL_ID_SHOWN),
                    "= " + Tour.SECRET_FILE));
        }
        n.note("one key, three key materials:");
        n.table("llll", rows);
        n.confirmed("every ciphertext decrypted, each with the key material that encrypted it");

        // 6 -- manual rotation --------------------------------------------------------------------------------
        n.step("Manual rotation, for comparison",
                "Keys that cannot rotate automatically (asymmetric, HMAC, imported material) are rotated by hand:",
                "create a new key and point the alias your applications use at it with UpdateAlias. The key id and",
                "ARN change, and the old key must be kept (and paid for) while old ciphertexts exist.");
        KeyMetadata v1 = createKey(APP_V1_DESCRIPTION);
        n.call("aws kms create-alias --alias-name " + APP_ALIAS + " --target-key-id " + v1.keyId() + r);
        succeeds("CreateAlias", () -> {
            kms.createAlias(CreateAliasRequest.of(APP_ALIAS, v1.keyId()));
            return null;
        });
        n.note("no output");
        EncryptResponse underV1 = encryptThroughAlias(plaintext, v1, APP_V1_FILE);
        KeyMetadata v2 = createKey(APP_V2_DESCRIPTION);
        n.call("aws kms update-alias --alias-name " + APP_ALIAS + " --target-key-id " + v2.keyId() + r);
        succeeds("UpdateAlias", () -> {
            kms.updateAlias(UpdateAliasRequest.of(APP_ALIAS, v2.keyId()));
            return null;
        });
        n.note("no output; " + APP_ALIAS + " now names the new key");
        encryptThroughAlias(plaintext, v2, null);
        n.call("aws kms decrypt --ciphertext-blob fileb://" + APP_V1_FILE + r);
        DecryptResponse old = succeeds("Decrypt", () -> kms.decrypt(DecryptRequest.of(underV1.ciphertextBlob())));
        n.field("KeyId", old.keyId());
        holds(v1.arn().equals(old.keyId()), "Decrypt of " + APP_V1_FILE + " used " + old.keyId() + ", not the "
                + "old key " + v1.arn());
        holds(!v1.keyId().equals(v2.keyId()), "the new key has the old key's id");
        n.confirmed(APP_V1_FILE + " still decrypts, with the old key, because it was kept");
        n.table("lll", List.of(
                List.of("", "Automatic rotation", "Manual rotation"),
                List.of("How", "EnableKeyRotation, once", "CreateKey, then UpdateAlias"),
                List.of("Key id and ARN", "the same: " + shortId(key.keyId(), 8),
                        "new: " + shortId(v1.keyId(), 8) + " -> " + shortId(v2.keyId(), 8)),
                List.of("When", "every RotationPeriodInDays, by KMS", "whenever you do it"),
                List.of("Old ciphertexts", "decrypt: KMS keeps old material", "decrypt while the old key is kept"),
                List.of("Applications", "change nothing", "must name the alias, not the key id"),
                List.of("Which keys", "symmetric, AWS_KMS origin", "any (asymmetric, HMAC, imported too)"),
                List.of("Monthly cost", "+$1 for each of the first 2 rotations", "+$1 for each key kept")));

        // 7 -- an AWS managed key -----------------------------------------------------------------------------
        n.step("An AWS managed key rotates by itself",
                "AWS managed keys (alias/aws/<service>) are made in your account by a service the first time it",
                "encrypts for you. AWS rotates them every year, whether you like it or not, and owns their key",
                "policy: you use them only through their service, and you cannot disable them or stop their rotation.");
        n.aside("S3 makes " + AWS_MANAGED_ALIAS + " at the first upload with SSE-KMS and no key id "
                + "(aws s3 cp ... --sse aws:kms)");
        n.labCall("lab.kms(\"" + region + "\").awsManagedKey(\"" + SERVICE + "\")");
        KeyMetadata managed = kms.awsManagedKey(SERVICE);
        n.call("aws kms describe-key --key-id " + AWS_MANAGED_ALIAS + r);
        KeyMetadata described = succeeds("DescribeKey", () -> kms.describeKey(
                DescribeKeyRequest.of(AWS_MANAGED_ALIAS)).keyMetadata());
        n.field("KeyId", described.keyId());
        n.field("KeyManager", described.keyManager());
        n.field("Description", described.description());
        n.field("CurrentKeyMaterialId", described.currentKeyMaterialId());
        holds(described.keyId().equals(managed.keyId()) && described.keyManager() == KeyManagerType.AWS,
                AWS_MANAGED_ALIAS + " names " + described.keyId() + " managed by " + described.keyManager()
                        + ", not the AWS managed key " + managed.keyId());
        rotationStatus(managed.keyId(), managed.creationDate().plus(PERIOD));
        advance(PERIOD, "Duration.ofDays(" + ROTATION_PERIOD_IN_DAYS + ")");
        List<RotationsListEntry> managedRotations = listRotations(managed.keyId());
        expectRotations(managedRotations, managed.creationDate(), 1);
        n.confirmed(AWS_MANAGED_ALIAS + " rotated by itself; nobody called EnableKeyRotation");
        n.call("aws kms disable-key --key-id " + managed.keyId() + r);
        KmsException disableKey = fails("DisableKey", AccessDeniedException.class,
                AccessDeniedMessage.of(kms.caller().arn(), "kms:DisableKey", managed.arn(), Rule.NO_KEY_POLICY_ALLOWS),
                () -> {
                    kms.disableKey(DisableKeyRequest.of(managed.keyId()));
                    return null;
                });
        n.error(disableKey.errorCode(), "DisableKey", disableKey.getMessage());
        n.call("aws kms disable-key-rotation --key-id " + managed.keyId() + r);
        KmsException disableRotation = fails("DisableKeyRotation", AccessDeniedException.class,
                AccessDeniedMessage.of(kms.caller().arn(), "kms:DisableKeyRotation", managed.arn(),
                        Rule.NO_KEY_POLICY_ALLOWS),
                () -> {
                    kms.disableKeyRotation(DisableKeyRotationRequest.of(managed.keyId()));
                    return null;
                });
        n.error(disableRotation.errorCode(), "DisableKeyRotation", disableRotation.getMessage());
        n.note("even the account root: the AWS managed key policy gives it only kms:Describe*, Get*, List* and "
                + "RevokeGrant");

        n.summary(summaryHeading, List.of(
                "EnableKeyRotation (365 days) gave the key new key material every 365 days: three rotations in "
                        + "three years, each at its own date, even in a jump of two years.",
                "The key id, the ARN and the aliases stayed; only CurrentKeyMaterialId changed.",
                "Decrypt takes the key material from the ciphertext's header: the ciphertexts of every year still "
                        + "decrypted, each with the material that made it.",
                "Manual rotation is a new key (new id and ARN) and UpdateAlias; the old key stays for old data.",
                "AWS managed keys (" + AWS_MANAGED_ALIAS + ") rotate every year by themselves; DisableKey and "
                        + "DisableKeyRotation are AccessDeniedException, even for the account root."));
    }

    private KeyMetadata createKey(String description) {
        n.call("aws kms create-key --description \"" + description + "\"" + r);
        KeyMetadata key = succeeds("CreateKey", () -> kms.createKey(
                CreateKeyRequest.builder().description(description).build()).keyMetadata());
        n.field("KeyId", key.keyId());
        return key;
    }

    /** Encrypts the secret file under the key, saves the ciphertext, and checks the material its header names. */
    private void encrypt(KeyMetadata key, byte[] plaintext, String file, String expectedMaterial) {
        n.call("aws kms encrypt --key-id " + key.keyId() + " --plaintext fileb://" + Tour.SECRET_FILE + r);
        EncryptResponse encrypted = succeeds("Encrypt", () -> kms.encrypt(EncryptRequest.of(key.keyId(),
                plaintext)));
        n.field("KeyId", encrypted.keyId());
        n.field("CiphertextBlob", encrypted.ciphertextBlob().length + " bytes");
        Tour.write(dir.resolve(file), encrypted.ciphertextBlob());
        n.note("CiphertextBlob saved to " + file);
        n.labCall("lab.inspect(Files.readAllBytes(Path.of(\"" + file + "\"))).keyMaterialId()");
        String material = lab.inspect(encrypted.ciphertextBlob()).keyMaterialId();
        n.field("KeyMaterialId", material);
        holds(key.arn().equals(encrypted.keyId()), "Encrypt used " + encrypted.keyId() + ", not " + key.arn());
        holds(expectedMaterial.equals(material), "the ciphertext names key material " + material
                + ", not the current one, " + expectedMaterial);
        n.confirmed("encrypted under the current key material");
    }

    /** Encrypts through the application's alias; checks which key the alias named, and saves the ciphertext. */
    private EncryptResponse encryptThroughAlias(byte[] plaintext, KeyMetadata expected, String file) {
        n.call("aws kms encrypt --key-id " + APP_ALIAS + " --plaintext fileb://" + Tour.SECRET_FILE + r);
        EncryptResponse encrypted = succeeds("Encrypt", () -> kms.encrypt(EncryptRequest.of(APP_ALIAS,
                plaintext)));
        n.field("KeyId", encrypted.keyId());
        holds(expected.arn().equals(encrypted.keyId()), "Encrypt through " + APP_ALIAS + " used "
                + encrypted.keyId() + ", not " + expected.arn());
        if (file != null) {
            Tour.write(dir.resolve(file), encrypted.ciphertextBlob());
            n.note("CiphertextBlob saved to " + file);
        }
        return encrypted;
    }

    private void advance(Duration duration, String code) {
        n.labCall("lab.clock().advance(" + code + ")");
        Instant before = lab.time().instant();
        Instant now = lab.clock().advance(duration);
        n.field("Clock", before + " -> " + now);
    }

    private void rotationStatus(String keyId, Instant nextRotationDate) {
        n.call("aws kms get-key-rotation-status --key-id " + keyId + r);
        GetKeyRotationStatusResponse status = succeeds("GetKeyRotationStatus", () -> kms.getKeyRotationStatus(
                GetKeyRotationStatusRequest.of(keyId)));
        n.field("KeyRotationEnabled", status.keyRotationEnabled());
        n.field("RotationPeriodInDays", status.rotationPeriodInDays());
        n.field("NextRotationDate", status.nextRotationDate());
        holds(status.keyRotationEnabled(), "GetKeyRotationStatus says KeyRotationEnabled false");
        holds(Integer.valueOf(ROTATION_PERIOD_IN_DAYS).equals(status.rotationPeriodInDays()),
                "GetKeyRotationStatus says RotationPeriodInDays " + status.rotationPeriodInDays() + ", not "
                        + ROTATION_PERIOD_IN_DAYS);
        holds(nextRotationDate.equals(status.nextRotationDate()), "GetKeyRotationStatus says NextRotationDate "
                + status.nextRotationDate() + ", not " + nextRotationDate);
    }

    private List<RotationsListEntry> listRotations(String keyId) {
        n.call("aws kms list-key-rotations --key-id " + keyId + r);
        List<RotationsListEntry> rotations = succeeds("ListKeyRotations", () -> kms.listKeyRotations(
                ListKeyRotationsRequest.of(keyId)).rotations());
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of("RotationDate", "RotationType", "KeyMaterialState",
                "KeyMaterialId (" + MATERIAL_ID_SHOWN + " of 64 hex digits)"));
        for (RotationsListEntry rotation : rotations) {
            rows.add(List.of(String.valueOf(rotation.rotationDate()), String.valueOf(rotation.rotationType()),
                    String.valueOf(rotation.keyMaterialState()), shortId(rotation.keyMaterialId(),
                            MATERIAL_ID_SHOWN)));
        }
        n.table("llll", rows);
        return rotations;
    }

    /** Checks that a key rotated automatically this many times, every period from its creation, the last CURRENT. */
    private static void expectRotations(List<RotationsListEntry> rotations, Instant created, int count) {
        holds(rotations.size() == count, "ListKeyRotations lists " + rotations.size() + " rotations, not " + count);
        for (int i = 0; i < count; i++) {
            RotationsListEntry rotation = rotations.get(i);
            Instant due = created.plus(PERIOD.multipliedBy(i + 1L));
            KeyMaterialState state = i == count - 1 ? KeyMaterialState.CURRENT : KeyMaterialState.NON_CURRENT;
            holds(due.equals(rotation.rotationDate()), "rotation " + (i + 1) + " is dated " + rotation.rotationDate()
                    + ", not " + due);
            holds(rotation.rotationType() == RotationType.AUTOMATIC, "rotation " + (i + 1) + " is "
                    + rotation.rotationType() + ", not AUTOMATIC");
            holds(rotation.keyMaterialState() == state, "the key material of rotation " + (i + 1) + " is "
                    + rotation.keyMaterialState() + ", not " + state);
        }
        holds(rotations.stream().map(RotationsListEntry::keyMaterialId).distinct().count() == count,
                "two rotations list the same key material");
    }
}
