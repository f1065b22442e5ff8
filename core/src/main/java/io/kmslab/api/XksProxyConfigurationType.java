package io.kmslab.api;

import io.kmslab.keystores.XksProxyConnectivityType;

/**
 * The XKS proxy of an external key store as DescribeCustomKeyStores shows it, "only when the CustomKeyStoreType is
 * EXTERNAL_KEY_STORE"; VpcEndpointServiceName only with VPC_ENDPOINT_SERVICE connectivity
 * (https://docs.aws.amazon.com/kms/latest/APIReference/API_XksProxyConfigurationType.html).
 */
public record XksProxyConfigurationType(XksProxyConnectivityType connectivity, String accessKeyId, String uriEndpoint,
        String uriPath, String vpcEndpointServiceName) {
}
