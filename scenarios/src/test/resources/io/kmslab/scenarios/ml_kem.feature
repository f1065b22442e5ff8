Feature: Post-quantum key encapsulation (ML-KEM) with Encapsulate and Decapsulate
  As a learner preparing for an AWS certification, I want to see how two parties share a secret with ML-KEM,
  so that I understand ENCAPSULATE_DECAPSULATE keys: the sender uses only the public key to make a 32-byte secret and
  its encapsulated form (the ciphertext), sends the ciphertext, and the holder of the private key, which never leaves
  KMS, recovers the same secret with Decapsulate. A wrong or altered ciphertext of the right length does not fail: it
  gives another secret (implicit rejection), so both parties must confirm they hold the same one before using it.

  Background:
    Given today is 2026-01-20
    And I work in eu-west-2 as account 111122223333

  Scenario Outline: Encapsulate and Decapsulate with an <spec> key agree on a 32-byte secret
    Given key A is an <spec> key for ENCAPSULATE_DECAPSULATE
    When key A encapsulates a new shared secret
    And key A decapsulates that ciphertext
    Then the recovered secret is the sent one, 32 bytes
    And the ciphertext is <bytes> bytes
    And Encapsulate and Decapsulate answer with the ARN of key A and the algorithm ML_KEM

    Examples: the ciphertext's length depends on the parameter set
      | spec        | bytes |
      | ML_KEM_512  | 768   |
      | ML_KEM_768  | 1088  |
      | ML_KEM_1024 | 1568  |

  Scenario: A partner outside AWS encapsulates to the public key, and KMS decapsulates
    Given key A is an ML_KEM_768 key for ENCAPSULATE_DECAPSULATE
    When a partner outside AWS encapsulates a shared secret to the public key of key A
    And key A decapsulates that ciphertext
    Then the recovered secret is the sent one, 32 bytes

  Scenario: An altered ciphertext gives another secret, not an error
    Given key A is an ML_KEM_512 key for ENCAPSULATE_DECAPSULATE
    When key A encapsulates a new shared secret
    And someone alters one byte of the ciphertext
    And key A decapsulates that ciphertext
    Then the request succeeds
    And the two secrets differ

  Scenario: A ciphertext of the wrong length is refused
    Given key A is an ML_KEM_768 key for ENCAPSULATE_DECAPSULATE
    And key B is an ML_KEM_512 key for ENCAPSULATE_DECAPSULATE
    When key B encapsulates a new shared secret
    And key A decapsulates that ciphertext
    Then the request fails with InvalidCiphertextException

  Scenario: A key of another usage cannot encapsulate
    Given key A is an ECC_NIST_P256 key for KEY_AGREEMENT
    When key A encapsulates a new shared secret
    Then the request fails with InvalidKeyUsageException
    And the error message is "<key A ARN> key usage is KEY_AGREEMENT which is not valid for Encapsulate."

  Scenario: A disabled key decapsulates nothing
    Given key A is an ML_KEM_1024 key for ENCAPSULATE_DECAPSULATE
    When key A encapsulates a new shared secret
    And key A was put in the Disabled state
    And key A decapsulates that ciphertext
    Then the request fails with DisabledException
    And the error message is "<key A ARN> is disabled."
