package io.kmslab.api;

import io.kmslab.keystores.ConnectionErrorCodeType;
import io.kmslab.keystores.ConnectionStateType;
import io.kmslab.keystores.CustomKeyStoreType;
import java.time.Instant;

/**
 * One custom key store as DescribeCustomKeyStores shows it; ConnectionErrorCode only while FAILED; the CloudHSM members
 * for an AWS_CLOUDHSM store, XksProxyConfiguration for an EXTERNAL_KEY_STORE
 * (https://docs.aws.amazon.com/kms/latest/APIReference/API_CustomKeyStoresListEntry.html).
 */
public record CustomKeyStoresListEntry(String customKeyStoreId, String customKeyStoreName, String cloudHsmClusterId,
        String trustAnchorCertificate, ConnectionStateType connectionState, ConnectionErrorCodeType connectionErrorCode,
        Instant creationDate, CustomKeyStoreType customKeyStoreType, XksProxyConfigurationType xksProxyConfiguration) {
}
