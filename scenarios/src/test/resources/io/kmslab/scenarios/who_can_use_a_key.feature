Feature: Who can use a key
  As a learner preparing for an AWS certification, I want to see how KMS decides whether a principal may use a key,
  so that I can read a key policy and predict the answer. Every KMS key has exactly one key policy, and nothing
  happens without it: an explicit Deny in the key policy or in an IAM policy of the caller always wins; otherwise
  the request is allowed if the key policy allows the caller, or if the key policy allows the account
  (arn:aws:iam::<account>:root, "Enable IAM User Permissions") and an IAM policy of the caller allows the action,
  or if a grant allows it; otherwise it is implicitly denied. Without the account statement, IAM policies cannot
  allow anything on the key - not even for the account root user.

  The keys of this feature:
  - key A has the default key policy (CreateKey without a policy): only the account statement.
  - key B has the policy the AWS console writes: the account statement, key administrators (admin) who manage
    the key but cannot use it, and key users (alice) who use the key but cannot manage it.
  - key C has a custom policy without the account statement: it names alice and dave, and nobody else.

  Background:
    Given I work in eu-west-2 as account 111122223333
    And the IAM users alice, admin, bob, carol and dave
    And carol has the IAM policy "AllKms":
      """
      {"Version": "2012-10-17", "Statement": [
        {"Sid": "AllowAllKms", "Effect": "Allow", "Action": "kms:*", "Resource": "*"}]}
      """
    And dave has the IAM policy "KmsButNoEncrypt":
      """
      {"Version": "2012-10-17", "Statement": [
        {"Sid": "AllowAllKms", "Effect": "Allow", "Action": "kms:*", "Resource": "*"},
        {"Sid": "DenyEncrypt", "Effect": "Deny", "Action": "kms:Encrypt", "Resource": "*"}]}
      """
    And key A is a symmetric key with the default key policy
    And key B is a symmetric key with the key policy:
      """
      {
        "Id": "key-consolepolicy-3",
        "Version": "2012-10-17",
        "Statement": [
          {
            "Sid": "Enable IAM User Permissions",
            "Effect": "Allow",
            "Principal": {"AWS": "arn:aws:iam::111122223333:root"},
            "Action": "kms:*",
            "Resource": "*"
          },
          {
            "Sid": "Allow access for Key Administrators",
            "Effect": "Allow",
            "Principal": {"AWS": ["arn:aws:iam::111122223333:user/admin"]},
            "Action": ["kms:Create*", "kms:Describe*", "kms:Enable*", "kms:List*", "kms:Put*", "kms:Update*",
                       "kms:Revoke*", "kms:Disable*", "kms:Get*", "kms:Delete*", "kms:TagResource",
                       "kms:UntagResource", "kms:ScheduleKeyDeletion", "kms:CancelKeyDeletion"],
            "Resource": "*"
          },
          {
            "Sid": "Allow use of the key",
            "Effect": "Allow",
            "Principal": {"AWS": ["arn:aws:iam::111122223333:user/alice"]},
            "Action": ["kms:Encrypt", "kms:Decrypt", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:DescribeKey"],
            "Resource": "*"
          },
          {
            "Sid": "Allow attachment of persistent resources",
            "Effect": "Allow",
            "Principal": {"AWS": ["arn:aws:iam::111122223333:user/alice"]},
            "Action": ["kms:CreateGrant", "kms:ListGrants", "kms:RevokeGrant"],
            "Resource": "*",
            "Condition": {"Bool": {"kms:GrantIsForAWSResource": "true"}}
          }
        ]
      }
      """
    And key C is a symmetric key with the key policy, bypassing the lockout safety check:
      """
      {"Version": "2012-10-17", "Statement": [
        {"Sid": "AllowAliceAndDave", "Effect": "Allow",
         "Principal": {"AWS": ["arn:aws:iam::111122223333:user/alice", "arn:aws:iam::111122223333:user/dave"]},
         "Action": ["kms:Encrypt", "kms:Decrypt", "kms:DescribeKey"], "Resource": "*"}]}
      """

  Rule: The default key policy lets IAM policies decide

    Scenario: A user without any IAM policy cannot use a key that has the default key policy
      When bob encrypts "payroll" under key A
      Then the request is denied
      And the decision rule is NO_IAM_POLICY_ALLOWS
      And the deciding statement is "Enable IAM User Permissions"
      And the error message is "User: arn:aws:iam::111122223333:user/bob is not authorized to perform: kms:Encrypt on resource: <key A ARN> because no identity-based policy allows the kms:Encrypt action"

    Scenario: An IAM policy that allows kms:Encrypt lets the same user encrypt, and nothing more
      Given bob has the IAM policy "EncryptOnly":
        """
        {"Version": "2012-10-17", "Statement": [
          {"Sid": "EncryptWithKeysOfThisAccount", "Effect": "Allow", "Action": "kms:Encrypt",
           "Resource": "arn:aws:kms:eu-west-2:111122223333:key/*"}]}
        """
      When bob encrypts "payroll" under key A
      Then the request is allowed
      And the decision rule is KEY_POLICY_AND_IAM_POLICY_ALLOW
      And the deciding statement is "EncryptWithKeysOfThisAccount"
      And the decision trace mentions "delegates to IAM"
      When bob calls DescribeKey on key A
      Then the request is denied
      And the decision rule is NO_IAM_POLICY_ALLOWS

    Scenario: A role session uses the role's IAM policies, and AWS names the session in its messages
      Given the IAM role reporting with the IAM policy "EncryptOnly":
        """
        {"Version": "2012-10-17", "Statement": [
          {"Sid": "EncryptOnly", "Effect": "Allow", "Action": "kms:Encrypt", "Resource": "*"}]}
        """
      And job-42 is a session of the IAM role reporting
      When job-42 encrypts "monthly report" under key A
      Then the request is allowed
      And the deciding statement is "EncryptOnly"
      When job-42 decrypts the ciphertext
      Then the request is denied
      And the error message is "User: arn:aws:sts::111122223333:assumed-role/reporting/job-42 is not authorized to perform: kms:Decrypt on resource: <key A ARN> because no identity-based policy allows the kms:Decrypt action"

  Rule: In the console's policy, key administrators manage the key and key users use it

    Scenario: A key administrator manages the key but cannot encrypt with it
      When admin calls DisableKey on key B
      Then the request is allowed
      And the deciding statement is "Allow access for Key Administrators"
      And key B is in the Disabled state
      When admin calls EnableKey on key B
      Then the request is allowed
      When admin encrypts "payroll" under key B
      Then the request is denied
      And the decision rule is NO_IAM_POLICY_ALLOWS
      And the error message is "User: arn:aws:iam::111122223333:user/admin is not authorized to perform: kms:Encrypt on resource: <key B ARN> because no identity-based policy allows the kms:Encrypt action"

    Scenario: A key user encrypts and decrypts but cannot schedule the deletion of the key
      When alice encrypts "payroll" under key B
      Then the request is allowed
      And the deciding statement is "Allow use of the key"
      When alice decrypts the ciphertext
      Then the plaintext is "payroll"
      When alice calls ScheduleKeyDeletion on key B
      Then the request is denied
      And the decision rule is NO_IAM_POLICY_ALLOWS
      And the error message is "User: arn:aws:iam::111122223333:user/alice is not authorized to perform: kms:ScheduleKeyDeletion on resource: <key B ARN> because no identity-based policy allows the kms:ScheduleKeyDeletion action"
      And key B is in the Enabled state

  Rule: Without the account statement, IAM policies cannot allow anything on the key

    Scenario: An IAM policy that allows every KMS action has no effect on key C
      When carol encrypts "payroll" under key C
      Then the request is denied
      And the decision rule is NO_KEY_POLICY_ALLOWS
      And the deciding statement is "-"
      And the decision trace mentions "does not name the caller"
      And the error message is "User: arn:aws:iam::111122223333:user/carol is not authorized to perform: kms:Encrypt on resource: <key C ARN> because no resource-based policy allows the kms:Encrypt action"

    Scenario: Even the account root user is denied, and can no longer change the key policy
      When the root user encrypts "payroll" under key C
      Then the request is denied
      And the decision rule is NO_KEY_POLICY_ALLOWS
      And the error message is "User: arn:aws:iam::111122223333:root is not authorized to perform: kms:Encrypt on resource: <key C ARN> because no resource-based policy allows the kms:Encrypt action"
      When I put the default key policy back on key C
      Then the request is denied
      And the error message is "User: arn:aws:iam::111122223333:root is not authorized to perform: kms:PutKeyPolicy on resource: <key C ARN> because no resource-based policy allows the kms:PutKeyPolicy action"

    Scenario: A user the key policy names needs no IAM policy
      When alice encrypts "payroll" under key C
      Then the request is allowed
      And the decision rule is KEY_POLICY_ALLOWS
      And the deciding statement is "AllowAliceAndDave"

  Rule: An explicit Deny wins over every Allow

    Scenario: An explicit deny in an IAM policy beats a key policy that names the user
      When dave encrypts "payroll" under key C
      Then the request is denied
      And the decision rule is EXPLICIT_DENY_IN_IAM_POLICY
      And the deciding statement is "DenyEncrypt"
      And the error message is "User: arn:aws:iam::111122223333:user/dave is not authorized to perform: kms:Encrypt on resource: <key C ARN> with an explicit deny in an identity-based policy"
      When dave calls DescribeKey on key C
      Then the request is allowed
      And the deciding statement is "AllowAliceAndDave"

    Scenario: An explicit deny in the key policy beats the IAM policy that allows everything
      Given key D is a symmetric key with the key policy:
        """
        {"Version": "2012-10-17", "Statement": [
          {"Sid": "Enable IAM User Permissions", "Effect": "Allow",
           "Principal": {"AWS": "arn:aws:iam::111122223333:root"}, "Action": "kms:*", "Resource": "*"},
          {"Sid": "CarolNeverEncrypts", "Effect": "Deny",
           "Principal": {"AWS": "arn:aws:iam::111122223333:user/carol"}, "Action": "kms:Encrypt", "Resource": "*"}]}
        """
      When carol encrypts "payroll" under key D
      Then the request is denied
      And the decision rule is EXPLICIT_DENY_IN_KEY_POLICY
      And the deciding statement is "CarolNeverEncrypts"
      And the error message is "User: arn:aws:iam::111122223333:user/carol is not authorized to perform: kms:Encrypt on resource: <key D ARN> with an explicit deny in a resource-based policy"
      When carol calls DescribeKey on key D
      Then the request is allowed
      And the decision rule is KEY_POLICY_AND_IAM_POLICY_ALLOW

    Scenario: A Deny with NotPrincipal applies to every principal it does not list
      Given key E is a symmetric key with the key policy:
        """
        {"Version": "2012-10-17", "Statement": [
          {"Sid": "Enable IAM User Permissions", "Effect": "Allow",
           "Principal": {"AWS": "arn:aws:iam::111122223333:root"}, "Action": "kms:*", "Resource": "*"},
          {"Sid": "OnlyTheRootUserEncrypts", "Effect": "Deny",
           "NotPrincipal": {"AWS": "arn:aws:iam::111122223333:root"}, "Action": "kms:Encrypt", "Resource": "*"}]}
        """
      When the root user encrypts "payroll" under key E
      Then the request is allowed
      When carol encrypts "payroll" under key E
      Then the request is denied
      And the decision rule is EXPLICIT_DENY_IN_KEY_POLICY
      And the deciding statement is "OnlyTheRootUserEncrypts"
      And the error message is "User: arn:aws:iam::111122223333:user/carol is not authorized to perform: kms:Encrypt on resource: <key E ARN> with an explicit deny in a resource-based policy"

  Rule: The decision table

    Scenario Outline: <principal> calling <action> on <key> is <decision> (<rule>)
      When <principal> calls <action> on <key>
      Then the request is <decision>
      And the decision rule is <rule>
      And the deciding statement is "<sid>"
      And the denial message is "<message>"

      Examples: A dash means none. On a denial, the deciding statement is the one that came closest to allowing.
        | principal     | action              | key   | decision | rule                            | sid                                 | message                                                                                                                                                                                        |
        | the root user | Encrypt             | key A | allowed  | KEY_POLICY_ALLOWS               | Enable IAM User Permissions         | -                                                                                                                                                                                              |
        | bob           | Encrypt             | key A | denied   | NO_IAM_POLICY_ALLOWS            | Enable IAM User Permissions         | User: arn:aws:iam::111122223333:user/bob is not authorized to perform: kms:Encrypt on resource: <key A ARN> because no identity-based policy allows the kms:Encrypt action                     |
        | carol         | GenerateDataKey     | key A | allowed  | KEY_POLICY_AND_IAM_POLICY_ALLOW | AllowAllKms                         | -                                                                                                                                                                                              |
        | carol         | ScheduleKeyDeletion | key A | allowed  | KEY_POLICY_AND_IAM_POLICY_ALLOW | AllowAllKms                         | -                                                                                                                                                                                              |
        | dave          | Encrypt             | key A | denied   | EXPLICIT_DENY_IN_IAM_POLICY     | DenyEncrypt                         | User: arn:aws:iam::111122223333:user/dave is not authorized to perform: kms:Encrypt on resource: <key A ARN> with an explicit deny in an identity-based policy                                 |
        | admin         | DisableKey          | key B | allowed  | KEY_POLICY_ALLOWS               | Allow access for Key Administrators | -                                                                                                                                                                                              |
        | admin         | GetKeyPolicy        | key B | allowed  | KEY_POLICY_ALLOWS               | Allow access for Key Administrators | -                                                                                                                                                                                              |
        | admin         | GenerateDataKey     | key B | denied   | NO_IAM_POLICY_ALLOWS            | Enable IAM User Permissions         | User: arn:aws:iam::111122223333:user/admin is not authorized to perform: kms:GenerateDataKey on resource: <key B ARN> because no identity-based policy allows the kms:GenerateDataKey action   |
        | alice         | GenerateDataKey     | key B | allowed  | KEY_POLICY_ALLOWS               | Allow use of the key                | -                                                                                                                                                                                              |
        | alice         | TagResource         | key B | denied   | NO_IAM_POLICY_ALLOWS            | Enable IAM User Permissions         | User: arn:aws:iam::111122223333:user/alice is not authorized to perform: kms:TagResource on resource: <key B ARN> because no identity-based policy allows the kms:TagResource action           |
        | alice         | Encrypt             | key C | allowed  | KEY_POLICY_ALLOWS               | AllowAliceAndDave                   | -                                                                                                                                                                                              |
        | alice         | DisableKey          | key C | denied   | NO_KEY_POLICY_ALLOWS            | AllowAliceAndDave                   | User: arn:aws:iam::111122223333:user/alice is not authorized to perform: kms:DisableKey on resource: <key C ARN> because no resource-based policy allows the kms:DisableKey action             |
        | carol         | DescribeKey         | key C | denied   | NO_KEY_POLICY_ALLOWS            | -                                   | User: arn:aws:iam::111122223333:user/carol is not authorized to perform: kms:DescribeKey on resource: <key C ARN> because no resource-based policy allows the kms:DescribeKey action           |
        | the root user | ScheduleKeyDeletion | key C | denied   | NO_KEY_POLICY_ALLOWS            | -                                   | User: arn:aws:iam::111122223333:root is not authorized to perform: kms:ScheduleKeyDeletion on resource: <key C ARN> because no resource-based policy allows the kms:ScheduleKeyDeletion action |
        | bob           | GetKeyPolicy        | key C | denied   | NO_KEY_POLICY_ALLOWS            | -                                   | User: arn:aws:iam::111122223333:user/bob is not authorized to perform: kms:GetKeyPolicy on resource: <key C ARN> because no resource-based policy allows the kms:GetKeyPolicy action           |
