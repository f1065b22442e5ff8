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
        kms.authorizeAccountAction("kms:GenerateRandom", Map.of());
        if (request.customKeyStoreId() != null) {
            // GenerateRandom, CustomKeyStoreId: random bytes from the CloudHSM cluster of a connected store (the lab's
            // own generator stands in for the cluster's)
            new CustomKeyStores(kms).requireConnectedForRandom(request.customKeyStoreId());
        }
        return new GenerateRandomResponse(kms.materials().randomBytes(request.numberOfBytes()));
    }
}
