Feature: Using a key of another account
  As a learner preparing for an AWS certification, I want to share a key with another AWS account, so that I know
  that it takes two sides: the key policy in the account that owns the key must allow the other account (or some of
  its principals), and an IAM policy in the other account must allow its users to use the key. Only the operations
  that use a key (Encrypt, Decrypt, GenerateDataKey*, ReEncrypt*, Sign, Verify, CreateGrant, DescribeKey, ...) work
  across accounts, never those that manage it; and the other account must name the key by its key ARN or an alias
  ARN, because a key id or an alias name always means a key of the caller's own account.

  Account 111122223333 owns the keys. In account 444455556666, frank may use keys of 111122223333 by his IAM
  policy, and gina has no IAM policy at all.

  Background:
    Given I work in eu-west-2 as account 111122223333
    And frank is an IAM user of account 444455556666 with the IAM policy "UseKeysOfAccountA":
      """
      {"Version": "2012-10-17", "Statement": [
        {"Sid": "UseKeysOfAccountA", "Effect": "Allow",
         "Action": ["kms:Encrypt", "kms:Decrypt", "kms:GenerateDataKey", "kms:DescribeKey",
                    "kms:DisableKey", "kms:ScheduleKeyDeletion", "kms:TagResource", "kms:GetKeyPolicy"],
         "Resource": "arn:aws:kms:eu-west-2:111122223333:key/*"}]}
      """
    And gina is an IAM user of account 444455556666
    And the key is a symmetric key with the key policy:
      """
      {"Version": "2012-10-17", "Statement": [
        {"Sid": "Enable IAM User Permissions", "Effect": "Allow",
         "Principal": {"AWS": "arn:aws:iam::111122223333:root"}, "Action": "kms:*", "Resource": "*"},
        {"Sid": "AllowAccountB", "Effect": "Allow",
         "Principal": {"AWS": "arn:aws:iam::444455556666:root"},
         "Action": ["kms:Encrypt", "kms:Decrypt", "kms:GenerateDataKey", "kms:DescribeKey",
                    "kms:DisableKey", "kms:ScheduleKeyDeletion", "kms:TagResource", "kms:GetKeyPolicy"],
         "Resource": "*"}]}
      """

  Scenario: With both sides allowing, a user of the other account encrypts with the key ARN
    When frank encrypts "shared invoice" under the key by its ARN
    Then the request is allowed
    And the decision rule is KEY_POLICY_AND_IAM_POLICY_ALLOW
    And the deciding statement is "UseKeysOfAccountA"
    And the decision trace mentions "cross-account"
    And Encrypt answers with the ARN of the key

  Scenario: With only the key policy side, a user of the other account is denied
    When gina encrypts "shared invoice" under the key by its ARN
    Then the request is denied
    And the decision rule is NO_IAM_POLICY_ALLOWS
    And the deciding statement is "AllowAccountB"
    And the error message is "User: arn:aws:iam::444455556666:user/gina is not authorized to perform: kms:Encrypt on resource: <key ARN> because no identity-based policy allows the kms:Encrypt action"

  Scenario: With only the IAM side, a user of the other account is denied
    Given key B is a symmetric key with the default key policy
    When frank encrypts "shared invoice" under key B by its ARN
    Then the request is denied
    And the decision rule is NO_KEY_POLICY_ALLOWS
    And the deciding statement is "-"
    And the error message is "User: arn:aws:iam::444455556666:user/frank is not authorized to perform: kms:Encrypt on resource: <key B ARN> because no resource-based policy allows the kms:Encrypt action"

  Scenario: The root user of the other account needs only the key policy side
    When the root user of account 444455556666 encrypts "shared invoice" under the key by its ARN
    Then the request is allowed
    And the decision rule is KEY_POLICY_AND_IAM_POLICY_ALLOW
    And the deciding statement is "AllowAccountB"

  Scenario: A key id alone names a key of the caller's own account, where there is none
    When frank encrypts "shared invoice" under the key by its key id
    Then the request fails with NotFoundException
    And the error message is "Key 'arn:aws:kms:eu-west-2:444455556666:key/<key id>' does not exist"

  Scenario: An alias name means an alias of the caller's own account; an alias ARN reaches the other account
    Given the alias "alias/shared" was created for the key
    When frank encrypts "shared invoice" under the alias "alias/shared"
    Then the request fails with NotFoundException
    And the error message is "Alias arn:aws:kms:eu-west-2:444455556666:alias/shared is not found."
    When frank encrypts "shared invoice" under the alias "arn:aws:kms:eu-west-2:111122223333:alias/shared"
    Then the request is allowed
    And Encrypt answers with the ARN of the key

  Scenario Outline: <operation> is <decision> across accounts, even though both policies allow it
    When frank calls <operation> on the key by its ARN
    Then the request is <decision>
    And the decision rule is <rule>
    And the denial message is "<message>"
    And the key is in the Enabled state

    Examples: operations that manage a key work only in the key's own account
      | operation           | decision | rule              | message                                                                                                                                                                                            |
      | DisableKey          | denied   | NOT_CROSS_ACCOUNT | User: arn:aws:iam::444455556666:user/frank is not authorized to perform: kms:DisableKey on resource: <key ARN> because no resource-based policy allows the kms:DisableKey action                   |
      | ScheduleKeyDeletion | denied   | NOT_CROSS_ACCOUNT | User: arn:aws:iam::444455556666:user/frank is not authorized to perform: kms:ScheduleKeyDeletion on resource: <key ARN> because no resource-based policy allows the kms:ScheduleKeyDeletion action |
      | TagResource         | denied   | NOT_CROSS_ACCOUNT | User: arn:aws:iam::444455556666:user/frank is not authorized to perform: kms:TagResource on resource: <key ARN> because no resource-based policy allows the kms:TagResource action                 |
      | GetKeyPolicy        | denied   | NOT_CROSS_ACCOUNT | User: arn:aws:iam::444455556666:user/frank is not authorized to perform: kms:GetKeyPolicy on resource: <key ARN> because no resource-based policy allows the kms:GetKeyPolicy action               |

    Examples: operations that use a key work across accounts
      | operation       | decision | rule                            | message |
      | DescribeKey     | allowed  | KEY_POLICY_AND_IAM_POLICY_ALLOW | -       |
      | GenerateDataKey | allowed  | KEY_POLICY_AND_IAM_POLICY_ALLOW | -       |

  Scenario: A user of the other account decrypts a ciphertext of the shared key
    Given a ciphertext of "shared invoice" under the key
    When frank decrypts the ciphertext
    Then the plaintext is "shared invoice"
    And Decrypt answers with the ARN of the key
    And the request is allowed
    And the deciding statement is "UseKeysOfAccountA"

  Scenario: A user of the other account who may not use the key learns nothing about it from a ciphertext
    Given a ciphertext of "shared invoice" under the key
    When gina decrypts the ciphertext
    Then the request is denied
    And the error message is "The ciphertext refers to a customer master key that does not exist, does not exist in this region, or you are not allowed to access."
