Feature: Aliases
  As a learner preparing for an AWS certification, I want to use aliases as friendly names for keys,
  so that applications can say "alias/tutorial" instead of a key id, and so that I can rotate a key by hand:
  create a new key and point the alias to it, keeping the old key for the data it already protects.
  An alias name starts with "alias/"; names under "alias/aws/" belong to AWS managed keys.

  Background:
    Given today is 2026-01-20
    And I work in eu-west-2 as account 111122223333

  Scenario: An alias names a key in its region and account
    Given a symmetric key
    When I create the alias "alias/tutorial" for the key
    Then the request succeeds
    And the alias "alias/tutorial" points to the key
    And ListAliases shows the alias "alias/tutorial" with the ARN "arn:aws:kms:eu-west-2:111122223333:alias/tutorial"

  Scenario: Encrypt accepts the alias and answers with the key ARN
    Given a symmetric key with the alias "alias/tutorial"
    When I encrypt "hello" under the alias "alias/tutorial"
    Then Encrypt answers with the ARN of the key
    And the ciphertext header names the key

  Scenario: DescribeKey resolves an alias name and an alias ARN to the same key
    Given a symmetric key with the alias "alias/tutorial"
    When I describe the key behind "alias/tutorial"
    Then the described key is the key
    When I describe the key behind "arn:aws:kms:eu-west-2:111122223333:alias/tutorial"
    Then the described key is the key

  Scenario: Manual rotation moves the alias to a new key and keeps the old key for old data
    Given key A is a symmetric key
    And the alias "alias/app" was created for key A
    And a ciphertext of "written in 2025" under the alias "alias/app"
    And key B is a symmetric key
    When I point the alias "alias/app" to key B
    Then the alias "alias/app" points to key B
    When I decrypt the ciphertext
    Then the plaintext is "written in 2025"
    And Decrypt answers with the ARN of key A
    When I encrypt "written in 2026" under the alias "alias/app"
    Then Encrypt answers with the ARN of key B

  Scenario: An alias cannot move to a key of another type
    Given a symmetric key with the alias "alias/app"
    And key B is an HMAC_256 key for GENERATE_VERIFY_MAC
    When I point the alias "alias/app" to key B
    Then the request fails with ValidationException
    And the alias "alias/app" points to the key

  Scenario: Two aliases cannot have the same name
    Given a symmetric key with the alias "alias/tutorial"
    And key B is a symmetric key
    When I create the alias "alias/tutorial" for key B
    Then the request fails with AlreadyExistsException
    And the error message is "An alias with the name <alias/tutorial ARN> already exists"
    And the alias "alias/tutorial" points to the key

  Scenario Outline: The alias name <name> is refused
    Given a symmetric key
    When I create the alias "<name>" for the key
    Then the request fails with <error>
    And the error message is "<message>"

    Examples: alias names must start with alias/ and use letters, digits, slashes, underscores and dashes
      | name            | error               | message                                                                                                                                    |
      | tutorial        | ValidationException | Alias must start with the prefix "alias/". Please see https://docs.aws.amazon.com/kms/latest/developerguide/kms-alias.html                |
      | alias/my-alias! | ValidationException | 1 validation error detected: Value 'alias/my-alias!' at 'aliasName' failed to satisfy constraint: Member must satisfy regular expression pattern: ^[a-zA-Z0-9:/_-]+$ |

    Examples: names under alias/aws/ are reserved for AWS managed keys
      | name            | error                  | message |
      | alias/aws/s3    | NotAuthorizedException |         |

  Scenario: Deleting an alias leaves its key untouched
    Given a symmetric key with the alias "alias/tutorial"
    When I delete the alias "alias/tutorial"
    Then the request succeeds
    And ListAliases does not show the alias "alias/tutorial"
    And the key is in the Enabled state
    When I encrypt "hello" under the alias "alias/tutorial"
    Then the request fails with NotFoundException
    And the error message is "Alias <alias/tutorial ARN> is not found."

  Scenario: Operations that manage a key do not accept an alias
    Given a symmetric key with the alias "alias/tutorial"
    When I schedule the deletion of the key behind "alias/tutorial"
    Then the request fails with InvalidArnException
    And the error message is "Key Aliases are not supported for this operation."
    And the key is in the Enabled state
