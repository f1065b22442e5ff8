package io.kmslab.keys;

/** Who manages a key: the customer, or AWS on behalf of a service (the AWS KeyManagerType enum). */
public enum KeyManagerType {
    AWS,
    CUSTOMER
}
