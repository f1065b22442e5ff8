package io.kmslab.operations;

import static io.kmslab.operations.RequestValidation.MARKER;
import static io.kmslab.operations.RequestValidation.validKeyId;

import io.kmslab.api.DisableKeyRotationRequest;
import io.kmslab.api.EnableKeyRotationRequest;
import io.kmslab.api.GetKeyRotationStatusRequest;
import io.kmslab.api.GetKeyRotationStatusResponse;
import io.kmslab.api.ListKeyRotationsRequest;
import io.kmslab.api.ListKeyRotationsResponse;
import io.kmslab.api.RotateKeyOnDemandRequest;
import io.kmslab.api.RotateKeyOnDemandResponse;
import io.kmslab.api.RotationsListEntry;
import io.kmslab.crypto.KeyMaterial;
import io.kmslab.errors.KmsInvalidStateException;
import io.kmslab.errors.KmsUnsupportedOperationException;
import io.kmslab.errors.LimitExceededException;
import io.kmslab.keys.IncludeKeyMaterial;
import io.kmslab.keys.KeyMaterialState;
import io.kmslab.keys.KeyState;
import io.kmslab.keys.OriginType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Key rotation: automatic rotation (EnableKeyRotation, DisableKeyRotation, GetKeyRotationStatus), RotateKeyOnDemand,
 * and ListKeyRotations.
 */
public final class KeyRotation {
    private final OperationScope kms;

    public KeyRotation(OperationScope kms) {
        this.kms = kms;
    }

    /**
     * EnableKeyRotation: the key gets new key material every RotationPeriodInDays (90 to 2560, default 365); the key
     * id, ARN, policy and aliases stay, and older material still decrypts what it encrypted.
     */
    public void enableKeyRotation(EnableKeyRotationRequest request) {
        Instant now = kms.now();
        validKeyId(request.keyId(), null).range("rotationPeriodInDays", request.rotationPeriodInDays(), 90, 2560)
                .throwIfAny();
        int days = request.rotationPeriodInDays() == null ? 365 : request.rotationPeriodInDays();
        KmsKey key = kms.resolution().resolve(request.keyId(), false, "EnableKeyRotation");
        kms.check("kms:EnableKeyRotation", key).key("kms:RotationPeriodInDays", days).enforce();
        key.requireUsable();
        requireAutomaticRotation(key);
        key.enableRotation(days, now);
        kms.timeline().scheduleRotation(key);
    }

    public void disableKeyRotation(DisableKeyRotationRequest request) {
        kms.now();
        validKeyId(request.keyId(), null).throwIfAny();
        KmsKey key = kms.resolution().resolve(request.keyId(), false, "DisableKeyRotation");
        kms.check("kms:DisableKeyRotation", key).enforce();
        key.requireUsable();
        requireAutomaticRotation(key);
        key.disableRotation();
    }

    /** GetKeyRotationStatus: a key pending deletion reads as not rotating; cancelling the deletion restores it. */
    public GetKeyRotationStatusResponse getKeyRotationStatus(GetKeyRotationStatusRequest request) {
        kms.now();
        validKeyId(request.keyId(), null).throwIfAny();
        KmsKey key = kms.resolution().resolve(request.keyId(), false, "GetKeyRotationStatus");
        kms.check("kms:GetKeyRotationStatus", key).enforce();
        if (!key.keySpec().isSymmetric()) {
            throw new KmsUnsupportedOperationException("");
        }
        boolean enabled = key.rotationEnabled() && key.state() != KeyState.PendingDeletion;
        return new GetKeyRotationStatusResponse(enabled, key.arn(), enabled ? key.rotationPeriodInDays() : null,
                enabled ? key.nextRotationDate() : null, null);
    }

    /** RotateKeyOnDemand: new key material now, whatever the automatic schedule; at most 25 times per key. */
    public RotateKeyOnDemandResponse rotateKeyOnDemand(RotateKeyOnDemandRequest request) {
        Instant now = kms.now();
        validKeyId(request.keyId(), null).throwIfAny();
        KmsKey key = kms.resolution().resolve(request.keyId(), false, "RotateKeyOnDemand");
        kms.check("kms:RotateKeyOnDemand", key).enforce();
        key.requireUsable();
        if (!key.keySpec().isSymmetric()) {
            throw new KmsUnsupportedOperationException("");
        }
        if (key.multiRegion() && !key.isPrimary()) {
            throw new KmsUnsupportedOperationException(key.arn() + " is not a multi-region primary key.");
        }
        List<KmsKey> replicas = key.multiRegion() && key.origin() == OriginType.EXTERNAL
                ? kms.keys().relatedKeys(key).stream().filter(k -> k != key).toList() : List.of();
        key.materialIdPendingRotation().ifPresent(staged -> {
            // RotateKeyOnDemand (botocore): "To perform on-demand rotation of a set of related multi-Region keys,
            // import new key material in the primary Region key, import the same key material in each replica Region
            // key, and invoke the on-demand rotation on the primary Region key"; ImportKeyMaterial: "You must do this
            // for every replica Region key before you can perform the RotateKeyOnDemand operation on the primary
            // Region key." AWS documents neither the error nor its message: KMSInvalidStateException (the error of a
            // key with no material pending rotation) and this wording are KMS Lab's
            List<String> missing = replicas.stream().filter(r -> !r.hasImported(staged)).map(KmsKey::region).toList();
            if (!missing.isEmpty()) {
                throw new KmsInvalidStateException("The key material pending rotation for " + key.arn()
                        + " is not yet imported into its replica Region keys in " + String.join(", ", missing)
                        + ". Import the same key material into each replica Region key first.");
            }
        });
        String previous = key.currentMaterial().map(KeyMaterial::id).orElse(null);
        KmsKey.Rotation rotation = (key.origin() == OriginType.EXTERNAL ? key.rotateToImported(now, 25)
                : key.rotateOnDemand(kms.materials().generate(key.keySpec(), now), now, 25))
                .orElseThrow(() -> new LimitExceededException("The on-demand rotations limit has been reached for "
                        + "the given keyId. No more on-demand rotations can be performed for this key: "
                        + key.arn()));
        replicas.forEach(replica -> replica.rotatedInByPrimary(rotation.keyMaterialId()));
        kms.timeline().recordRotation(key, rotation, previous);
        return new RotateKeyOnDemandResponse(key.arn());
    }

    /** ListKeyRotations: the rotations of a key, oldest first (with ALL_KEY_MATERIAL, its first material too). */
    public ListKeyRotationsResponse listKeyRotations(ListKeyRotationsRequest request) {
        kms.now();
        validKeyId(request.keyId(), null).range("limit", request.limit(), 1, 1000)
                .length("marker", request.marker(), 1, 1024).pattern("marker", request.marker(), MARKER)
                .throwIfAny();
        KmsKey key = kms.resolution().resolve(request.keyId(), false, "ListKeyRotations");
        kms.check("kms:ListKeyRotations", key).enforce();
        if (!key.keySpec().isSymmetric()) {
            throw new KmsUnsupportedOperationException("");
        }
        List<KmsKey> related = kms.keys().relatedKeys(key);
        List<RotationsListEntry> entries = key.origin() == OriginType.EXTERNAL
                ? importedRotationEntries(key, related,
                        request.includeKeyMaterial() == IncludeKeyMaterial.ALL_KEY_MATERIAL)
                : rotationEntries(key, request.includeKeyMaterial() == IncludeKeyMaterial.ALL_KEY_MATERIAL);
        List<String> order = entries.stream().map(RotationsListEntry::keyMaterialId).toList();
        Paging.Page<RotationsListEntry> page = Paging.page(entries,
                e -> String.format("%06d", order.indexOf(e.keyMaterialId())), "rotations", request.limit(),
                request.marker(), 100);
        return new ListKeyRotationsResponse(page.items(), page.nextMarker(), page.truncated());
    }

    private static List<RotationsListEntry> rotationEntries(KmsKey key, boolean allKeyMaterial) {
        String current = key.currentMaterial().map(KeyMaterial::id).orElse(null);
        List<RotationsListEntry> entries = new ArrayList<>();
        if (allKeyMaterial && !key.materials().isEmpty()) {
            String first = key.materials().get(0).id();
            entries.add(RotationsListEntry.builder().keyId(key.keyId()).keyMaterialId(first)
                    .keyMaterialState(first.equals(current) ? KeyMaterialState.CURRENT : KeyMaterialState.NON_CURRENT)
                    .build());
        }
        for (KmsKey.Rotation rotation : key.rotations()) {
            entries.add(RotationsListEntry.builder().keyId(key.keyId()).keyMaterialId(rotation.keyMaterialId())
                    .keyMaterialState(rotation.keyMaterialId().equals(current) ? KeyMaterialState.CURRENT
                            : KeyMaterialState.NON_CURRENT)
                    .rotationDate(rotation.rotationDate()).rotationType(rotation.rotationType()).build());
        }
        return entries;
    }

    /**
     * The key materials of a key with imported material: each with its import state and expiration; with
     * ALL_KEY_MATERIAL the first material and any staged for rotation (PENDING_ROTATION) too. Material staged in a
     * multi-Region key is PENDING_MULTI_REGION_IMPORT_AND_ROTATION until every related key has imported it (botocore,
     * RotationsListEntry KeyMaterialState: "imported into the primary Region key but not all of the replica Region
     * keys. When this key material is imported in to all of the replica Region keys, the key material state will
     * change to PENDING_ROTATION"). AWS does not say which state a replica shows for it; KMS Lab shows the same state
     * in every related key, and lists in each key only the materials imported into that key.
     */
    private static List<RotationsListEntry> importedRotationEntries(KmsKey key, List<KmsKey> related,
            boolean allKeyMaterial) {
        String current = key.currentImportedMaterialId().orElse(null);
        Map<String, KmsKey.Rotation> rotations = new LinkedHashMap<>();
        key.rotations().forEach(r -> rotations.put(r.keyMaterialId(), r));
        List<RotationsListEntry> entries = new ArrayList<>();
        for (KmsKey.ImportedMaterial material : key.importedMaterials()) {
            KmsKey.Rotation rotation = rotations.get(material.materialId());
            if (!allKeyMaterial && rotation == null) {
                continue;
            }
            boolean everywhere = related.stream().allMatch(k -> k.hasImported(material.materialId()));
            KeyMaterialState state = material.pendingRotation() ? (everywhere ? KeyMaterialState.PENDING_ROTATION
                    : KeyMaterialState.PENDING_MULTI_REGION_IMPORT_AND_ROTATION)
                    : material.materialId().equals(current) ? KeyMaterialState.CURRENT : KeyMaterialState.NON_CURRENT;
            entries.add(RotationsListEntry.builder().keyId(key.keyId()).keyMaterialId(material.materialId())
                    .keyMaterialDescription(material.description()).importState(material.imported()
                            ? io.kmslab.keys.ImportState.IMPORTED : io.kmslab.keys.ImportState.PENDING_IMPORT)
                    .keyMaterialState(state).expirationModel(material.expirationModel())
                    .validTo(material.validTo())
                    .rotationDate(rotation == null ? null : rotation.rotationDate())
                    .rotationType(rotation == null ? null : rotation.rotationType()).build());
        }
        return entries;
    }

    /** Automatic rotation: symmetric encryption keys with AWS_KMS origin only. */
    private static void requireAutomaticRotation(KmsKey key) {
        if (key.multiRegion() && !key.isPrimary()) {
            throw new KmsUnsupportedOperationException(key.arn() + " is not a multi-region primary key.");
        }
        if (key.origin() != OriginType.AWS_KMS) {
            throw new KmsUnsupportedOperationException(key.arn() + " origin is " + key.origin()
                    + " which is not valid for this operation.");
        }
        if (!key.keySpec().isSymmetric()) {
            throw new KmsUnsupportedOperationException("");
        }
    }
}
