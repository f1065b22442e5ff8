Feature: SSM Parameter Store keeps SecureString parameters encrypted with KMS
  As a learner preparing for an AWS certification, I want to see what Parameter Store asks of KMS, so that I can
  tell why reading a SecureString fails and what a key policy or an IAM policy must allow.

  Parameter Store never encrypts anything itself. A standard SecureString (up to 4 KB) is encrypted by KMS Encrypt
  with the value itself; an advanced one (up to 8 KB) by envelope encryption: KMS GenerateDataKey gives a data key,
  the value is encrypted under it, and only the encrypted data key is kept. Every KMS call is made for the caller,
  through SSM (kms:ViaService is ssm.<region>.amazonaws.com), with the parameter's ARN as encryption context
  (PARAMETER_ARN). GetParameter answers the encrypted value unless it asks WithDecryption, and only then calls KMS
  Decrypt, which needs kms:Decrypt. Without a KeyId, Parameter Store uses the AWS managed key alias/aws/ssm, which
  every principal of the account may use through SSM.

  Background:
    Given today is 2026-03-02
    And I work in eu-west-2 as account 111122223333

  Scenario: A SecureString is encrypted by KMS Encrypt, with the parameter's ARN as encryption context
    When I put the SecureString parameter "/prod/db/password" with the value "s3cr3t"
    Then the parameter is stored in the Standard tier, version 1
    And DescribeParameters shows the parameter "/prod/db/password" under the key "alias/aws/ssm" in the Standard tier
    When I look at the last Encrypt event in the trail of account 111122223333
    Then the event reads:
      | eventSource                                       | kms.amazonaws.com                                          |
      | requestParameters.keyId                           | alias/aws/ssm                                              |
      | requestParameters.encryptionContext.PARAMETER_ARN | arn:aws:ssm:eu-west-2:111122223333:parameter/prod/db/password |
      | userIdentity.arn                                  | arn:aws:iam::111122223333:root                             |
      | userIdentity.invokedBy                            | ssm.amazonaws.com                                          |
      | userAgent                                         | ssm.amazonaws.com                                          |

  Scenario: Without WithDecryption, GetParameter answers the ciphertext and KMS is not called
    Given the SecureString parameter "db-password" with the value "s3cr3t"
    When I get the parameter "db-password"
    Then the value is a KMS ciphertext in base64, under the AWS managed key alias/aws/ssm
    And Parameter Store made no KMS call
    When I get the parameter "db-password" with decryption
    Then the value is "s3cr3t"
    When I look at the last Decrypt event in the trail of account 111122223333
    Then the event reads:
      | requestParameters.encryptionContext.PARAMETER_ARN | <parameter ARN of db-password> |
      | userIdentity.invokedBy                            | ssm.amazonaws.com              |

  Scenario: An advanced SecureString is protected by envelope encryption
    When I put the SecureString parameter "/prod/cert" with a value of 6000 characters in the Advanced tier
    Then the parameter is stored in the Advanced tier, version 1
    And the trail has no Encrypt event
    When I look at the last GenerateDataKey event in the trail of account 111122223333
    Then the event reads:
      | requestParameters.keyId                           | alias/aws/ssm                                   |
      | requestParameters.numberOfBytes                   | 32                                              |
      | requestParameters.encryptionContext.PARAMETER_ARN | arn:aws:ssm:eu-west-2:111122223333:parameter/prod/cert |
    When I get the parameter "/prod/cert"
    Then the value is encrypted, not "xxxxxxxxxxxxxxxx"
    When I get the parameter "/prod/cert" with decryption
    Then the value is 6000 characters long

  Scenario Outline: Disabling the key behind a <tier> SecureString makes GetParameter WithDecryption fail, enabling it restores it
    Given key A is a symmetric key with the default key policy
    And the <tier> SecureString parameter "/prod/db/password" with the value "s3cr3t" under key A
    When I disable key A
    And I get the parameter "/prod/db/password" with decryption
    Then Parameter Store answers InvalidKeyId with a message that starts with "<key A ARN> is disabled. (Service: AWSKMS; Status Code: 400; Error Code: DisabledException; Request ID: "
    When I get the parameter "/prod/db/password"
    Then Parameter Store made no KMS call
    When I enable key A
    And I get the parameter "/prod/db/password" with decryption
    Then the value is "s3cr3t"

    Examples:
      | tier     |
      | Standard |
      | Advanced |

  Scenario: A standard parameter holds at most 4 KB; a larger value needs the advanced tier
    When I put the SecureString parameter "big" with a value of 4097 characters in the Standard tier
    Then Parameter Store answers ValidationException with the message "Standard tier parameters support a maximum parameter value of 4096 characters. To create a larger parameter value, upgrade the parameter to use the advanced-parameter tier. For more information, see https://docs.aws.amazon.com/systems-manager/latest/userguide/parameter-store-advanced-parameters.html"
    And the trail has no Encrypt event
    When I put the SecureString parameter "big" with a value of 4097 characters in the Intelligent-Tiering tier
    Then the parameter is stored in the Advanced tier, version 1

  Scenario: A standard parameter may become advanced, an advanced one never standard again
    Given the SecureString parameter "token" with the value "one"
    When I overwrite the parameter "token" with the value "two" in the Advanced tier
    Then the parameter is stored in the Advanced tier, version 2
    When I overwrite the parameter "token" with the value "three" in the Standard tier
    Then Parameter Store answers ValidationException with a message that starts with "You can't downgrade a parameter from the advanced-parameter tier to the standard-parameter tier"
    When I get the parameter "token" with decryption
    Then the value is "two"

  Scenario: Reading a SecureString under a customer managed key needs kms:Decrypt
    Given key A is a symmetric key with the default key policy
    And the IAM user alice
    And alice has the IAM policy "ParameterStoreAndEncrypt":
      """
      {"Version": "2012-10-17", "Statement": [
        {"Effect": "Allow", "Action": "ssm:*", "Resource": "*"},
        {"Effect": "Allow", "Action": "kms:Encrypt", "Resource": "*"}]}
      """
    And alice puts the SecureString parameter "/app/token" with the value "t0k3n" under key A
    When alice gets the parameter "/app/token" with decryption
    Then Parameter Store answers AccessDeniedException with a message that starts with "User: <alice ARN> is not authorized to perform: kms:Decrypt on resource: <key A ARN> because no identity-based policy allows the kms:Decrypt action (Service: AWSKMS; Status Code: 400; Error Code: AccessDeniedException; Request ID: "
    And the KMS decision behind the answer mentions "no IAM policy attached to the caller allows kms:Decrypt"
    When alice gets the parameter "/app/token"
    Then the value is a KMS ciphertext in base64, under key A

  Scenario: Every principal of the account may use alias/aws/ssm through Parameter Store; only an explicit Deny narrows it
    Given the IAM users bob and carol
    And bob has the IAM policy "ParameterStoreOnly":
      """
      {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "ssm:*", "Resource": "*"}]}
      """
    And carol has the IAM policy "ParameterStoreButNoDecrypt":
      """
      {"Version": "2012-10-17", "Statement": [
        {"Effect": "Allow", "Action": "ssm:*", "Resource": "*"},
        {"Effect": "Deny", "Action": "kms:Decrypt", "Resource": "*"}]}
      """
    And bob puts the SecureString parameter "/app/token" with the value "t0k3n"
    When bob gets the parameter "/app/token" with decryption
    Then the value is "t0k3n"
    When carol gets the parameter "/app/token" with decryption
    Then Parameter Store answers AccessDeniedException with a message that starts with "User: <carol ARN> is not authorized to perform: kms:Decrypt on resource: "
    And the KMS decision behind the answer mentions "an explicit Deny in an IAM policy of the caller wins over every Allow"
    When bob encrypts "t0k3n" under the alias "alias/aws/ssm"
    Then the request is denied

  Scenario: A condition on kms:EncryptionContext:PARAMETER_ARN lets a principal decrypt one path only
    Given key A is a symmetric key with the default key policy
    And the SecureString parameter "/team-a/token" with the value "a" under key A
    And the SecureString parameter "/team-b/token" with the value "b" under key A
    And the IAM user alice
    And alice has the IAM policy "TeamA":
      """
      {"Version": "2012-10-17", "Statement": [
        {"Effect": "Allow", "Action": "ssm:GetParameter*", "Resource": "*"},
        {"Effect": "Allow", "Action": "kms:Decrypt", "Resource": "*", "Condition": {"StringLike": {
          "kms:EncryptionContext:PARAMETER_ARN": "arn:aws:ssm:eu-west-2:111122223333:parameter/team-a/*"}}}]}
      """
    When alice gets the parameter "/team-a/token" with decryption
    Then the value is "a"
    When alice gets the parameter "/team-b/token" with decryption
    Then Parameter Store answers AccessDeniedException
    And the KMS decision behind the answer mentions "kms:EncryptionContext:PARAMETER_ARN = arn:aws:ssm:eu-west-2:111122223333:parameter/team-b/token"

  Scenario: Parameter Store's own actions need an IAM permission before any KMS call
    Given the IAM user dave
    When dave puts the SecureString parameter "/app/token" with the value "t0k3n"
    Then Parameter Store answers AccessDeniedException with the message "User: <dave ARN> is not authorized to perform: ssm:PutParameter on resource: <parameter ARN of /app/token> because no identity-based policy allows the ssm:PutParameter action"
    And Parameter Store's own decision mentions "neither an IAM policy of the caller nor the resource policy allows the action"
    And the trail has no Encrypt event

  Scenario: Each write and each decrypting read is one KMS request on the bill
    Given the SecureString parameter "db-password" with the value "s3cr3t"
    When I get the parameter "db-password" with decryption
    And I get the parameter "db-password" with decryption
    And I get the parameter "db-password"
    And the bill of March 2026 is issued on 2026-04-01
    Then the bill counts 3 requests in the free tier and 0 billed symmetric requests
    And the bill has no key fees
