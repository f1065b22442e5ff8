Feature: The audit trail of KMS
  Every request to KMS becomes a CloudTrail event, whether KMS allowed it or denied it: who called (userIdentity),
  what (eventName, requestParameters), on which key (resources), when (eventTime), where (awsRegion), and how it ended
  (errorCode and errorMessage on a failure). Cryptographic operations and Describe/Get/List calls are readOnly; changes
  are not. The trail never holds plaintext or ciphertext. KMS also logs what it does by itself, as service events
  invoked by "AWS Internal": RotateKey, DeleteKey, DeleteExpiredKeyMaterial. A call that uses a key of another account
  is logged in both accounts, unless it was denied: then only the caller's account sees it.

  Background:
    Given today is 2026-01-20
    And I work in eu-west-2 as account 111122223333

  Rule: Every call is an event

    Scenario: Allowed and denied calls alike are events
      Given the IAM users alice and bob
      And alice has the IAM policy "UseKeys":
        """
        {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "kms:Encrypt", "Resource": "*"}]}
        """
      And a symmetric key
      When alice encrypts "payroll" under the key
      Then the request is allowed
      When bob encrypts "payroll" under the key
      Then the request is denied
      When I query the audit trail of account 111122223333 with:
        | key | the key |
      Then the query finds these events, oldest first:
        | event name | caller        | error code            |
        | CreateKey  | the root user | -                     |
        | Encrypt    | alice         | -                     |
        | Encrypt    | bob           | AccessDeniedException |

    Scenario: An Encrypt event, field by field
      Given a symmetric key
      And a ciphertext of "payroll" under the key with the encryption context "department=hr"
      When I look at the last Encrypt event in the trail of account 111122223333
      Then the event reads:
        | eventVersion                                   | 1.08                           |
        | eventSource                                    | kms.amazonaws.com              |
        | eventName                                      | Encrypt                        |
        | eventType                                      | AwsApiCall                     |
        | eventTime                                      | 2026-01-20T00:00:00Z           |
        | awsRegion                                      | eu-west-2                      |
        | readOnly                                       | true                           |
        | managementEvent                                | true                           |
        | eventCategory                                  | Management                     |
        | recipientAccountId                             | 111122223333                   |
        | userIdentity.type                              | Root                           |
        | userIdentity.arn                               | arn:aws:iam::111122223333:root |
        | userIdentity.accountId                         | 111122223333                   |
        | requestParameters.keyId                        | <key id>                       |
        | requestParameters.encryptionContext.department | hr                             |
        | requestParameters.plaintext                    | (absent)                       |
        | responseElements                               | null                           |
        | resources.0.accountId                          | 111122223333                   |
        | resources.0.type                               | AWS::KMS::Key                  |
        | resources.0.ARN                                | <key ARN>                      |
        | errorCode                                      | (absent)                       |

    Scenario: A denied call is an event with the error code and the error message the caller got
      Given the IAM user bob
      And a symmetric key
      When bob encrypts "payroll" under the key
      Then the request is denied
      When I look at the last Encrypt event in the trail of account 111122223333
      Then the event reads:
        | userIdentity.type | IAMUser                                                                                                                                     |
        | userIdentity.arn  | <bob ARN>                                                                                                                                   |
        | errorCode         | AccessDeniedException                                                                                                                       |
        | errorMessage      | User: <bob ARN> is not authorized to perform: kms:Encrypt on resource: <key ARN> because no identity-based policy allows the kms:Encrypt action |
        | responseElements  | null                                                                                                                                        |
        | resources.0.ARN   | <key ARN>                                                                                                                                   |

    Scenario Outline: <operation> is logged with readOnly <read only>
      Given a symmetric key
      And a ciphertext of "payroll" under the key
      When I call <operation> on the key
      Then the request succeeds
      When I look at the last <operation> event in the trail of account 111122223333
      Then the event reads:
        | eventName       | <operation> |
        | readOnly        | <read only> |
        | resources.0.ARN | <key ARN>   |

      Examples: reading and using a key
        | operation   | read only |
        | Decrypt     | true      |

      Examples: changing a key
        | operation    | read only |
        | DisableKey   | false     |
        | PutKeyPolicy | false     |

    Scenario: The trail never holds plaintext or ciphertext
      Given a symmetric key
      When I encrypt "top secret value 42" under the key
      And I decrypt the ciphertext
      And I generate an AES_256 data key under the key
      And I export the audit trail of account 111122223333 as JSON Lines
      Then the export has 4 lines, each one JSON object with eventVersion "1.08" and eventSource "kms.amazonaws.com"
      And the export contains neither the plaintext "top secret value 42" nor the ciphertext, in any encoding
      And the export mentions "<key ARN>"

    
    Scenario: A Decrypt event names the encryption algorithm, even when the request did not
      # AWS KMS developer guide, "Decrypt" (CloudTrail examples): the log entry of a Decrypt operation always
      # includes the encryptionAlgorithm in the requestParameters, even if it was not specified in the request.
      Given a symmetric key
      And a ciphertext of "payroll" under the key
      When I decrypt the ciphertext
      And I look at the last Decrypt event in the trail of account 111122223333
      Then the event reads:
        | requestParameters.encryptionAlgorithm | SYMMETRIC_DEFAULT |

  Rule: KMS logs what it does by itself as service events

    Scenario: A yearly rotation and the end of a waiting period are RotateKey and DeleteKey events of AWS Internal
      Given a symmetric key
      And automatic rotation of the key was enabled
      When 365 days pass
      And I query the audit trail of account 111122223333 with:
        | key | the key |
      Then the query finds these events, oldest first:
        | event name        | caller        | error code | event time           |
        | CreateKey         | the root user | -          | 2026-01-20T00:00:00Z |
        | EnableKeyRotation | the root user | -          | 2026-01-20T00:00:00Z |
        | RotateKey         | AWS Internal  | -          | 2027-01-20T00:00:00Z |
      And the RotateKey event of the key at 2027-01-20T00:00:00Z is AUTOMATIC, from the key material it was created with to its current key material
      When I schedule the deletion of the key with a waiting period of 7 days
      And 7 days pass
      Then KMS logged a DeleteKey service event for the key at 2027-01-27T00:00:00Z
      And KMS logged 1 RotateKey service event for the key

  Rule: A call across accounts is logged in both accounts, a denial only in the caller's

    Scenario: The other account's Encrypt is in both trails; its denied Encrypt only in its own
      Given key A is a symmetric key with the key policy:
        """
        {"Version": "2012-10-17", "Statement": [
          {"Sid": "Enable IAM User Permissions", "Effect": "Allow",
           "Principal": {"AWS": "arn:aws:iam::111122223333:root"}, "Action": "kms:*", "Resource": "*"},
          {"Sid": "AllowAccountB", "Effect": "Allow",
           "Principal": {"AWS": "arn:aws:iam::444455556666:root"}, "Action": "kms:Encrypt", "Resource": "*"}]}
        """
      And key B is a symmetric key
      When the root user of account 444455556666 encrypts "shared" under key A by its ARN
      Then the request is allowed
      When the root user of account 444455556666 encrypts "not shared" under key B by its ARN
      Then the request is denied
      When I query the audit trail of account 444455556666 with:
        | event name | Encrypt |
      Then the query finds these events, oldest first:
        | event name | caller                                | error code            |
        | Encrypt    | the root user of account 444455556666 | -                     |
        | Encrypt    | the root user of account 444455556666 | AccessDeniedException |
      When I query the audit trail of account 111122223333 with:
        | event name | Encrypt |
      Then the query finds these events, oldest first:
        | event name | caller                                | error code |
        | Encrypt    | the root user of account 444455556666 | -          |
      When I look at the last Encrypt event in the trail of account 111122223333
      Then the event reads:
        | recipientAccountId     | 111122223333  |
        | userIdentity.accountId | 444455556666  |
        | resources.0.ARN        | <key A ARN>   |
        | resources.0.accountId  | 111122223333  |

  Rule: The trail answers questions: about a key, an operation, a caller, a time, an outcome

    Background:
      Given the IAM users alice and bob
      And alice has the IAM policy "UseKeys":
        """
        {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "kms:Encrypt", "Resource": "*"}]}
        """
      And key A is a symmetric key
      And key B is a symmetric key
      And alice encrypts "monday" under key A
      And 1 day passes
      And alice encrypts "tuesday" under key B
      And bob encrypts "tuesday" under key A
      And the request is denied
      And 1 day passes
      And alice encrypts "wednesday" under key A

    Scenario Outline: Asking for <question> finds <count> events
      When I query the audit trail of account 111122223333 with:
        | <criterion> | <value> |
      Then the query finds <count> events

      Examples:
        | question                      | criterion  | value                | count |
        | the events of key A           | key        | key A                | 4     |
        | the calls of alice            | caller     | alice                | 3     |
        | the failed calls              | outcome    | failed               | 1     |
        | the events since Tuesday      | from       | 2026-01-21T00:00:00Z | 3     |

    Scenario: Questions combine: the Encrypt events of key A on Tuesday
      When I query the audit trail of account 111122223333 with:
        | key        | key A                |
        | event name | Encrypt              |
        | from       | 2026-01-21T00:00:00Z |
        | to         | 2026-01-22T00:00:00Z |
      Then the query finds these events, oldest first:
        | event name | caller | error code            | event time           |
        | Encrypt    | bob    | AccessDeniedException | 2026-01-21T00:00:00Z |

  Rule: The trail exports as JSON Lines

    Scenario: One CloudTrail record a line, oldest first
      Given a symmetric key
      And 1 hour passes
      And a ciphertext of "payroll" under the key
      When I export the audit trail of account 111122223333 as JSON Lines
      Then the export has 2 lines, each one JSON object with eventVersion "1.08" and eventSource "kms.amazonaws.com"
      And line 1 of the export is the CreateKey event of the key at 2026-01-20T00:00:00Z
      And line 2 of the export is the Encrypt event of the key at 2026-01-20T01:00:00Z
