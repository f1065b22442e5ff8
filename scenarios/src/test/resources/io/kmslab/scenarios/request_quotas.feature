Feature: Request quotas
  KMS limits how fast an account may call it, per Region: each quota is a number of requests per second, and a
  request over it fails with ThrottlingException (the SDKs retry it with backoff). Encrypt, Decrypt, GenerateDataKey,
  GenerateRandom and the other symmetric cryptographic operations share one pool, whose size depends on the Region:
  10,000 a second by default, 20,000 in some Regions (eu-west-2 among them), 100,000 in us-east-1, us-west-2 and
  eu-west-1. CreateKey is limited to 5 a second, DescribeKey to 2,000, RotateKeyOnDemand to 5, GetParametersForImport
  to 1; ECC and RSA operations have their own pools of 1,000. The lab enforces quotas only when asked to, on its
  simulated clock: every request of a burst happens in the same simulated instant, and the quota refills as time passes.

  Background:
    Given today is 2026-01-20
    And I work in eu-west-2 as account 111122223333

  Scenario: Quotas are off unless the lab is asked to enforce them
    When I make 10 CreateKey requests in eu-west-2
    Then all 10 requests succeed
    And request quotas are not enforced

  Scenario: With quotas on, the sixth CreateKey in one second is throttled; the quota refills as time passes
    Given request quotas are enforced
    When I make 5 CreateKey requests in eu-west-2
    Then all 5 requests succeed
    When I make 1 more CreateKey request in eu-west-2
    Then the request fails with ThrottlingException
    And the error message is "You have exceeded the rate at which you may call KMS. Reduce the frequency of your calls."
    # 5 a second: every 200 milliseconds give back one CreateKey, a second gives back all 5
    When 200 milliseconds pass
    And I make 2 CreateKey requests in eu-west-2
    Then only 1 of them succeeds
    And the request fails with ThrottlingException
    When 1 second passes
    And I make 6 CreateKey requests in eu-west-2
    Then only 5 of them succeed
    And the request fails with ThrottlingException

  Scenario: A throttled request is in the audit trail, as a failed call
    Given request quotas are enforced
    And I make 5 CreateKey requests in eu-west-2
    When I make 1 more CreateKey request in eu-west-2
    Then the request fails with ThrottlingException
    When I query the audit trail of account 111122223333 with:
      | event name | CreateKey |
      | outcome    | failed    |
    Then the query finds these events, oldest first:
      | event name | caller        | error code          |
      | CreateKey  | the root user | ThrottlingException |

  Scenario: Quotas are per Region and per account
    Given request quotas are enforced
    And I make 5 CreateKey requests in eu-west-2
    When I make 1 more CreateKey request in eu-west-2
    Then the request fails with ThrottlingException
    When I make 5 CreateKey requests in us-east-1
    Then all 5 requests succeed
    When account 444455556666 makes 5 CreateKey requests in eu-west-2
    Then all 5 requests succeed

  # Bulk: thousands of requests a simulated second, minutes over HTTP; left out of the endpoint run.
  @bulk
  Scenario: Encrypt, Decrypt and GenerateDataKey share one pool; CreateKey has its own
    # sa-east-1 has the default pool: 10,000 symmetric requests a second
    Given request quotas are enforced
    When I make 5,000 Encrypt requests in sa-east-1
    Then all 5,000 requests succeed
    When I make 5,000 Decrypt requests in sa-east-1
    Then all 5,000 requests succeed
    When I make 1 more GenerateDataKey request in sa-east-1
    Then the request fails with ThrottlingException
    When I make 1 CreateKey request in sa-east-1
    Then the request succeeds

  Scenario Outline: In <region>, <rate> <operation> requests a second are allowed, and no more
    Given request quotas are enforced
    When I make <rate> <operation> requests in <region>
    Then all <rate> requests succeed
    When I make 1 more <operation> request in <region>
    Then the request fails with ThrottlingException
    And the error message is "You have exceeded the rate at which you may call KMS. Reduce the frequency of your calls."

    # Bulk: 20,000 and 100,000 requests in one simulated second, minutes over HTTP; left out of the endpoint run.
    @bulk
    Examples: the shared symmetric pool depends on the Region
      | region    | operation      | rate    |
      | eu-west-2 | GenerateRandom | 20,000  |
      | us-east-1 | GenerateRandom | 100,000 |

    Examples: operations with a quota of their own
      | region    | operation              | rate  |
      | eu-west-2 | RotateKeyOnDemand      | 5     |
      | eu-west-2 | GetParametersForImport | 1     |
