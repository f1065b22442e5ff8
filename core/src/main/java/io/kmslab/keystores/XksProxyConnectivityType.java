package io.kmslab.keystores;

/**
 * How KMS reaches an external key store proxy (the AWS XksProxyConnectivityType). KMS Lab simulates PUBLIC_ENDPOINT;
 * VPC_ENDPOINT_SERVICE is refused (no VPC endpoint services are simulated).
 */
public enum XksProxyConnectivityType {
    PUBLIC_ENDPOINT,
    VPC_ENDPOINT_SERVICE
}
