package io.kmslab.operations;

import static io.kmslab.operations.RequestValidation.validKeyId;

import io.kmslab.KmsOperation;
import io.kmslab.api.GetKeyLastUsageRequest;
import io.kmslab.api.GetKeyLastUsageResponse;
import io.kmslab.api.KeyLastUsageData;
import io.kmslab.audit.AuditEvent;
import io.kmslab.audit.AuditQuery;
import java.util.List;
import java.util.Set;

/**
 * GetKeyLastUsage: the last successful cryptographic operation with a key, read from the lab's own CloudTrail-style
 * trail, so that the event id it answers is the {@code eventID} of that operation's event.
 *
 * <p>AWS (https://docs.aws.amazon.com/kms/latest/APIReference/API_GetKeyLastUsage.html): "Returns usage information
 * about the last successful cryptographic operation performed with a specified KMS key, including the operation type,
 * timestamp, and associated CloudTrail event ID." "For multi-Region KMS keys, primary and replica keys track last
 * usage independently" (each has its own ARN, so its own events). "The ReEncrypt operation uses two keys [...]. Usage
 * information is recorded for both keys independently, each with the CloudTrail event ID from the respective key
 * owner's account" (the lab's ReEncrypt event names both keys; a cross-account call's event is delivered to the owner
 * with the same eventID). KeyId: "use its key ID or key ARN. Alias names are not supported." Its errors (botocore):
 * NotFoundException, InvalidArnException, DependencyTimeoutException, KMSInternalException: no
 * KMSInvalidStateException, so it answers for a key in any state.
 */
public final class KeyLastUsage {
    /**
     * The operations tracked: AWS's KeyLastUsageTrackingOperation values (API_KeyLastUsageData, Operation) that the
     * lab serves: all of them, Encapsulate and Decapsulate included.
     */
    static final Set<String> TRACKED = Set.of("Decrypt", "DeriveSharedSecret", "Encrypt", "GenerateDataKey",
            "GenerateDataKeyPair", "GenerateDataKeyPairWithoutPlaintext", "GenerateDataKeyWithoutPlaintext",
            "GenerateMac", "ReEncrypt", "Sign", "Verify", "VerifyMac", "Encapsulate", "Decapsulate");

    private final OperationScope kms;

    public KeyLastUsage(OperationScope kms) {
        this.kms = kms;
    }

    public GetKeyLastUsageResponse getKeyLastUsage(GetKeyLastUsageRequest request) {
        kms.now();
        validKeyId(request.keyId(), null).throwIfAny();
        KmsKey key = kms.resolution().resolve(request.keyId(), false, "GetKeyLastUsage");
        kms.check("kms:GetKeyLastUsage", key).enforce();
        // the owner's trail: a cross-account use is delivered to it with the same eventID
        List<AuditEvent> uses = kms.auditTrail().query(AuditQuery.account(key.accountId()).key(key.arn())
                .failed(false));
        KeyLastUsageData last = KeyLastUsageData.NONE;
        for (int i = uses.size() - 1; i >= 0; i--) {
            AuditEvent event = uses.get(i);
            if (TRACKED.contains(event.eventName()) && "AwsApiCall".equals(event.eventType())) {
                last = new KeyLastUsageData(KmsOperation.named(event.eventName()).orElseThrow(), event.eventTime(),
                        event.eventID(), event.requestID());
                break;
            }
        }
        // TrackingStartDate: "The date from which KMS began recording cryptographic activity for this key, or the date
        // the KMS key was created, whichever is later" (botocore). The lab has recorded every call since it began,
        // and every key was created in it: tracking starts when the key was created.
        return new GetKeyLastUsageResponse(key.keyId(), last, key.creationDate(), key.creationDate());
    }
}
