Feature: Symmetric encryption
  As a learner preparing for an AWS certification, I want to encrypt and decrypt with a symmetric KMS key,
  so that I understand that the ciphertext names its own key (Decrypt needs no KeyId), that the encryption
  context is authenticated and must match exactly, that KMS encrypts at most 4 KB directly, and that larger
  data is protected by envelope encryption with data keys.

  Background:
    Given today is 2026-01-20
    And I work in eu-west-2 as account 111122223333
    And a symmetric key

  Scenario: Decrypt finds the key from the ciphertext itself
    Given a ciphertext of "my secret" under the key
    When I decrypt the ciphertext
    Then the plaintext is "my secret"
    And Decrypt answers with the ARN of the key and the algorithm SYMMETRIC_DEFAULT

  Scenario: Encrypting the same plaintext twice gives two different ciphertexts
    When I encrypt "my secret" under the key twice
    Then the two ciphertexts differ
    And both ciphertexts decrypt to "my secret"

  Scenario: The same encryption context decrypts
    Given a ciphertext of "salary" under the key with the encryption context "department=finance"
    When I decrypt the ciphertext with the encryption context "department=finance"
    Then the plaintext is "salary"

  Scenario Outline: An encryption context that is not exactly the same fails: <difference>
    Given a ciphertext of "salary" under the key with the encryption context "department=finance"
    When I decrypt the ciphertext with the encryption context "<context>"
    Then the request fails with InvalidCiphertextException
    And the error has no message

    Examples:
      | difference            | context                      |
      | no context at all     |                              |
      | value in another case | department=Finance           |
      | one pair too many     | department=finance,year=2026 |

  Scenario: Decrypt may name the encrypting key, but no other key
    Given key B is a symmetric key
    And a ciphertext of "my secret" under the key
    When I decrypt the ciphertext naming the key
    Then the plaintext is "my secret"
    When I decrypt the ciphertext naming key B
    Then the request fails with IncorrectKeyException
    And the error message is "The key ID in the request does not identify a CMK that can perform this operation."

  Scenario: A changed ciphertext does not decrypt
    Given a ciphertext of "my secret" under the key
    When I change the last byte of the ciphertext
    And I decrypt the ciphertext
    Then the request fails with InvalidCiphertextException
    And the error has no message

  Scenario: KMS encrypts at most 4096 bytes directly
    When I encrypt 4096 bytes under the key
    And I decrypt the ciphertext
    Then the plaintext is 4096 bytes long
    When I encrypt 4097 bytes under the key
    Then the request fails with ValidationException
    And the error message is "1 validation error detected: Value at 'plaintext' failed to satisfy constraint: Member must have length less than or equal to 4096"

  Scenario: Envelope encryption with GenerateDataKey
    When I generate an AES_256 data key under the key
    Then the plaintext data key is 32 bytes long
    When I encrypt "a large file" locally with the plaintext data key
    And I forget the plaintext data key
    And I decrypt the encrypted data key
    Then the recovered data key decrypts the local ciphertext to "a large file"

  Scenario Outline: GenerateDataKeyWithoutPlaintext gives only the encrypted copy of a <size>-byte data key
    When I generate a data key without plaintext of <spec> under the key
    And I decrypt the encrypted data key
    Then the plaintext is <size> bytes long
    And Decrypt answers with the ARN of the key and the algorithm SYMMETRIC_DEFAULT

    Examples:
      | spec    | size |
      | AES_128 | 16   |
      | AES_256 | 32   |

  Scenario: GenerateDataKey wants either a key spec or a number of bytes, not both
    When I ask for an AES_256 data key of 64 bytes under the key
    Then the request fails with ValidationException
    And the error message is "Please specify either number of bytes or key spec."

  Scenario: ReEncrypt moves a ciphertext to another key without revealing the plaintext
    Given key B is a symmetric key
    And a ciphertext of "my secret" under the key
    When I re-encrypt the ciphertext under key B
    Then ReEncrypt answers with the ARN of the key as source and the ARN of key B as destination
    And the ciphertext header names key B
    When I disable the key
    And I decrypt the ciphertext
    Then the plaintext is "my secret"
    And Decrypt answers with the ARN of key B and the algorithm SYMMETRIC_DEFAULT

  Scenario: ReEncrypt checks the source key when one is named
    Given key B is a symmetric key
    And key C is a symmetric key
    And a ciphertext of "my secret" under the key
    When I re-encrypt the ciphertext from key B under key C
    Then the request fails with IncorrectKeyException
    And the error message is "The key ID in the request does not identify a CMK that can perform this operation."

  Scenario: The ciphertext header tells which key and which key material encrypted it
    Given a ciphertext of "twelve bytes" under the key
    When I inspect the ciphertext
    Then the ciphertext header names the key
    And the ciphertext header names the region eu-west-2 and the account 111122223333
    And the ciphertext header names the current key material of the key
    And the ciphertext holds 12 bytes of encrypted data, a 12-byte IV and a 16-byte GCM tag
    And the header, IV, encrypted data and tag add up to the size of the ciphertext
