Feature: Keys belong to one region of one account
  As a learner preparing for an AWS certification, I want to see that a KMS key lives in exactly one region of
  one account, so that I understand key ARNs (arn:aws:kms:<region>:<account>:key/<key id>), why a key id means
  nothing in another region, and why a ciphertext made in eu-west-2 cannot be decrypted in us-east-1
  (unless the key is a multi-Region key).

  Background:
    Given today is 2026-01-20
    And I work in eu-west-2 as account 111122223333

  Scenario Outline: A key ARN names the region and the account of the key (<region>, <account>)
    Given I work in <region> as account <account>
    When I create a key
    Then the ARN of the key is "arn:aws:kms:<region>:<account>:key/<key id>"
    And the key id of the key is a random UUID

    Examples:
      | region         | account      |
      | eu-west-2      | 111122223333 |
      | ap-southeast-2 | 444455556666 |

  Scenario: A key id of eu-west-2 is not found in us-east-1
    Given a symmetric key
    When I describe the key by its key id in us-east-1
    Then the request fails with NotFoundException
    And the error message is "Key 'arn:aws:kms:us-east-1:111122223333:key/<key id>' does not exist"

  Scenario: A key ARN of eu-west-2 is refused in us-east-1
    Given a symmetric key
    When I describe the key by its ARN in us-east-1
    Then the request fails with NotFoundException
    And the error message is "Invalid arn eu-west-2"

  Scenario: An alias is regional too
    Given a symmetric key with the alias "alias/tutorial"
    When I encrypt "hello" under the alias "alias/tutorial" in us-east-1
    Then the request fails with NotFoundException
    And the error message is "Alias arn:aws:kms:us-east-1:111122223333:alias/tutorial is not found."

  Scenario: A ciphertext made in eu-west-2 does not decrypt in us-east-1
    Given a symmetric key
    And a ciphertext of "my secret" under the key
    When I decrypt the ciphertext in us-east-1
    Then the request fails with AccessDeniedException
    And the error message is "The ciphertext refers to a customer master key that does not exist, does not exist in this region, or you are not allowed to access."
    When I decrypt the ciphertext in eu-west-2
    Then the plaintext is "my secret"

  Scenario: The same alias name can exist in two regions for two different keys
    Given a symmetric key with the alias "alias/app"
    And key B is a symmetric key in us-east-1 with the alias "alias/app"
    When I encrypt "hello" under the alias "alias/app" in us-east-1
    Then Encrypt answers with the ARN of key B
    And the ciphertext header names the region us-east-1 and the account 111122223333

  Scenario: Each account has its own keys
    Given a symmetric key
    When account 111122223333 lists its keys in eu-west-2
    Then the key list contains the key
    When account 444455556666 lists its keys in eu-west-2
    Then the key list does not contain the key
    When account 444455556666 describes the key by its key id in eu-west-2
    Then the request fails with NotFoundException
    And the error message is "Key 'arn:aws:kms:eu-west-2:444455556666:key/<key id>' does not exist"

  Scenario: Another account is denied a key it names by ARN, because the default key policy trusts only the owner
    Given a symmetric key
    When account 444455556666 describes the key by its ARN in eu-west-2
    Then the request fails with AccessDeniedException
    And the error message is "User: arn:aws:iam::444455556666:root is not authorized to perform: kms:DescribeKey on resource: <key ARN> because no resource-based policy allows the kms:DescribeKey action"

  Scenario: Another account cannot decrypt my ciphertext
    Given a symmetric key
    And a ciphertext of "my secret" under the key
    When account 444455556666 decrypts the ciphertext in eu-west-2
    Then the request fails with AccessDeniedException
    And the error message is "The ciphertext refers to a customer master key that does not exist, does not exist in this region, or you are not allowed to access."
