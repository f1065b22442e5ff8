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

    /**
     * The custom key stores and simulated CloudHSM clusters of every account and Region that has any, by account then
     * Region; each store's keys name it ({@link KmsKey#customKeyStore()}).
     */
    public List<RegionalKeyStores> keyStores() {
        List<RegionalKeyStores> all = new ArrayList<>();
        for (RegionalKeys store : stores.values()) {
            List<io.kmslab.keystores.CustomKeyStore> keyStores = store.customKeyStores().values().stream()
                    .sorted(Comparator.comparing(io.kmslab.keystores.CustomKeyStore::customKeyStoreId)).toList();
            List<io.kmslab.keystores.CloudHsmCluster> clusters = store.cloudHsmClusters().all();
            io.kmslab.keystores.XksProxies proxies = store.xksProxies();
            if (!keyStores.isEmpty() || !clusters.isEmpty() || !proxies.empty()) {
                Map<String, io.kmslab.keystores.SimulatedXksProxy.State> proxyStates = new java.util.TreeMap<>();
                proxies.simulatedProxies().forEach((endpoint, proxy) -> proxyStates.put(endpoint, proxy.state()));
                all.add(new RegionalKeyStores(store.accountId(), store.region(), keyStores, clusters, proxyStates,
                        proxies.vpcEndpointServices()));
            }
        }
        all.sort(Comparator.comparing(RegionalKeyStores::accountId).thenComparing(RegionalKeyStores::region));
        return all;
    }

    /**
     * Puts back saved custom key stores and clusters (after {@link #restore}), and places each saved key in its store:
     * {@code keyStoreIdByKeyArn} names the store of each key that had one. A key naming a store its Region does not
     * have is refused ({@link IllegalArgumentException}).
     */
    public void restoreKeyStores(List<RegionalKeyStores> saved, Map<String, String> keyStoreIdByKeyArn) {
        restoreKeyStores(saved, keyStoreIdByKeyArn, Map.of());
    }

    /**
     * As {@link #restoreKeyStores(List, Map)}, with the simulated XKS proxies and VPC endpoint services of each Region,
     * and the external key ({@code xksKeyIdByKeyArn}) of each key in an external key store. A key in an external key
     * store without its external key, or one with an external key in a store that is not external, is refused.
     */
    public void restoreKeyStores(List<RegionalKeyStores> saved, Map<String, String> keyStoreIdByKeyArn,
            Map<String, String> xksKeyIdByKeyArn) {
        for (RegionalKeyStores regional : saved) {
            RegionalKeys store = store(regional.accountId(), regional.region());
            regional.cloudHsmClusters().forEach(store.cloudHsmClusters()::restore);
            regional.xksProxies().forEach(store.xksProxies()::restore);
            regional.vpcEndpointServices().forEach(store.xksProxies()::restore);
            for (io.kmslab.keystores.CustomKeyStore keyStore : regional.customKeyStores()) {
                if (store.customKeyStores().putIfAbsent(keyStore.customKeyStoreId(), keyStore) != null) {
                    throw new IllegalArgumentException("the saved lab has the custom key store "
                            + keyStore.customKeyStoreId() + " twice");
                }
            }
        }
        for (KmsKey key : ledger) {
            String keyStoreId = keyStoreIdByKeyArn.get(key.arn());
            if (keyStoreId != null) {
                io.kmslab.keystores.CustomKeyStore keyStore = existingStore(key.accountId(), key.region())
                        .map(s -> s.customKeyStores().get(keyStoreId)).orElseThrow(() -> new IllegalArgumentException(
                                "the saved key " + key.arn() + " is in the custom key store " + keyStoreId
                                        + ", which its Region does not have"));
                String xksKeyId = xksKeyIdByKeyArn.get(key.arn());
                if (keyStore.external() != (xksKeyId != null)) {
                    throw new IllegalArgumentException("the saved key " + key.arn() + " is in the custom key store "
                            + keyStoreId + (keyStore.external() ? ", an external key store, without its external key"
                                    : ", which is not an external key store, with an external key"));
                }
                if (keyStore.external()) {
                    key.placeIn(keyStore, xksKeyId);
                } else {
                    key.placeIn(keyStore);
                }
            }
        }
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
