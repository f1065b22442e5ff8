package io.kmslab.operations;

import io.kmslab.keystores.CloudHsmCluster;
import io.kmslab.keystores.CustomKeyStore;
import io.kmslab.keystores.SimulatedVpcEndpointService;
import io.kmslab.keystores.SimulatedXksProxy;
import java.util.List;
import java.util.Map;

/**
 * The custom key stores, simulated CloudHSM clusters, simulated XKS proxies (by URI endpoint) and VPC endpoint services
 * of one account in one Region, as a data directory saves and restores them (io.kmslab.persistence). The stores,
 * clusters and services are the lab's own objects, not copies: read them in the lab's consistent read; the proxies
 * are their saved states. Their secrets are never printed.
 */
public record RegionalKeyStores(String accountId, String region, List<CustomKeyStore> customKeyStores,
        List<CloudHsmCluster> cloudHsmClusters, Map<String, SimulatedXksProxy.State> xksProxies,
        List<SimulatedVpcEndpointService> vpcEndpointServices) {

    public RegionalKeyStores {
        customKeyStores = List.copyOf(customKeyStores);
        cloudHsmClusters = List.copyOf(cloudHsmClusters);
        xksProxies = xksProxies == null ? Map.of() : java.util.Collections.unmodifiableMap(
                new java.util.TreeMap<>(xksProxies));
        vpcEndpointServices = vpcEndpointServices == null ? List.of() : List.copyOf(vpcEndpointServices);
    }

    /** Custom key stores and clusters only. */
    public RegionalKeyStores(String accountId, String region, List<CustomKeyStore> customKeyStores,
            List<CloudHsmCluster> cloudHsmClusters) {
        this(accountId, region, customKeyStores, cloudHsmClusters, Map.of(), List.of());
    }

    @Override
    public String toString() {
        return "RegionalKeyStores[" + accountId + ", " + region + ", " + customKeyStores.size() + " key stores, "
                + cloudHsmClusters.size() + " clusters, " + xksProxies.size() + " XKS proxies, "
                + vpcEndpointServices.size() + " VPC endpoint services]";
    }
}
