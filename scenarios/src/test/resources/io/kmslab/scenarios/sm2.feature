Feature: SM2 keys in the China Regions
  As a learner preparing for an AWS certification, I want to use the SM2 key spec, so that I know what KMS offers in
  the China Regions (cn-north-1, cn-northwest-1) only: one SM2 key pair on the sm2p256v1 curve (OSCCA's GM/T
  standards) for encryption (SM2PKE), signing (SM2DSA, with the SM3 hash) or key agreement (ECDH), one usage per key.
  SM2DSA signs SM3(Z_A || message), where Z_A hashes a distinguishing ID with the public key: KMS always uses the
  default ID 1234567812345678, so a verifier outside KMS must use it too, or send KMS a digest it computed itself.
  SM2PKE ciphertext is the ASN.1 form of GM/T 0009-2012; some libraries (Bouncy Castle) give a raw form to convert.

  Background:
    Given today is 2026-01-20
    And I work in cn-north-1 as account 111122223333

  Scenario: An SM2DSA signature made in KMS verifies outside KMS with the default distinguishing ID only
    Given key A is an SM2 key for SIGN_VERIFY
    When key A signs the message "invoice 2026-0042 is genuine" with SM2DSA
    Then the signature of key A verifies outside KMS with the distinguishing ID "1234567812345678"
    And the signature of key A does not verify outside KMS with the distinguishing ID "alice@example.com"

  Scenario: A digest computed outside KMS is signed as given, and verifies as the signature of the message
    Given key A is an SM2 key for SIGN_VERIFY
    And I compute the SM2 digest of "invoice 2026-0042 is genuine" outside KMS with the public key of key A
    When key A signs that digest with SM2DSA
    Then the signature of key A verifies outside KMS with the distinguishing ID "1234567812345678"

  Scenario: SM2PKE ciphertext made outside KMS with the public key decrypts in KMS
    Given key A is an SM2 key for ENCRYPT_DECRYPT
    When a partner encrypts "meet at noon" outside KMS with the public key of key A in the ASN.1 form
    And I decrypt the ciphertext naming key A and SM2PKE
    Then the plaintext is "meet at noon"
    And Decrypt answers with the ARN of key A and the algorithm SM2PKE

  Scenario: SM2PKE encrypts at most 1024 bytes
    Given key A is an SM2 key for ENCRYPT_DECRYPT
    When I encrypt 1025 bytes under key A with SM2PKE
    Then the request fails with ValidationException
    And the error message is "Algorithm SM2PKE and key spec SM2 cannot encrypt data larger than 1024 bytes."

  Scenario: An SM2 key and a partner's SM2 key pair derive the same secret
    Given key A is an SM2 key for KEY_AGREEMENT
    And a partner outside AWS has an elliptic curve key pair on sm2p256v1
    When key A derives a shared secret with the partner's public key
    And the partner derives a shared secret with the public key of key A
    Then both secrets are the same 32 bytes

  Scenario: SM2 is offered in the China Regions only
    Given I work in eu-west-2 as account 111122223333
    When I try to create an SM2 key for SIGN_VERIFY
    Then the request fails with UnsupportedOperationException
    And the error message is "KeySpec SM2 is not supported in this Region"
