Feature: Real XKS proxies at a URL, only those named when the lab started
  An external key store names its proxy's URL in the CreateCustomKeyStore request, and KMS calls it. KMS Lab runs on
  your machine, where any web page can send it requests: if it called every URL a request names, a page could make
  your machine call hosts of its choosing. So the lab calls a real proxy only if the user who started it named it
  (kmslab serve --xks-proxy https://host[:port]); any other URL is a proxy KMS cannot reach, and is never contacted.
  A named proxy is called over HTTPS, each request signed with SigV4 (service kms-xks-proxy), and a proxy that does
  not complete a TLS handshake is unreachable too.

  Background:
    Given today is 2026-01-20
    And a server listening on localhost that counts its connections

  Scenario: A proxy URL that was not named when the lab started is never called
    Given I work in eu-west-2 as account 111122223333
    When I create an external key store "NotNamed" for the proxy endpoint "https://localhost"
    Then the request fails with XksProxyUriUnreachableException
    And the server was never contacted

  Scenario: A named proxy is called, and one without TLS is unreachable
    Given the lab was started naming that server as an XKS proxy
    And I work in eu-west-2 as account 111122223333
    When I create an external key store "Named" for the proxy endpoint "https://localhost"
    Then the request fails with XksProxyUriUnreachableException
    And the server was contacted
