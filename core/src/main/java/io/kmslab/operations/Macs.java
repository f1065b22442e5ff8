package io.kmslab.operations;

import static io.kmslab.operations.CryptoKeys.incompatible;
import static io.kmslab.operations.CryptoKeys.requireUsage;
import static io.kmslab.operations.CryptoKeys.secret;
import static io.kmslab.operations.RequestValidation.MAX_CIPHERTEXT;
import static io.kmslab.operations.RequestValidation.MAX_PLAINTEXT;
import static io.kmslab.operations.RequestValidation.dryRun;
import static io.kmslab.operations.RequestValidation.validKeyId;

import io.kmslab.api.GenerateMacRequest;
import io.kmslab.api.GenerateMacResponse;
import io.kmslab.api.VerifyMacRequest;
import io.kmslab.api.VerifyMacResponse;
import io.kmslab.crypto.Hmacs;
import io.kmslab.errors.KmsInvalidMacException;
import io.kmslab.grants.GrantOperation;
import io.kmslab.keys.KeyUsageType;
import io.kmslab.keys.MacAlgorithmSpec;
import java.util.List;

/** GenerateMac and VerifyMac: HMACs with GENERATE_VERIFY_MAC keys. */
public final class Macs {
    private final OperationScope kms;

    public Macs(OperationScope kms) {
        this.kms = kms;
    }

    public GenerateMacResponse generateMac(GenerateMacRequest request) {
        kms.now();
        validKeyId(request.keyId(), request.grantTokens())
                .requiredSecret("message", request.message())
                .blobLength("message", request.message(), 1, MAX_PLAINTEXT)
                .required("macAlgorithm", request.macAlgorithm())
                .throwIfAny();
        KmsKey key = macKey(request.keyId(), request.macAlgorithm(), request.grantTokens(), "GenerateMac");
        byte[] mac = Hmacs.mac(secret(key), request.macAlgorithm(), request.message());
        dryRun(request.dryRun());
        return new GenerateMacResponse(mac, request.macAlgorithm(), key.arn());
    }

    /** VerifyMac: a MAC that does not match is KMSInvalidMacException, never MacValid=false. */
    public VerifyMacResponse verifyMac(VerifyMacRequest request) {
        kms.now();
        validKeyId(request.keyId(), request.grantTokens())
                .requiredSecret("message", request.message())
                .blobLength("message", request.message(), 1, MAX_PLAINTEXT)
                .required("macAlgorithm", request.macAlgorithm())
                .required("mac", request.mac())
                .blobLength("mac", request.mac(), 1, MAX_CIPHERTEXT)
                .throwIfAny();
        KmsKey key = macKey(request.keyId(), request.macAlgorithm(), request.grantTokens(), "VerifyMac");
        if (!Hmacs.verify(secret(key), request.macAlgorithm(), request.message(), request.mac())) {
            throw new KmsInvalidMacException("");
        }
        dryRun(request.dryRun());
        return new VerifyMacResponse(key.arn(), true, request.macAlgorithm());
    }

    private KmsKey macKey(String keyId, MacAlgorithmSpec algorithm, List<String> grantTokens, String operation) {
        KmsKey key = kms.resolution().resolve(keyId, true, operation);
        kms.check("kms:" + operation, key).requestAlias(keyId).key("kms:MacAlgorithm", algorithm)
                .grants(GrantOperation.valueOf(operation), grantTokens).enforce();
        requireUsage(key, KeyUsageType.GENERATE_VERIFY_MAC, operation);
        key.requireUsable();
        if (!key.keySpec().macAlgorithms().contains(algorithm)) {
            throw incompatible(algorithm, key.keySpec());
        }
        return key;
    }
}
