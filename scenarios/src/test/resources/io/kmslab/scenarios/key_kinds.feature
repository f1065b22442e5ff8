Feature: The kinds of KMS key
  A KMS key in your account is AWS managed or customer managed (AWS owned keys, the third kind, stay in AWS's own
  accounts), and exam questions like to mix them up. An AWS managed key (alias/aws/<service>)
  is created by an AWS service the first time you use encryption with that service: AWS manages it (KeyManager AWS),
  rotates it every year whatever you do, and its fixed key policy lets the principals of your account use it only
  through that service, never directly. A customer managed key is one you create with CreateKey: you decide its key
  policy, its rotation, when it is disabled and when it is deleted. A key with imported key material (Origin EXTERNAL)
  is a customer managed key whose secret you bring: it waits in PendingImport until you import the material, and it
  goes back to PendingImport when the material expires or you delete it. Only the same material can be imported again.

  Background:
    Given today is 2026-01-20
    And I work in eu-west-2 as account 111122223333

  Scenario Outline: <kind>: KeyManager <manager>, Origin <origin>, state <state>
    Given the key is <kind>
    Then the key manager of the key is <manager>
    And the origin of the key is <origin>
    And the key is in the <state> state
    And DescribeKey shows the key with Enabled <enabled>

    Examples:
      | kind                                              | manager  | origin  | state         | enabled |
      | the AWS managed key of S3                         | AWS      | AWS_KMS | Enabled       | true    |
      | a customer managed key                            | CUSTOMER | AWS_KMS | Enabled       | true    |
      | a customer managed key for imported key material  | CUSTOMER | EXTERNAL | PendingImport | false   |

  Rule: An AWS managed key belongs to a service

    Scenario: A service creates its AWS managed key the first time it is used, and only then
      When EBS uses its AWS managed key for the first time
      Then the alias "alias/aws/ebs" points to the key
      And the key manager of the key is AWS
      And the description of the key is "Default key that protects my EBS volumes when no other key is defined"
      And the key was created at 2026-01-20T00:00:00Z
      When 3 days pass
      And EBS uses its AWS managed key again
      Then it is the same key, and the account has 1 key in eu-west-2

    # In-process only: requests made through an AWS service (kms:ViaService) cannot be sent by a client.
    @in-process
    Scenario: Nobody may use an AWS managed key directly, not even the root user; through its service, anybody may
      Given the key is the AWS managed key of EBS
      When I encrypt "volume key" under the alias "alias/aws/ebs"
      Then the request fails with AccessDeniedException
      And the error message is "User: arn:aws:iam::111122223333:root is not authorized to perform: kms:Encrypt on resource: <key ARN> because no resource-based policy allows the kms:Encrypt action"
      # EBS volumes are encrypted by EC2: kms:ViaService is ec2.eu-west-2.amazonaws.com
      When I encrypt "volume key" under the alias "alias/aws/ebs" through the ec2 service
      Then Encrypt answers with the ARN of the key
      When I decrypt the ciphertext through the ec2 service
      Then the plaintext is "volume key"
      When I encrypt "volume key" under the alias "alias/aws/ebs" through the s3 service
      Then the request fails with AccessDeniedException

    Scenario Outline: Nobody may call <operation> on an AWS managed key, which a customer managed key allows
      Given the key is the AWS managed key of S3
      And key B is a customer managed key
      When I call <operation> on the key
      Then the request fails with AccessDeniedException
      And the error message is "User: arn:aws:iam::111122223333:root is not authorized to perform: kms:<operation> on resource: <key ARN> because no resource-based policy allows the kms:<operation> action"
      And the key is in the Enabled state
      When I call <operation> on key B
      Then key B is in the <state of key B> state

      Examples:
        | operation           | state of key B  |
        | DisableKey          | Disabled        |
        | ScheduleKeyDeletion | PendingDeletion |
        | PutKeyPolicy        | Enabled         |
        | DisableKeyRotation  | Enabled         |

    Scenario: An AWS managed key always rotates, every year, without anybody asking
      Given the key is the AWS managed key of S3
      Then automatic rotation of the key is on, every 365 days, next on 2027-01-20T00:00:00Z
      When 365 days less a moment pass
      Then the key was rotated 0 times
      And the current key material of the key is still the one it was created with
      When a moment passes
      Then the key was rotated 1 time, AUTOMATIC, on "2027-01-20"
      And the current key material of the key is not the one it was created with
      And the key id and the ARN of the key have not changed
      And automatic rotation of the key is on, every 365 days, next on 2028-01-20T00:00:00Z

    Scenario: The names under alias/aws/ are reserved for AWS managed keys
      Given the key is a customer managed key
      When I create the alias "alias/aws/mine" for the key
      Then the request fails with NotAuthorizedException
      And the error has no message
      And ListAliases does not show the alias "alias/aws/mine"

  Rule: A key with imported key material works only while it holds the material you imported

    Scenario: A key created for imported key material waits in PendingImport and cannot encrypt
      When I create a key for imported key material
      Then the key is in the PendingImport state
      And the origin of the key is EXTERNAL
      And the key manager of the key is CUSTOMER
      When I call Encrypt on the key
      Then the request fails with KMSInvalidStateException
      And the error message is "<key ARN> is pending import."

    Scenario: Imported material needs a ValidTo date, unless it is imported not to expire; until then the key works
      Given the key is a customer managed key for imported key material
      When I get the parameters for import of the key with RSAES_OAEP_SHA_256 and RSA_3072
      Then the import token and the wrapping public key are valid until 2026-01-21T00:00:00Z
      And the wrapping public key is a 3072-bit RSA key
      Given 256 bits of key material "M1" made outside AWS
      # the default ExpirationModel is KEY_MATERIAL_EXPIRES
      When I import the key material "M1" into the key without an expiration model or a ValidTo
      Then the request fails with ValidationException
      And the error message is "A validTo date must be set if the ExpirationModel is KEY_MATERIAL_EXPIRES"
      And the key is in the PendingImport state
      When I import the key material "M1" into the key, valid to 2026-02-19T00:00:00Z
      Then ImportKeyMaterial answers with the ARN of the key and a key material id of 64 hex digits
      And the key is in the Enabled state
      And DescribeKey shows the key valid to 2026-02-19T00:00:00Z, with the expiration model KEY_MATERIAL_EXPIRES
      When I encrypt "imported" under the key
      And I decrypt the ciphertext
      Then the plaintext is "imported"

    Scenario: When the material expires, the key is PendingImport again, and KMS logs DeleteExpiredKeyMaterial
      Given the key is a customer managed key for imported key material
      And 256 bits of key material "M1" made outside AWS
      And the key material "M1" was imported into the key, valid to 2026-01-30T00:00:00Z
      When 10 days less a moment pass
      Then the key is in the Enabled state
      When a moment passes
      Then the key is in the PendingImport state
      And DescribeKey shows the key with Enabled false
      And KMS logged a DeleteExpiredKeyMaterial service event for the key at 2026-01-30T00:00:00Z
      When I call Encrypt on the key
      Then the request fails with KMSInvalidStateException
      And the error message is "<key ARN> is pending import."

    Scenario: Importing other material than the first is refused
      Given the key is a customer managed key for imported key material
      And 256 bits of key material "M1" made outside AWS
      And 256 bits of key material "M2" made outside AWS
      And the key material "M1" was imported into the key, without expiry
      When I delete the imported key material of the key
      Then the key is in the PendingImport state
      When I import the key material "M2" into the key, without expiry
      Then the request fails with IncorrectKeyMaterialException
      And the key is in the PendingImport state

    Scenario: Importing the same material again brings the old ciphertexts back
      Given the key is a customer managed key for imported key material
      And 256 bits of key material "M1" made outside AWS
      And the key material "M1" was imported into the key, without expiry
      And a ciphertext of "before the deletion" under the key
      When I delete the imported key material of the key
      And I decrypt the ciphertext
      Then the request fails with KMSInvalidStateException
      And the error message is "<key ARN> is pending import."
      When I import the key material "M1" into the key, without expiry
      Then ImportKeyMaterial answers with the key material id of the first import into the key
      And DescribeKey shows the key without ValidTo, with the expiration model KEY_MATERIAL_DOES_NOT_EXPIRE
      When I decrypt the ciphertext
      Then the plaintext is "before the deletion"

    Scenario Outline: <operation> is refused on a key whose material KMS made
      Given the key is a customer managed key
      When I call <operation> on the key
      Then the request fails with UnsupportedOperationException
      And the error message is "<key ARN> origin is AWS_KMS which is not valid for this operation."

      Examples:
        | operation                 |
        | GetParametersForImport    |
        | DeleteImportedKeyMaterial |
