Feature: Secrets Manager encrypts every version of a secret under its own data key
  As a learner preparing for an AWS certification, I want to see what Secrets Manager asks of KMS, so that I can
  tell why reading a secret fails, and what it takes to read a secret from another account.

  Secrets Manager uses envelope encryption: for every version of a secret it asks KMS GenerateDataKey for a 256-bit
  data key (KeySpec AES_256), with the encryption context SecretARN and SecretVersionId, encrypts the value under it
  and keeps only the encrypted data key. GetSecretValue asks KMS Decrypt for that data key. Every call is made for
  the caller, through Secrets Manager: CloudTrail shows invokedBy, source address and user agent
  "secretsmanager.amazonaws.com". Without a KmsKeyId, the AWS managed key aws/secretsmanager is used, which only
  principals of the secret's own account can use: a secret read from another account needs a customer managed key,
  and three policies that allow it.

  Background:
    Given today is 2026-03-02
    And I work in eu-west-2 as account 111122223333

  Scenario: Every version of a secret gets its own data key, bound to the secret and the version
    When I create the secret "prod/db" with the value "{\"password\":\"one\"}"
    Then the ARN of the secret "prod/db" is its name, a hyphen and six random characters
    And DescribeSecret shows no KmsKeyId for the secret "prod/db"
    When I look at the last GenerateDataKey event in the trail of account 111122223333
    Then the event reads:
      | requestParameters.keyId                             | alias/aws/secretsmanager     |
      | requestParameters.keySpec                           | AES_256                      |
      | requestParameters.encryptionContext.SecretARN       | <ARN of the secret prod/db>  |
      | requestParameters.encryptionContext.SecretVersionId | <version 1 of the secret>    |
      | userIdentity.arn                                    | arn:aws:iam::111122223333:root |
      | userIdentity.invokedBy                              | secretsmanager.amazonaws.com |
      | sourceIPAddress                                     | secretsmanager.amazonaws.com |
      | userAgent                                           | secretsmanager.amazonaws.com |
    When I put the value "{\"password\":\"two\"}" in the secret "prod/db"
    And I put the value "{\"password\":\"three\"}" in the secret "prod/db" as AWSPENDING
    Then the secret "prod/db" has the versions, oldest first:
      | AWSPREVIOUS |
      | AWSCURRENT  |
      | AWSPENDING  |
    And each version of the secret "prod/db" had its own GenerateDataKey call with the secret's ARN and its version id as encryption context

  Scenario: GetSecretValue decrypts the version's data key for the caller
    Given the secret "prod/db" with the value "one"
    When I put the value "two" in the secret "prod/db"
    And I get the value of the secret "prod/db"
    Then the secret value is "two"
    When I get the AWSPREVIOUS value of the secret "prod/db"
    Then the secret value is "one"
    When I look at the last Decrypt event in the trail of account 111122223333
    Then the event reads:
      | requestParameters.encryptionContext.SecretARN       | <ARN of the secret prod/db>  |
      | requestParameters.encryptionContext.SecretVersionId | <version 1 of the secret>    |
      | userIdentity.invokedBy                              | secretsmanager.amazonaws.com |

  Scenario: Reading a secret under a customer managed key needs kms:Decrypt
    Given key A is a symmetric key with the default key policy
    And the secret "app/token" with the value "t0k3n" under key A
    And the IAM user alice
    And alice has the IAM policy "SecretsManagerOnly":
      """
      {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "secretsmanager:*", "Resource": "*"}]}
      """
    When alice gets the value of the secret "app/token"
    Then Secrets Manager answers AccessDeniedException with the message "Access to KMS is not allowed"
    And the KMS decision behind the answer mentions "no IAM policy attached to the caller allows kms:Decrypt"

  Scenario: Disabling the key makes the secret unreadable; enabling it restores it
    Given key A is a symmetric key with the default key policy
    And the secret "app/token" with the value "t0k3n" under key A
    When I disable key A
    And I get the value of the secret "app/token"
    Then Secrets Manager answers DecryptionFailure with a message that starts with "Secrets Manager can't decrypt the secret value: <key A ARN> is disabled. (Service: AWSKMS; Status Code: 400; Error Code: DisabledException; Request ID: "
    When I enable key A
    And I get the value of the secret "app/token"
    Then the secret value is "t0k3n"

  Scenario: Changing the key: two probe calls, then the labelled versions are re-encrypted under the new key
    Given key A is a symmetric key with the default key policy
    And key B is a symmetric key with the default key policy
    And the secret "app/token" with the value "one" under key A
    And I put the value "two" in the secret "app/token"
    When I change the KMS key of the secret "app/token" to key B
    Then Secrets Manager made these KMS calls:
      | event name      | SecretVersionId            | key   |
      | GenerateDataKey | RequestToValidateKeyAccess | key B |
      | Decrypt         | RequestToValidateKeyAccess | key B |
      | Decrypt         | <version 1 of the secret>  | key A |
      | Encrypt         | <version 1 of the secret>  | key B |
      | Decrypt         | <version 2 of the secret>  | key A |
      | Encrypt         | <version 2 of the secret>  | key B |
    And DescribeSecret shows the KmsKeyId of the secret "app/token" as the ARN of key B
    When I disable key A
    And I get the value of the secret "app/token"
    Then the secret value is "two"

  Scenario: Another account reads a secret once the secret's resource policy, the key policy and its own IAM policy allow it
    Given key A is a symmetric key with the default key policy
    And the secret "shared/api-key" with the value "k3y" under key A
    And bob is an IAM user of account 444455556666 with the IAM policy "ReadTheSharedSecret":
      """
      {"Version": "2012-10-17", "Statement": [
        {"Effect": "Allow", "Action": "secretsmanager:GetSecretValue", "Resource": "*"},
        {"Effect": "Allow", "Action": "kms:Decrypt", "Resource": "*"}]}
      """
    When bob gets the value of the secret "shared/api-key"
    Then Secrets Manager answers AccessDeniedException with the message "User: <bob ARN> is not authorized to perform: secretsmanager:GetSecretValue on resource: <ARN of the secret shared/api-key> because no resource-based policy allows the secretsmanager:GetSecretValue action"
    And Secrets Manager's own decision mentions "cross-account: the resource policy does not allow the caller or its account"
    Given the secret "shared/api-key" has the resource policy:
      """
      {"Version": "2012-10-17", "Statement": [{"Effect": "Allow",
        "Principal": {"AWS": "arn:aws:iam::444455556666:user/bob"},
        "Action": "secretsmanager:GetSecretValue", "Resource": "*"}]}
      """
    When bob gets the value of the secret "shared/api-key"
    Then Secrets Manager answers AccessDeniedException with the message "Access to KMS is not allowed"
    When I put the key policy on key A:
      """
      {"Version": "2012-10-17", "Statement": [
        {"Sid": "Enable IAM User Permissions", "Effect": "Allow",
         "Principal": {"AWS": "arn:aws:iam::111122223333:root"}, "Action": "kms:*", "Resource": "*"},
        {"Sid": "Let bob decrypt the shared secret", "Effect": "Allow",
         "Principal": {"AWS": "arn:aws:iam::444455556666:user/bob"},
         "Action": ["kms:Decrypt", "kms:DescribeKey"], "Resource": "*"}]}
      """
    And bob gets the value of the secret "shared/api-key"
    Then the secret value is "k3y"
    When I look at the last Decrypt event in the trail of account 111122223333
    Then the event reads:
      | userIdentity.arn       | arn:aws:iam::444455556666:user/bob |
      | userIdentity.invokedBy | secretsmanager.amazonaws.com       |
      | recipientAccountId     | 111122223333                       |

  Scenario: A secret under aws/secretsmanager cannot be read from another account, whatever the policies say
    Given the secret "shared/api-key" with the value "k3y"
    And the secret "shared/api-key" has the resource policy:
      """
      {"Version": "2012-10-17", "Statement": [{"Effect": "Allow",
        "Principal": {"AWS": "arn:aws:iam::444455556666:root"},
        "Action": "secretsmanager:GetSecretValue", "Resource": "*"}]}
      """
    When the root user of account 444455556666 gets the value of the secret "shared/api-key"
    Then Secrets Manager answers AccessDeniedException with the message "Access to KMS is not allowed"
    And the KMS decision behind the answer mentions "kms:CallerAccount"

  Scenario: A bare key id is resolved in the caller's account, so another account cannot write a new version
    Given key A is a symmetric key with the default key policy
    And the secret "shared/api-key" with the value "k3y" under the key id of key A
    And the secret "shared/api-key" has the resource policy:
      """
      {"Version": "2012-10-17", "Statement": [{"Effect": "Allow",
        "Principal": {"AWS": "arn:aws:iam::444455556666:root"},
        "Action": "secretsmanager:PutSecretValue", "Resource": "*"}]}
      """
    When the root user of account 444455556666 puts the value "n3w" in the secret "shared/api-key"
    Then Secrets Manager answers EncryptionFailure with a message that starts with "Secrets Manager can't encrypt the secret value: Key 'arn:aws:kms:eu-west-2:444455556666:key/<key A id>' does not exist (Service: AWSKMS; Status Code: 400; Error Code: NotFoundException"

  Scenario: A deleted secret waits out its recovery window, during which it can be restored
    Given the secret "app/token" with the value "t0k3n"
    When I delete the secret "app/token" with a recovery window of 7 days
    Then the secret will be deleted at 2026-03-09T00:00:00Z
    And DescribeSecret shows the secret "app/token" as deleted on 2026-03-02T00:00:00Z
    When I get the value of the secret "app/token"
    Then Secrets Manager answers InvalidRequestException with the message "You can't perform this operation on the secret because it was marked for deletion."
    When 6 days pass
    And I restore the secret "app/token"
    And I get the value of the secret "app/token"
    Then the secret value is "t0k3n"
    When I delete the secret "app/token" with a recovery window of 7 days
    And 7 days pass
    And I get the value of the secret "app/token"
    Then Secrets Manager answers ResourceNotFoundException with the message "Secrets Manager can't find the specified secret."

  Scenario Outline: The recovery window is 7 to 30 days
    Given the secret "app/token" with the value "t0k3n"
    When I delete the secret "app/token" with a recovery window of <days> days
    Then Secrets Manager answers InvalidParameterException with the message "The RecoveryWindowInDays value must be between 7 and 30 days (inclusive)."

    Examples:
      | days |
      | 6    |
      | 31   |

  Scenario: ForceDeleteWithoutRecovery deletes the secret at once
    Given the secret "app/token" with the value "t0k3n"
    When I delete the secret "app/token" without recovery
    And I restore the secret "app/token"
    Then Secrets Manager answers ResourceNotFoundException
    When I create the secret "app/token" with the value "again"
    And I get the value of the secret "app/token"
    Then the secret value is "again"
