package io.kmslab.operations;

import io.kmslab.crypto.KeyMaterial;
import io.kmslab.errors.DisabledException;
import io.kmslab.errors.KmsInvalidStateException;
import io.kmslab.grants.Grant;
import io.kmslab.keys.AlgorithmSpec;
import io.kmslab.keys.ExpirationModelType;
import io.kmslab.keys.ImportType;
import io.kmslab.keys.KeyManagerType;
import io.kmslab.keys.KeyMaterialState;
import io.kmslab.keys.KeySpec;
import io.kmslab.keys.KeyState;
import io.kmslab.keys.KeyUsageType;
import io.kmslab.keys.OriginType;
import io.kmslab.keys.RotationType;
import io.kmslab.policy.PolicyDocument;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A KMS key: its identity, its type, its state and the generations of its material. The state changes only through
 * the transitions KMS allows; each refused transition throws the error AWS gives (KMS developer guide, "Key states
 * of AWS KMS keys").
 */
public final class KmsKey {
    private final String keyId;
    private final String arn;
    private final String accountId;
    private final String region;
    private final Instant creationDate;
    private final KeySpec keySpec;
    private final KeyUsageType keyUsage;
    private final OriginType origin;
    private final KeyManagerType keyManager;
    private final long sequence;
    private final Map<String, String> tags = new LinkedHashMap<>();
    private final List<Grant> grants = new CopyOnWriteArrayList<>();
    private final KeyMaterials shared;
    private final List<StateChange> history = new CopyOnWriteArrayList<>();
    private volatile Instant deletedAt;
    private final Map<String, ImportParameters> importParameters = new java.util.concurrent.ConcurrentHashMap<>();
    private final List<ImportedMaterial> imported = new CopyOnWriteArrayList<>();

    private volatile String description;
    private volatile PolicyDocument policy;
    private volatile KeyState state;
    private volatile Instant deletionDate;
    private volatile Integer pendingWindowInDays;

    /**
     * What GetParametersForImport handed out: the import token's id, the private half of the wrapping key, the
     * wrapping algorithm, and until when they are valid. Never printed.
     */
    public record ImportParameters(String tokenId, java.security.PrivateKey wrappingKey, AlgorithmSpec algorithm,
            Instant validTo) {
        @Override
        public String toString() {
            return "ImportParameters[" + algorithm + ", valid to " + validTo + "]";
        }
    }

    /** A change of state, kept for the bill (a key pending deletion costs nothing). */
    public record StateChange(Instant at, KeyState state) {
    }

    /** One rotation: the material it made current, when, and how. */
    public record Rotation(String keyMaterialId, Instant rotationDate, RotationType rotationType) {
    }

    /** The identity and type of a new key. */
    public record Identity(String keyId, String arn, String accountId, String region, Instant creationDate,
            KeySpec keySpec, KeyUsageType keyUsage, OriginType origin, KeyManagerType keyManager, long sequence) {
    }

    /**
     * A new key. With material it starts Enabled; without (Origin EXTERNAL, before import) it starts PendingImport.
     */
    KmsKey(Identity identity, String description, PolicyDocument policy, KeyMaterial material) {
        this(identity, description, policy, new KeyMaterials(), material, null);
    }

    /**
     * A replica of a multi-Region key: it shares the key material and rotation of its related keys, and starts in
     * state Creating until the replication completes.
     */
    public static KmsKey replicaOf(KmsKey primary, Identity identity, String description, PolicyDocument policy) {
        if (!primary.multiRegion()) {
            throw new IllegalArgumentException(primary.arn() + " is not a multi-Region key");
        }
        KmsKey replica = new KmsKey(identity, description, policy, primary.shared, null, KeyState.Creating);
        replica.multiRegion = true;
        replica.primary = false;
        return replica;
    }

    private KmsKey(Identity identity, String description, PolicyDocument policy, KeyMaterials shared,
            KeyMaterial material, KeyState initialState) {
        this.shared = shared;
        this.keyId = identity.keyId();
        this.arn = identity.arn();
        this.accountId = identity.accountId();
        this.region = identity.region();
        this.creationDate = identity.creationDate();
        this.keySpec = identity.keySpec();
        this.keyUsage = identity.keyUsage();
        this.origin = identity.origin();
        this.keyManager = identity.keyManager();
        this.sequence = identity.sequence();
        this.description = Objects.requireNonNullElse(description, "");
        this.policy = policy;
        if (initialState != null) {
            state = initialState;
        } else if (material != null) {
            shared.materials.add(material);
            shared.currentMaterial = material;
            state = KeyState.Enabled;
        } else {
            state = KeyState.PendingImport;
        }
        this.multiRegion = keyId.startsWith("mrk-");
        history.add(new StateChange(creationDate, state));
    }

    // ---------------------------------------------------------------- multi-Region keys

    private volatile boolean multiRegion;
    private volatile boolean primary = true;

    public boolean multiRegion() {
        return multiRegion;
    }

    /** For a multi-Region key: whether this is the primary key (a single-Region key is its own primary). */
    public boolean isPrimary() {
        return primary;
    }

    synchronized void setPrimary(boolean isPrimary) {
        changed();
        this.primary = isPrimary;
    }

    /** A replica whose replication has completed: Enabled. */
    synchronized void replicationCompleted(Instant at) {
        if (state == KeyState.Creating) {
            // a replica of a key with imported material waits for its own import of the same material
            changeState(origin == OriginType.EXTERNAL && !allAssociatedMaterialImportedHere() ? KeyState.PendingImport
                    : KeyState.Enabled, at);
        }
    }

    /** Whether this key and another are related multi-Region keys (same id, shared material). */
    public boolean relatedTo(KmsKey other) {
        return multiRegion && other.shared == shared;
    }

    private void changeState(KeyState next, Instant at) {
        changed();
        state = next;
        history.add(new StateChange(at, next));
    }

    /** The states the key went through, with when, oldest first (for the bill). */
    public List<StateChange> history() {
        return List.copyOf(history);
    }

    /** When the key was deleted, or null. */
    public Instant deletedAt() {
        return deletedAt;
    }

    /** Marks the key deleted at the end of its waiting period. */
    synchronized void markDeleted(Instant at) {
        changed();
        deletedAt = at;
    }

    // ---------------------------------------------------------------- custom key stores

    /** The AWS CloudHSM key store whose cluster holds the key's material, or null. */
    private volatile io.kmslab.keystores.CustomKeyStore customKeyStore;

    /** Places a new key (Origin AWS_CLOUDHSM) in a custom key store. */
    void placeIn(io.kmslab.keystores.CustomKeyStore store) {
        this.customKeyStore = store;
    }

    /** The external key of a key in an external key store (its XksKeyId), or null. */
    private volatile String xksKeyId;

    /** Places a new key (Origin EXTERNAL_KEY_STORE) in an external key store, backed by the external key named. */
    void placeIn(io.kmslab.keystores.CustomKeyStore store, String externalKeyId) {
        this.customKeyStore = store;
        this.xksKeyId = externalKeyId;
    }

    /** The id of the key's external key in its external key manager (XksKeyConfiguration Id), or null. */
    public String xksKeyId() {
        return xksKeyId;
    }

    /** The custom key store of the key, or null for a key of the AWS KMS key store. */
    public io.kmslab.keystores.CustomKeyStore customKeyStore() {
        return customKeyStore;
    }

    /** Checks that the key may be used in a cryptographic operation (and CreateGrant). */
    public void requireUsable() {
        switch (state()) {
            case Enabled -> {
            }
            case Disabled -> throw new DisabledException(arn + " is disabled.");
            default -> throw invalidState();
        }
    }

    /** Tagging, UpdateKeyDescription and aliases are refused while the key is pending deletion. */
    public void requireNotPendingDeletion() {
        if (state == KeyState.PendingDeletion) {
            throw invalidState();
        }
    }

    synchronized void enable(Instant at) {
        requireEnabledOrDisabled();
        if (state != KeyState.Enabled) {
            changeState(KeyState.Enabled, at);
        }
    }

    synchronized void disable(Instant at) {
        requireEnabledOrDisabled();
        if (state != KeyState.Disabled) {
            changeState(KeyState.Disabled, at);
        }
    }

    /** Starts the waiting period: the key is deleted at {@code now + days}. */
    synchronized Instant scheduleDeletion(Instant now, int days) {
        changed();
        if (state == KeyState.PendingDeletion) {
            throw invalidState();
        }
        changeState(KeyState.PendingDeletion, now);
        pendingWindowInDays = days;
        deletionDate = now.plus(Duration.ofDays(days));
        return deletionDate;
    }

    /**
     * A multi-Region primary key that still has replicas waits in PendingReplicaDeletion; its waiting period of
     * {@code days} starts when its last replica is deleted.
     */
    synchronized void scheduleReplicaDeletion(Instant now, int days) {
        changed();
        if (state == KeyState.PendingDeletion || state == KeyState.PendingReplicaDeletion) {
            throw invalidState();
        }
        changeState(KeyState.PendingReplicaDeletion, now);
        pendingWindowInDays = days;
        deletionDate = null;
    }

    /** Ends the waiting period; the key is Disabled (PendingImport if it has no material). */
    synchronized void cancelDeletion(Instant at) {
        changed();
        if (state != KeyState.PendingDeletion && state != KeyState.PendingReplicaDeletion) {
            throw new KmsInvalidStateException(arn + " is not pending deletion.");
        }
        changeState(awaitsImport() ? KeyState.PendingImport : KeyState.Disabled, at);
        deletionDate = null;
        pendingWindowInDays = null;
    }

    /** Whether the deletion window has ended at the given time. */
    public boolean deletionDue(Instant now) {
        Instant date = deletionDate;
        return state == KeyState.PendingDeletion && date != null && !now.isBefore(date);
    }

    private void requireEnabledOrDisabled() {
        if (state != KeyState.Enabled && state != KeyState.Disabled) {
            throw invalidState();
        }
    }

    private KmsInvalidStateException invalidState() {
        io.kmslab.keystores.CustomKeyStore store = customKeyStore;
        if (state() == KeyState.Unavailable && store != null && store.external()) {
            // "Custom key store is not in CONNECTED state: KMSInvalidStateException (Cryptographic operations)", with
            // the message of the XKS Proxy API spec's table ("Error codes", KMS Considerations)
            return new KmsInvalidStateException(io.kmslab.keystores.XksProxyFailure.NOT_CONNECTED.message());
        }
        return new KmsInvalidStateException(arn + " is " + describeState() + ".");
    }

    private String describeState() {
        return switch (state()) {
            case PendingDeletion -> "pending deletion";
            case PendingImport -> "pending import";
            case PendingReplicaDeletion -> "pending replica deletion";
            case Creating -> "creating";
            case Updating -> "updating";
            case Unavailable -> "unavailable";
            case Disabled -> "disabled";
            case Enabled -> "enabled";
        };
    }

    public String keyId() {
        return keyId;
    }

    public String arn() {
        return arn;
    }

    public String accountId() {
        return accountId;
    }

    public String region() {
        return region;
    }

    public Instant creationDate() {
        return creationDate;
    }

    public KeySpec keySpec() {
        return keySpec;
    }

    public KeyUsageType keyUsage() {
        return keyUsage;
    }

    public OriginType origin() {
        return origin;
    }

    public KeyManagerType keyManager() {
        return keyManager;
    }

    /** Creation order within the lab, for stable listing. */
    public long sequence() {
        return sequence;
    }

    /**
     * The key's state. A key of a custom key store that is not connected is Unavailable, unless it is pending deletion
     * (which it stays, so that its deletion can be cancelled); connected again, it is back in its own state. AWS:
     * "The key state of KMS keys in a disconnected custom key store is Unavailable or PendingDeletion [...] When you
     * reconnect [...] the key state [...] is automatically restored to its previous state, such as Enabled or Disabled"
     * (https://docs.aws.amazon.com/kms/latest/developerguide/fix-keystore.html, "How to fix unavailable KMS keys");
     * "the key state of KMS keys in the custom key store is Unavailable, unless they are PendingDeletion"
     * (disconnect-keystore.html).
     */
    public KeyState state() {
        io.kmslab.keystores.CustomKeyStore store = customKeyStore;
        KeyState own = state;
        if (store != null && !store.connected() && own != KeyState.PendingDeletion) {
            return KeyState.Unavailable;
        }
        return own;
    }

    public boolean enabled() {
        return state() == KeyState.Enabled;
    }

    public Instant deletionDate() {
        return deletionDate;
    }

    public Integer pendingWindowInDays() {
        return pendingWindowInDays;
    }

    public String description() {
        return description;
    }

    synchronized void description(String description) {
        changed();
        this.description = description;
    }

    /** The key policy (its name is always "default"). */
    public PolicyDocument policy() {
        return policy;
    }

    synchronized void policy(PolicyDocument policy) {
        changed();
        this.policy = Objects.requireNonNull(policy);
    }

    /** The grants of this key, oldest first. */
    public List<Grant> grants() {
        return List.copyOf(grants);
    }

    void addGrant(Grant grant) {
        changed();
        grants.add(grant);
    }

    /** Removes a grant; returns whether it existed. */
    boolean removeGrant(String grantId) {
        changed();
        return grants.removeIf(g -> g.grantId().equals(grantId));
    }

    /**
     * The material new encryptions use; empty before key material is imported (with imported material, empty while
     * this key's own import of it is deleted or expired, even if a related multi-Region key still has it).
     */
    public Optional<KeyMaterial> currentMaterial() {
        KeyMaterial current = shared.currentMaterial;
        return current == null || !availableHere(current.id()) ? Optional.empty() : Optional.of(current);
    }

    /** The material with the given id, current or older: what a ciphertext names to be decrypted. */
    public Optional<KeyMaterial> material(String materialId) {
        return sharedMaterial(materialId).filter(m -> availableHere(m.id()));
    }

    private Optional<KeyMaterial> sharedMaterial(String materialId) {
        return shared.materials.stream().filter(m -> m.id().equals(materialId)).findFirst();
    }

    private boolean availableHere(String materialId) {
        return origin != OriginType.EXTERNAL
                || imported.stream().anyMatch(e -> e.imported() && e.materialId().equals(materialId));
    }

    public List<KeyMaterial> materials() {
        return List.copyOf(shared.materials);
    }

    public synchronized Map<String, String> tags() {
        return Map.copyOf(tags);
    }

    /** Tags in the order they were first added. */
    public synchronized List<Map.Entry<String, String>> tagEntries() {
        return tags.entrySet().stream().map(e -> Map.entry(e.getKey(), e.getValue())).toList();
    }

    /** Adds tags unless the key would then have more than {@code max}; check and update in one step. */
    synchronized boolean putTagsWithin(Map<String, String> newTags, int max) {
        if (tagCountAfter(newTags) > max) {
            return false;
        }
        putTags(newTags);
        return true;
    }

    synchronized void putTags(Map<String, String> newTags) {
        changed();
        tags.putAll(newTags);
    }

    synchronized void removeTags(List<String> tagKeys) {
        changed();
        tagKeys.forEach(tags::remove);
    }

    public synchronized int tagCountAfter(Map<String, String> newTags) {
        return (int) newTags.keySet().stream().filter(k -> !tags.containsKey(k)).count() + tags.size();
    }

    // ---------------------------------------------------------------- imported key material

    void addImportParameters(ImportParameters parameters) {
        changed();
        importParameters.put(parameters.tokenId(), parameters);
    }

    public Optional<ImportParameters> importParameters(String tokenId) {
        return Optional.ofNullable(importParameters.get(tokenId));
    }

    /**
     * One key material of a key with imported material (Origin EXTERNAL): its id, the fingerprint that recognises it
     * on re-import, its description, its expiration, whether it is imported now (ImportState IMPORTED) and whether it
     * is staged for an on-demand rotation (KeyMaterialState PENDING_ROTATION, not yet permanently associated with the
     * key). The fingerprint is never printed.
     */
    public record ImportedMaterial(String materialId, byte[] fingerprint, String description,
            ExpirationModelType expirationModel, Instant validTo, boolean imported, boolean pendingRotation) {
        public ImportedMaterial {
            Objects.requireNonNull(materialId, "materialId");
            fingerprint = fingerprint.clone();
        }

        @Override
        public byte[] fingerprint() {
            return fingerprint.clone();
        }

        boolean sameMaterialAs(byte[] other) {
            return java.security.MessageDigest.isEqual(fingerprint, other);
        }

        ImportedMaterial importedAgain(String newDescription, ExpirationModelType model, Instant materialValidTo) {
            return new ImportedMaterial(materialId, fingerprint, newDescription != null ? newDescription : description,
                    model, materialValidTo, true, pendingRotation);
        }

        ImportedMaterial rotatedIn() {
            return new ImportedMaterial(materialId, fingerprint, description, expirationModel, validTo, imported, false);
        }

        ImportedMaterial deleted() {
            return new ImportedMaterial(materialId, fingerprint, description, null, null, false, pendingRotation);
        }

        @Override
        public String toString() {
            return "ImportedMaterial[" + materialId + (imported ? ", imported" : ", pending import")
                    + (pendingRotation ? ", pending rotation" : "") + (validTo != null ? ", valid to " + validTo : "")
                    + "]";
        }
    }

    /** What ImportKeyMaterial asks: the material (by its fingerprint), how it is imported and how long it lasts. */
    public record ImportRequest(byte[] fingerprint, ImportType importType, String keyMaterialId, String description,
            ExpirationModelType expirationModel, Instant validTo) {
        @Override
        public String toString() {
            return "ImportRequest[" + importType + ", " + keyMaterialId + ", " + expirationModel + ", " + validTo + "]";
        }
    }

    /**
     * The key materials of a key with imported material, in the order they were first imported: the first one is
     * permanently associated with the key, each later one once an on-demand rotation made it current.
     */
    public List<ImportedMaterial> importedMaterials() {
        return List.copyOf(imported);
    }

    /** The id of the material new encryptions use (or would use, once it is imported again), if any. */
    public Optional<String> currentImportedMaterialId() {
        if (imported.isEmpty()) {
            return Optional.empty();
        }
        List<Rotation> rotations = shared.rotations;
        return Optional.of(rotations.isEmpty() ? imported.get(0).materialId()
                : rotations.get(rotations.size() - 1).keyMaterialId());
    }

    private Optional<ImportedMaterial> importedEntry(String materialId) {
        return imported.stream().filter(e -> e.materialId().equals(materialId)).findFirst();
    }

    private void replaceEntry(ImportedMaterial entry) {
        imported.replaceAll(e -> e.materialId().equals(entry.materialId()) ? entry : e);
    }

    /** The expiration model of the current material (what DescribeKey shows). */
    public ExpirationModelType expirationModel() {
        return currentImportedMaterialId().flatMap(this::importedEntry).map(ImportedMaterial::expirationModel)
                .orElse(null);
    }

    /** When the current material expires (what DescribeKey shows), if it does. */
    public Instant validTo() {
        return currentImportedMaterialId().flatMap(this::importedEntry).map(ImportedMaterial::validTo).orElse(null);
    }

    /**
     * Imports material. The first import fixes the key's first material for good. Later, ImportType
     * EXISTING_KEY_MATERIAL (the default) brings back a material already associated with the key (recognised by its
     * fingerprint, and by its id when {@code KeyMaterialId} is given) with a new expiration; NEW_KEY_MATERIAL stages
     * new material for an on-demand rotation (one at a time). The key becomes Enabled from PendingImport once every
     * material associated with it is imported. {@code materialFor} builds the material under the id it is given;
     * {@code newId} makes ids for new materials.
     */
    synchronized ImportedMaterial importMaterial(ImportRequest request,
            java.util.function.Function<String, KeyMaterial> materialFor, java.util.function.Supplier<String> newId,
            Instant at) {
        changed();
        materialsChanged();
        ImportedMaterial entry;
        if (imported.isEmpty() && (!multiRegion || shared.materials.isEmpty())) {
            String id = newId.get();
            if (request.keyMaterialId() != null && !request.keyMaterialId().equals(id)) {
                throw new io.kmslab.errors.NotFoundException("Key material " + request.keyMaterialId()
                        + " is not associated with " + arn + ".");
            }
            entry = new ImportedMaterial(id, request.fingerprint(), request.description(),
                    request.expirationModel(), request.validTo(), true, false);
            imported.add(entry);
            if (shared.materials.isEmpty()) {
                KeyMaterial material = materialFor.apply(id);
                shared.materials.add(material);
                shared.currentMaterial = material;
            }
        } else if (request.importType() == ImportType.NEW_KEY_MATERIAL) {
            if (imported.stream().anyMatch(e -> e.sameMaterialAs(request.fingerprint()))) {
                throw new io.kmslab.errors.IncorrectKeyMaterialException("The key material you are importing is "
                        + "already associated with " + arn + ". Import it with ImportType EXISTING_KEY_MATERIAL.");
            }
            if (imported.stream().anyMatch(ImportedMaterial::pendingRotation)) {
                throw new KmsInvalidStateException("Key material pending rotation already exists for the key: "
                        + arn + ". Rotate the key or delete that key material first.");
            }
            entry = new ImportedMaterial(newId.get(), request.fingerprint(), request.description(),
                    request.expirationModel(), request.validTo(), true, true);
            imported.add(entry);
            shared.materials.add(materialFor.apply(entry.materialId()));
        } else if (multiRegion && importedHereFirst(request)) {
            entry = importRelatedMaterial(request, newId);
        } else {
            ImportedMaterial target = request.keyMaterialId() != null
                    ? importedEntry(request.keyMaterialId()).orElseThrow(() -> new io.kmslab.errors.NotFoundException(
                            "Key material " + request.keyMaterialId() + " is not associated with " + arn + "."))
                    : imported.stream().filter(e -> e.sameMaterialAs(request.fingerprint())).findFirst()
                            .orElse(null);
            if (target == null || !target.sameMaterialAs(request.fingerprint())) {
                throw new io.kmslab.errors.IncorrectKeyMaterialException("The key material you are importing does "
                        + "not match the key material previously imported into " + arn + ".");
            }
            entry = target.importedAgain(request.description(), request.expirationModel(), request.validTo());
            replaceEntry(entry);
            if (sharedMaterial(entry.materialId()).isEmpty()) {
                shared.materials.add(materialFor.apply(entry.materialId()));
            }
            if (entry.materialId().equals(currentImportedMaterialId().orElse(null))) {
                shared.currentMaterial = sharedMaterial(entry.materialId()).orElseThrow();
            }
        }
        if (state == KeyState.PendingImport && allAssociatedMaterialImportedHere()) {
            changeState(KeyState.Enabled, at);
        }
        return entry;
    }

    /**
     * Whether a multi-Region key is asked to import, for the first time here, a key material of its related keys
     * (named by KeyMaterialId, or recognised by its fingerprint, neither of them among this key's own imports).
     */
    private boolean importedHereFirst(ImportRequest request) {
        return request.keyMaterialId() != null ? importedEntry(request.keyMaterialId()).isEmpty()
                : imported.stream().noneMatch(e -> e.sameMaterialAs(request.fingerprint()));
    }

    /**
     * A multi-Region key imports a key material of its related keys for the first time: the first material of the
     * primary, a later one an on-demand rotation made current, or one the primary staged for rotation (then staged here
     * too). ImportKeyMaterial (botocore): "AWS KMS does not copy or synchronize the key material from a primary key
     * with imported key material to its replica keys"; new material is imported "into the primary Region key. Then you
     * can import the same key materials into the replica Region keys" with ImportType EXISTING_KEY_MATERIAL. Material
     * the related keys do not have is refused: a replica cannot bring new material of its own.
     */
    private ImportedMaterial importRelatedMaterial(ImportRequest request, java.util.function.Supplier<String> newId) {
        String id = newId.get();
        if (request.keyMaterialId() != null && sharedMaterial(request.keyMaterialId()).isEmpty()) {
            throw new io.kmslab.errors.NotFoundException("Key material " + request.keyMaterialId()
                    + " is not associated with " + arn + ".");
        }
        if (sharedMaterial(id).isEmpty() || (request.keyMaterialId() != null && !request.keyMaterialId().equals(id))) {
            throw new io.kmslab.errors.IncorrectKeyMaterialException("The key material you are importing does "
                    + "not match the key material previously imported into " + arn + ".");
        }
        ImportedMaterial entry = new ImportedMaterial(id, request.fingerprint(), request.description(),
                request.expirationModel(), request.validTo(), true, !associatedMaterialIds().contains(id));
        imported.add(entry);
        return entry;
    }

    /**
     * The ids of the key materials permanently associated with a multi-Region key and its related keys: the first one
     * imported (into the primary) and each one an on-demand rotation made current; any other shared material is staged
     * for rotation.
     */
    private List<String> associatedMaterialIds() {
        if (shared.materials.isEmpty()) {
            return List.of();
        }
        List<String> ids = new java.util.ArrayList<>();
        ids.add(shared.materials.get(0).id());
        shared.rotations.forEach(r -> ids.add(r.keyMaterialId()));
        return ids;
    }

    /** Whether the key lacks key material it needs (before the first import, or after a deletion or expiry). */
    private boolean awaitsImport() {
        return origin == OriginType.EXTERNAL ? !allAssociatedMaterialImportedHere() : shared.currentMaterial == null;
    }

    private boolean allAssociatedMaterialImportedHere() {
        if (multiRegion) {
            // every material associated with the related keys, each imported here (a replica imports each one itself)
            List<String> associated = associatedMaterialIds();
            return !associated.isEmpty() && associated.stream().allMatch(id -> importedEntry(id)
                    .filter(ImportedMaterial::imported).filter(e -> !e.pendingRotation()).isPresent());
        }
        return !imported.isEmpty()
                && imported.stream().filter(e -> !e.pendingRotation()).allMatch(ImportedMaterial::imported);
    }

    /**
     * DeleteImportedKeyMaterial: deletes one material ({@code materialId}, or the current one when null). Material
     * staged for rotation is simply dropped; material associated with the key leaves it PendingImport (a key pending
     * deletion stays so) until the same material is imported again. Returns the id of the deleted material.
     */
    synchronized String deleteImportedMaterial(String materialId, Instant at) {
        changed();
        materialsChanged();
        String id = materialId != null ? materialId : currentImportedMaterialId().orElse(null);
        ImportedMaterial target = id == null ? null : importedEntry(id).orElse(null);
        if (target == null) {
            if (materialId != null) {
                throw new io.kmslab.errors.NotFoundException("Key material " + materialId
                        + " is not associated with " + arn + ".");
            }
            return null;
        }
        if (!multiRegion || (primary && target.pendingRotation())) {
            // the material is gone; related multi-Region keys keep theirs, each Region imports on its own, except
            // material staged for rotation in a primary key, which goes from its replicas too
            // (DeleteImportedKeyMaterial, botocore: "When you delete the key material of a primary Region key that is
            // in PENDING_ROTATION or PENDING_MULTI_REGION_IMPORT_AND_ROTATION state, you'll also be deleting the key
            // materials for the replica Region keys"); see ImportedKeyMaterial#deleteImportedKeyMaterial
            shared.materials.removeIf(m -> m.id().equals(target.materialId()));
            if (shared.currentMaterial != null && shared.currentMaterial.id().equals(target.materialId())) {
                shared.currentMaterial = null;
            }
        }
        if (target.pendingRotation()) {
            imported.removeIf(e -> e.materialId().equals(target.materialId()));
            return target.materialId();
        }
        replaceEntry(target.deleted());
        if (state != KeyState.PendingDeletion && state != KeyState.PendingImport) {
            changeState(KeyState.PendingImport, at);
        }
        return target.materialId();
    }

    /**
     * Deletes every imported material that expires exactly at {@code due} (and was not imported again with another
     * ValidTo); returns the ids of the materials deleted.
     */
    synchronized List<String> expireMaterial(Instant due) {
        List<String> expired = imported.stream().filter(e -> e.imported() && due.equals(e.validTo()))
                .map(ImportedMaterial::materialId).toList();
        expired.forEach(id -> deleteImportedMaterial(id, due));
        return expired;
    }

    /** The id of the material this key has staged for an on-demand rotation, if any. */
    public Optional<String> materialIdPendingRotation() {
        return imported.stream().filter(ImportedMaterial::pendingRotation).map(ImportedMaterial::materialId)
                .findFirst();
    }

    /** Whether this key has imported the material with the given id (and has it now). */
    public boolean hasImported(String materialId) {
        return importedEntry(materialId).filter(ImportedMaterial::imported).isPresent();
    }

    /**
     * The related primary key of this multi-Region replica rotated to material this replica had staged: it is now
     * permanently associated here too.
     */
    synchronized void rotatedInByPrimary(String materialId) {
        changed();
        importedEntry(materialId).filter(ImportedMaterial::pendingRotation)
                .ifPresent(e -> replaceEntry(e.rotatedIn()));
    }

    /**
     * The related primary key of this multi-Region replica deleted the material it had staged for rotation: it goes
     * from this replica too (the state of the replica is unchanged: staged material was never associated with it).
     */
    synchronized void stagedMaterialDeletedByPrimary(String materialId) {
        changed();
        imported.removeIf(e -> e.pendingRotation() && e.materialId().equals(materialId));
    }

    /** Whether new material is staged for an on-demand rotation (KeyMaterialState PENDING_ROTATION). */
    public boolean hasMaterialPendingRotation() {
        return imported.stream().anyMatch(ImportedMaterial::pendingRotation);
    }

    /**
     * The on-demand rotation of a key with imported material: the staged material becomes current and permanently
     * associated with the key. Refused when nothing is staged; empty when the key already had {@code limit} on-demand
     * rotations.
     */
    synchronized Optional<Rotation> rotateToImported(Instant at, int limit) {
        changed();
        materialsChanged();
        ImportedMaterial staged = imported.stream().filter(ImportedMaterial::pendingRotation).findFirst()
                .orElseThrow(() -> new KmsInvalidStateException(
                        "No available key material pending rotation for the key: " + arn + "."));
        if (onDemandRotations() >= limit) {
            return Optional.empty();
        }
        replaceEntry(staged.rotatedIn());
        shared.currentMaterial = sharedMaterial(staged.materialId()).orElseThrow();
        Rotation rotation = new Rotation(staged.materialId(), at, RotationType.ON_DEMAND);
        shared.rotations.add(rotation);
        return Optional.of(rotation);
    }

    // ---------------------------------------------------------------- rotation

    /** Turns automatic rotation on: the first rotation is due {@code days} after {@code now}. */
    synchronized Instant enableRotation(int days, Instant now) {
        changed();
        materialsChanged();
        shared.rotationEnabled = true;
        shared.rotationPeriodInDays = days;
        shared.rotationOverdue = false;
        shared.nextRotationDate = now.plus(Duration.ofDays(days));
        return shared.nextRotationDate;
    }

    synchronized void disableRotation() {
        changed();
        materialsChanged();
        shared.rotationEnabled = false;
        shared.rotationOverdue = false;
        shared.nextRotationDate = null;
    }

    /** Whether automatic rotation is on (as configured, whatever the key state). */
    public boolean rotationEnabled() {
        return shared.rotationEnabled;
    }

    public int rotationPeriodInDays() {
        return shared.rotationPeriodInDays;
    }

    public Instant nextRotationDate() {
        return shared.nextRotationDate;
    }

    /** An automatic rotation fell due while the key could not rotate (Disabled, PendingDeletion). */
    public boolean rotationOverdue() {
        return shared.rotationOverdue;
    }

    /**
     * The automatic rotation due at {@code due}: done if the key is Enabled (with {@code material} made current, and
     * the next one scheduled a period later); otherwise it stays overdue until the key is enabled again. Returns the
     * rotation made, if any.
     */
    synchronized Optional<Rotation> rotateIfDue(Instant due, KeyMaterial material) {
        changed();
        materialsChanged();
        if (!shared.rotationEnabled || shared.nextRotationDate == null || !shared.nextRotationDate.equals(due)) {
            return Optional.empty();
        }
        if (state != KeyState.Enabled) {
            shared.rotationOverdue = true;
            return Optional.empty();
        }
        return Optional.of(rotateNow(material, due, RotationType.AUTOMATIC));
    }

    /** An overdue automatic rotation, done now (when a key is enabled again). */
    synchronized Optional<Rotation> catchUpRotation(Instant now, KeyMaterial material) {
        if (!shared.rotationEnabled || !shared.rotationOverdue || state != KeyState.Enabled) {
            return Optional.empty();
        }
        return Optional.of(rotateNow(material, now, RotationType.AUTOMATIC));
    }

    /** Makes new material current now; an automatic rotation also sets the next rotation date. */
    synchronized Rotation rotateNow(KeyMaterial material, Instant at, RotationType type) {
        changed();
        materialsChanged();
        shared.materials.add(material);
        shared.currentMaterial = material;
        Rotation rotation = new Rotation(material.id(), at, type);
        shared.rotations.add(rotation);
        if (type == RotationType.AUTOMATIC) {
            shared.rotationOverdue = false;
            shared.nextRotationDate = at.plus(Duration.ofDays(shared.rotationPeriodInDays));
        }
        return rotation;
    }

    /**
     * An on-demand rotation, unless the key already had {@code limit} of them; check and rotate in one step.
     * Returns empty when the limit is reached.
     */
    synchronized Optional<Rotation> rotateOnDemand(KeyMaterial material, Instant at, int limit) {
        if (onDemandRotations() >= limit) {
            return Optional.empty();
        }
        return Optional.of(rotateNow(material, at, RotationType.ON_DEMAND));
    }

    /** Every rotation, oldest first. */
    public List<Rotation> rotations() {
        return List.copyOf(shared.rotations);
    }

    public long onDemandRotations() {
        return shared.rotations.stream().filter(r -> r.rotationType() == RotationType.ON_DEMAND).count();
    }

    // ---------------------------------------------------------------- saving and restoring (io.kmslab.persistence)

    private final java.util.concurrent.atomic.AtomicLong changes = new java.util.concurrent.atomic.AtomicLong();

    private void changed() {
        changes.incrementAndGet();
    }

    private void materialsChanged() {
        shared.changes.incrementAndGet();
    }

    /**
     * How many times this key has changed, its materials and rotation aside (it only grows; every mutator of the key
     * counts, even one that then refuses): a data directory saves the key's metadata again when it has moved.
     */
    public long changeCount() {
        return changes.get();
    }

    /**
     * How many times the key materials or the rotation schedule of this key changed (shared by related multi-Region
     * keys, like the materials themselves; it only grows).
     */
    public long materialsChangeCount() {
        return shared.changes.get();
    }

    /**
     * Everything a key holds besides its identity, at one moment, so that a data directory can save the key and
     * {@link #restore} can rebuild it. It holds key material (and import wrapping keys): never log it.
     */
    public record Snapshot(String description, PolicyDocument policy, KeyState state, List<StateChange> history,
            Instant deletionDate, Integer pendingWindowInDays, Instant deletedAt, Map<String, String> tags,
            List<Grant> grants, boolean multiRegion, boolean primary, List<ImportParameters> importParameters,
            List<ImportedMaterial> importedMaterials, MaterialsSnapshot materials) {

        public Snapshot {
            Objects.requireNonNull(policy, "policy");
            Objects.requireNonNull(state, "state");
            history = List.copyOf(history);
            tags = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(tags));
            grants = List.copyOf(grants);
            importParameters = List.copyOf(importParameters);
            importedMaterials = List.copyOf(importedMaterials);
            Objects.requireNonNull(materials, "materials");
        }

        @Override
        public String toString() {
            return "KmsKey.Snapshot[" + state + ", " + materials + "]";
        }
    }

    /**
     * The key material generations and rotation schedule of a key, shared by the related keys of a multi-Region key.
     * Holds key material: never log it.
     */
    public record MaterialsSnapshot(List<KeyMaterial> materials, String currentMaterialId, List<Rotation> rotations,
            boolean rotationEnabled, int rotationPeriodInDays, Instant nextRotationDate, boolean rotationOverdue) {

        public MaterialsSnapshot {
            materials = List.copyOf(materials);
            rotations = List.copyOf(rotations);
            if (currentMaterialId != null && materials.stream().noneMatch(m -> m.id().equals(currentMaterialId))) {
                throw new IllegalArgumentException("the current key material " + currentMaterialId
                        + " is not one of the key's materials");
            }
        }

        @Override
        public String toString() {
            return "KmsKey.MaterialsSnapshot[" + materials.size() + " generations, " + rotations.size()
                    + " rotations]";
        }
    }

    /** What this key holds now (its identity aside). */
    public synchronized Snapshot snapshot() {
        KeyMaterials m = shared;
        KeyMaterial current = m.currentMaterial;
        return new Snapshot(description, policy, state, history, deletionDate, pendingWindowInDays, deletedAt, tags,
                grants, multiRegion, primary, List.copyOf(importParameters.values()), List.copyOf(imported),
                new MaterialsSnapshot(m.materials, current == null ? null : current.id(),
                        m.rotations, m.rotationEnabled, m.rotationPeriodInDays, m.nextRotationDate,
                        m.rotationOverdue));
    }

    /** The identity of this key (for saving it). */
    public Identity identity() {
        return new Identity(keyId, arn, accountId, region, creationDate, keySpec, keyUsage, origin, keyManager,
                sequence);
    }

    /**
     * A key as it was saved. With {@code sharesMaterialsWith} (an already restored related multi-Region key), the key
     * shares that key's materials and rotation, and {@code snapshot.materials()} is ignored.
     */
    public static KmsKey restore(Identity identity, Snapshot snapshot, KmsKey sharesMaterialsWith) {
        KeyMaterials materials;
        if (sharesMaterialsWith != null) {
            if (!snapshot.multiRegion() || !sharesMaterialsWith.multiRegion()
                    || !sharesMaterialsWith.keyId.equals(identity.keyId())
                    || !sharesMaterialsWith.accountId.equals(identity.accountId())) {
                throw new IllegalArgumentException(identity.arn() + " and " + sharesMaterialsWith.arn()
                        + " are not related multi-Region keys");
            }
            materials = sharesMaterialsWith.shared;
        } else {
            MaterialsSnapshot saved = snapshot.materials();
            materials = new KeyMaterials();
            materials.materials.addAll(saved.materials());
            materials.currentMaterial = saved.currentMaterialId() == null ? null : saved.materials().stream()
                    .filter(m -> m.id().equals(saved.currentMaterialId())).findFirst().orElseThrow();
            materials.rotations.addAll(saved.rotations());
            materials.rotationEnabled = saved.rotationEnabled();
            materials.rotationPeriodInDays = saved.rotationPeriodInDays();
            materials.nextRotationDate = saved.nextRotationDate();
            materials.rotationOverdue = saved.rotationOverdue();
        }
        KmsKey key = new KmsKey(identity, snapshot.description(), snapshot.policy(), materials, null,
                snapshot.state());
        key.history.clear();
        key.history.addAll(snapshot.history().isEmpty()
                ? List.of(new StateChange(identity.creationDate(), snapshot.state())) : snapshot.history());
        key.deletionDate = snapshot.deletionDate();
        key.pendingWindowInDays = snapshot.pendingWindowInDays();
        key.deletedAt = snapshot.deletedAt();
        key.tags.putAll(snapshot.tags());
        key.grants.addAll(snapshot.grants());
        key.multiRegion = snapshot.multiRegion();
        key.primary = snapshot.primary();
        snapshot.importParameters().forEach(p -> key.importParameters.put(p.tokenId(), p));
        key.imported.addAll(snapshot.importedMaterials());
        return key;
    }

    @Override
    public String toString() {
        return "KmsKey[" + arn + ", " + keySpec + ", " + keyUsage + ", " + state + "]";
    }
}
