Feature: Conditions in key policies and IAM policies
  As a learner preparing for an AWS certification, I want to narrow a permission with conditions, so that a key can
  be used only through a given AWS service, only with a given encryption context, only through some aliases, or only
  from the office network. A statement applies only when every one of its conditions is met; each condition compares
  the value a condition key has in the request with the values in the policy. When a key is missing from the request,
  a condition on it is not met, except for ForAllValues, which is true for an empty set - hence the Null check next to
  it. The decision trace of KMS Lab shows, for every condition, the value its key had.

  Background:
    Given I work in eu-west-2 as account 111122223333
    And the IAM users alice and carol

  Rule: kms:ViaService allows a key only through an AWS service

    Background:
      Given the key is a symmetric key with the key policy:
        """
        {"Version": "2012-10-17", "Statement": [
          {"Sid": "Enable IAM User Permissions", "Effect": "Allow",
           "Principal": {"AWS": "arn:aws:iam::111122223333:root"}, "Action": "kms:*", "Resource": "*"},
          {"Sid": "AllowThroughS3", "Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111122223333:user/alice"},
           "Action": ["kms:Encrypt", "kms:Decrypt", "kms:GenerateDataKey*"], "Resource": "*",
           "Condition": {"StringEquals": {"kms:ViaService": "s3.eu-west-2.amazonaws.com"}}}]}
        """

    Scenario Outline: Encrypting <how> is <decision>
      When alice encrypts "invoice" under the key <how>
      Then the request is <decision>
      And the decision rule is <rule>
      And the decision trace shows that kms:ViaService was <value>

      Examples: directly
        | how                     | decision | rule                 | value                         |
        | directly                | denied   | NO_IAM_POLICY_ALLOWS | absent from the request       |

      # In-process only: requests made through an AWS service (kms:ViaService) cannot be sent by a client.
      @in-process
      Examples: through a service
        | how                     | decision | rule                 | value                         |
        | through the s3 service  | allowed  | KEY_POLICY_ALLOWS    | "s3.eu-west-2.amazonaws.com"  |
        | through the ec2 service | denied   | NO_IAM_POLICY_ALLOWS | "ec2.eu-west-2.amazonaws.com" |

  Rule: kms:EncryptionContext:<key> requires one pair of the encryption context

    Background:
      Given the key is a symmetric key with the key policy, bypassing the lockout safety check:
        """
        {"Version": "2012-10-17", "Statement": [
          {"Sid": "FinanceOnly", "Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111122223333:user/alice"},
           "Action": ["kms:Encrypt", "kms:Decrypt"], "Resource": "*",
           "Condition": {"StringEquals": {"kms:EncryptionContext:department": "finance"}}}]}
        """

    Scenario Outline: Encrypting with the encryption context "<context>" is <decision>
      When alice encrypts "salary" under the key with the encryption context "<context>"
      Then the request is <decision>
      And the decision rule is <rule>
      And the deciding statement is "FinanceOnly"
      And the decision trace shows that kms:EncryptionContext:department was <value>

      Examples:
        | context                      | decision | rule                 | value                   |
        | department=finance,year=2026 | allowed  | KEY_POLICY_ALLOWS    | "finance"               |
        | department=hr                | denied   | NO_KEY_POLICY_ALLOWS | "hr"                    |
        |                              | denied   | NO_KEY_POLICY_ALLOWS | absent from the request |

  Rule: ForAllValues on kms:EncryptionContextKeys limits which context keys a request may use

    Background:
      Given the key is a symmetric key with the key policy, bypassing the lockout safety check:
        """
        {"Version": "2012-10-17", "Statement": [
          {"Sid": "OnlyKnownContextKeys", "Effect": "Allow",
           "Principal": {"AWS": "arn:aws:iam::111122223333:user/alice"}, "Action": "kms:Encrypt", "Resource": "*",
           "Condition": {
             "ForAllValues:StringEquals": {"kms:EncryptionContextKeys": ["project", "stage"]},
             "Null": {"kms:EncryptionContextKeys": "false"}}}]}
        """

    Scenario Outline: Encrypting with the encryption context "<context>" is <decision>
      When alice encrypts "build artefact" under the key with the encryption context "<context>"
      Then the request is <decision>
      And the decision rule is <rule>
      And the decision trace shows that kms:EncryptionContextKeys was <value>

      Examples: every key of the context must be one of those listed, and there must be a context
        | context                   | decision | rule                 | value                   |
        | project=apollo,stage=test | allowed  | KEY_POLICY_ALLOWS    | [project, stage]        |
        | project=apollo,owner=bob  | denied   | NO_KEY_POLICY_ALLOWS | [owner, project]        |
        |                           | denied   | NO_KEY_POLICY_ALLOWS | absent from the request |

  Rule: kms:RequestAlias with StringLike allows a key only through some of its aliases

    Background:
      Given the key is a symmetric key with the key policy:
        """
        {"Version": "2012-10-17", "Statement": [
          {"Sid": "Enable IAM User Permissions", "Effect": "Allow",
           "Principal": {"AWS": "arn:aws:iam::111122223333:root"}, "Action": "kms:*", "Resource": "*"},
          {"Sid": "ThroughFinanceAliases", "Effect": "Allow",
           "Principal": {"AWS": "arn:aws:iam::111122223333:user/alice"}, "Action": "kms:Encrypt", "Resource": "*",
           "Condition": {"StringLike": {"kms:RequestAlias": "alias/finance-*"}}}]}
        """
      And the alias "alias/finance-app" was created for the key
      And the alias "alias/hr-app" was created for the key

    Scenario Outline: Encrypting under <target> is <decision>
      When alice encrypts "budget" under <target>
      Then the request is <decision>
      And the decision rule is <rule>
      And the decision trace shows that kms:RequestAlias was <value>

      Examples:
        | target                        | decision | rule                 | value                   |
        | the alias "alias/finance-app" | allowed  | KEY_POLICY_ALLOWS    | "alias/finance-app"     |
        | the alias "alias/hr-app"      | denied   | NO_IAM_POLICY_ALLOWS | "alias/hr-app"          |
        | the key                       | denied   | NO_IAM_POLICY_ALLOWS | absent from the request |

  Rule: A Deny with NotIpAddress on aws:SourceIp blocks calls from outside the office network

    Background:
      Given the key is a symmetric key with the default key policy
      And carol has the IAM policy "AllKms":
        """
        {"Version": "2012-10-17", "Statement": [
          {"Sid": "AllowAllKms", "Effect": "Allow", "Action": "kms:*", "Resource": "*"}]}
        """
      And carol has the IAM policy "OfficeOnly":
        """
        {"Version": "2012-10-17", "Statement": [
          {"Sid": "DenyOutsideOffice", "Effect": "Deny", "Action": "kms:*", "Resource": "*",
           "Condition": {"NotIpAddress": {"aws:SourceIp": ["203.0.113.0/24", "2001:db8::/32"]}}}]}
        """

    # In-process only: over the wire aws:SourceIp is the address the request really comes from.
    @in-process
    Scenario Outline: Encrypting from <address> is <decision>
      When carol encrypts "payroll" under the key from the address <address>
      Then the request is <decision>
      And the decision rule is <rule>
      And the deciding statement is "<sid>"
      And the decision trace shows that aws:SourceIp was "<address>"

      Examples:
        | address      | decision | rule                            | sid               |
        | 203.0.113.7  | allowed  | KEY_POLICY_AND_IAM_POLICY_ALLOW | AllowAllKms       |
        | 198.51.100.1 | denied   | EXPLICIT_DENY_IN_IAM_POLICY     | DenyOutsideOffice |
