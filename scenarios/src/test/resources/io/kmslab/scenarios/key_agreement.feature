Feature: Key agreement (ECDH) with DeriveSharedSecret
  As a learner preparing for an AWS certification, I want two parties to agree on a secret over an open channel,
  so that I understand KEY_AGREEMENT keys: each party sends only its public key, KMS combines the other's public key
  with the private key that never leaves it, and both sides get the same raw ECDH secret, whether the other side is
  another KMS key or a key pair outside AWS. The secret is raw: derive a key from it (NIST SP 800-56C) before use.

  Background:
    Given today is 2026-01-20
    And I work in eu-west-2 as account 111122223333

  Scenario Outline: Two KMS key pairs on <spec> derive the same secret both ways
    Given key A is an <spec> key for KEY_AGREEMENT
    And key B is an <spec> key for KEY_AGREEMENT
    When key A derives a shared secret with the public key of key B
    And key B derives a shared secret with the public key of key A
    Then both secrets are the same <bytes> bytes
    And DeriveSharedSecret answers with the ARN of key B, the algorithm ECDH and the origin AWS_KMS

    Examples: the raw secret is the x coordinate of the shared point, as long as the curve's field
      | spec          | bytes |
      | ECC_NIST_P256 | 32    |
      | ECC_NIST_P384 | 48    |
      | ECC_NIST_P521 | 66    |

  Scenario: A KMS key and a partner's key pair outside AWS derive the same secret
    Given key A is an ECC_NIST_P256 key for KEY_AGREEMENT
    And a partner outside AWS has an elliptic curve key pair on secp256r1
    When key A derives a shared secret with the partner's public key
    And the partner derives a shared secret with the public key of key A
    Then both secrets are the same 32 bytes

  Scenario: A signing key cannot derive a shared secret
    Given key A is an ECC_NIST_P256 key for SIGN_VERIFY
    And key B is an ECC_NIST_P256 key for KEY_AGREEMENT
    When key A derives a shared secret with the public key of key B
    Then the request fails with InvalidKeyUsageException
    And the error message is "<key A ARN> key usage is SIGN_VERIFY which is not valid for DeriveSharedSecret."

  Scenario: Both key pairs must be on the same curve
    Given key A is an ECC_NIST_P256 key for KEY_AGREEMENT
    And key B is an ECC_NIST_P384 key for KEY_AGREEMENT
    When key A derives a shared secret with the public key of key B
    Then the request fails with ValidationException

  Scenario: A disabled key derives nothing
    Given key A is an ECC_NIST_P256 key for KEY_AGREEMENT
    And key B is an ECC_NIST_P256 key for KEY_AGREEMENT
    And key A was put in the Disabled state
    When key A derives a shared secret with the public key of key B
    Then the request fails with DisabledException
    And the error message is "<key A ARN> is disabled."
