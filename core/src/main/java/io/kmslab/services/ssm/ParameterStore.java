package io.kmslab.services.ssm;

import io.kmslab.KmsLab;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The parameters of every account and Region of one lab, made once per lab ({@code lab.attached}). Its methods
 * synchronize on it; Ssm holds that lock across a whole operation, KMS calls included.
 */
final class ParameterStore {
    private final Map<String, TreeMap<String, StoredParameter>> byAccountAndRegion = new HashMap<>();

    ParameterStore(KmsLab lab) {
    }

    private TreeMap<String, StoredParameter> of(String account, String region) {
        return byAccountAndRegion.computeIfAbsent(account + "/" + region, k -> new TreeMap<>());
    }

    synchronized Optional<StoredParameter> get(String account, String region, String name) {
        return Optional.ofNullable(of(account, region).get(name));
    }

    synchronized void put(String account, String region, StoredParameter parameter) {
        of(account, region).put(parameter.name(), parameter);
    }

    synchronized boolean remove(String account, String region, String name) {
        return of(account, region).remove(name) != null;
    }

    /** The parameters of an account in a Region, sorted by name. */
    synchronized List<StoredParameter> all(String account, String region) {
        return List.copyOf(of(account, region).values());
    }
}
