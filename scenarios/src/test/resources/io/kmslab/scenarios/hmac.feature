Feature: HMAC keys
  As a learner preparing for an AWS certification, I want to generate and verify message authentication codes
  with HMAC keys, so that I understand that the HMAC key never leaves KMS, that each HMAC key spec has exactly
  one MAC algorithm, and that KMS answers a wrong MAC with an error rather than with "MacValid: false".

  Background:
    Given today is 2026-01-20
    And I work in eu-west-2 as account 111122223333

  Scenario Outline: <spec> generates and verifies <size>-byte MACs with <algorithm>
    Given an <spec> key for GENERATE_VERIFY_MAC
    When I generate a MAC of "order 42: 3 books" with the key using <algorithm>
    Then the MAC is <size> bytes long
    When I verify the MAC of "order 42: 3 books" with the key using <algorithm>
    Then KMS confirms the MAC is valid for the key

    Examples:
      | spec     | algorithm    | size |
      | HMAC_224 | HMAC_SHA_224 | 28   |
      | HMAC_256 | HMAC_SHA_256 | 32   |
      | HMAC_384 | HMAC_SHA_384 | 48   |
      | HMAC_512 | HMAC_SHA_512 | 64   |

  Scenario: The same message and key always give the same MAC, another key gives another
    Given an HMAC_256 key for GENERATE_VERIFY_MAC
    And key B is an HMAC_256 key for GENERATE_VERIFY_MAC
    When I generate a MAC of "order 42" with the key using HMAC_SHA_256
    Then generating the MAC of "order 42" again with the key gives the same MAC
    And generating the MAC of "order 42" with key B gives a different MAC

  Scenario: An HMAC key accepts only the algorithm of its size
    Given an HMAC_224 key for GENERATE_VERIFY_MAC
    When I generate a MAC of "order 42" with the key using HMAC_SHA_256
    Then the request fails with InvalidKeyUsageException
    And the error message is "Algorithm HMAC_SHA_256 is incompatible with key spec HMAC_224."

  Scenario: A wrong MAC is an error, not a "false"
    Given an HMAC_256 key for GENERATE_VERIFY_MAC
    When I generate a MAC of "order 42: 3 books" with the key using HMAC_SHA_256
    And I verify the MAC of "order 42: 9 books" with the key using HMAC_SHA_256
    Then the request fails with KMSInvalidMacException
    And the error has no message

  Scenario: An HMAC key cannot encrypt
    Given an HMAC_256 key for GENERATE_VERIFY_MAC
    When I encrypt "hello" under the key
    Then the request fails with InvalidKeyUsageException
    And the error message is "<key ARN> key usage is GENERATE_VERIFY_MAC which is not valid for Encrypt."

  Scenario: A symmetric encryption key cannot generate MACs
    Given a symmetric key
    When I generate a MAC of "order 42" with the key using HMAC_SHA_256
    Then the request fails with InvalidKeyUsageException
    And the error message is "<key ARN> key usage is ENCRYPT_DECRYPT which is not valid for GenerateMac."
