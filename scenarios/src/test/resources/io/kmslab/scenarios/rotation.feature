Feature: Rotating the key material of a key
  Rotation gives a KMS key new key material (a new backing key) while everything else stays: the key id, the ARN,
  the key policy and the aliases. KMS keeps every older material, and each ciphertext names the material that made
  it, so old ciphertexts still decrypt and nothing needs re-encrypting. Automatic rotation is off on a new customer
  managed key; once on, it happens every RotationPeriodInDays (90 to 2560, 365 by default), counted in days, not in
  calendar years. A disabled key does not rotate; an overdue rotation happens as soon as the key is enabled again.
  RotateKeyOnDemand rotates now, whatever the schedule, at most 25 times per key. Only symmetric encryption keys
  whose material KMS made rotate automatically. Manual rotation is something else: a new key, and UpdateAlias.

  Background:
    Given today is 2026-01-20
    And I work in eu-west-2 as account 111122223333

  Rule: Automatic rotation follows the calendar of the simulated clock

    Scenario: Three years of yearly rotation give exactly three rotations, and every older ciphertext still decrypts
      Given a symmetric key
      And automatic rotation of the key was enabled
      When I keep a ciphertext of "written in year 1" under the key
      And 365 days pass
      And I keep a ciphertext of "written in year 2" under the key
      And 365 days pass
      And I keep a ciphertext of "written in year 3" under the key
      And 365 days pass
      And I keep a ciphertext of "written in year 4" under the key
      # 2028 has a 29 February: 365 days after 2028-01-20 is 2029-01-19
      Then ListKeyRotations shows for the key:
        | rotation date        | rotation type | key material state |
        | 2027-01-20T00:00:00Z | AUTOMATIC     | NON_CURRENT        |
        | 2028-01-20T00:00:00Z | AUTOMATIC     | NON_CURRENT        |
        | 2029-01-19T00:00:00Z | AUTOMATIC     | CURRENT            |
      And the 4 kept ciphertexts were made with 4 different key materials
      And every kept ciphertext decrypts to its plaintext, with the key material that made it
      And the key id and the ARN of the key have not changed
      And KMS logged 3 RotateKey service events for the key

    Scenario Outline: Rotating every <period> days for <years> year(s) of 365 days gives <count> rotation(s)
      Given a symmetric key
      And automatic rotation of the key was enabled with a period of <period> days
      And I keep a ciphertext of "at the start" under the key
      When 365 days pass, <years> times
      And I keep a ciphertext of "at the end" under the key
      Then the key was rotated <count> times, on "<rotation dates>"
      And the next rotation of the key is due on <next rotation>
      And every kept ciphertext decrypts to its plaintext, with the key material that made it

      Examples: the shortest period and longer ones (the default one is above)
        | period | years | count | rotation dates                                 | next rotation |
        | 90     | 1     | 4     | 2026-04-20, 2026-07-19, 2026-10-17, 2027-01-15 | 2027-04-15    |
        | 730    | 3     | 1     | 2028-01-20                                     | 2030-01-19    |
        | 2560   | 3     | 0     | -                                              | 2033-01-23    |

    Scenario: A jump of three years at once catches up every rotation, each on its own date
      Given a symmetric key
      And automatic rotation of the key was enabled
      And I keep a ciphertext of "before the jump" under the key
      When 1105 days pass
      Then it is now 2029-01-29T00:00:00Z
      And the key was rotated 3 times, AUTOMATIC, on "2027-01-20, 2028-01-20 and 2029-01-19"
      And the next rotation of the key is due on 2030-01-19
      And every kept ciphertext decrypts to its plaintext, with the key material that made it

    Scenario: A disabled key does not rotate, and its overdue rotation happens as soon as it is enabled again
      Given a symmetric key
      And automatic rotation of the key was enabled
      And the key was put in the Disabled state
      When 400 days pass
      Then the key was rotated 0 times
      And automatic rotation of the key is on, every 365 days, next on 2027-01-20T00:00:00Z
      When I enable the key
      Then the key was rotated 1 time, AUTOMATIC, on "2027-02-24"
      And the next rotation of the key is due on 2028-02-24

    Scenario: A disabled key cannot have its rotation turned on or off
      Given a symmetric key
      And the key was put in the Disabled state
      When I enable automatic rotation of the key
      Then the request fails with DisabledException
      And the error message is "<key ARN> is disabled."
      When I disable automatic rotation of the key
      Then the request fails with DisabledException
      And the error message is "<key ARN> is disabled."

    Scenario: A key pending deletion reads as not rotating, and cancelling the deletion restores its rotation
      Given a symmetric key
      And automatic rotation of the key was enabled with a period of 180 days
      When I schedule the deletion of the key with a waiting period of 30 days
      Then automatic rotation of the key is off
      When I cancel the deletion of the key
      Then the key is in the Disabled state
      And automatic rotation of the key is on, every 180 days, next on 2026-07-19T00:00:00Z

    Scenario: A rotation period is 90 to 2560 days
      Given a symmetric key
      When I enable automatic rotation of the key with a period of 89 days
      Then the request fails with ValidationException
      And the error message is "1 validation error detected: Value '89' at 'rotationPeriodInDays' failed to satisfy constraint: Member must have value greater than or equal to 90"
      When I enable automatic rotation of the key with a period of 2561 days
      Then the request fails with ValidationException
      And the error message is "1 validation error detected: Value '2561' at 'rotationPeriodInDays' failed to satisfy constraint: Member must have value less than or equal to 2560"
      And automatic rotation of the key is off
      When I enable automatic rotation of the key with a period of 90 days
      Then automatic rotation of the key is on, every 90 days, next on 2026-04-20T00:00:00Z

  Rule: On-demand rotation happens now, at most 25 times per key

    Scenario: On-demand rotation rotates now and leaves the automatic schedule alone
      Given a symmetric key
      And automatic rotation of the key was enabled
      And I keep a ciphertext of "before" under the key
      When 100 days pass
      And I rotate the key on demand
      Then the key was rotated 1 time, ON_DEMAND, on "2026-04-30"
      And automatic rotation of the key is on, every 365 days, next on 2027-01-20T00:00:00Z
      When I keep a ciphertext of "after" under the key
      Then the 2 kept ciphertexts were made with 2 different key materials
      And every kept ciphertext decrypts to its plaintext, with the key material that made it

    Scenario: A key can be rotated on demand 25 times, and not a 26th time
      Given a symmetric key
      And I keep a ciphertext of "with the first material" under the key
      When I rotate the key on demand 25 times
      Then the key was rotated 25 times
      And automatic rotation of the key is off
      When I rotate the key on demand
      Then the request fails with LimitExceededException
      And the error message is "The on-demand rotations limit has been reached for the given keyId. No more on-demand rotations can be performed for this key: <key ARN>"
      And ListKeyRotations with all key material shows 26 key materials for the key, 1 of them current
      And every kept ciphertext decrypts to its plaintext, with the key material that made it

  Rule: Only symmetric encryption keys whose material KMS made rotate automatically

    Scenario Outline: <operation> is refused for <kind>
      Given the key is <kind>
      When I call <operation> on the key
      Then the request fails with <error>

      Examples: the reference names the error, not its message
        | kind                                  | operation         | error                         |
        | an RSA_2048 key for ENCRYPT_DECRYPT   | EnableKeyRotation | UnsupportedOperationException |
        | an HMAC_256 key for GENERATE_VERIFY_MAC | EnableKeyRotation | UnsupportedOperationException |
        | an RSA_2048 key for SIGN_VERIFY       | RotateKeyOnDemand | UnsupportedOperationException |

    Scenario: A key with imported key material never rotates automatically, and on demand only into new imported material
      Given the key is a customer managed key with imported key material
      When I call EnableKeyRotation on the key
      Then the request fails with UnsupportedOperationException
      And the error message is "<key ARN> origin is EXTERNAL which is not valid for this operation."
      When I call RotateKeyOnDemand on the key
      Then the request fails with KMSInvalidStateException
      And the error message is "No available key material pending rotation for the key: <key ARN>."

  Rule: Manual rotation is a new key behind the same alias

    Scenario: Automatic rotation keeps the key behind an alias; manual rotation moves the alias to a new key
      Given key A is a symmetric key
      And the alias "alias/payroll" was created for key A
      And automatic rotation of key A was enabled
      And I keep a ciphertext of "2026 payroll" under the alias "alias/payroll"
      When 365 days pass
      And I keep a ciphertext of "2027 payroll" under the alias "alias/payroll"
      Then the kept ciphertext of "2026 payroll" names key A
      And the kept ciphertext of "2027 payroll" names key A
      And the 2 kept ciphertexts were made with 2 different key materials
      Given key B is a symmetric key
      When I point the alias "alias/payroll" to key B
      And I keep a ciphertext of "2028 payroll" under the alias "alias/payroll"
      Then the kept ciphertext of "2028 payroll" names key B
      And the alias "alias/payroll" points to key B
      And every kept ciphertext decrypts to its plaintext, with the key material that made it
      And key A was rotated 1 time
      And key B was rotated 0 times
