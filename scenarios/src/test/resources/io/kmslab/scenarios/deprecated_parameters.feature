Feature: The deprecated CustomerMasterKeySpec parameter of CreateKey
  Older SDKs and scripts name a key's spec CustomerMasterKeySpec. AWS: "The KeySpec and CustomerMasterKeySpec
  parameters work the same way. Only the names differ." (API_CreateKey). Both names are accepted; DescribeKey answers
  the spec under both names.

  Background:
    Given today is 2026-01-20

  Scenario: A key made with only the deprecated name has that spec, under both names
    When I create the key naming its spec only by the deprecated CustomerMasterKeySpec RSA_2048, for SIGN_VERIFY
    Then DescribeKey shows the key with KeySpec RSA_2048 and the same value in the deprecated CustomerMasterKeySpec

  Scenario: The same spec under both names is one request
    When I try to create a key with KeySpec HMAC_256 and CustomerMasterKeySpec HMAC_256, for GENERATE_VERIFY_MAC
    Then the request succeeds

  # What AWS answers to two different values is not documented; KMS Lab refuses the contradiction
  Scenario: Two different specs under the two names are refused
    When I try to create a key with KeySpec RSA_2048 and CustomerMasterKeySpec ECC_NIST_P256, for SIGN_VERIFY
    Then the request fails with ValidationException
    And the error message is "KeySpec RSA_2048 and its deprecated name CustomerMasterKeySpec ECC_NIST_P256 were both given, with different values."
