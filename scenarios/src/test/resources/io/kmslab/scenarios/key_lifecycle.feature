Feature: The life of a KMS key
  As a learner preparing for an AWS certification, I want to watch a customer managed key go through its states,
  so that I know what CreateKey gives me, what a disabled key refuses, and why deleting a key takes a waiting
  period of 7 to 30 days (deletion is final: everything encrypted under the key becomes unrecoverable).

  Background:
    Given today is 2026-01-20
    And I work in eu-west-2 as account 111122223333

  Scenario: CreateKey without options gives an enabled, customer managed, symmetric encryption key
    When I create a key with the description "tutorial"
    Then the key is in the Enabled state
    And DescribeKey shows the key with Enabled true
    And the key manager of the key is CUSTOMER
    And the key spec of the key is SYMMETRIC_DEFAULT
    And the key usage of the key is ENCRYPT_DECRYPT
    And the origin of the key is AWS_KMS
    And the encryption algorithms of the key are "SYMMETRIC_DEFAULT"
    And the key has no signing or MAC algorithms
    And the description of the key is "tutorial"
    And the key was created at 2026-01-20T00:00:00Z

  Scenario: A disabled key can be enabled again
    Given a symmetric key
    When I disable the key
    Then the key is in the Disabled state
    And DescribeKey shows the key with Enabled false
    When I enable the key
    Then the key is in the Enabled state
    And DescribeKey shows the key with Enabled true

  Scenario: ScheduleKeyDeletion waits 30 days when no waiting period is given
    Given a symmetric key
    When I schedule the deletion of the key
    Then ScheduleKeyDeletion answers with the ARN of the key, the state PendingDeletion and a waiting period of 30 days
    And ScheduleKeyDeletion answers with the deletion date 2026-02-19T00:00:00Z
    And the key is in the PendingDeletion state
    And DescribeKey shows the key with Enabled false
    And the deletion date of the key is 2026-02-19T00:00:00Z
    And DescribeKey shows no pending deletion window for the key

  Scenario Outline: A waiting period of <days> days is accepted
    Given a symmetric key
    When I schedule the deletion of the key with a waiting period of <days> days
    Then ScheduleKeyDeletion answers with the ARN of the key, the state PendingDeletion and a waiting period of <days> days
    And the deletion date of the key is <deletion date>

    Examples: the shortest and the longest waiting periods
      | days | deletion date        |
      | 7    | 2026-01-27T00:00:00Z |
      | 30   | 2026-02-19T00:00:00Z |

  Scenario Outline: A waiting period of <days> days is refused
    Given a symmetric key
    When I schedule the deletion of the key with a waiting period of <days> days
    Then the request fails with ValidationException
    And the error message is "PendingWindowInDays must be between 7 and 30"
    And the key is in the Enabled state

    Examples: one day too short, one day too long
      | days |
      | 6    |
      | 31   |

  Scenario: A key pending deletion refuses to encrypt
    Given a symmetric key
    And I schedule the deletion of the key with a waiting period of 7 days
    When I call Encrypt on the key
    Then the request fails with KMSInvalidStateException
    And the error message is "<key ARN> is pending deletion."

  Scenario: Cancelling a deletion leaves the key Disabled, not Enabled
    Given a symmetric key
    And the key was put in the PendingDeletion state
    When I cancel the deletion of the key
    Then the key is in the Disabled state
    And the key has no deletion date
    When I call Encrypt on the key
    Then the request fails with DisabledException
    And the error message is "<key ARN> is disabled."

  Scenario: Only a key pending deletion can have its deletion cancelled
    Given a symmetric key
    When I cancel the deletion of the key
    Then the request fails with KMSInvalidStateException
    And the error message is "<key ARN> is not pending deletion."

  Scenario: Once the waiting period is over the key and its aliases are gone
    Given a symmetric key with the alias "alias/tutorial"
    And I schedule the deletion of the key with a waiting period of 7 days
    When 7 days less a moment pass
    Then the key is in the PendingDeletion state
    When 2 seconds pass
    Then it is now 2026-01-27T00:00:01Z
    When I describe the key
    Then the request fails with NotFoundException
    And the error message is "Key '<key ARN>' does not exist"
    And ListAliases does not show the alias "alias/tutorial"
    When I encrypt "hello" under the alias "alias/tutorial"
    Then the request fails with NotFoundException
    And the error message is "Alias <alias/tutorial ARN> is not found."

  Scenario Outline: A <state> key refuses <operation>
    Given a symmetric key
    And key B is a symmetric key
    And a ciphertext of "payroll" under the key
    And the key was put in the <state> state
    When I call <operation> on the key
    Then the request fails with <error>
    And the error message is "<message>"

    Examples: a disabled key cannot be used for cryptography
      | state    | operation         | error                    | message                            |
      | Disabled | Decrypt           | DisabledException        | <key ARN> is disabled.             |
      | Disabled | GenerateDataKey   | DisabledException        | <key ARN> is disabled.             |
      | Disabled | ReEncrypt         | DisabledException        | <key ARN> is disabled.             |
      | Disabled | CancelKeyDeletion | KMSInvalidStateException | <key ARN> is not pending deletion. |

    Examples: a key pending deletion can be neither used nor managed
      | state           | operation                       | error                    | message                        |
      | PendingDeletion | GenerateDataKeyWithoutPlaintext | KMSInvalidStateException | <key ARN> is pending deletion. |
      | PendingDeletion | EnableKey                       | KMSInvalidStateException | <key ARN> is pending deletion. |
      | PendingDeletion | ScheduleKeyDeletion             | KMSInvalidStateException | <key ARN> is pending deletion. |
      | PendingDeletion | CreateAlias                     | KMSInvalidStateException | <key ARN> is pending deletion. |

  Scenario Outline: A <state> key still answers <operation>
    Given a symmetric key
    And the key was put in the <state> state
    When I call <operation> on the key
    Then the request succeeds
    And the key is in the <state afterwards> state

    Examples:
      | state           | operation           | state afterwards |
      | Disabled        | CreateAlias         | Disabled         |
      | Disabled        | ScheduleKeyDeletion | PendingDeletion  |
      | PendingDeletion | DescribeKey         | PendingDeletion  |
