Feature: Rotating a key with imported key material
  A symmetric encryption key with imported key material (Origin EXTERNAL) never rotates automatically, but it can
  rotate on demand into new material that you bring. ImportKeyMaterial with ImportType NEW_KEY_MATERIAL stages the new
  material: it waits in the KeyMaterialState PENDING_ROTATION, one at a time, while encryption keeps using the current
  material. RotateKeyOnDemand then makes it current; the older material stays associated with the key, so older
  ciphertexts still decrypt. Every material associated with the key must stay imported: delete or let expire any of
  them, current or older, and the key is PendingImport until that same material is imported again (ImportType
  EXISTING_KEY_MATERIAL, the default, optionally naming its KeyMaterialId). The same material always gets the same key
  material id. A replica of a multi-Region key with imported material starts PendingImport and takes only the same
  material as its primary. New material of a multi-Region key is imported into the primary with NEW_KEY_MATERIAL, then
  into each replica (EXISTING_KEY_MATERIAL): it is PENDING_MULTI_REGION_IMPORT_AND_ROTATION until every replica has it,
  PENDING_ROTATION then, and RotateKeyOnDemand on the primary makes it current in every Region.

  Background:
    Given today is 2026-01-20
    And I work in eu-west-2 as account 111122223333

  Rule: New key material waits in PENDING_ROTATION until RotateKeyOnDemand makes it current

    Scenario: Staged material becomes current on demand, and the older material still decrypts what it encrypted
      Given the key is a customer managed key for imported key material
      And 256 bits of key material "M1" made outside AWS
      And 256 bits of key material "M2" made outside AWS
      And the key material "M1" was imported into the key, without expiry
      And I keep a ciphertext of "written with M1" under the key
      When I import the key material "M2" into the key as new key material, without expiry
      Then ImportKeyMaterial answers with a key material id of 64 hex digits, not that of "M1"
      And the current key material of the key is "M1"
      And the key was rotated 0 times
      And ListKeyRotations with ALL_KEY_MATERIAL shows for the key:
        | key material | key material state | import state | rotation type | rotation date |
        | M1           | CURRENT            | IMPORTED     | -             | -             |
        | M2           | PENDING_ROTATION   | IMPORTED     | -             | -             |
      # staged material is not used yet
      When I encrypt "still M1" under the key
      Then the ciphertext header names the key material "M1"
      When 3 days pass
      And I rotate the key on demand
      Then the current key material of the key is "M2"
      And ListKeyRotations with ROTATIONS_ONLY shows for the key:
        | key material | key material state | import state | rotation type | rotation date        | expiration model             |
        | M2           | CURRENT            | IMPORTED     | ON_DEMAND     | 2026-01-23T00:00:00Z | KEY_MATERIAL_DOES_NOT_EXPIRE |
      And ListKeyRotations with ALL_KEY_MATERIAL shows for the key:
        | key material | key material state | import state |
        | M1           | NON_CURRENT        | IMPORTED     |
        | M2           | CURRENT            | IMPORTED     |
      And KMS logged 1 RotateKey service event for the key
      When I keep a ciphertext of "written with M2" under the key
      Then the ciphertext header names the key material "M2"
      And the 2 kept ciphertexts were made with 2 different key materials
      And every kept ciphertext decrypts to its plaintext, with the key material that made it
      And the key id and the ARN of the key have not changed

    Scenario: RotateKeyOnDemand needs staged material, and only one new material waits at a time
      Given the key is a customer managed key for imported key material
      And 256 bits of key material "M1" made outside AWS
      And 256 bits of key material "M2" made outside AWS
      And 256 bits of key material "M3" made outside AWS
      And the key material "M1" was imported into the key, without expiry
      When I rotate the key on demand
      Then the request fails with KMSInvalidStateException
      And the error message is "No available key material pending rotation for the key: <key ARN>."
      When I import the key material "M1" into the key as new key material, without expiry
      Then the request fails with IncorrectKeyMaterialException
      And the error message is "The key material you are importing is already associated with <key ARN>. Import it with ImportType EXISTING_KEY_MATERIAL."
      When I import the key material "M2" into the key as new key material under the key material id of "M1"
      Then the request fails with ValidationException
      And the error message is "You cannot specify a key material ID with ImportType set to NEW_KEY_MATERIAL."
      When I import the key material "M2" into the key as new key material, without expiry
      And I import the key material "M3" into the key as new key material, without expiry
      Then the request fails with KMSInvalidStateException
      And the error message is "Key material pending rotation already exists for the key: <key ARN>. Rotate the key or delete that key material first."
      When I rotate the key on demand
      Then the current key material of the key is "M2"
      When I rotate the key on demand
      Then the request fails with KMSInvalidStateException
      And the error message is "No available key material pending rotation for the key: <key ARN>."
      And the key was rotated 1 time, ON_DEMAND, on "2026-01-20"

    Scenario: ImportType is for symmetric encryption keys only; other key material is imported once
      Given the key is an HMAC_256 key for GENERATE_VERIFY_MAC and imported key material
      And 256 bits of key material "M1" made outside AWS
      When I import the key material "M1" into the key as new key material, without expiry
      Then the request fails with ValidationException
      And the error message is "ImportType and KeyMaterialId are valid only for symmetric encryption KMS keys; HMAC_256 key material can be imported only once."
      And the key is in the PendingImport state
      When I import the key material "M1" into the key, without expiry
      Then ImportKeyMaterial answers with the ARN of the key and a key material id of 64 hex digits
      And the key is in the Enabled state

  Rule: Staged material can be dropped; material associated with the key must stay imported

    Scenario: Deleting staged key material drops it, and the key stays Enabled
      Given the key is a customer managed key for imported key material
      And 256 bits of key material "M1" made outside AWS
      And 256 bits of key material "M2" made outside AWS
      And 256 bits of key material "M3" made outside AWS
      And the key material "M1" was imported into the key, without expiry
      And the key material "M2" was imported into the key as new key material, without expiry
      When I delete the key material "M2" of the key
      Then DeleteImportedKeyMaterial answers with the key material id of "M2"
      And the key is in the Enabled state
      And ListKeyRotations with ALL_KEY_MATERIAL shows for the key:
        | key material | key material state | import state |
        | M1           | CURRENT            | IMPORTED     |
      When I rotate the key on demand
      Then the request fails with KMSInvalidStateException
      And the error message is "No available key material pending rotation for the key: <key ARN>."
      When I import the key material "M3" into the key as new key material, without expiry
      And I rotate the key on demand
      Then the current key material of the key is "M3"

    Scenario: Deleting older key material leaves the key PendingImport until that same material is imported again
      Given the key is a customer managed key for imported key material
      And 256 bits of key material "M1" made outside AWS
      And 256 bits of key material "M2" made outside AWS
      And the key material "M1" was imported into the key, without expiry
      And I keep a ciphertext of "written with M1" under the key
      And the key material "M2" was imported into the key as new key material, without expiry
      And I rotate the key on demand
      And I keep a ciphertext of "written with M2" under the key
      When I delete the key material "M1" of the key
      Then DeleteImportedKeyMaterial answers with the key material id of "M1"
      And the key is in the PendingImport state
      And ListKeyRotations with ALL_KEY_MATERIAL shows for the key:
        | key material | key material state | import state   |
        | M1           | NON_CURRENT        | PENDING_IMPORT |
        | M2           | CURRENT            | IMPORTED       |
      # even the ciphertexts of the current material wait for the older one
      When I decrypt the ciphertext
      Then the request fails with KMSInvalidStateException
      And the error message is "<key ARN> is pending import."
      When I import the key material "M2" into the key under the key material id of "M1", without expiry
      Then the request fails with IncorrectKeyMaterialException
      And the error message is "The key material you are importing does not match the key material previously imported into <key ARN>."
      When I import the key material "M1" into the key under the key material id of "M1", without expiry
      Then ImportKeyMaterial answers with the key material id of "M1"
      And the key is in the Enabled state
      And the current key material of the key is "M2"
      And every kept ciphertext decrypts to its plaintext, with the key material that made it

    Scenario: Each key material expires on its own, and KMS logs which one
      Given the key is a customer managed key for imported key material
      And 256 bits of key material "M1" made outside AWS
      And 256 bits of key material "M2" made outside AWS
      And the key material "M1" was imported into the key, without expiry
      And the key material "M2" was imported into the key as new key material, valid to 2026-02-19T00:00:00Z
      When I rotate the key on demand
      Then DescribeKey shows the key valid to 2026-02-19T00:00:00Z, with the expiration model KEY_MATERIAL_EXPIRES
      When 30 days pass
      Then the key is in the PendingImport state
      And KMS logged a DeleteExpiredKeyMaterial service event for the key material "M2" of the key at 2026-02-19T00:00:00Z
      And ListKeyRotations with ALL_KEY_MATERIAL shows for the key:
        | key material | key material state | import state   |
        | M1           | NON_CURRENT        | IMPORTED       |
        | M2           | CURRENT            | PENDING_IMPORT |

  Rule: A replica of a multi-Region key with imported key material imports the same material

    Scenario: A replica starts PendingImport and takes only the key material of its primary
      Given the key is a multi-Region key for imported key material
      And 256 bits of key material "M1" made outside AWS
      And 256 bits of key material "M2" made outside AWS
      And the key material "M1" was imported into the key, without expiry
      And a ciphertext of "made in London" under the key
      When I replicate the key to eu-west-1 as key R
      Then ReplicateKey answers with key R in the Creating state
      When a moment passes
      Then key R is in the PendingImport state
      When I decrypt the ciphertext in eu-west-1
      Then the request fails with KMSInvalidStateException
      And the error message is "<key R ARN> is pending import."
      When I import the key material "M2" into key R, without expiry
      Then the request fails with IncorrectKeyMaterialException
      And the error message is "The key material you are importing does not match the key material previously imported into <key R ARN>."
      When I import the key material "M1" into key R, without expiry
      Then ImportKeyMaterial answers with the key material id of the first import into the key
      And key R is in the Enabled state
      When I decrypt the ciphertext in eu-west-1
      Then the plaintext is "made in London"
      When I delete the imported key material of key R
      Then key R is in the PendingImport state
      And the key is in the Enabled state
      When I decrypt the ciphertext in eu-west-2
      Then the plaintext is "made in London"

  Rule: New key material of a multi-Region key goes into the primary, then into each replica, then rotates on demand

    Scenario: Staged material is PENDING_MULTI_REGION_IMPORT_AND_ROTATION until every replica has it
      Given the key is a multi-Region key for imported key material
      And 256 bits of key material "M1" made outside AWS
      And 256 bits of key material "M2" made outside AWS
      And the key material "M1" was imported into the key, without expiry
      And a ciphertext of "made in London" under the key
      And the key was replicated to eu-west-1 as key R
      And the key material "M1" was imported into key R, without expiry
      When I import the key material "M2" into key R as new key material, without expiry
      Then the request fails with UnsupportedOperationException
      And the error message is "<key R ARN> is not a multi-region primary key. Import new key material into the primary Region key, then import the same key material into this key with ImportType EXISTING_KEY_MATERIAL."
      When I import the key material "M2" into the key as new key material, without expiry
      Then ListKeyRotations with ALL_KEY_MATERIAL shows for the key:
        | key material | key material state                       | import state |
        | M1           | CURRENT                                  | IMPORTED     |
        | M2           | PENDING_MULTI_REGION_IMPORT_AND_ROTATION | IMPORTED     |
      When I rotate the key on demand
      Then the request fails with KMSInvalidStateException
      And the error message is "The key material pending rotation for <key ARN> is not yet imported into its replica Region keys in eu-west-1. Import the same key material into each replica Region key first."
      When I import the key material "M2" into key R, without expiry
      Then ListKeyRotations with ALL_KEY_MATERIAL shows for key R:
        | key material | key material state | import state |
        | M1           | CURRENT            | IMPORTED     |
        | M2           | PENDING_ROTATION   | IMPORTED     |
      And ListKeyRotations with ALL_KEY_MATERIAL shows for the key:
        | key material | key material state |
        | M1           | CURRENT            |
        | M2           | PENDING_ROTATION   |
      When I rotate the key on demand
      Then the current key material of the key is "M2"
      And the current key material of key R is "M2"
      And ListKeyRotations with ALL_KEY_MATERIAL shows for key R:
        | key material | key material state | rotation type |
        | M1           | NON_CURRENT        | -             |
        | M2           | CURRENT            | ON_DEMAND     |
      When I decrypt the ciphertext in eu-west-1
      Then the plaintext is "made in London"

    Scenario: Deleting staged material from the primary deletes it from the replicas too
      Given the key is a multi-Region key for imported key material
      And 256 bits of key material "M1" made outside AWS
      And 256 bits of key material "M2" made outside AWS
      And the key material "M1" was imported into the key, without expiry
      And the key was replicated to eu-west-1 as key R
      And the key material "M1" was imported into key R, without expiry
      And the key material "M2" was imported into the key as new key material, without expiry
      And the key material "M2" was imported into key R, without expiry
      When I delete the key material "M2" of the key
      Then DeleteImportedKeyMaterial answers with the key material id of "M2"
      And ListKeyRotations with ALL_KEY_MATERIAL shows for key R:
        | key material | key material state |
        | M1           | CURRENT            |
      And key R is in the Enabled state
      And the key is in the Enabled state
