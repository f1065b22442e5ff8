package io.kmslab.api;

import java.util.List;

/** DescribeCustomKeyStores: a page of custom key stores. */
public record DescribeCustomKeyStoresResponse(List<CustomKeyStoresListEntry> customKeyStores, String nextMarker,
        boolean truncated) {
    public DescribeCustomKeyStoresResponse {
        customKeyStores = customKeyStores == null ? List.of() : List.copyOf(customKeyStores);
    }
}
