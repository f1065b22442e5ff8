Feature: S3 server-side encryption with KMS keys
  As a learner preparing for an AWS certification, I want to see what S3 asks of KMS when it encrypts my objects, so
  that I know which permissions a reader and a writer need, why a GET can fail on a key while S3 itself allows it, and
  what an S3 Bucket Key does to the KMS bill.

  S3 calls KMS as the requester (kms:ViaService = s3.<bucket Region>.amazonaws.com): a PUT under SSE-KMS asks for a
  data key (GenerateDataKey) with the encryption context aws:s3:arn = the object's ARN; a GET decrypts that data key
  (Decrypt, same context); SSE-S3 makes no KMS call at all. With an S3 Bucket Key, S3 fetches a bucket-level key (the
  encryption context is then the bucket's ARN) and derives each object's key from it, so KMS sees one call per
  requester for a while instead of one per object. KMS Lab keeps a bucket-level key 5 minutes: AWS publishes no figure.

  Background:
    Given today is 2026-03-01
    And I work in eu-west-2 as account 111122223333
    And the key is a symmetric key with the default key policy
    And the bucket "reports" in eu-west-2

  Rule: a PUT generates a data key, a GET decrypts it, and the object's ARN is the encryption context

    Scenario: Writing and reading an object under SSE-KMS
      When I put the object "q1.csv" in "reports" with SSE-KMS under the key
      And I get the object "q1.csv" from "reports"
      Then the object reads "contents of q1.csv"
      And the trail of account 111122223333 shows these calls from S3, oldest first:
        | event           | caller        | aws:s3:arn                  | error code |
        | GenerateDataKey | the root user | arn:aws:s3:::reports/q1.csv | -          |
        | Decrypt         | the root user | arn:aws:s3:::reports/q1.csv | -          |
      When I look at the last GenerateDataKey event in the trail of account 111122223333
      Then the event reads:
        | awsRegion                          | eu-west-2                                   |
        | userIdentity.arn                   | arn:aws:iam::111122223333:root              |
        | userIdentity.invokedBy             | s3.amazonaws.com                            |
        | userAgent                          | s3.amazonaws.com                            |
        | requestParameters.keyId            | <key ARN>                                   |
        | requestParameters.keySpec          | AES_256                                     |
        | requestParameters.encryptionContext | {"aws:s3:arn":"arn:aws:s3:::reports/q1.csv"} |

    Scenario: HeadObject shows the encryption and the key without calling KMS
      Given I put the object "q1.csv" in "reports" with SSE-KMS under the key
      When I read the head of the object "q1.csv" in "reports"
      Then HeadObject shows aws:kms with the key
      And the trail of account 111122223333 shows 0 Decrypt calls from S3

    Scenario Outline: PUT and GET under <encryption>: <data keys> GenerateDataKey and <decrypts> Decrypt
      Given the bucket "reports" encrypts new objects with <encryption>
      When I put the object "a.txt" in "reports"
      And I get the object "a.txt" from "reports"
      Then the object reads "contents of a.txt"
      And the trail of account 111122223333 shows <data keys> GenerateDataKey calls from S3
      And the trail of account 111122223333 shows <decrypts> Decrypt calls from S3

      Examples: SSE-S3 makes no KMS call; the writer of a Bucket Key object still holds the key when it reads
        | encryption                                    | data keys | decrypts |
        | SSE-S3                                        | 0         | 0        |
        | SSE-KMS under the key                         | 1         | 1        |
        | DSSE-KMS under the key                        | 1         | 1        |
        | SSE-KMS under the key and an S3 Bucket Key    | 1         | 0        |

  Rule: a reader needs kms:Decrypt, and S3 passes on KMS's refusal

    Scenario: A reader allowed by S3 but not by KMS is refused with the AWS message
      Given bob is an IAM user of account 111122223333 with the IAM policy "read-reports":
        """
        {"Version": "2012-10-17", "Statement": [
          {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::reports/*"}]}
        """
      And I put the object "q1.csv" in "reports" with SSE-KMS under the key
      When bob gets the object "q1.csv" from "reports"
      Then S3 answers AccessDenied with HTTP status 403 and the message "User: <bob ARN> is not authorized to perform: kms:Decrypt on resource: <key ARN> because no identity-based policy allows the kms:Decrypt action"
      And the KMS decision behind the answer is NO_IAM_POLICY_ALLOWS
      And the KMS decision behind the answer mentions "no IAM policy attached to the caller allows kms:Decrypt"
      And the trail of account 111122223333 shows these calls from S3, oldest first:
        | event           | caller        | aws:s3:arn                  | error code            |
        | GenerateDataKey | the root user | arn:aws:s3:::reports/q1.csv | -                     |
        | Decrypt         | bob           | arn:aws:s3:::reports/q1.csv | AccessDeniedException |

    Scenario: A reader S3 itself refuses never reaches KMS
      Given carol is an IAM user of account 111122223333
      And I put the object "q1.csv" in "reports" with SSE-KMS under the key
      When carol gets the object "q1.csv" from "reports"
      Then S3 answers AccessDenied with HTTP status 403 and the message "User: <carol ARN> is not authorized to perform: s3:GetObject on resource: "arn:aws:s3:::reports/q1.csv" because no identity-based policy allows the s3:GetObject action"
      And the answer did not come from KMS
      And the trail of account 111122223333 shows 0 Decrypt calls from S3

    Scenario: A key policy that allows the key only through S3
      Given alice is an IAM user of account 111122223333 with the IAM policy "objects":
        """
        {"Version": "2012-10-17", "Statement": [
          {"Effect": "Allow", "Action": ["s3:PutObject", "s3:GetObject"], "Resource": "arn:aws:s3:::reports/*"}]}
        """
      And the key is a symmetric key with the key policy:
        """
        {"Version": "2012-10-17", "Statement": [
          {"Sid": "Enable IAM User Permissions", "Effect": "Allow",
           "Principal": {"AWS": "arn:aws:iam::111122223333:root"}, "Action": "kms:*", "Resource": "*"},
          {"Sid": "OnlyThroughS3", "Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111122223333:user/alice"},
           "Action": ["kms:Encrypt", "kms:Decrypt", "kms:GenerateDataKey*"], "Resource": "*",
           "Condition": {"StringEquals": {"kms:ViaService": "s3.eu-west-2.amazonaws.com"}}}]}
        """
      When alice puts the object "invoice.pdf" in "reports" with SSE-KMS under the key
      And alice gets the object "invoice.pdf" from "reports"
      Then the object reads "contents of invoice.pdf"
      When alice encrypts "invoice" under the key directly
      Then the request is denied
      And the decision trace shows that kms:ViaService was absent from the request

    Scenario: A multipart upload needs kms:Decrypt as well as kms:GenerateDataKey
      Given dave is an IAM user of account 111122223333 with the IAM policy "upload":
        """
        {"Version": "2012-10-17", "Statement": [
          {"Effect": "Allow", "Action": "s3:PutObject", "Resource": "arn:aws:s3:::reports/*"},
          {"Effect": "Allow", "Action": "kms:GenerateDataKey", "Resource": "*"}]}
        """
      When dave puts the object "small.csv" in "reports" with SSE-KMS under the key
      And dave starts a multipart upload of "big.dump" in "reports" with SSE-KMS under the key
      And dave uploads part 1 of the multipart upload
      Then S3 answers AccessDenied with HTTP status 403
      And the KMS decision behind the answer mentions "dave is not authorized to perform: kms:Decrypt"
      And the trail of account 111122223333 shows these calls from S3, oldest first:
        | event           | caller | aws:s3:arn                     | error code            |
        | GenerateDataKey | dave   | arn:aws:s3:::reports/small.csv | -                     |
        | GenerateDataKey | dave   | arn:aws:s3:::reports/big.dump  | -                     |
        | Decrypt         | dave   | arn:aws:s3:::reports/big.dump  | AccessDeniedException |

    Scenario: A copy decrypts the source and generates a data key for the copy, under the destination's default
      Given key B is a symmetric key in eu-west-2 with the alias "alias/archive"
      And the bucket "archive" in eu-west-2
      And the bucket "archive" encrypts new objects with SSE-KMS under key B
      And I put the object "q1.csv" in "reports" with SSE-KMS under the key
      When I copy the object "q1.csv" of "reports" to "2026/q1.csv" in "archive"
      And I get the object "2026/q1.csv" from "archive"
      Then the object reads "contents of q1.csv"
      When I read the head of the object "2026/q1.csv" in "archive"
      Then HeadObject shows aws:kms with key B
      And the trail of account 111122223333 shows these calls from S3, oldest first:
        | event           | caller        | aws:s3:arn                       | error code |
        | GenerateDataKey | the root user | arn:aws:s3:::reports/q1.csv      | -          |
        | Decrypt         | the root user | arn:aws:s3:::reports/q1.csv      | -          |
        | GenerateDataKey | the root user | arn:aws:s3:::archive/2026/q1.csv | -          |
        | Decrypt         | the root user | arn:aws:s3:::archive/2026/q1.csv | -          |

  Rule: the key must be in the bucket's Region, usable, and ids and aliases are the requester's

    Scenario: A key of another Region named by its key id is not found in the bucket's Region
      Given key B is a symmetric key in us-east-1 with the alias "alias/virginia"
      When I put the object "q1.csv" in "reports" with SSE-KMS under key B by its key id
      Then S3 answers KMS.NotFoundException with HTTP status 400 and the message "Key 'arn:aws:kms:eu-west-2:111122223333:key/<key B id>' does not exist"

    Scenario: aws/s3 without alias/ is not a key id
      Given the bucket "reports" encrypts new objects with SSE-KMS under the key id "aws/s3"
      When I put the object "q1.csv" in "reports"
      Then S3 answers KMS.NotFoundException with HTTP status 400 and the message "Invalid keyId aws/s3"

    Scenario: Disabling the key makes its objects unreadable; enabling it again restores them
      Given I put the object "q1.csv" in "reports" with SSE-KMS under the key
      When I disable the key
      And I get the object "q1.csv" from "reports"
      Then S3 answers KMS.DisabledException with HTTP status 400 and the message "<key ARN> is disabled."
      When I enable the key
      And I get the object "q1.csv" from "reports"
      Then the object reads "contents of q1.csv"

  Rule: across accounts, the bucket policy and the key policy must both allow the reader

    Background:
      Given dana is an IAM user of account 444455556666 with the IAM policy "read-shared":
        """
        {"Version": "2012-10-17", "Statement": [
          {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::reports/*"},
          {"Effect": "Allow", "Action": "kms:Decrypt", "Resource": "*"}]}
        """

    Scenario: A reader of another account gets the object only once both policies allow it
      Given I put the object "q1.csv" in "reports" with SSE-KMS under the key
      When dana gets the object "q1.csv" from "reports"
      Then S3 answers AccessDenied with HTTP status 403 and the message "Access Denied"
      And the answer did not come from KMS
      Given the bucket policy of "reports" is:
        """
        {"Version": "2012-10-17", "Statement": [{"Sid": "ReadersOfB", "Effect": "Allow",
          "Principal": {"AWS": "arn:aws:iam::444455556666:root"}, "Action": "s3:GetObject",
          "Resource": "arn:aws:s3:::reports/*"}]}
        """
      When dana gets the object "q1.csv" from "reports"
      Then S3 answers AccessDenied with HTTP status 403 and the message "The ciphertext refers to a customer master key that does not exist, does not exist in this region, or you are not allowed to access."
      And the KMS decision behind the answer is NO_KEY_POLICY_ALLOWS
      When I put the key policy on the key:
        """
        {"Version": "2012-10-17", "Statement": [
          {"Sid": "Enable IAM User Permissions", "Effect": "Allow",
           "Principal": {"AWS": "arn:aws:iam::111122223333:root"}, "Action": "kms:*", "Resource": "*"},
          {"Sid": "ReadersOfB", "Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::444455556666:root"},
           "Action": "kms:Decrypt", "Resource": "*"}]}
        """
      And dana gets the object "q1.csv" from "reports"
      Then the object reads "contents of q1.csv"

    Scenario: Under aws/s3 a reader of another account is refused whatever the bucket policy says
      Given the bucket "reports" encrypts new objects with SSE-KMS under aws/s3
      And the bucket policy of "reports" is:
        """
        {"Version": "2012-10-17", "Statement": [{"Sid": "ReadersOfB", "Effect": "Allow",
          "Principal": {"AWS": "arn:aws:iam::444455556666:root"}, "Action": "s3:GetObject",
          "Resource": "arn:aws:s3:::reports/*"}]}
        """
      And I put the object "q1.csv" in "reports"
      When dana gets the object "q1.csv" from "reports"
      Then S3 answers AccessDenied with HTTP status 403
      And the KMS decision behind the answer mentions "kms:CallerAccount"

  Rule: an S3 Bucket Key makes KMS calls per requester and per lifetime, not per object

    Scenario: One bucket-level key for 5 minutes, with the bucket's ARN as encryption context
      Given the bucket "reports" encrypts new objects with SSE-KMS under the key and an S3 Bucket Key
      When I put 200 objects in "reports", one every 2 seconds
      Then the trail of account 111122223333 shows these calls from S3, oldest first:
        | event           | caller        | aws:s3:arn           | error code |
        | GenerateDataKey | the root user | arn:aws:s3:::reports | -          |
        | GenerateDataKey | the root user | arn:aws:s3:::reports | -          |
      When I read the head of the object "object-200" in "reports"
      Then HeadObject shows aws:kms with the key and an S3 Bucket Key

    Scenario: Each reader decrypts the bucket-level key once while it holds it
      Given the bucket "reports" encrypts new objects with SSE-KMS under the key and an S3 Bucket Key
      And erin is an IAM user of account 111122223333 with the IAM policy "read":
        """
        {"Version": "2012-10-17", "Statement": [
          {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::reports/*"},
          {"Effect": "Allow", "Action": "kms:Decrypt", "Resource": "*"}]}
        """
      When I put 10 objects in "reports", one every 2 seconds
      And erin gets the 10 objects from "reports"
      Then the trail of account 111122223333 shows these calls from S3, oldest first:
        | event           | caller        | aws:s3:arn           | error code |
        | GenerateDataKey | the root user | arn:aws:s3:::reports | -          |
        | Decrypt         | erin          | arn:aws:s3:::reports | -          |

    Scenario: While S3 holds a bucket-level key, a disabled key does not stop writes; when it expires, it does
      Given the bucket "reports" encrypts new objects with SSE-KMS under the key and an S3 Bucket Key
      And I put the object "a.txt" in "reports"
      When I disable the key
      And I put the object "b.txt" in "reports"
      Then the trail of account 111122223333 shows 1 GenerateDataKey call from S3
      When 5 minutes pass
      And I put the object "c.txt" in "reports"
      Then S3 answers KMS.DisabledException with HTTP status 400

  Rule: a Bucket Key divides the KMS requests of a busy bucket by about a hundred

    Background:
      Given account 444455556666 owns the bucket "ingest-b" in eu-west-2
      And key B is a symmetric key of account 444455556666
      And the bucket "reports" encrypts new objects with SSE-KMS under the key
      And the bucket "ingest-b" encrypts new objects with SSE-KMS under key B and an S3 Bucket Key

    Scenario: 50,000 PUTs a day into each bucket
      When 50,000 objects are put into each of "reports" and "ingest-b", evenly over 1 day
      Then the KMS requests of March 2026 compare as:
        |                               | 111122223333 | 444455556666 |
        | GenerateDataKey calls from S3 | 50,000       | 288          |
        | KMS requests metered          | 50,001       | 289          |

    # Bulk: 2,000,000 PUTs, a minute or two in-process; left out of the endpoint run.
    @bulk
    Scenario: 1,000,000 PUTs in a month into each bucket, and the bills
      When 1,000,000 objects are put into each of "reports" and "ingest-b", evenly over March 2026
      Then the KMS requests of March 2026 compare as:
        |                               | 111122223333 | 444455556666 |
        | GenerateDataKey calls from S3 | 1,000,000    | 8,850        |
        | KMS requests metered          | 1,000,001    | 8,851        |
        | requests on the bill          | $2.94        | $0.00        |
        | key fee                       | $1.00        | $1.00        |
        | KMS bill                      | $3.94        | $1.00        |
