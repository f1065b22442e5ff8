Feature: External key stores (XKS) with a public endpoint
  An external key store is a custom key store whose keys' material stays in an external key manager outside AWS,
  reached through an external key store proxy (XKS proxy) that speaks the XKS Proxy API. KMS signs its requests to the
  proxy with the proxy's own access key id and secret. With PUBLIC_ENDPOINT connectivity KMS asks the proxy for its
  health (GetHealthStatus) while creating the store, and again when it connects it: a proxy it cannot reach, that
  rejects the credential, that does not serve the path, or whose key managers are all UNAVAILABLE is refused, or makes
  the connection FAILED with a ConnectionErrorCode. The lab's proxy is in-process, with its own keys.

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
