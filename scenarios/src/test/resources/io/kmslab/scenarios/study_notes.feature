Feature: What common study notes get wrong
  Study notes for the AWS exams repeat claims about KMS that are wrong, or were right once and are out of date:
  requests priced "per 1,000", rotation "once a year, nothing else", imported key material "only 256-bit symmetric
  keys", the "CMK" of older pages, and a triad of key kinds "AWS managed, customer managed, imported". Each rule below
  states what AWS says today and shows it on the simulator. The page that cites AWS for each point is
  docs/study-notes-errors.md.

  Background:
    Given I work in us-east-1 as account 111122223333

  Rule: Requests cost $0.03 per 10,000, not per 1,000, after 20,000 free requests a month

    Scenario Outline: <requests> symmetric requests in a month cost <real>, not <study note>
      Given today is 2026-03-01
      And an estimated <requests> symmetric requests in us-east-1 are metered for March 2026
      When the bill of March 2026 is issued on 2026-04-01
      Then the bill counts <free> requests in the free tier and <billed> billed symmetric requests
      And "$0.03 per 1,000 requests" would have billed <study note> for the same requests, 10 times the real <real>
      And the bill totals <real>

      Examples: $0.000003 a request once the free tier is used up
        | requests | free   | billed  | real  | study note |
        | 15,000   | 15,000 | 0       | $0.00 | $0.00      |
        | 50,000   | 20,000 | 30,000  | $0.09 | $0.90      |
        | 520,000  | 20,000 | 500,000 | $1.50 | $15.00     |

  Rule: Automatic rotation runs every 90 to 2560 days (365 by default), and a key can also be rotated on demand

    Scenario: A 90-day period rotates four times in a year, and an on-demand rotation comes on top of the schedule
      Given today is 2026-01-20
      And a symmetric key
      And automatic rotation of the key was enabled with a period of 90 days
      And I keep a ciphertext of "before any rotation" under the key
      When 365 days pass
      Then the key was rotated 4 times, on "2026-04-20, 2026-07-19, 2026-10-17, 2027-01-15"
      When I rotate the key on demand
      Then the key was rotated 5 times
      And the next rotation of the key is due on 2027-04-15
      And every kept ciphertext decrypts to its plaintext, with the key material that made it

    Scenario: The period is at least 90 days and at most 2560; without one it is 365
      Given today is 2026-01-20
      And a symmetric key
      When I enable automatic rotation of the key with a period of 89 days
      Then the request fails with ValidationException
      When I enable automatic rotation of the key with a period of 2561 days
      Then the request fails with ValidationException
      When I enable automatic rotation of the key with a period of 2560 days
      Then automatic rotation of the key is on, every 2560 days, next on 2033-01-23T00:00:00Z
      Given key B is a symmetric key
      When I enable automatic rotation of key B
      Then automatic rotation of key B is on, every 365 days, next on 2027-01-20T00:00:00Z

    Scenario: An AWS managed key rotates every year (every three years before May 2022), and nobody can turn that off
      Given today is 2026-01-20
      And the key is the AWS managed key of S3
      Then automatic rotation of the key is on, every 365 days, next on 2027-01-20T00:00:00Z
      When I call DisableKeyRotation on the key
      Then the request fails with AccessDeniedException
      When 365 days pass
      Then the key was rotated 1 time, AUTOMATIC, on "2027-01-20"

  Rule: Only the first and the second rotation of a key add to its monthly fee

    Scenario: A key rotated five times costs $3 a month, not $6
      Given today is 2026-04-01
      And the key is a customer managed key
      When I rotate the key on demand 5 times
      And the bill of April 2026 is issued on 2026-05-01
      Then the key fees total $3.00
      And the bill totals $3.00

  Rule: Imported key material is not only for 256-bit symmetric keys: HMAC and asymmetric keys take it too

    Scenario: A symmetric encryption key takes 256 bits of material
      Given today is 2026-01-20
      And the key is a customer managed key for imported key material
      And 256 bits of key material "M1" made outside AWS
      When I import the key material "M1" into the key, without expiry
      Then the key is in the Enabled state
      When I encrypt "imported" under the key
      And I decrypt the ciphertext
      Then the plaintext is "imported"

    Scenario: An HMAC_512 key takes 512 bits of material, and its MACs are HMACs under exactly those bits
      Given today is 2026-01-20
      And the key is an HMAC_512 key for GENERATE_VERIFY_MAC and imported key material
      And 512 bits of key material "H1" made outside AWS
      When I import the key material "H1" into the key, without expiry
      Then the key is in the Enabled state
      And the MAC the key makes of "token" with HMAC_SHA_512 is the HMAC of "token" under the key material "H1"

    Scenario: An RSA private key made outside AWS signs in KMS, and KMS derives its public key
      Given today is 2026-01-20
      And the key is an RSA_2048 key for SIGN_VERIFY and imported key material
      And an RSA 2048-bit key pair "release signing" made outside AWS
      When I import the private key of "release signing" into the key, without expiry
      Then the key is in the Enabled state
      And GetPublicKey of the key answers the public key of "release signing"
      And what the key signs with RSASSA_PKCS1_V1_5_SHA_256 verifies outside KMS with the public key of "release signing"

  Rule: "CMK" is the retired name of a KMS key, kept only where renaming would break clients

    Scenario: The API names who manages a key and its spec; the old name lives on in a deprecated field and an error message
      Given today is 2026-01-20
      And the key is a customer managed key
      And key B is a customer managed key
      Then the key manager of the key is CUSTOMER
      And DescribeKey shows the key with KeySpec SYMMETRIC_DEFAULT and the same value in the deprecated CustomerMasterKeySpec
      Given a ciphertext of "my secret" under the key
      When I decrypt the ciphertext naming key B
      Then the request fails with IncorrectKeyException
      And the error message is "The key ID in the request does not identify a CMK that can perform this operation."

  Rule: The kinds of KMS key are customer managed, AWS managed and AWS owned; imported material makes no fourth kind

    Scenario Outline: <kind>: KeyManager <manager>, Origin <origin>
      Given today is 2026-01-20
      And the key is <kind>
      Then the key manager of the key is <manager>
      And the origin of the key is <origin>
      And the key is in the Enabled state

      Examples: a key with imported material is a customer managed key whose origin is EXTERNAL
        | kind                                              | manager  | origin   |
        | the AWS managed key of S3                         | AWS      | AWS_KMS  |
        | a customer managed key                            | CUSTOMER | AWS_KMS  |
        | a customer managed key with imported key material | CUSTOMER | EXTERNAL |

  Rule: Other figures the notes get wrong: the deletion window and the size KMS encrypts directly

    Scenario: Deletion waits 7 to 30 days, 30 by default, and a cancelled deletion leaves the key Disabled
      Given today is 2026-01-20
      And a symmetric key
      When I schedule the deletion of the key with a waiting period of 6 days
      Then the request fails with ValidationException
      When I schedule the deletion of the key
      Then ScheduleKeyDeletion answers with the ARN of the key, the state PendingDeletion and a waiting period of 30 days
      And ScheduleKeyDeletion answers with the deletion date 2026-02-19T00:00:00Z
      When I cancel the deletion of the key
      Then the key is in the Disabled state

    Scenario: Encrypt takes at most 4,096 bytes; more data needs a data key
      Given today is 2026-01-20
      And a symmetric key
      When I encrypt 4096 bytes under the key
      Then Encrypt answers with the ARN of the key
      When I encrypt 4097 bytes under the key
      Then the request fails with ValidationException
      When I generate an AES_256 data key under the key
      Then the plaintext data key is 32 bytes long
