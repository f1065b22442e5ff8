Feature: Key policies
  As a learner preparing for an AWS certification, I want to read and change the key policy of a key, so that I
  know what CreateKey writes when I give no policy, and which policies KMS refuses. Every key has exactly one key
  policy, always named "default". KMS refuses a new policy that is not a valid policy, that names a principal that
  does not exist, that is larger than 32 KB, or that would no longer let me change the key policy (the lockout
  safety check) - unless I say BypassPolicyLockoutSafetyCheck. A refused policy leaves the old one in place.

  Background:
    Given I work in eu-west-2 as account 111122223333
    And the IAM user alice
    And the key is a symmetric key with the default key policy

  Scenario: GetKeyPolicy returns the default key policy that CreateKey wrote, exactly
    When I get the key policy of the key
    Then the key policy is named "default" and reads exactly:
      """
      {"Version":"2012-10-17","Id":"key-default-1","Statement":[{"Sid":"Enable IAM User Permissions","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111122223333:root"},"Action":"kms:*","Resource":"*"}]}
      """

  Scenario: A key policy that would lock me out is refused, and the old policy stays
    When I put the key policy on the key:
      """
      {"Version": "2012-10-17", "Statement": [
        {"Sid": "AliceOnly", "Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111122223333:user/alice"},
         "Action": ["kms:Encrypt", "kms:Decrypt", "kms:GetKeyPolicy", "kms:PutKeyPolicy"], "Resource": "*"}]}
      """
    Then the request fails with MalformedPolicyDocumentException
    And the error message is "The new key policy will not allow you to update the key policy in the future."
    And the key policy of the key is still the default key policy

  Scenario: With BypassPolicyLockoutSafetyCheck the same policy is accepted, and I am locked out
    When I put the key policy on the key, bypassing the lockout safety check:
      """
      {"Version": "2012-10-17", "Statement": [
        {"Sid": "AliceOnly", "Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111122223333:user/alice"},
         "Action": ["kms:Encrypt", "kms:Decrypt", "kms:GetKeyPolicy", "kms:PutKeyPolicy"], "Resource": "*"}]}
      """
    Then the request succeeds
    When alice gets the key policy of the key
    Then the key policy reads exactly:
      """
      {"Version": "2012-10-17", "Statement": [
        {"Sid": "AliceOnly", "Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111122223333:user/alice"},
         "Action": ["kms:Encrypt", "kms:Decrypt", "kms:GetKeyPolicy", "kms:PutKeyPolicy"], "Resource": "*"}]}
      """
    When I put the default key policy back on the key
    Then the request is denied
    And the decision rule is NO_KEY_POLICY_ALLOWS

  Scenario: A key policy that is not JSON is refused, and the old policy stays
    When I put the key policy on the key:
      """
      Version: 2012-10-17
      Statement: allow everything
      """
    Then the request fails with MalformedPolicyDocumentException
    And the error message starts with "The policy is malformed: the policy is not valid JSON"
    And the key policy of the key is still the default key policy

  Scenario: A statement without Effect is refused, and the old policy stays
    When I put the key policy on the key:
      """
      {"Version": "2012-10-17", "Statement": [
        {"Sid": "Enable IAM User Permissions", "Principal": {"AWS": "arn:aws:iam::111122223333:root"},
         "Action": "kms:*", "Resource": "*"}]}
      """
    Then the request fails with MalformedPolicyDocumentException
    And the error message is "The policy is malformed: statement 1 has no Effect."
    And the key policy of the key is still the default key policy

  Scenario: A principal that does not exist is refused, and the old policy stays
    When I put the key policy on the key:
      """
      {"Version": "2012-10-17", "Statement": [
        {"Sid": "Enable IAM User Permissions", "Effect": "Allow",
         "Principal": {"AWS": "arn:aws:iam::111122223333:root"}, "Action": "kms:*", "Resource": "*"},
        {"Sid": "AllowNobody", "Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111122223333:user/nobody"},
         "Action": "kms:Encrypt", "Resource": "*"}]}
      """
    Then the request fails with MalformedPolicyDocumentException
    And the error message is "Policy contains a statement with one or more invalid principals."
    And the key policy of the key is still the default key policy

  Scenario: A key policy of 32 KB is accepted
    When I put a key policy of 32768 bytes on the key
    Then the request succeeds
    And the key policy of the key is 32768 bytes long

  Scenario: A key policy over 32 KB is refused with LimitExceededException, and the old policy stays
    When I put a key policy of 32769 bytes on the key
    Then the request fails with LimitExceededException
    And the error message is "The key policy exceeds the maximum size of 32768 bytes."
    And the key policy of the key is still the default key policy
