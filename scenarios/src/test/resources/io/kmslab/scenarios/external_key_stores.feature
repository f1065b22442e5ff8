Feature: External key stores (XKS) with a public endpoint, and the keys in them
  An external key store is a custom key store whose keys' material stays in an external key manager outside AWS,
  reached through an external key store proxy (XKS proxy) that speaks the XKS Proxy API. KMS signs its requests to the
  proxy with the proxy's own access key id and secret. With PUBLIC_ENDPOINT connectivity KMS asks the proxy for its
  health (GetHealthStatus) while creating the store, and again when it connects it: a proxy it cannot reach, that
  rejects the credential, that does not serve the path, or whose key managers are all UNAVAILABLE is refused, or makes
  the connection FAILED with a ConnectionErrorCode. The lab's proxy is in-process, with its own keys. A KMS key in the
  store is backed by one of them (its XksKeyId): data is encrypted first by KMS with the key's own material, then by
  the external key manager through the proxy, and every failure of the proxy in a cryptographic operation is a
  KMSInvalidStateException whose message says what went wrong.

  Background:
    Given today is 2026-01-20
    And I work in eu-west-2 as account 111122223333
    And an XKS proxy at "https://xks.example.com" serving "/example-prefix/kms/xks/v1" with the access key id "ABCDEFGHIJKLMNOPQRST" and the secret "K3mNn7QpRs4TuVw9XyZa2Bc5De8Fg1Hi6Jk0Lm3No7P"

  Scenario: A new external key store shows its proxy and connects after the connection time
    When I create an external key store "ExampleXks" for the proxy's public endpoint
    Then DescribeCustomKeyStores shows the external key store's proxy, its access key id and no secret
    And the custom key store is DISCONNECTED
    When I connect the custom key store
    Then the custom key store is CONNECTING
    When 20 minutes pass
    Then the custom key store is CONNECTED
    When I disconnect the custom key store
    Then the custom key store is DISCONNECTED

  Scenario: KMS asks the proxy while creating the store, and refuses what the proxy refuses
    When I create an external key store "WrongSecret" for the proxy's public endpoint with the path "/example-prefix/kms/xks/v1" and the secret "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb"
    Then the request fails with XksProxyIncorrectAuthenticationCredentialException
    When I create an external key store "WrongPath" for the proxy's public endpoint with the path "/other/kms/xks/v1" and the secret "K3mNn7QpRs4TuVw9XyZa2Bc5De8Fg1Hi6Jk0Lm3No7P"
    Then the request fails with XksProxyInvalidConfigurationException
    When I create an external key store "BadSecret" for the proxy's public endpoint with the path "/example-prefix/kms/xks/v1" and the secret "short"
    Then the request fails with ValidationException
    When the XKS proxy reports all its external key managers UNAVAILABLE
    And I create an external key store "NoKeyManager" for the proxy's public endpoint
    Then the request fails with XksProxyUriUnreachableException

  Scenario: A proxy gone while connecting makes the connection fail
    When I create an external key store "ExampleXks" for the proxy's public endpoint
    And I connect the custom key store
    And the XKS proxy is taken off the network
    And 20 minutes pass
    Then the custom key store is FAILED with the connection error XKS_PROXY_NOT_REACHABLE

  Scenario: A key in the external key store is backed by an external key the proxy vouches for
    Given the external key store "ExampleXks" has been created and connected
    And the XKS proxy's key manager has an AES-256 key "ext-key-1"
    When I create a key in the external key store for the external key "ext-key-1"
    Then DescribeKey shows the key in the external key store with the external key "ext-key-1", with the origin EXTERNAL_KEY_STORE
    When I create a key in the external key store for the external key "ext-key-1"
    Then the request fails with XksKeyAlreadyInUseException

  Scenario Outline: CreateKey refuses an external key that cannot serve a KMS key
    Given the external key store "ExampleXks" has been created and connected
    And the XKS proxy's key manager has a key "odd-key" of spec <spec> for "<usages>"
    When I create a key in the external key store for the external key "<external key>"
    Then the request fails with <error>

    Examples:
      | spec    | usages           | external key | error                               |
      | AES_128 | ENCRYPT, DECRYPT | odd-key      | XksKeyInvalidConfigurationException |
      | AES_256 | ENCRYPT          | odd-key      | XksKeyInvalidConfigurationException |
      | AES_256 | ENCRYPT, DECRYPT | no-such-key  | XksKeyNotFoundException             |

  Scenario: Data is encrypted twice: by KMS, then by the external key manager
    Given the external key store "ExampleXks" has been created and connected
    And the XKS proxy's key manager has an AES-256 key "ext-key-1"
    And the key is a key in the external key store for the external key "ext-key-1"
    And a ciphertext of "kept outside AWS" under the key with the encryption context "purpose=test"
    When I decrypt the ciphertext with the encryption context "purpose=test"
    Then the plaintext is "kept outside AWS"
    When the external key "ext-key-1" is disabled in the key manager
    And I decrypt the ciphertext with the encryption context "purpose=test"
    Then the request fails with KMSInvalidStateException
    And the error message is "The external key associated with this KMS key in an external key store is not enabled in the external key manager. Enable the external key in the external key manager and retry the request."
    And the key is in the Enabled state
    When the external key "ext-key-1" is enabled in the key manager
    And I decrypt the ciphertext with the encryption context "purpose=test"
    Then the plaintext is "kept outside AWS"

  Scenario: CloudTrail names the store and the external key of each cryptographic call, failed ones too
    AWS's examples (ct-decrypt.html): "In addition to the customKeyStoreId, the additionalEventData field includes the
    external key ID (XksKeyId)", also in the event of a Decrypt that the proxy refused.
    Given the external key store "ExampleXks" has been created and connected
    And the XKS proxy's key manager has an AES-256 key "ext-key-1"
    And the key is a key in the external key store for the external key "ext-key-1"
    And a ciphertext of "kept outside AWS" under the key with the encryption context "purpose=test"
    When I decrypt the ciphertext with the encryption context "purpose=test"
    And I look at the last Decrypt event in the trail of account 111122223333
    Then the event reads:
      | additionalEventData.customKeyStoreId | <custom key store id> |
      | additionalEventData.xksKeyId         | ext-key-1             |
      | additionalEventData.keyMaterialId    | (absent)              |
      | errorCode                            | (absent)              |
    When the external key "ext-key-1" is disabled in the key manager
    And I decrypt the ciphertext with the encryption context "purpose=test"
    Then the request fails with KMSInvalidStateException
    When I look at the last Decrypt event in the trail of account 111122223333
    Then the event reads:
      | errorCode                            | KMSInvalidStateException |
      | additionalEventData.customKeyStoreId | <custom key store id>    |
      | additionalEventData.xksKeyId         | ext-key-1                |

  Scenario: Disconnected or unreachable, the external key store's keys cannot be used
    Given the external key store "ExampleXks" has been created and connected
    And the XKS proxy's key manager has an AES-256 key "ext-key-1"
    And the key is a key in the external key store for the external key "ext-key-1"
    And a ciphertext of "kept outside AWS" under the key
    When the XKS proxy is taken off the network
    And I decrypt the ciphertext
    Then the request fails with KMSInvalidStateException
    And the error message is "AWS KMS cannot communicate with the external key store proxy. This might be a transient network issue. If you see this error repeatedly, verify that your external key store proxy is active and is connected to the network, and that its endpoint URI is correct in your external keystore."
    When I disconnect the custom key store
    Then the key is in the Unavailable state
    When I encrypt "anything" under the key
    Then the request fails with KMSInvalidStateException
    And the error message is "This KMS key is in a custom key store that is not connected to its external key store proxy. Connect the external key store and try the request again."

  Scenario: The proxy's credential is rotated while the store stays connected
    Given the external key store "ExampleXks" has been created and connected
    When I give the external key store the access key id "ZYXWVUTSRQPONMLKJIHG" and the secret "N3mNn7QpRs4TuVw9XyZa2Bc5De8Fg1Hi6Jk0Lm3No7P"
    Then the request fails with XksProxyIncorrectAuthenticationCredentialException
    When the XKS proxy also accepts the access key id "ZYXWVUTSRQPONMLKJIHG" and the secret "N3mNn7QpRs4TuVw9XyZa2Bc5De8Fg1Hi6Jk0Lm3No7P"
    And I give the external key store the access key id "ZYXWVUTSRQPONMLKJIHG" and the secret "N3mNn7QpRs4TuVw9XyZa2Bc5De8Fg1Hi6Jk0Lm3No7P"
    And the XKS proxy stops accepting the access key id "ABCDEFGHIJKLMNOPQRST" and the secret "K3mNn7QpRs4TuVw9XyZa2Bc5De8Fg1Hi6Jk0Lm3No7P"
    Then DescribeCustomKeyStores shows the access key id "ZYXWVUTSRQPONMLKJIHG"
    And the custom key store is CONNECTED

  Scenario: An external key store behind a VPC endpoint service (a lab object: the lab has no VPC)
    Given a VPC endpoint service "com.amazonaws.vpce.eu-west-2.vpce-svc-0123456789abcdef0" whose private DNS name is the XKS proxy's host
    When I create an external key store "Unknown" for the proxy behind the VPC endpoint service "com.amazonaws.vpce.eu-west-2.vpce-svc-00000000000000000"
    Then the request fails with XksProxyVpcEndpointServiceNotFoundException
    When the VPC endpoint service requires acceptance of connection requests
    And I create an external key store "Accepting" for the proxy behind the VPC endpoint service "com.amazonaws.vpce.eu-west-2.vpce-svc-0123456789abcdef0"
    Then the request fails with XksProxyVpcEndpointServiceInvalidConfigurationException
    When I create an external key store "ExampleXksVpc" for the proxy's public endpoint
    Then the request succeeds
    When I create an external key store "Second" for the proxy behind the VPC endpoint service "com.amazonaws.vpce.eu-west-2.vpce-svc-0123456789abcdef0"
    Then the request fails with XksProxyUriInUseException

  Scenario: Connecting through a VPC endpoint service that no longer allows KMS fails
    Given a VPC endpoint service "com.amazonaws.vpce.eu-west-2.vpce-svc-0123456789abcdef0" whose private DNS name is the XKS proxy's host
    When I create an external key store "ExampleXksVpc" for the proxy behind the VPC endpoint service "com.amazonaws.vpce.eu-west-2.vpce-svc-0123456789abcdef0"
    Then DescribeCustomKeyStores shows the VPC endpoint service "com.amazonaws.vpce.eu-west-2.vpce-svc-0123456789abcdef0"
    When the VPC endpoint service no longer allows the KMS service principal
    And I connect the custom key store
    And 20 minutes pass
    Then the custom key store is FAILED with the connection error XKS_VPC_ENDPOINT_SERVICE_NOT_FOUND
