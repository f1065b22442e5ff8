Feature: Grants
  As a learner preparing for an AWS certification, I want to give a principal temporary permission to use a key with
  a grant, so that I can allow an application (or an AWS service such as EBS) to use a key without editing the key
  policy or any IAM policy. A grant only allows: it names a grantee, the operations it allows and, optionally, an
  encryption context the requests must carry. Grants are eventually consistent: a new grant takes effect within about
  five minutes, but a request that passes the grant token may use it at once. A grant ends when its retiring principal
  retires it, or when someone allowed kms:RevokeGrant revokes it.

  Background:
    Given today is 2026-01-20
    And I work in eu-west-2 as account 111122223333
    And the IAM users bob and rita
    And the key is a symmetric key with the default key policy
    And I created a grant on the key:
      | name                      | apollo-batch     |
      | grantee                   | bob              |
      | retiring principal        | rita             |
      | operations                | Encrypt, Decrypt |
      | encryption context subset | project=apollo   |

  Scenario: Before the grant has propagated, the grantee is denied without the grant token
    When bob encrypts "telemetry" under the key with the encryption context "project=apollo,stage=prod"
    Then the request is denied
    And the decision rule is NO_IAM_POLICY_ALLOWS
    And the decision trace mentions "not yet in effect"
    And the error message is "User: arn:aws:iam::111122223333:user/bob is not authorized to perform: kms:Encrypt on resource: <key ARN> because no identity-based policy allows the kms:Encrypt action"

  Scenario: With the grant token, the grant is in effect at once
    When bob encrypts "telemetry" under the key with the encryption context "project=apollo,stage=prod" and the grant token of "apollo-batch"
    Then the request is allowed
    And the decision rule is GRANT_ALLOWS
    And the deciding grant is "apollo-batch"
    And the decision trace mentions "through its grant token, before propagation"

  Scenario Outline: <wait> after its creation, the grant is <state> without its token
    When <wait> pass
    And bob encrypts "telemetry" under the key with the encryption context "project=apollo,stage=prod"
    Then the request is <decision>
    And the decision rule is <rule>

    Examples:
      | wait                    | state             | decision | rule                 |
      | 5 minutes less a moment | not yet in effect | denied   | NO_IAM_POLICY_ALLOWS |
      | 5 minutes               | in effect         | allowed  | GRANT_ALLOWS         |

  Scenario: Outside its encryption context constraint or its operations, the grant allows nothing, token or not
    Given 5 minutes pass
    When bob encrypts "telemetry" under the key with the encryption context "project=gemini"
    Then the request is denied
    And the decision trace mentions "its encryption context constraint is not met"
    When bob encrypts "telemetry" under the key with the encryption context "project=gemini" and the grant token of "apollo-batch"
    Then the request is denied
    And the decision rule is NO_IAM_POLICY_ALLOWS
    When bob calls DescribeKey on the key
    Then the request is denied
    And the decision trace mentions "does not allow this operation"

  Scenario: ListGrants shows the grant and its constraint
    When I list the grants of the key
    Then ListGrants shows 1 grant
    And ListGrants shows the grant "apollo-batch" with:
      | name                      | apollo-batch                        |
      | grantee                   | arn:aws:iam::111122223333:user/bob  |
      | retiring principal        | arn:aws:iam::111122223333:user/rita |
      | operations                | Decrypt, Encrypt                    |
      | encryption context subset | project=apollo                      |
      | issuing account           | arn:aws:iam::111122223333:root      |

  Scenario: The retiring principal retires the grant without any permission on the key
    When rita retires the grant "apollo-batch"
    Then the request succeeds
    When I list the grants of the key
    Then ListGrants shows 0 grants
    When 5 minutes pass
    And bob encrypts "telemetry" under the key with the encryption context "project=apollo"
    Then the request is denied

  Scenario: A grant retired with its token is logged with the grant id, and without the token
    AWS's example (ct-retire-grant.html): requestParameters null, additionalEventData the grantId, the key in resources.
    When rita retires the grant "apollo-batch" with its grant token
    Then the request succeeds
    When I look at the last RetireGrant event in the trail of account 111122223333
    Then the event reads:
      | userIdentity.arn            | arn:aws:iam::111122223333:user/rita |
      | requestParameters           | null                                |
      | additionalEventData.grantId | <grant id of apollo-batch>          |
      | resources.0.ARN             | <key ARN>                           |

  Scenario: Someone allowed kms:RevokeGrant revokes the grant; the grantee is not
    When bob revokes the grant "apollo-batch"
    Then the request is denied
    And the error message is "User: arn:aws:iam::111122223333:user/bob is not authorized to perform: kms:RevokeGrant on resource: <key ARN> because no identity-based policy allows the kms:RevokeGrant action"
    When I revoke the grant "apollo-batch"
    Then the request succeeds
    When I list the grants of the key
    Then ListGrants shows 0 grants
    When bob encrypts "telemetry" under the key with the encryption context "project=apollo" and the grant token of "apollo-batch"
    Then the request is denied

  Scenario: Creating a grant again with the same name and parameters returns the same grant
    When I create a grant on the key:
      | name                      | apollo-batch     |
      | grantee                   | bob              |
      | retiring principal        | rita             |
      | operations                | Encrypt, Decrypt |
      | encryption context subset | project=apollo   |
    Then CreateGrant answered with the grant id of "apollo-batch"
    When I list the grants of the key
    Then ListGrants shows 1 grant
    When I create a grant on the key:
      | name                      | apollo-batch   |
      | grantee                   | bob            |
      | retiring principal        | rita           |
      | operations                | Decrypt        |
      | encryption context subset | project=apollo |
    Then CreateGrant answered with a new grant id, not that of "apollo-batch"
    When I list the grants of the key
    Then ListGrants shows 2 grants
