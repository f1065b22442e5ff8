Feature: Asymmetric keys
  As a learner preparing for an AWS certification, I want to use RSA and elliptic curve key pairs in KMS,
  so that I understand that the private key never leaves KMS while anyone may download the public key:
  data encrypted outside AWS with the public key decrypts only in KMS, and signatures made in KMS verify
  anywhere. Unlike symmetric ciphertext, RSA ciphertext does not name its key, so Decrypt needs the KeyId
  and the EncryptionAlgorithm.

  Background:
    Given today is 2026-01-20
    And I work in eu-west-2 as account 111122223333

  Scenario: Data encrypted outside AWS with the public key decrypts in KMS
    Given an RSA_2048 key for ENCRYPT_DECRYPT
    When I download the public key of the key
    Then the public key is a 2048-bit RSA key
    When I encrypt "card 4111" outside KMS with the public key using RSAES_OAEP_SHA_256
    And I decrypt the ciphertext naming the key and RSAES_OAEP_SHA_256
    Then the plaintext is "card 4111"
    And Decrypt answers with the ARN of the key and the algorithm RSAES_OAEP_SHA_256

  Scenario: An RSA ciphertext decrypts only with the algorithm that encrypted it
    Given an RSA_2048 key for ENCRYPT_DECRYPT
    And I download the public key of the key
    When I encrypt "card 4111" outside KMS with the public key using RSAES_OAEP_SHA_256
    And I decrypt the ciphertext naming the key and RSAES_OAEP_SHA_1
    Then the request fails with InvalidCiphertextException
    And the error has no message

  Scenario: Decrypting an RSA ciphertext needs the encryption algorithm
    Given an RSA_2048 key for ENCRYPT_DECRYPT
    And I download the public key of the key
    When I encrypt "card 4111" outside KMS with the public key using RSAES_OAEP_SHA_1
    And I decrypt the ciphertext naming the key without an encryption algorithm
    Then the request fails with InvalidCiphertextException

  Scenario Outline: <spec> with <algorithm> encrypts at most <limit> bytes
    Given an <spec> key for ENCRYPT_DECRYPT
    When I encrypt <limit> bytes under the key with <algorithm>
    Then the request succeeds
    When I decrypt the ciphertext naming the key and <algorithm>
    Then the plaintext is <limit> bytes long
    When I encrypt <one more> bytes under the key with <algorithm>
    Then the request fails with ValidationException
    And the error message is "Algorithm <algorithm> and key spec <spec> cannot encrypt data larger than <limit> bytes."

    Examples: the limit is the key size in bytes, minus twice the hash size, minus 2
      | spec     | algorithm          | limit | one more |
      | RSA_2048 | RSAES_OAEP_SHA_1   | 214   | 215      |
      | RSA_2048 | RSAES_OAEP_SHA_256 | 190   | 191      |
      | RSA_3072 | RSAES_OAEP_SHA_1   | 342   | 343      |
      | RSA_3072 | RSAES_OAEP_SHA_256 | 318   | 319      |
      | RSA_4096 | RSAES_OAEP_SHA_1   | 470   | 471      |
      | RSA_4096 | RSAES_OAEP_SHA_256 | 446   | 447      |

  Scenario Outline: A <spec> signature made in KMS verifies in KMS and outside with the public key (<algorithm>, <type>)
    Given a <spec> key for SIGN_VERIFY
    When I sign the <type> message "I owe you 10 euros" with the key using <algorithm>
    Then KMS confirms the signature is valid
    And the signature verifies outside KMS with the public key

    Examples: RSA
      | spec     | algorithm                 | type   |
      | RSA_2048 | RSASSA_PSS_SHA_256        | RAW    |
      | RSA_2048 | RSASSA_PKCS1_V1_5_SHA_256 | DIGEST |

    Examples: elliptic curves (ECC_SECG_P256K1 is the curve of Bitcoin; the JDK lacks it, Bouncy Castle has it)
      | spec            | algorithm     | type   |
      | ECC_NIST_P256   | ECDSA_SHA_256 | RAW    |
      | ECC_SECG_P256K1 | ECDSA_SHA_256 | RAW    |
      | ECC_SECG_P256K1 | ECDSA_SHA_256 | DIGEST |

  Scenario: A signature does not verify for a changed message
    Given an ECC_NIST_P256 key for SIGN_VERIFY
    When I sign the RAW message "I owe you 10 euros" with the key using ECDSA_SHA_256
    And I ask KMS to verify the signature for the message "I owe you 99 euros"
    Then the request fails with KMSInvalidSignatureException
    And the error has no message
    And the signature does not verify outside KMS for the message "I owe you 99 euros"

  Scenario: A key spec accepts only its own signing algorithms
    Given an ECC_NIST_P256 key for SIGN_VERIFY
    When I sign the RAW message "hello" with the key using ECDSA_SHA_384
    Then the request fails with InvalidKeyUsageException
    And the error message is "Algorithm ECDSA_SHA_384 is incompatible with key spec ECC_NIST_P256."

  Scenario: A DIGEST message must have the size of the algorithm's hash
    Given an RSA_2048 key for SIGN_VERIFY
    When I sign a 20-byte digest with the key using RSASSA_PSS_SHA_256
    Then the request fails with ValidationException
    And the error message is "Digest is invalid length for algorithm RSASSA_PSS_SHA_256."

  Scenario: A key for encryption does not sign
    Given an RSA_2048 key for ENCRYPT_DECRYPT
    When I sign the RAW message "hello" with the key using RSASSA_PSS_SHA_256
    Then the request fails with InvalidKeyUsageException
    And the error message is "<key ARN> key usage is ENCRYPT_DECRYPT which is not valid for Sign."

  Scenario: An asymmetric key needs a key usage
    When I create an RSA_2048 key without a key usage
    Then the request fails with ValidationException
    And the error message is "You must specify a KeyUsage value for all KMS keys except for symmetric encryption keys."

  Scenario: GetPublicKey is for asymmetric keys only
    Given a symmetric key
    When I download the public key of the key
    Then the request fails with UnsupportedOperationException
    And the error has no message
