package io.kmslab.operations;

import io.kmslab.crypto.MaterialGenerator;
import io.kmslab.keys.Alias;
import io.kmslab.keys.Arns;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Where a lab's keys are: the keys and aliases of each account and Region, the ledger of every key the lab ever had
 * (deleted ones included, for the bill), the sequence that orders keys by creation, and new key ids.
 */
public final class KeyRegistry {
    private final Map<String, RegionalKeys> stores = new ConcurrentHashMap<>();
    private final List<KmsKey> ledger = new CopyOnWriteArrayList<>();
    private final AtomicLong sequence = new AtomicLong();
    private final MaterialGenerator materials;
    private final io.kmslab.keystores.NamedXksProxies namedXksProxies;

    /** The registry of a lab whose key ids come from {@code materials}' source of randomness. */
    public KeyRegistry(MaterialGenerator materials) {
        this(materials, io.kmslab.keystores.NamedXksProxies.none());
    }

    /** The same, whose external key stores may reach the real XKS proxies the user named. */
    public KeyRegistry(MaterialGenerator materials, io.kmslab.keystores.NamedXksProxies namedXksProxies) {
        this.materials = materials;
        this.namedXksProxies = namedXksProxies;
    }

    /** The keys and aliases of an account in a Region (made empty the first time it is asked for). */
    public RegionalKeys store(String accountId, String region) {
        return stores.computeIfAbsent(accountId + "/" + region, k -> new RegionalKeys(accountId, region, namedXksProxies));
    }

    public Optional<RegionalKeys> existingStore(String accountId, String region) {
        return Optional.ofNullable(stores.get(accountId + "/" + region));
    }

    Iterable<RegionalKeys> stores() {
        return stores.values();
    }

    /** The related keys of a multi-Region key in every Region of its account (itself included), primary first. */
    List<KmsKey> relatedKeys(KmsKey key) {
        if (!key.multiRegion()) {
            return List.of(key);
        }
        List<KmsKey> related = new ArrayList<>();
        stores.values().stream().filter(s -> s.accountId().equals(key.accountId()))
                .forEach(s -> s.key(key.keyId()).filter(k -> k.relatedTo(key)).ifPresent(related::add));
        related.sort(Comparator.comparing((KmsKey k) -> !k.isPrimary()).thenComparing(KmsKey::region));
        return related;
    }

    void enterInLedger(KmsKey key) {
        ledger.add(key);
    }

    /** Every key the lab ever had, deleted ones included. */
    public List<KmsKey> ledger() {
        return List.copyOf(ledger);
    }

    /** Every alias of every account and Region, by ARN. */
    public List<Alias> aliases() {
        return stores.values().stream().flatMap(s -> s.aliases().stream())
                .sorted(Comparator.comparing(Alias::aliasArn)).toList();
    }

    /** A new key id: a random UUID, version 4, from the lab's source of randomness (reproducible with a seed). */
    public String newKeyId() {
        byte[] bytes = materials.randomBytes(16);
        long msb = 0;
        long lsb = 0;
        for (int i = 0; i < 8; i++) {
            msb = (msb << 8) | (bytes[i] & 0xff);
            lsb = (lsb << 8) | (bytes[i + 8] & 0xff);
        }
        msb = (msb & ~0xF000L) | 0x4000L;
        lsb = (lsb & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(msb, lsb).toString();
    }

    long nextSequence() {
        return sequence.incrementAndGet();
    }

    /** Puts back saved keys (deleted ones in the ledger only) and aliases. */
    public void restore(List<KmsKey> keys, List<Alias> aliases) {
        Set<String> arns = new HashSet<>();
        for (KmsKey key : keys) {
            if (!arns.add(key.arn())) {
                throw new IllegalArgumentException("the saved lab has " + key.arn() + " twice");
            }
            ledger.add(key);
            if (key.deletedAt() == null) {
                store(key.accountId(), key.region()).add(key);
            }
            sequence.accumulateAndGet(key.sequence(), Math::max);
        }
        for (Alias alias : aliases) {
            Arns.KmsArn arn = Arns.parse(alias.aliasArn()).filter(Arns.KmsArn::isAlias)
                    .orElseThrow(() -> new IllegalArgumentException("not an alias ARN: " + alias.aliasArn()));
            RegionalKeys store = store(arn.account(), arn.region());
            if (store.key(alias.targetKeyId()).isEmpty() || !store.addAlias(alias)) {
                throw new IllegalArgumentException("the saved alias " + alias.aliasArn() + " names key "
                        + alias.targetKeyId() + ", which its Region does not have, or is there twice");
            }
        }
    }
}
