package io.kmslab.keystores;

/**
 * The connection state of a custom key store (the AWS ConnectionStateType enum). AWS: CONNECTING while a connection
 * is being made, CONNECTED, DISCONNECTING, DISCONNECTED (a new store, or one disconnected), FAILED when the attempt to
 * connect failed (with a ConnectionErrorCode): https://docs.aws.amazon.com/kms/latest/APIReference/API_CustomKeyStoresListEntry.html
 */
public enum ConnectionStateType {
    CONNECTED,
    CONNECTING,
    FAILED,
    DISCONNECTED,
    DISCONNECTING
}
