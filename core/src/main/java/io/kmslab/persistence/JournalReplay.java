package io.kmslab.persistence;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A saved lab being put together again: a snapshot, then the changes of the journal applied in order. Applying a change
 * that the snapshot already holds changes nothing (a snapshot made by a compaction may be newer than the first
 * entries of the segment it names), so replaying is safe from any snapshot on. A change that cannot apply (a material
 * of a key the journal never had, a rotation after a gap) is refused with {@link IllegalArgumentException}.
 */
final class JournalReplay {
    private final Instant clockStart;
    private Instant clockNow;
    private final Map<String, LabSnapshot.Key> keys = new LinkedHashMap<>();
    private final Map<String, Map<String, LabSnapshot.Material>> generations = new HashMap<>();
    private final Map<String, List<LabSnapshot.Rotation>> rotations = new HashMap<>();
    private final Map<String, LabSnapshot.Alias> aliases = new LinkedHashMap<>();
    private final Map<String, LabSnapshot.Principal> principals = new LinkedHashMap<>();
    private final Map<String, LabSnapshot.KeyStores> keyStores = new java.util.TreeMap<>();

    JournalReplay(LabSnapshot snapshot) {
        clockStart = snapshot.clockStart();
        clockNow = snapshot.clockNow();
        for (LabSnapshot.Key key : snapshot.keys()) {
            keys.put(key.arn(), key);
            if (key.materials() != null) {
                Map<String, LabSnapshot.Material> byId = new LinkedHashMap<>();
                key.materials().generations().forEach(m -> byId.put(m.id(), m));
                generations.put(key.arn(), byId);
                rotations.put(key.arn(), new ArrayList<>(key.materials().rotations()));
            }
        }
        snapshot.aliases().forEach(a -> aliases.put(a.aliasArn(), a));
        snapshot.principals().forEach(p -> principals.put(p.arn(), p));
        snapshot.keyStores().forEach(k -> keyStores.put(regionOf(k), k));
    }

    /** Where the custom key stores of an account and Region are kept: by account, then Region. */
    static String regionOf(LabSnapshot.KeyStores k) {
        return k.accountId() + "/" + k.region();
    }

    void apply(JournalEntry entry) {
        entry.changes().forEach(this::apply);
    }

    private void apply(JournalEntry.Change change) {
        if (change instanceof JournalEntry.KeyChanged c) {
            LabSnapshot.Key key = c.key();
            LabSnapshot.Key previous = keys.put(key.arn(), key);
            if (previous != null && previous != key) {
                previous.importParameters().forEach(p -> java.util.Arrays.fill(p.wrappingKey(), (byte) 0));
            }
            if (key.materials() != null) {
                generations.computeIfAbsent(key.arn(), arn -> new LinkedHashMap<>());
                rotations.computeIfAbsent(key.arn(), arn -> new ArrayList<>());
            }
        } else if (change instanceof JournalEntry.MaterialAdded c) {
            LabSnapshot.Material replaced = holding(c.keyArn()).put(c.material().id(), c.material());
            if (replaced != null && replaced != c.material()) {
                replaced.wipe();
            }
        } else if (change instanceof JournalEntry.MaterialRemoved c) {
            LabSnapshot.Material removed = holding(c.keyArn()).remove(c.materialId());
            if (removed != null) {
                removed.wipe();
            }
        } else if (change instanceof JournalEntry.Rotated c) {
            holding(c.keyArn());
            List<LabSnapshot.Rotation> list = rotations.get(c.keyArn());
            if (c.index() == list.size()) {
                list.add(c.rotation());
            } else if (c.index() > list.size() || c.index() < 0) {
                throw new IllegalArgumentException("rotation " + c.index() + " of " + c.keyArn()
                        + " does not follow its " + list.size() + " known rotations");
            } else if (!list.get(c.index()).equals(c.rotation())) {
                throw new IllegalArgumentException("rotation " + c.index() + " of " + c.keyArn()
                        + " is not the one already known");
            }
        } else if (change instanceof JournalEntry.AliasPut c) {
            aliases.put(c.alias().aliasArn(), c.alias());
        } else if (change instanceof JournalEntry.AliasDeleted c) {
            aliases.remove(c.aliasArn());
        } else if (change instanceof JournalEntry.PrincipalPut c) {
            principals.put(c.principal().arn(), c.principal());
        } else if (change instanceof JournalEntry.KeyStoresPut c) {
            if (c.keyStores().empty()) {
                keyStores.remove(regionOf(c.keyStores()));
            } else {
                keyStores.put(regionOf(c.keyStores()), c.keyStores());
            }
        } else if (change instanceof JournalEntry.ClockMoved c) {
            if (c.now().isBefore(clockStart)) {
                throw new IllegalArgumentException("the clock cannot be at " + c.now() + ", before its start "
                        + clockStart);
            }
            clockNow = c.now();
        } else {
            throw new IllegalArgumentException("unknown change " + change.getClass().getSimpleName());
        }
    }

    /** The material generations of a key that holds its materials. */
    private Map<String, LabSnapshot.Material> holding(String keyArn) {
        Map<String, LabSnapshot.Material> byId = generations.get(keyArn);
        if (byId == null) {
            throw new IllegalArgumentException(keyArn + " is not a key that holds its key materials, in the "
                    + "snapshot or the journal before this line");
        }
        return byId;
    }

    /** The lab as replayed so far (format {@link LabSnapshot#FORMAT}, with no journal after it). */
    LabSnapshot result() {
        List<LabSnapshot.Key> saved = new ArrayList<>();
        for (LabSnapshot.Key k : keys.values()) {
            LabSnapshot.Materials m = k.materials();
            LabSnapshot.Materials materials = m == null ? null : new LabSnapshot.Materials(
                    List.copyOf(generations.get(k.arn()).values()), m.current(), rotations.get(k.arn()),
                    m.rotationEnabled(), m.rotationPeriodInDays(), m.nextRotationDate(), m.rotationOverdue());
            saved.add(new LabSnapshot.Key(k.keyId(), k.arn(), k.accountId(), k.region(), k.creationDate(),
                    k.keySpec(), k.keyUsage(), k.origin(), k.keyManager(), k.sequence(), k.description(), k.policy(),
                    k.state(), k.history(), k.deletionDate(), k.pendingWindowInDays(), k.deletedAt(), k.tags(),
                    k.grants(), k.multiRegion(), k.primary(), k.importParameters(), k.importedMaterials(),
                    k.sharesMaterialsWith(), materials, k.importedFingerprint(), k.importedMaterialId(),
                    k.expirationModel(), k.validTo(), k.customKeyStoreId(), k.xksKeyId()));
        }
        // in the order a lab lists its aliases (by ARN), as a snapshot holds them
        List<LabSnapshot.Alias> byArn = aliases.values().stream()
                .sorted(java.util.Comparator.comparing(LabSnapshot.Alias::aliasArn)).toList();
        return new LabSnapshot(LabSnapshot.FORMAT, clockStart, clockNow, saved, byArn,
                List.copyOf(principals.values()), null, List.copyOf(keyStores.values()));
    }
}
