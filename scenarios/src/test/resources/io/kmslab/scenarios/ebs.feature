Feature: EBS volumes and snapshots encrypted with KMS keys
  As a learner preparing for an AWS certification, I want to watch Amazon EBS use KMS behind the scenes, so that I
  know which KMS calls a volume, an attachment and a snapshot copy make and for whom; why KMS keys being bound to a
  Region means that an EBS snapshot copied to another Region has to be re-encrypted under a key of that Region; why a
  disabled key does not stop an attached volume; and why a snapshot encrypted with aws/ebs cannot be shared.

  EBS asks KMS for one data key per volume (GenerateDataKeyWithoutPlaintext, encryption context aws:ebs:id = the
  volume id), as the caller, through EC2: kms:ViaService is ec2.<region>.amazonaws.com, not "ebs". Attaching the
  volume gives EC2's infrastructure a grant to decrypt that data key, and the plaintext data key stays in the
  hypervisor's memory until the volume is detached. Snapshots and the volumes restored from them under the same key
  share the data key. Here the instances are only names (i-...): what an instance writes and reads is KMS Lab's own
  way to show that the data is really encrypted under the data key.

  Background:
    Given today is 2026-03-01
    And I work in eu-west-2 as account 111122223333
    And key A is a symmetric key in eu-west-2 with the alias "alias/ebs-data"

  Scenario: Encryption by default is a setting of one Region, with aws/ebs as the default key
    When I turn on EBS encryption by default in eu-west-2
    Then EBS encryption by default is on in eu-west-2 and off in us-east-1
    And the default EBS key of eu-west-2 is "arn:aws:kms:eu-west-2:111122223333:alias/aws/ebs"
    When I create the volume "boot" of 8 GiB in eu-west-2a
    Then the volume "boot" is encrypted under aws/ebs
    When I make key A the default EBS key of eu-west-2
    And I create the volume "data" of 8 GiB in eu-west-2b
    Then the volume "data" is encrypted under key A
    When I create the volume "elsewhere" of 8 GiB in us-east-1a
    Then the volume "elsewhere" is unencrypted

  Scenario Outline: Volume-creation outcomes: <source> with <parameters>, encryption by default <default>
    Given key B is a symmetric key in eu-west-2 with the alias "alias/ebs-other"
    And the snapshot "plain" of an unencrypted volume
    And the snapshot "under A" of a volume encrypted under key A
    And EBS encryption by default is <default> in eu-west-2
    When I create the volume "new" in eu-west-2a from <source> with <parameters>
    Then the volume "new" is <outcome>

    Examples: a new empty volume
      | source      | parameters               | default | outcome                 |
      | no snapshot | no encryption parameters | off     | unencrypted             |
      | no snapshot | no encryption parameters | on      | encrypted under aws/ebs |
      | no snapshot | Encrypted                | off     | encrypted under aws/ebs |
      | no snapshot | Encrypted and key B      | off     | encrypted under key B   |

    Examples: restored from a snapshot of the account
      | source                  | parameters               | default | outcome                 |
      | the snapshot "plain"    | no encryption parameters | off     | unencrypted             |
      | the snapshot "plain"    | no encryption parameters | on      | encrypted under aws/ebs |
      | the snapshot "plain"    | Encrypted and key B      | off     | encrypted under key B   |
      | the snapshot "under A"  | no encryption parameters | off     | encrypted under key A   |
      | the snapshot "under A"  | no encryption parameters | on      | encrypted under key A   |
      | the snapshot "under A"  | Encrypted and key B      | off     | encrypted under key B   |

  Scenario: A KmsKeyId without Encrypted is refused at once
    When I create the volume "new" in eu-west-2a from no snapshot with key A without Encrypted
    Then EC2 answers InvalidParameterDependency with HTTP status 400 and the message "The parameter [KmsKeyId] requires the parameter Encrypted to be set."

  Scenario: An encrypted volume: one data key, made for the volume, as the caller, through EC2
    When I create the volume "data" of 8 GiB in eu-west-2a encrypted under key A
    Then the volume "data" is in the state available
    And the KMS calls of the last EBS request were, oldest first:
      | region    | event name                      | key   | aws:ebs:id        | caller | error code |
      | eu-west-2 | GenerateDataKeyWithoutPlaintext | key A | the volume "data" | me     | -          |
    And EC2 made them for me, with no invokedBy and the user agent "AWS Internal"

  Scenario: Attaching: a grant for the instance, then EC2's infrastructure decrypts the data key
    Given I created the volume "data" of 8 GiB in eu-west-2a encrypted under key A
    When I attach the volume "data" to the instance i-0123456789abcdef0
    Then the volume "data" is in the state in-use
    And key A has one grant, for "arn:aws:sts::111122223333:assumed-role/aws:ec2-infrastructure/i-0123456789abcdef0" to Decrypt only with the encryption context of the volume "data"
    And the KMS calls of the last EBS request were, oldest first:
      | region    | event name  | key   | aws:ebs:id        | caller                                         | error code |
      | eu-west-2 | CreateGrant | key A | -                 | me                                             | -          |
      | eu-west-2 | Decrypt     | key A | the volume "data" | the EC2 infrastructure of i-0123456789abcdef0 | -          |

  Scenario: A disabled key does not stop an attached volume, but the next attach fails until the key is enabled again
    Given I created the volume "data" of 8 GiB in eu-west-2a encrypted under key A
    And the volume "data" is attached to the instance i-0123456789abcdef0 and holds "The vault code is 1729."
    When I disable key A
    Then the instance reads "The vault code is 1729." from the volume "data"
    When I detach the volume "data"
    And I attach the volume "data" to the instance i-0123456789abcdef0
    Then EC2 answers CustomerKeyHasBeenRevoked with HTTP status 400 and the message "Volume <volume data> cannot be attached. The encrypted volume was unable to access the KMS master key."
    And the KMS error behind the answer is DisabledException
    And EBS in eu-west-2 notified attachVolume failed with the cause "<key A ARN> is disabled."
    And the volume "data" is in the state available
    When I enable key A
    And I attach the volume "data" to the instance i-0123456789abcdef0
    Then the instance reads "The vault code is 1729." from the volume "data"

  Scenario: KMS keys are bound to a Region, so a snapshot copied from eu-west-2 to us-east-1 is re-encrypted under a key of us-east-1
    Given key B is a symmetric key in us-east-1 with the alias "alias/ebs-copies"
    And I created the volume "data" of 8 GiB in eu-west-2a encrypted under key A
    And the volume "data" is attached to the instance i-0123456789abcdef0 and holds "The vault code is 1729."
    And I took the snapshot "nightly" of the volume "data"
    When in us-east-1 I copy the snapshot "nightly" of eu-west-2 as "dr" under key B
    Then the snapshot "dr" is completed and encrypted under key B
    And the snapshot "dr" has another data key than the snapshot "nightly"
    And the KMS calls of the last EBS request were, oldest first:
      | region    | event name                      | key   | aws:ebs:id          | error code |
      | us-east-1 | DescribeKey                     | key B | -                   | -          |
      | us-east-1 | GenerateDataKeyWithoutPlaintext | key B | the snapshot "dr"   | -          |
      | eu-west-2 | Decrypt                         | key A | the volume "data"   | -          |
      | us-east-1 | Decrypt                         | key B | the snapshot "dr"   | -          |
    And EC2 made them for me, with no invokedBy and the user agent "AWS Internal"
    When in us-east-1 I restore the volume "restored" from the snapshot "dr" in us-east-1a
    Then in us-east-1 I attach the volume "restored" to the instance i-0fedcba9876543210, it reads "The vault code is 1729."

  Scenario: Naming the key of eu-west-2 for a copy made in us-east-1 is refused
    Given I created the volume "data" of 8 GiB in eu-west-2a encrypted under key A
    And I took the snapshot "nightly" of the volume "data"
    When in us-east-1 I copy the snapshot "nightly" of eu-west-2 as "dr" under key A
    Then the snapshot "dr" failed with the state message "Given key ID is not accessible"
    And the KMS calls of the last EBS request were, oldest first:
      | region    | event name  | key | aws:ebs:id | error code        |
      | us-east-1 | DescribeKey | -   | -          | NotFoundException |
    And EBS in us-east-1 notified copySnapshot failed with the cause "Given key ID is not accessible"

  Scenario: A copy to another Region without a KmsKeyId goes under the destination's default key
    Given I created the volume "data" of 8 GiB in eu-west-2a encrypted under key A
    And I took the snapshot "nightly" of the volume "data"
    When in us-east-1 I copy the snapshot "nightly" of eu-west-2 as "dr" with no encryption parameters
    Then the snapshot "dr" is completed and encrypted under aws/ebs of us-east-1

  Scenario: A copy encrypts an unencrypted snapshot, but never decrypts an encrypted one
    Given the snapshot "plain" of an unencrypted volume
    And the snapshot "under A" of a volume encrypted under key A
    When in eu-west-2 I copy the snapshot "plain" of eu-west-2 as "plain copy" with no encryption parameters
    Then the snapshot "plain copy" is completed and unencrypted
    When in eu-west-2 I copy the snapshot "plain" of eu-west-2 as "encrypted copy" with Encrypted and key A
    Then the snapshot "encrypted copy" is completed and encrypted under key A
    When in eu-west-2 I copy the snapshot "under A" of eu-west-2 as "still encrypted", with Encrypted false
    Then the snapshot "still encrypted" is completed and encrypted under key A
    And the snapshot "still encrypted" has the data key of the snapshot "under A"

  Scenario: A copy with a KmsKeyId but without Encrypted is refused at once
    Given key B is a symmetric key in us-east-1 with the alias "alias/ebs-copies"
    And the snapshot "under A" of a volume encrypted under key A
    When in us-east-1 I copy the snapshot "under A" of eu-west-2 as "dr" with key B without Encrypted
    Then EC2 answers InvalidParameterDependency with HTTP status 400 and the message "The parameter [KmsKeyId] requires the parameter Encrypted to be set."

  Scenario: A snapshot under aws/ebs cannot be shared with another account
    Given EBS encryption by default is on in eu-west-2
    And I create the volume "default" of 8 GiB in eu-west-2a
    And I took the snapshot "default snapshot" of the volume "default"
    When I share the snapshot "default snapshot" with account 444455556666
    Then EC2 answers OperationNotPermitted with HTTP status 400 and the message "Encrypted snapshots with EBS default key cannot be shared"
    And the snapshot "default snapshot" is shared with nobody

  Scenario: A snapshot under a customer managed key is shared, and the other account copies it under its own key once the key policy allows it
    Given I work in eu-west-2 as account 444455556666
    And key C is a symmetric key in eu-west-2 with the alias "alias/my-copies"
    And I work in eu-west-2 as account 111122223333
    And I created the volume "data" of 8 GiB in eu-west-2a encrypted under key A
    And the volume "data" is attached to the instance i-0123456789abcdef0 and holds "The vault code is 1729."
    And I took the snapshot "nightly" of the volume "data"
    When I share the snapshot "nightly" with account 444455556666
    Then account 444455556666 sees the snapshot "nightly"
    When account 444455556666 copies the snapshot "nightly" of eu-west-2 into eu-west-2 as "too early" under key C
    Then the snapshot "too early" of account 444455556666 failed with the state message "Given key ID is not accessible"
    And KMS Lab explains the failure of the snapshot "too early" of account 444455556666: "kms:Decrypt" was missing
    When I put the key policy on key A:
      """
      {"Version": "2012-10-17", "Statement": [
        {"Sid": "Enable IAM User Permissions", "Effect": "Allow",
         "Principal": {"AWS": "arn:aws:iam::111122223333:root"}, "Action": "kms:*", "Resource": "*"},
        {"Sid": "Allow use of the key by account 444455556666", "Effect": "Allow",
         "Principal": {"AWS": "arn:aws:iam::444455556666:root"},
         "Action": ["kms:DescribeKey", "kms:CreateGrant", "kms:Decrypt", "kms:ReEncrypt*", "kms:GenerateDataKey*"],
         "Resource": "*"}]}
      """
    And account 444455556666 copies the snapshot "nightly" of eu-west-2 into eu-west-2 as "mine" under key C
    Then the snapshot "mine" of account 444455556666 is completed and encrypted under key C
    When I query the audit trail of account 111122223333 with:
      | key    | key A                                 |
      | caller | the root user of account 444455556666 |
    Then the query finds these events, oldest first:
      | event name | caller                                | error code |
      | Decrypt    | the root user of account 444455556666 | -          |
    When I query the audit trail of account 444455556666 with:
      | key    | key A                                 |
    Then the query finds these events, oldest first:
      | event name | caller                                | error code            |
      | Decrypt    | the root user of account 444455556666 | AccessDeniedException |
      | Decrypt    | the root user of account 444455556666 | -                     |

  Scenario: kms:ViaService of EBS is ec2.<region>.amazonaws.com: a policy limited to it lets EBS work, and nothing else
    Given alice is an IAM user of account 111122223333 with the IAM policy "EbsOnly":
      """
      {"Version": "2012-10-17", "Statement": [
        {"Effect": "Allow", "Action": ["kms:GenerateDataKeyWithoutPlaintext", "kms:Decrypt", "kms:Encrypt"],
         "Resource": "*", "Condition": {"StringEquals": {"kms:ViaService": "ec2.eu-west-2.amazonaws.com"}}},
        {"Effect": "Allow", "Action": "kms:CreateGrant", "Resource": "*",
         "Condition": {"Bool": {"kms:GrantIsForAWSResource": true}}}]}
      """
    When alice creates the volume "data" of 8 GiB in eu-west-2a encrypted under key A
    And alice attaches the volume "data" to the instance i-0123456789abcdef0
    Then the volume "data" is in the state in-use
    And the KMS calls of the last EBS request were, oldest first:
      | region    | event name  | key   | aws:ebs:id        | caller                                         | error code |
      | eu-west-2 | CreateGrant | key A | -                 | me                                             | -          |
      | eu-west-2 | Decrypt     | key A | the volume "data" | the EC2 infrastructure of i-0123456789abcdef0 | -          |
    When alice encrypts "payroll" under key A
    Then the request is denied
    And the decision trace shows that kms:ViaService was absent from the request
    When alice calls CreateGrant on key A
    Then the request is denied
