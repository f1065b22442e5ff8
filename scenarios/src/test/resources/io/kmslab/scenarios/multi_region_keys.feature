Feature: Multi-Region keys
  A KMS key lives in one Region, and its ciphertext decrypts only there. A multi-Region key is the exception: a set of
  related keys in several Regions that share one key id (mrk- followed by 32 hex digits), one key material, one key
  spec and one rotation, so that a ciphertext made in one Region decrypts with the related key of another Region,
  without a cross-Region call. One of them is the primary; ReplicateKey, called on the primary only, creates a replica
  in another Region, which starts in the Creating state. Everything else (key policy, aliases, tags, description, and
  whether the key is enabled) belongs to each related key on its own. UpdatePrimaryRegion makes a replica the primary.

  Background:
    Given today is 2026-01-20
    And I work in us-east-1 as account 111122223333

  Scenario: A multi-Region key has an mrk- key id and starts as a primary without replicas
    Given the key is a multi-Region key
    Then the key id of the key is mrk- followed by 32 hex digits
    And DescribeKey shows the key as a PRIMARY key whose primary is in us-east-1
    And DescribeKey shows the replicas of the key in "-"

  Scenario: A replica starts in the Creating state, then is Enabled, and shares the key id and the key material
    Given the key is a multi-Region primary key in us-east-1
    When I replicate the key to eu-west-1 as key R
    Then ReplicateKey answers with key R in the Creating state
    When a moment passes
    Then key R is in the Enabled state
    And the key and key R share the key id, the key spec, the key usage and the key material
    And the ARN of the key differs from the ARN of key R only in the Region, us-east-1 instead of eu-west-1
    And DescribeKey shows key R as a REPLICA key whose primary is in us-east-1
    And DescribeKey shows the replicas of the key in "eu-west-1"

  Scenario: A ciphertext of the primary decrypts with its replica in another Region, and back
    Given the key is a multi-Region primary key in us-east-1
    And the key was replicated to eu-west-1 as key R
    And a ciphertext of "shared across the Atlantic" under the key
    When I decrypt the ciphertext in eu-west-1
    Then the plaintext is "shared across the Atlantic"
    And Decrypt answers with the ARN of key R
    Given I work in eu-west-1 as account 111122223333
    When I encrypt "and back again" under key R
    And I decrypt the ciphertext in us-east-1
    Then the plaintext is "and back again"
    And Decrypt answers with the ARN of the key

  Scenario: A ciphertext of a single-Region key does not decrypt in another Region
    Given the key is a customer managed key
    And a ciphertext of "stays in us-east-1" under the key
    When I decrypt the ciphertext in eu-west-1
    Then the request fails with AccessDeniedException
    And the error message is "The ciphertext refers to a customer master key that does not exist, does not exist in this region, or you are not allowed to access."

  Scenario: Each related key has its own state and its own aliases
    Given the key is a multi-Region primary key in us-east-1
    And the key was replicated to eu-west-1 as key R
    And I work in eu-west-1 as account 111122223333
    When I disable key R
    Then key R is in the Disabled state
    And the key is in the Enabled state
    When I encrypt "refused" under key R
    Then the request fails with DisabledException
    And the error message is "<key R ARN> is disabled."
    When I create the alias "alias/in-ireland" for key R
    And I describe the key behind "alias/in-ireland"
    Then the described key is key R
    Given I work in us-east-1 as account 111122223333
    When I describe the key behind "alias/in-ireland"
    Then the request fails with NotFoundException
    And the error message is "Alias arn:aws:kms:us-east-1:111122223333:alias/in-ireland is not found."
    When I encrypt "still fine" under the key
    Then Encrypt answers with the ARN of the key

  Scenario: Rotation is shared: it is set on the primary, and the replica gets the new material too
    Given the key is a multi-Region primary key in us-east-1
    And the key was replicated to eu-west-1 as key R
    And automatic rotation of the key was enabled
    And I work in eu-west-1 as account 111122223333
    When I enable automatic rotation of key R
    Then the request fails with UnsupportedOperationException
    And the error message is "<key R ARN> is not a multi-region primary key."
    And automatic rotation of key R is on, every 365 days, next on 2027-01-20T00:00:00Z
    When 365 days pass
    Then the current key material of the key is not the one it was created with
    And the key and key R have the same current key material
    And key R was rotated 1 time, AUTOMATIC, on "2027-01-20"

  Scenario: KMS logs the synchronization of a rotated primary with its replicas
    AWS (ct-synchronize-multi-region-key.html): "Synchronizing involves cross-Region calls to copy the shared
    properties of a multi-Region primary key to its replica keys." The event is an AwsApiCall of AWS Internal in the
    primary's Region, naming only the primary key. When AWS synchronizes is not documented; KMS Lab logs it with each
    rotation of a primary that has replicas.
    Given the key is a multi-Region primary key in us-east-1
    And the key was replicated to eu-west-1 as key R
    When I rotate the key on demand
    And I look at the last SynchronizeMultiRegionKey event in the trail of account 111122223333
    Then the event reads:
      | eventType                | AwsApiCall     |
      | awsRegion                | us-east-1      |
      | readOnly                 | false          |
      | userIdentity.invokedBy   | AWS Internal   |
      | sourceIPAddress          | AWS Internal   |
      | requestParameters        | null           |
      | responseElements.keyId   | <key ARN>      |
      | resources.0.ARN          | <key ARN>      |
      | resources.1              | (absent)       |

  Scenario: UpdatePrimaryRegion makes the replica the primary, and the former primary a replica
    Given the key is a multi-Region primary key in us-east-1
    And the key was replicated to eu-west-1 as key R
    And a moment passes
    When I make eu-west-1 the primary Region of the key
    Then DescribeKey shows key R as a PRIMARY key whose primary is in eu-west-1
    And DescribeKey shows the key as a REPLICA key whose primary is in eu-west-1
    And DescribeKey shows the replicas of key R in "us-east-1"
    # CloudTrail has it twice (ct-update-primary-region.html); the newer entry is the new primary's Region's
    When I look at the last UpdatePrimaryRegion event in the trail of account 111122223333
    Then the event reads:
      | awsRegion                       | eu-west-1         |
      | userIdentity.invokedBy          | kms.amazonaws.com |
      | requestParameters.keyId         | <key R ARN>       |
      | requestParameters.primaryRegion | eu-west-1         |
      | resources                       | (absent)          |
    When I replicate the key to ap-southeast-2
    Then the request fails with UnsupportedOperationException
    And the error message is "<key ARN> is not a multi-region primary key."
    Given I work in eu-west-1 as account 111122223333
    When I replicate key R to ap-southeast-2 as key S
    Then ReplicateKey answers with key S in the Creating state

  Rule: Only a primary key, usable, replicates, and once per Region

    Scenario: Neither a single-Region key nor a replica can be replicated
      Given key A is a customer managed key
      And the key is a multi-Region primary key in us-east-1
      And the key was replicated to eu-west-1 as key R
      When I replicate key A to eu-west-1
      Then the request fails with UnsupportedOperationException
      And the error message is "<key A ARN> is not a multi-region primary key."
      And DescribeKey shows key A as a single-Region key
      Given I work in eu-west-1 as account 111122223333
      When I replicate key R to ap-southeast-2
      Then the request fails with UnsupportedOperationException
      And the error message is "<key R ARN> is not a multi-region primary key."

    Scenario: A Region holds at most one replica of a key
      Given the key is a multi-Region primary key in us-east-1
      And the key was replicated to eu-west-1 as key R
      When I replicate the key to eu-west-1
      Then the request fails with AlreadyExistsException
      And DescribeKey shows the replicas of the key in "eu-west-1"

    Scenario Outline: A <state> primary cannot be replicated
      Given the key is a multi-Region primary key in us-east-1
      And the key was put in the <state> state
      When I replicate the key to eu-west-1
      Then the request fails with <error>
      And the error message is "<message>"

      Examples:
        | state           | error                    | message                        |
        | Disabled        | DisabledException        | <key ARN> is disabled.         |
        | PendingDeletion | KMSInvalidStateException | <key ARN> is pending deletion. |

  Rule: A primary key outlives its replicas

    
    Scenario: A primary key with replicas waits in PendingReplicaDeletion until its last replica is deleted
      Given the key is a multi-Region primary key in us-east-1
      And the key was replicated to eu-west-1 as key R
      When I schedule the deletion of the key with a waiting period of 7 days
      Then ScheduleKeyDeletion answers with the ARN of the key, the state PendingReplicaDeletion and a waiting period of 7 days
      And the key is in the PendingReplicaDeletion state
      And DescribeKey shows a pending deletion window of 7 days for the key, and no deletion date yet
      When 8 days pass
      Then the key is in the PendingReplicaDeletion state
      And key R is in the Enabled state
