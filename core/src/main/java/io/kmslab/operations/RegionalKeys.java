package io.kmslab.operations;

import io.kmslab.keys.Alias;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;

/** The keys and aliases of one account in one region: what a regional KMS endpoint holds for that account. */
public final class RegionalKeys {
    private final String accountId;
    private final String region;
    private final Map<String, KmsKey> keys = new ConcurrentHashMap<>();
    private final ConcurrentSkipListMap<String, Alias> aliases = new ConcurrentSkipListMap<>();

    private final io.kmslab.keystores.CloudHsmClusters cloudHsmClusters = new io.kmslab.keystores.CloudHsmClusters();
    private final io.kmslab.keystores.XksProxies xksProxies;
    private final Map<String, io.kmslab.keystores.CustomKeyStore> customKeyStores = new ConcurrentHashMap<>();

    RegionalKeys(String accountId, String region) {
        this(accountId, region, io.kmslab.keystores.NamedXksProxies.none());
    }

    RegionalKeys(String accountId, String region, io.kmslab.keystores.NamedXksProxies namedXksProxies) {
        this.accountId = accountId;
        this.region = region;
        this.xksProxies = new io.kmslab.keystores.XksProxies(region, namedXksProxies);
    }

    /** The simulated AWS CloudHSM clusters of this account in this Region. */
    public io.kmslab.keystores.CloudHsmClusters cloudHsmClusters() {
        return cloudHsmClusters;
    }

    /** The external key store proxies KMS reaches from this account in this Region. */
    public io.kmslab.keystores.XksProxies xksProxies() {
        return xksProxies;
    }

    /** The custom key stores of this account in this Region, by id. */
    Map<String, io.kmslab.keystores.CustomKeyStore> customKeyStores() {
        return customKeyStores;
    }

    String accountId() {
        return accountId;
    }

    String region() {
        return region;
    }

    void add(KmsKey key) {
        keys.put(key.keyId(), key);
    }

    Optional<KmsKey> key(String keyId) {
        return Optional.ofNullable(keys.get(keyId));
    }

    /** Keys in creation order. */
    List<KmsKey> keys() {
        return keys.values().stream().sorted(Comparator.comparingLong(KmsKey::sequence)).toList();
    }

    /** Removes a key whose deletion window has ended, and every alias that pointed at it. */
    void delete(KmsKey key) {
        keys.remove(key.keyId());
        aliases.values().removeIf(alias -> alias.targetKeyId().equals(key.keyId()));
    }

    Optional<Alias> alias(String aliasName) {
        return Optional.ofNullable(aliases.get(aliasName));
    }

    /** Adds the alias unless one of that name exists; returns whether it was added. */
    boolean addAlias(Alias alias) {
        return aliases.putIfAbsent(alias.aliasName(), alias) == null;
    }

    void replaceAlias(Alias alias) {
        aliases.put(alias.aliasName(), alias);
    }

    boolean removeAlias(String aliasName) {
        return aliases.remove(aliasName) != null;
    }

    /** Aliases sorted by name. */
    List<Alias> aliases() {
        return List.copyOf(aliases.values());
    }

    List<Alias> aliasesOf(String keyId) {
        return aliases.values().stream().filter(a -> a.targetKeyId().equals(keyId)).toList();
    }
}
