Feature: Amazon RDS encrypts databases with a KMS key
  As a learner preparing for an AWS certification, I want to watch what RDS does with a KMS key, so that I know that a
  database is encrypted only when it is created (an existing one is encrypted by snapshot, encrypted copy and
  restore), that a snapshot copied to another Region needs a key of that Region, that a snapshot under the AWS managed
  key aws/rds cannot be shared, and that a database whose key is disabled becomes inaccessible: recoverable for seven
  days, then for good.

  RDS calls KMS as me when I create, copy or restore (DescribeKey, CreateGrant, and for copies Decrypt and
  GenerateDataKey); the running database then uses its key through the grant, as a principal of RDS ("RDS for
  <instance>"), with the encryption context aws:rds:db-id = the instance's DbiResourceId. The rows are KMS Lab's own
  stand-in for the database, really encrypted under the instance's data key.

  Background:
    Given today is 2026-03-02
    And I work in eu-west-2 as account 111122223333

  Scenario: An encrypted DB instance gets its data key through a grant to RDS
    Given the key is a symmetric key
    When I create the DB instance "orders" encrypted under the key
    Then the DB instance "orders" is encrypted under the key
    When I query the audit trail of account 111122223333 with:
      | key | the key |
    Then the query finds these events, oldest first:
      | event name                      | caller         | error code |
      | CreateKey                       | the root user  | -          |
      | DescribeKey                     | the root user  | -          |
      | CreateGrant                     | the root user  | -          |
      | GenerateDataKeyWithoutPlaintext | RDS for orders | -          |
      | Decrypt                         | RDS for orders | -          |
    When I look at the last CreateGrant event in the trail of account 111122223333
    Then the event reads:
      | userIdentity.invokedBy             | rds.amazonaws.com          |
      | requestParameters.granteePrincipal | <RDS for orders ARN>       |
    When I look at the last GenerateDataKeyWithoutPlaintext event in the trail of account 111122223333
    Then the event reads:
      | userIdentity.type                                 | AssumedRole               |
      | requestParameters.encryptionContext.aws:rds:db-id | <DbiResourceId of orders> |

  Scenario: The rows of an encrypted database are stored only as ciphertext, under aws/rds by default
    Given I created the DB instance "orders" encrypted with the default key
    When I write the row "42" = "4 boxes of tea" to the DB instance "orders"
    And I read the row "42" of the DB instance "orders"
    Then the row reads "4 boxes of tea"
    And RDS stores the rows of "orders" only as ciphertext
    And the DB instance "orders" is encrypted under the AWS managed key aws/rds

  Scenario: Encryption is chosen when the instance is created, never afterwards
    Given the key is a symmetric key
    When I create the mariadb DB instance "orders" naming the key without turning on StorageEncrypted
    Then RDS answers InvalidParameterCombination with the message "You must enable StorageEncrypted when you specify KmsKeyId for DB engine mariadb"
    Given I created the unencrypted DB instance "legacy"
    Then ModifyDBInstance has no parameter that encrypts an instance or changes its key
    When I ask ModifyDBInstance to change nothing but the encryption of "legacy"
    Then RDS answers InvalidParameterCombination with the message "No modifications were requested"

  Scenario: An unencrypted database is encrypted by snapshot, encrypted copy and restore
    Given the key is a symmetric key
    And I created the unencrypted DB instance "legacy"
    And the DB instance "legacy" holds the row "1" = "customer record"
    When I take the snapshot "legacy-snap" of the DB instance "legacy"
    Then the snapshot "legacy-snap" is not encrypted
    When I copy the snapshot "legacy-snap" to "legacy-encrypted" under the key
    Then the snapshot "legacy-encrypted" in eu-west-2 is encrypted under the key
    When I restore the DB instance "legacy-v2" from the snapshot "legacy-encrypted"
    Then the DB instance "legacy-v2" is encrypted under the key
    And the row "1" of the DB instance "legacy-v2" in eu-west-2 reads "customer record"
    And RDS stores the rows of "legacy-v2" only as ciphertext
    And the DB instance "legacy" is not encrypted

  Scenario: A copy to another Region must name a key of the destination Region
    Given the key is a symmetric key
    And key B is a symmetric key in us-east-1 with the alias "alias/orders-dr"
    And I created the DB instance "orders" encrypted under the key
    And the DB instance "orders" holds the row "1" = "tea"
    And I took the snapshot "nightly" of the DB instance "orders"
    When in us-east-1 I copy the snapshot "nightly" of eu-west-2 to "nightly-dr" without naming a key
    Then RDS answers InvalidParameterValue with the message "Must specify new KMS key for cross region encrypted snapshot copy."
    When in us-east-1 I copy the snapshot "nightly" of eu-west-2 to "nightly-dr" under the key
    Then RDS answers KMSKeyNotAccessibleFault with the message "The target KMS key [<key ARN>] does not exist, is not enabled or you do not have permissions to access it."
    When in us-east-1 I copy the snapshot "nightly" of eu-west-2 to "nightly-dr" under key B
    Then the snapshot "nightly-dr" in us-east-1 is encrypted under key B
    When I look at the last Decrypt event in the trail of account 111122223333
    Then the event reads:
      | awsRegion              | eu-west-2                      |
      | userIdentity.arn       | arn:aws:iam::111122223333:root |
      | userIdentity.invokedBy | rds.amazonaws.com              |
    When I look at the last GenerateDataKey event in the trail of account 111122223333
    Then the event reads:
      | awsRegion               | us-east-1       |
      | requestParameters.keyId | <key B ARN>     |
    When in us-east-1 I restore the DB instance "orders-dr" from the snapshot "nightly-dr"
    Then the row "1" of the DB instance "orders-dr" in us-east-1 reads "tea"

  Scenario: A snapshot under the AWS managed key aws/rds cannot be shared
    Given I created the DB instance "orders" encrypted with the default key
    And I took the snapshot "nightly" of the DB instance "orders"
    When I share the DB snapshot "nightly" with account 444455556666
    Then RDS answers InvalidParameterValue with the message "You can't share a snapshot that has been encrypted using the default KMS key of the AWS account that shared the snapshot."
    And the DB snapshot "nightly" is shared with nobody

  Scenario: The other account copies a shared snapshot under its own key, once the key policy lets it
    Given the key is a symmetric key
    And I created the DB instance "orders" encrypted under the key
    And the DB instance "orders" holds the row "1" = "tea"
    And I took the snapshot "nightly" of the DB instance "orders"
    And I work in eu-west-2 as account 444455556666
    And key B is a symmetric key
    And I work in eu-west-2 as account 111122223333
    When I share the DB snapshot "nightly" with account 444455556666
    Then the DB snapshot "nightly" is shared with account 444455556666
    When account 444455556666 copies my shared snapshot "nightly" to "theirs" without naming a key
    Then RDS answers KMSKeyNotAccessibleFault with the message "The target KMS key [None] does not exist, is not enabled or you do not have permissions to access it."
    When account 444455556666 copies my shared snapshot "nightly" to "theirs" under key B
    Then RDS answers KMSKeyNotAccessibleFault with the message "The source snapshot KMS key [<key ARN>] does not exist, is not enabled or you do not have permissions to access it."
    And the KMS error behind the answer is AccessDeniedException
    When I put the key policy on the key:
      """
      {"Version": "2012-10-17", "Statement": [
        {"Sid": "Enable IAM User Permissions", "Effect": "Allow",
         "Principal": {"AWS": "arn:aws:iam::111122223333:root"}, "Action": "kms:*", "Resource": "*"},
        {"Sid": "LetAccountBCopyMySnapshots", "Effect": "Allow",
         "Principal": {"AWS": "arn:aws:iam::444455556666:root"},
         "Action": ["kms:Decrypt", "kms:DescribeKey", "kms:CreateGrant"], "Resource": "*"}]}
      """
    And account 444455556666 copies my shared snapshot "nightly" to "theirs" under key B
    Then RDS accepts the request
    And account 444455556666 restores the DB instance "orders" from its snapshot "theirs" and reads "tea" in the row "1"

  Scenario: A disabled key makes the database inaccessible; enabled again within seven days, starting it recovers
    Given the key is a symmetric key
    And I created the DB instance "orders" encrypted under the key
    And the DB instance "orders" holds the row "1" = "tea"
    When I disable the key
    Then the DB instance "orders" is inaccessible-encryption-credentials-recoverable
    When I read the row "1" of the DB instance "orders"
    Then RDS answers InvalidDBInstanceState
    When I start the DB instance "orders"
    Then RDS answers KMSKeyNotAccessibleFault
    And the KMS error behind the answer is DisabledException
    When 6 days pass
    And I enable the key
    Then the DB instance "orders" is inaccessible-encryption-credentials-recoverable
    When I start the DB instance "orders"
    Then the DB instance "orders" is available
    When I read the row "1" of the DB instance "orders"
    Then the row reads "tea"

  Scenario Outline: <wait> after its key was disabled, the database is <status>
    Given the key is a symmetric key
    And I created the DB instance "orders" encrypted under the key
    When I disable the key
    And <wait> pass
    Then the DB instance "orders" is <status>

    Examples:
      | wait                 | status                                          |
      | 7 days less a moment | inaccessible-encryption-credentials-recoverable |
      | 7 days               | inaccessible-encryption-credentials             |

  Scenario: In the terminal state, enabling the key is not enough: restore from a snapshot
    Given the key is a symmetric key
    And I created the DB instance "orders" encrypted under the key
    And the DB instance "orders" holds the row "1" = "tea"
    And I took the snapshot "before" of the DB instance "orders"
    When I disable the key
    And 8 days pass
    And I enable the key
    And I start the DB instance "orders"
    Then RDS answers InvalidDBInstanceState
    When I restore the DB instance "orders-2" from the snapshot "before"
    Then the DB instance "orders-2" is available
    And the row "1" of the DB instance "orders-2" in eu-west-2 reads "tea"
