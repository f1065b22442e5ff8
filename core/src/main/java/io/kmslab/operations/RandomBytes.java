package io.kmslab.operations;

import io.kmslab.api.GenerateRandomRequest;
import io.kmslab.api.GenerateRandomResponse;
import io.kmslab.errors.ValidationException;
import io.kmslab.errors.Violations;
import java.util.Map;

/** GenerateRandom: cryptographically secure random bytes, 1 to 1,024 at a time, from no key. */
public final class RandomBytes {
    private final OperationScope kms;

    public RandomBytes(OperationScope kms) {
        this.kms = kms;
    }

    public GenerateRandomResponse generateRandom(GenerateRandomRequest request) {
        kms.now();
        if (request.numberOfBytes() == null) {
            throw new ValidationException("NumberOfBytes is required.");
        }
        new Violations().range("numberOfBytes", request.numberOfBytes(), 1, 1024)
                .length("customKeyStoreId", request.customKeyStoreId(), 1, 64).throwIfAny();
        io.kmslab.enclaves.AttestedRecipient recipient = kms.attest(request.recipient());
        kms.authorizeAccountAction("kms:GenerateRandom", recipient == null ? Map.of() : recipient.conditionKeys());
        if (request.customKeyStoreId() != null) {
            // GenerateRandom, CustomKeyStoreId: random bytes from the CloudHSM cluster of a connected store (the lab's
            // own generator stands in for the cluster's)
            new CustomKeyStores(kms).requireConnectedForRandom(request.customKeyStoreId());
        }
        byte[] random = kms.materials().randomBytes(request.numberOfBytes());
        if (recipient != null) {
            // API_GenerateRandom, Recipient: "KMS encrypts the plaintext bytes under the public key in the attestation
            // document, and returns the resulting ciphertext in the CiphertextForRecipient field in the response ...
            // The Plaintext field in the response is null or empty."
            return new GenerateRandomResponse(null, io.kmslab.crypto.RecipientEnvelope.seal(recipient.publicKey(),
                    random));
        }
        return new GenerateRandomResponse(random);
    }
}
