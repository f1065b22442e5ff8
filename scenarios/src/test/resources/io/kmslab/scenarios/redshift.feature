Feature: Amazon Redshift's key hierarchy and its snapshot copy grants
  As a learner preparing for an AWS certification, I want to watch a Redshift cluster use its KMS key, so that I know
  its four tiers of keys (the KMS key, the cluster encryption key, the database encryption key, a key per data block),
  which of them KMS sees (only the first two: KMS makes and decrypts the cluster key), when Redshift calls KMS (at
  launch and at each reboot, not per query), that rotating the cluster's keys is not rotating the KMS key, that a
  cluster can be decrypted and encrypted again (unlike RDS and EBS), and that a cross-Region snapshot copy needs a
  snapshot copy grant in the destination Region.

  When I launch a cluster, Redshift calls KMS as me (DescribeKey, CreateGrant, GenerateDataKey for the cluster key,
  with the cluster's ARN and creation minute as encryption context); then Redshift's own principal, a role of an
  AWS-owned account ("Redshift for <cluster>"), has KMS decrypt the cluster key through the grant. The rows are KMS
  Lab's own stand-in for the data, each one a block really encrypted through the hierarchy.

  Background:
    Given today is 2026-03-02
    And I work in eu-west-2 as account 111122223333

  Scenario: At launch, KMS makes the cluster key and Redshift's principal decrypts it through a grant
    When I launch the Redshift cluster "analytics" with the default key
    Then the key hierarchy of the Redshift cluster "analytics" is:
      | KMS key                 | aws/redshift                  |
      | aws:redshift:arn        | <cluster ARN of analytics>    |
      | aws:redshift:createtime | 20260302T0000Z                |
      | cluster key generation  | 1                             |
      | keys in memory          | yes                           |
    When I query the audit trail of account 111122223333 with:
      | from | 2026-03-02T00:00:00Z |
    Then the query finds these events, oldest first:
      | event name      | caller                 | error code |
      | DescribeKey     | the root user          | -          |
      | CreateGrant     | the root user          | -          |
      | GenerateDataKey | the root user          | -          |
      | Decrypt         | Redshift for analytics | -          |
    When I look at the last Decrypt event in the trail of account 111122223333
    Then the event reads:
      | userIdentity.type                                    | AssumedRole                |
      | userIdentity.accountId                               | 790247189693               |
      | userAgent                                            | aws-internal/3             |
      | recipientAccountId                                   | 111122223333               |
      | requestParameters.encryptionContext.aws:redshift:arn | <cluster ARN of analytics> |

  Scenario: Queries make no KMS call; each reboot decrypts the cluster key again
    Given I launched the Redshift cluster "analytics" with the default key
    And the Redshift cluster "analytics" holds the row "q1" = "revenue 10"
    When I query the row "q1" of the Redshift cluster "analytics"
    Then the Redshift row reads "revenue 10"
    When 1 day passes
    And I reboot the Redshift cluster "analytics"
    And I query the audit trail of account 111122223333 with:
      | from | 2026-03-03T00:00:00Z |
    Then the query finds these events, oldest first:
      | event name | caller                 | error code |
      | Decrypt    | Redshift for analytics | -          |
    And the key hierarchy of the Redshift cluster "analytics" is:
      | block keys     | 1   |
      | keys in memory | yes |

  Scenario: A disabled key does not stop the running cluster, but its next reboot
    Given the key is a symmetric key
    And I launched the Redshift cluster "analytics" under the key
    And the Redshift cluster "analytics" holds the row "q1" = "revenue 10"
    When I disable the key
    And I query the row "q1" of the Redshift cluster "analytics"
    Then the Redshift row reads "revenue 10"
    When I reboot the Redshift cluster "analytics"
    Then Redshift answers DependentServiceAccessDenied
    And the KMS error behind the answer is DisabledException
    When I query the row "q1" of the Redshift cluster "analytics"
    Then Redshift answers InvalidClusterState
    When I enable the key
    And I reboot the Redshift cluster "analytics"
    And I query the row "q1" of the Redshift cluster "analytics"
    Then the Redshift row reads "revenue 10"

  Scenario: Rotating the cluster's encryption keys makes a new cluster key; the KMS key is not rotated
    Given the key is a symmetric key
    And I launched the Redshift cluster "analytics" under the key
    And the Redshift cluster "analytics" holds the row "q1" = "revenue 10"
    When 1 day passes
    And I rotate the encryption keys of the Redshift cluster "analytics"
    And I query the audit trail of account 111122223333 with:
      | from | 2026-03-03T00:00:00Z |
    Then the query finds these events, oldest first:
      | event name      | caller                 | error code |
      | GenerateDataKey | Redshift for analytics | -          |
    And the key hierarchy of the Redshift cluster "analytics" is:
      | KMS key                | the key |
      | cluster key generation | 2       |
    When I query the row "q1" of the Redshift cluster "analytics"
    Then the Redshift row reads "revenue 10"

  Scenario: New clusters are encrypted; an existing one can be decrypted and encrypted again
    Given the key is a symmetric key
    When I launch the Redshift cluster "plain" with Encrypted set to false
    Then Redshift answers InvalidParameterValue
    Given I launched the Redshift cluster "analytics" with the default key
    And the Redshift cluster "analytics" holds the row "q1" = "revenue 10"
    When I modify the Redshift cluster "analytics" to be decrypted
    Then the Redshift cluster "analytics" is not encrypted
    When I modify the Redshift cluster "analytics" to be encrypted under the key
    Then the Redshift cluster "analytics" is encrypted under the key
    When I query the row "q1" of the Redshift cluster "analytics"
    Then the Redshift row reads "revenue 10"

  Scenario: The snapshot copy grant must be in the destination Region
    Given I launched the Redshift cluster "analytics" with the default key
    When in eu-west-2 I create the snapshot copy grant "dr-grant" for the default key
    And I enable snapshot copy of the Redshift cluster "analytics" to us-east-1 with the grant "dr-grant"
    Then Redshift answers SnapshotCopyGrantNotFoundFault with the message "The specified snapshot copy grant can't be found. Make sure that the name is typed correctly and that the grant exists in the destination region."

  Scenario: A snapshot is copied to the destination Region and re-encrypted under the grant's key there
    Given key B is a symmetric key in us-east-1 with the alias "alias/analytics-dr"
    And I launched the Redshift cluster "analytics" with the default key
    And the Redshift cluster "analytics" holds the row "q1" = "revenue 10"
    When in us-east-1 I create the snapshot copy grant "dr-grant" for key B
    And I enable snapshot copy of the Redshift cluster "analytics" to us-east-1 with the grant "dr-grant"
    And 1 day passes
    And I take the Redshift snapshot "nightly" of the cluster "analytics"
    Then us-east-1 has the Redshift snapshot "copy:nightly", copied from eu-west-2 and encrypted under key B
    When I query the audit trail of account 111122223333 with:
      | from | 2026-03-03T00:00:00Z |
    Then the query finds these events, oldest first:
      | event name      | caller                 | error code |
      | Decrypt         | Redshift for analytics | -          |
      | GenerateDataKey | Redshift for dr-grant  | -          |
    When I look at the last GenerateDataKey event in the trail of account 111122223333
    Then the event reads:
      | awsRegion               | us-east-1   |
      | requestParameters.keyId | <key B ARN> |
    When in us-east-1 I restore the Redshift cluster "analytics-dr" from the snapshot "copy:nightly"
    Then the Redshift cluster "analytics-dr" in us-east-1 is encrypted under key B
    And the row "q1" of the Redshift cluster "analytics-dr" in us-east-1 reads "revenue 10"

  Scenario Outline: Snapshot copy grant names follow Redshift's rules: <name>
    When in us-east-1 I create the snapshot copy grant "<name>" for the default key
    Then Redshift answers InvalidParameterValue

    Examples:
      | name      |
      | Dr-grant  |
      | 9-lives   |
      | dr-       |
      | dr--grant |
