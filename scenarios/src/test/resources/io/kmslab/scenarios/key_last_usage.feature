Feature: When was a key last used? (GetKeyLastUsage)
  Before retiring a key, ask KMS when it last did a successful cryptographic operation with it. AWS answers the
  operation, its time, and the eventID of its CloudTrail event (to find who and what in the trail); failed calls and
  calls that only read the key (DescribeKey) do not count. AWS's advice stands: disable the key first and watch the
  trail for DisabledException before scheduling its deletion.

  Background:
    Given today is 2026-01-20

  Scenario: A key never used has no last usage
    Given the key is a customer managed key
    When I ask for the last usage of the key
    Then the key has no last usage, and its usage has been tracked since it was created

  Scenario: The last successful use is found, not a failed one made later
    Given the key is a customer managed key
    And a ciphertext of "my secret" under the key
    When 3 hours pass
    And I decrypt the ciphertext
    And 1 hour passes
    And I disable the key
    And I decrypt the ciphertext
    Then the request fails with DisabledException
    When I ask for the last usage of the key
    Then the last usage of the key is the Decrypt at 2026-01-20T03:00:00Z, with the eventID and request id of its CloudTrail event

  Scenario: An alias cannot name the key
    Given the key is a customer managed key
    And the alias "alias/retiring" was created for the key
    When I ask for the last usage of the key by its alias "alias/retiring"
    Then the request fails with InvalidArnException
    And the error message is "Key Aliases are not supported for this operation."
