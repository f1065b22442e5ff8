Feature: AWS CloudHSM key stores
  An AWS CloudHSM key store is a custom key store whose keys' material lives in a CloudHSM cluster you own. KMS logs in
  to the cluster as the kmsuser crypto user with the password the key store holds. A new store is DISCONNECTED;
  ConnectCustomKeyStore answers at once and the store is CONNECTING until KMS has logged in (up to 20 minutes on AWS,
  20 minutes on the lab's clock), then CONNECTED, or FAILED with a ConnectionErrorCode. While the store is not
  connected its keys are Unavailable and every cryptographic operation with them fails with KMSInvalidStateException;
  connected again, they are back in their own state.

  Background:
    Given today is 2026-01-20
    And I work in eu-west-2 as account 111122223333
    And a CloudHSM cluster "cluster-abcdefghijk" with HSMs in "eu-west-2a" and "eu-west-2b" and the kmsuser password "kmsuser-pass-1"

  Scenario: A new key store connects after the connection time and holds keys whose material is in the cluster
    When I create a custom key store "ExampleKeyStore" for the cluster with its trust anchor and the kmsuser password
    Then the custom key store is DISCONNECTED
    When I create a key in the custom key store
    Then the request fails with CustomKeyStoreInvalidStateException
    When I connect the custom key store
    Then the custom key store is CONNECTING
    When 20 minutes pass
    Then the custom key store is CONNECTED
    When I create a key in the custom key store
    Then DescribeKey shows the key in the custom key store and its cluster, with the origin AWS_CLOUDHSM
    And the cluster holds a backing key labelled with the key's id

  Scenario: Disconnected, the store's keys are Unavailable; connected again, they work
    Given a custom key store "ExampleKeyStore" for the cluster
    And the custom key store has been connected
    And the key is a key in the custom key store
    And a ciphertext of "kept in the HSM" under the key
    When I disconnect the custom key store
    Then the key is in the Unavailable state
    When I encrypt "anything" under the key
    Then the request fails with KMSInvalidStateException
    When I decrypt the ciphertext
    Then the request fails with KMSInvalidStateException
    When I connect the custom key store
    And 20 minutes pass
    Then the key is in the Enabled state
    When I decrypt the ciphertext
    Then the plaintext is "kept in the HSM"

  Scenario: CloudTrail names the key store in the event of each cryptographic call with its keys
    AWS (ct-decrypt.html): "All log entries for cryptographic operations with a KMS key in a custom key store include
    an additionalEventData field with the customKeyStoreId."
    Given a custom key store "ExampleKeyStore" for the cluster
    And the custom key store has been connected
    And the key is a key in the custom key store
    And a ciphertext of "kept in the HSM" under the key
    When I look at the last Encrypt event in the trail of account 111122223333
    Then the event reads:
      | additionalEventData.customKeyStoreId | <custom key store id> |
      | additionalEventData.xksKeyId         | (absent)              |
    When I decrypt the ciphertext
    And I look at the last Decrypt event in the trail of account 111122223333
    Then the event reads:
      | additionalEventData.customKeyStoreId | <custom key store id> |

  Scenario: A kmsuser password changed in the cluster makes the connection fail until the store is given it
    Given a custom key store "ExampleKeyStore" for the cluster
    When someone changes the kmsuser password in the cluster to "changed-pass-2"
    And I connect the custom key store
    And 20 minutes pass
    Then the custom key store is FAILED with the connection error INVALID_CREDENTIALS
    When I connect the custom key store
    Then the request fails with CustomKeyStoreInvalidStateException
    When I disconnect the custom key store
    And I give the custom key store the kmsuser password "changed-pass-2"
    And I connect the custom key store
    And 20 minutes pass
    Then the custom key store is CONNECTED
