package io.kmslab.api;

/** DescribeCustomKeyStores: every custom key store of the account and Region, or the one named, a page at a time. */
public record DescribeCustomKeyStoresRequest(String customKeyStoreId, String customKeyStoreName, Integer limit,
        String marker) {

    public static DescribeCustomKeyStoresRequest all() {
        return new DescribeCustomKeyStoresRequest(null, null, null, null);
    }

    public static DescribeCustomKeyStoresRequest byId(String customKeyStoreId) {
        return new DescribeCustomKeyStoresRequest(customKeyStoreId, null, null, null);
    }
}
