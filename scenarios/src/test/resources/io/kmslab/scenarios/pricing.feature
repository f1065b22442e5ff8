Feature: What KMS costs
  AWS KMS bills two things. Keys: $1 a month for each customer managed key (symmetric, asymmetric, HMAC, imported,
  each multi-Region primary and each replica), prorated by the hour, nothing while the key is pending deletion, and
  nothing for AWS managed keys; the first and the second rotation of a key each add $1 a month, later rotations add
  nothing. Requests: priced per 10,000 ($0.03 for symmetric, HMAC and RSA 2048 requests, $0.15 for other asymmetric
  requests), after a free tier of 20,000 requests a month across all Regions, which asymmetric requests do not use.
  A common study-note error says "$0.03 per 1,000": that is ten times the real price. The lab bills what happened on
  its simulated clock, so a month of key events can be checked against a bill computed by hand, to the cent.

  Background:
    Given I work in us-east-1 as account 111122223333

  Scenario: The price book of KMS Lab, with the date its prices were taken
    Then the price book is dated 2026-11-01
    And the price book lists:
      | a customer managed key, a month                | $1.00  |
      | each of the first rotations of a key, a month  | $1.00  |
      | rotations of a key that add to its fee         | 2      |
      | free requests a month, across all Regions      | 20,000 |
      | 10,000 SYMMETRIC requests                      | $0.03  |
      | 10,000 RSA_2048 requests                       | $0.03  |
      | 10,000 ASYMMETRIC requests                     | $0.15  |
      | 10,000 ECC_DATA_KEY_PAIR requests              | $0.10  |
      | 10,000 RSA_DATA_KEY_PAIR requests              | $12.00 |
    And one SYMMETRIC request costs $0.000003
    And one ASYMMETRIC request costs $0.000015

  # Bulk: tens of thousands of requests, minutes over HTTP; left out of the endpoint run.
  @bulk
  Scenario: A scripted month, computed by hand to the cent
    # March 2026 has 744 hours; a key-month is $1 for 744 hours, a rotation surcharge $1 for 744 rotation-hours.
    #   key A: 744 h, and its first rotation (automatic, 90 days after 20 December) from 20 March: 288 h  = $1.387097
    #   key B: from 6 March: 624 h; first rotation from 11 March: 504 h; second from 21 March: 264 h;
    #          the third rotation, on 26 March, costs nothing                              (624 + 768) / 744 = $1.870968
    #   key C: 1 to 16 March (then pending deletion, deleted on 23 March): 360 h                             = $0.483871
    #   key E: 744 h                                                                                         = $1.000000
    #   symmetric requests: CreateKey 1 + RotateKeyOnDemand 3 + ScheduleKeyDeletion 1 + Encrypt 22,000 = 22,005,
    #          of which 20,000 are free: 2,005 x $0.000003                                                    = $0.006015
    #   asymmetric requests: Sign 2,000 x $0.000015, outside the free tier                                    = $0.030000
    #   total                                                                                $4.777951, billed $4.78
    Given today is 2025-12-20
    And this happens in us-east-1:
      | date       | action                                  | key   |
      | 2025-12-20 | create a symmetric key                  | key A |
      | 2025-12-20 | enable automatic rotation every 90 days | key A |
      | 2026-02-10 | create a symmetric key                  | key C |
      | 2026-02-10 | create an ECC_NIST_P256 signing key     | key E |
      | 2026-03-06 | create a symmetric key                  | key B |
      | 2026-03-11 | rotate on demand                        | key B |
      | 2026-03-16 | schedule deletion in 7 days             | key C |
      | 2026-03-21 | rotate on demand                        | key B |
      | 2026-03-26 | rotate on demand                        | key B |
      | 2026-03-31 | encrypt 22,000 times                    | key A |
      | 2026-03-31 | sign 2,000 times                        | key E |
    When the bill of March 2026 is issued on 2026-04-01
    Then the key fees are:
      | key   | fee                | hours |
      | key A | key-month          | 744   |
      | key A | rotation surcharge | 288   |
      | key B | key-month          | 624   |
      | key B | rotation surcharge | 768   |
      | key C | key-month          | 360   |
      | key E | key-month          | 744   |
    And the request lines are:
      | requests                                 | count  | amount    |
      | symmetric and HMAC requests (free tier)  | 20,000 | $0        |
      | symmetric and HMAC requests              | 2,005  | $0.006015 |
      | asymmetric (RSA 3072/4096, ECC) requests | 2,000  | $0.03     |
    And the key fees total $4.74
    And the bill totals $4.78

  Scenario: A key pending deletion costs nothing
    Given today is 2026-02-28
    And the key is a customer managed key
    And I schedule the deletion of the key with a waiting period of 30 days
    When the bill of March 2026 is issued on 2026-04-01
    Then the bill has no key fees
    And the bill totals $0.00
    And KMS logged a DeleteKey service event for the key at 2026-03-30T00:00:00Z

  Scenario: An AWS managed key has no monthly fee; a customer managed key created the same day does
    Given today is 2026-03-01
    And key A is the AWS managed key of S3
    And key B is a customer managed key
    When the bill of March 2026 is issued on 2026-04-01
    Then the bill charges no key fee for key A
    And the key fees are:
      | key   | fee       | hours |
      | key B | key-month | 744   |
    And the bill totals $1.00

  Scenario: Each key of a multi-Region key, the primary and each replica, costs $1 a month
    Given today is 2026-03-01
    And the key is a multi-Region primary key in us-east-1
    And the key was replicated to eu-west-1 as key R
    When the bill of March 2026 is issued on 2026-04-01
    Then the key fees are:
      | key     | fee       | hours |
      | the key | key-month | 744   |
      | key R   | key-month | 744   |
    And the bill totals $2.00

  Scenario Outline: <rotations> rotation(s) at the start of April: the key costs <fees> for April
    Given today is 2026-04-01
    And the key is a customer managed key
    When I rotate the key on demand <rotations> times
    And the bill of April 2026 is issued on 2026-05-01
    Then the key fees total <fees>
    And the bill totals <fees>

    Examples: only the first two rotations add to the fee
      | rotations | fees  |
      | 0         | $1.00 |
      | 1         | $2.00 |
      | 2         | $3.00 |
      | 3         | $3.00 |

  # Bulk: tens of thousands of requests, minutes over HTTP; left out of the endpoint run.
  @bulk
  Scenario Outline: <in London> requests in eu-west-2 and <in Virginia> in us-east-1: <billed> are billed
    Given today is 2026-03-01
    When I make <in London> GenerateRandom requests in eu-west-2
    And I make <in Virginia> GenerateRandom requests in us-east-1
    And the bill of March 2026 is issued on 2026-04-01
    Then the bill counts <free> requests in the free tier and <billed> billed symmetric requests
    And the requests total <cost>

    Examples: the free tier counts the requests of all Regions together
      | in London | in Virginia | free   | billed | cost  |
      | 10,000    | 10,000      | 20,000 | 0      | $0.00 |
      | 12,000    | 18,000      | 20,000 | 10,000 | $0.03 |

  Scenario Outline: Requests with <spec> keys are outside the free tier: 2,000 <operation> requests cost <cost>
    Given today is 2026-02-20
    And the key is an <spec> key for <usage>
    And 9 days pass
    When I make 2,000 <operation> requests with the key
    And I make 1,000 GenerateRandom requests in us-east-1
    And the bill of March 2026 is issued on 2026-04-01
    Then the request lines are:
      | requests                                | count | amount |
      | symmetric and HMAC requests (free tier) | 1,000 | $0     |
      | <line>                                  | 2,000 | <cost> |
    And the bill totals <total>

    Examples:
      | spec          | usage           | operation | line                                     | cost   | total |
      | RSA_2048      | ENCRYPT_DECRYPT | Encrypt   | RSA 2048 requests                        | $0.006 | $1.01 |
      | ECC_NIST_P256 | SIGN_VERIFY     | Sign      | asymmetric (RSA 3072/4096, ECC) requests | $0.03  | $1.03 |

  Scenario Outline: "$0.03 per 1,000" is ten times too much: <requests> symmetric requests cost <real>
    Given today is 2026-03-01
    And an estimated <requests> symmetric requests in us-east-1 are metered for March 2026
    When the bill of March 2026 is issued on 2026-04-01
    Then the bill counts 20,000 requests in the free tier and <billed> billed symmetric requests
    And "$0.03 per 1,000 requests" would have billed <study note> for the same requests, 10 times the real <real>
    And the bill totals <real>

    Examples: the real price is $0.03 per 10,000 requests, $0.000003 a request
      | requests  | billed    | real  | study note |
      | 120,000   | 100,000   | $0.30 | $3.00      |
      | 1,000,000 | 980,000   | $2.94 | $29.40     |
