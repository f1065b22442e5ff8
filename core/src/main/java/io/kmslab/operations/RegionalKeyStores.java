package io.kmslab.operations;

import io.kmslab.keystores.CloudHsmCluster;
import io.kmslab.keystores.CustomKeyStore;
import java.util.List;

/**
 * The custom key stores and simulated CloudHSM clusters of one account in one Region, as a data directory saves and
 * restores them (io.kmslab.persistence). The objects are the lab's own, not copies: read them in the lab's consistent
 * read. Their passwords are never printed.
 */
public record RegionalKeyStores(String accountId, String region, List<CustomKeyStore> customKeyStores,
        List<CloudHsmCluster> cloudHsmClusters) {

    public RegionalKeyStores {
        customKeyStores = List.copyOf(customKeyStores);
        cloudHsmClusters = List.copyOf(cloudHsmClusters);
    }

    @Override
    public String toString() {
        return "RegionalKeyStores[" + accountId + ", " + region + ", " + customKeyStores.size() + " key stores, "
                + cloudHsmClusters.size() + " clusters]";
    }
}
