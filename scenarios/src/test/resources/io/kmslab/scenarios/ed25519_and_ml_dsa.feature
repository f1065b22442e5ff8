Feature: Ed25519 and post-quantum ML-DSA signing keys
  As a learner preparing for an AWS certification, I want to sign with ECC_NIST_EDWARDS25519 and ML-DSA keys,
  so that I know what KMS offers beyond RSA and ECDSA: Ed25519 (RFC 8032), whose ED25519_SHA_512 algorithm signs
  the message itself (RAW) and ED25519_PH_SHA_512 a SHA-512 digest (DIGEST, which KMS hashes once more), and ML-DSA
  (FIPS 204, post-quantum), which signs messages of up to 4 KB (RAW) or a 64-byte representative mu computed
  outside (EXTERNAL_MU). Signatures verify outside KMS with the public key: the JDK has Ed25519, Bouncy Castle ML-DSA.

  Background:
    Given today is 2026-01-20
    And I work in eu-west-2 as account 111122223333

  Scenario Outline: A <spec> signature made in KMS verifies in KMS and outside with the public key (<algorithm>, <type>)
    Given a <spec> key for SIGN_VERIFY
    When I sign the <type> message "release 7.0 is genuine" with the key using <algorithm>
    Then KMS confirms the signature is valid
    And the signature verifies outside KMS with the public key

    Examples: Edwards curve
      | spec                  | algorithm          | type   |
      | ECC_NIST_EDWARDS25519 | ED25519_SHA_512    | RAW    |
      | ECC_NIST_EDWARDS25519 | ED25519_PH_SHA_512 | DIGEST |

    Examples: ML-DSA, the three security levels
      | spec      | algorithm        | type |
      | ML_DSA_44 | ML_DSA_SHAKE_256 | RAW  |
      | ML_DSA_65 | ML_DSA_SHAKE_256 | RAW  |
      | ML_DSA_87 | ML_DSA_SHAKE_256 | RAW  |

  Scenario: A changed message does not verify
    Given an ML_DSA_65 key for SIGN_VERIFY
    When I sign the RAW message "pay 10" with the key using ML_DSA_SHAKE_256
    And I ask KMS to verify the signature for the message "pay 99"
    Then the request fails with KMSInvalidSignatureException
    And the signature does not verify outside KMS for the message "pay 99"

  Scenario: ED25519_SHA_512 signs only RAW messages
    Given an ECC_NIST_EDWARDS25519 key for SIGN_VERIFY
    When I sign a 64-byte digest with the key using ED25519_SHA_512
    Then the request fails with ValidationException
    And the error message is "Signing algorithm ED25519_SHA_512 requires MessageType RAW."

  Scenario: ML-DSA keys take no DIGEST
    Given an ML_DSA_44 key for SIGN_VERIFY
    When I sign a 64-byte digest with the key using ML_DSA_SHAKE_256
    Then the request fails with ValidationException
    And the error message is "MessageType DIGEST is not valid for ML_DSA_44 keys: use RAW, or EXTERNAL_MU with the 64-byte mu."
