Feature: Nitro enclaves get secrets from KMS with an attestation document (Recipient)
  As a learner preparing for an AWS certification, I want an enclave to receive a secret that its own parent instance
  cannot read, so that I understand the Recipient parameter: the enclave sends a signed attestation document holding
  its measurements (PCRs) and a public key; KMS checks the signature, lets the key policy judge the measurements
  (kms:RecipientAttestation:ImageSha384, kms:RecipientAttestation:PCR<n>) and answers in CiphertextForRecipient,
  encrypted for the enclave, with no Plaintext. KMS Lab signs its enclaves' documents with a simulated Nitro root of
  its own, because AWS's root key is AWS's alone.

  Background:
    Given today is 2026-01-20
    And I work in eu-west-2 as account 111122223333
    And the enclave payments runs the image "payments-v1"

  Scenario: Decrypt answers the enclave, not the caller
    Given the key is a symmetric key
    And a ciphertext of "card numbers" under the key
    When the enclave payments decrypts the ciphertext with its attestation document
    Then the answer has no plaintext, only CiphertextForRecipient
    And the enclave payments opens CiphertextForRecipient to "card numbers"
    And the last Decrypt event records the module id and image digest of the enclave payments

  Scenario: Another enclave of the same image cannot open the answer: the private key never left the first one
    Given the key is a symmetric key
    And a ciphertext of "card numbers" under the key
    And the enclave copy runs the image "payments-v1"
    When the enclave payments decrypts the ciphertext with its attestation document
    Then the enclave copy cannot open CiphertextForRecipient

  Scenario: A data key and random bytes for the enclave
    Given the key is a symmetric key
    When the enclave payments asks for an AES_256 data key under the key with its attestation document
    Then the answer has no plaintext, only CiphertextForRecipient
    And the enclave payments opens CiphertextForRecipient to the data key that CiphertextBlob holds
    When the enclave payments asks for 32 random bytes with its attestation document
    Then the answer has no plaintext, only CiphertextForRecipient
    And the enclave payments opens CiphertextForRecipient to 32 bytes

  Scenario: Only the approved enclave image may decrypt
    Given the IAM role data-processing with the IAM policy "describe-only":
      """
      {"Version": "2012-10-17", "Statement": [
        {"Effect": "Allow", "Action": "kms:DescribeKey", "Resource": "*"}]}
      """
    And worker is a session of the IAM role data-processing
    And the enclave reporting runs the image "reporting-v3"
    And the key is a symmetric key with the key policy, its placeholders filled in:
      """
      {"Version": "2012-10-17", "Statement": [
        {"Sid": "Key administrators", "Effect": "Allow",
         "Principal": {"AWS": "arn:aws:iam::111122223333:root"},
         "Action": ["kms:Encrypt", "kms:DescribeKey", "kms:GetKeyPolicy", "kms:PutKeyPolicy"], "Resource": "*"},
        {"Sid": "Enable enclave data processing", "Effect": "Allow",
         "Principal": {"AWS": "arn:aws:iam::111122223333:role/data-processing"},
         "Action": "kms:Decrypt", "Resource": "*",
         "Condition": {"StringEqualsIgnoreCase": {"kms:RecipientAttestation:ImageSha384": "<image of payments>"}}}]}
      """
    And a ciphertext of "card numbers" under the key
    When worker decrypts the ciphertext for the enclave payments
    Then the request is allowed
    And the enclave payments opens CiphertextForRecipient to "card numbers"
    When worker decrypts the ciphertext for the enclave reporting
    Then the request is denied
    When worker decrypts the ciphertext
    Then the request is denied

  Scenario: A document signed by another root is refused
    Given the key is a symmetric key
    And a ciphertext of "card numbers" under the key
    And the enclave forged runs the image "payments-v1" under a Nitro root the lab does not trust
    When the enclave forged decrypts the ciphertext with its attestation document
    Then the request fails with ValidationException
    And the error message is "The attestation document in Recipient is not signed by the Nitro attestation root KMS Lab trusts."

  Scenario: An attestation document expires with its signing certificate, three hours after it was made
    Given the key is a symmetric key
    And a ciphertext of "card numbers" under the key
    And the enclave payments made an attestation document
    When 4 hours pass
    And the enclave payments decrypts the ciphertext with that attestation document
    Then the request fails with ValidationException
    And the error message is "The attestation document in Recipient has a certificate that is expired or not yet valid."
    When the enclave payments decrypts the ciphertext with its attestation document
    Then the enclave payments opens CiphertextForRecipient to "card numbers"
