package io.kmslab.keystores;

/**
 * Why a custom key store failed to connect (the AWS ConnectionErrorCodeType enum, every value of the current model).
 * KMS Lab produces the AWS CloudHSM ones its simulated cluster can cause: CLUSTER_NOT_FOUND, INSUFFICIENT_CLOUDHSM_HSMS,
 * INVALID_CREDENTIALS, USER_LOCKED_OUT, USER_NOT_FOUND, USER_LOGGED_IN (see {@link CloudHsmCluster});
 * the others (networks, subnets, XKS proxies) are listed so that the wire answers stay in AWS's vocabulary.
 * Values and meanings: https://docs.aws.amazon.com/kms/latest/APIReference/API_CustomKeyStoresListEntry.html
 */
public enum ConnectionErrorCodeType {
    INVALID_CREDENTIALS,
    CLUSTER_NOT_FOUND,
    NETWORK_ERRORS,
    INTERNAL_ERROR,
    INSUFFICIENT_CLOUDHSM_HSMS,
    USER_LOCKED_OUT,
    USER_NOT_FOUND,
    USER_LOGGED_IN,
    SUBNET_NOT_FOUND,
    INSUFFICIENT_FREE_ADDRESSES_IN_SUBNET,
    XKS_PROXY_ACCESS_DENIED,
    XKS_PROXY_NOT_REACHABLE,
    XKS_VPC_ENDPOINT_SERVICE_NOT_FOUND,
    XKS_PROXY_INVALID_RESPONSE,
    XKS_PROXY_INVALID_CONFIGURATION,
    XKS_VPC_ENDPOINT_SERVICE_INVALID_CONFIGURATION,
    XKS_PROXY_TIMED_OUT,
    XKS_PROXY_INVALID_TLS_CONFIGURATION
}
