package io.kmslab.audit;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One CloudTrail event as KMS writes it (record fields as in CloudTrail, eventVersion 1.08): an API call
 * ({@code eventType} AwsApiCall), allowed or denied, or one of KMS's own actions ({@code AwsServiceEvent}: RotateKey,
 * DeleteKey, DeleteExpiredKeyMaterial). Request parameters never hold plaintext, ciphertext or other secrets.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AuditEvent(String eventVersion, UserIdentity userIdentity, Instant eventTime, String eventSource,
        String eventName, String awsRegion, String sourceIPAddress, String userAgent,
        @JsonInclude(JsonInclude.Include.ALWAYS) Map<String, Object> requestParameters,
        @JsonInclude(JsonInclude.Include.ALWAYS) Map<String, Object> responseElements, String requestID,
        String eventID, Boolean readOnly, List<AuditResource> resources, String eventType, boolean managementEvent,
        String eventCategory, String recipientAccountId, String errorCode, String errorMessage,
        Map<String, Object> serviceEventDetails, Map<String, Object> additionalEventData) {

    /** An event without additionalEventData. */
    public AuditEvent(String eventVersion, UserIdentity userIdentity, Instant eventTime, String eventSource,
            String eventName, String awsRegion, String sourceIPAddress, String userAgent,
            Map<String, Object> requestParameters, Map<String, Object> responseElements, String requestID,
            String eventID, Boolean readOnly, List<AuditResource> resources, String eventType,
            boolean managementEvent, String eventCategory, String recipientAccountId, String errorCode,
            String errorMessage, Map<String, Object> serviceEventDetails) {
        this(eventVersion, userIdentity, eventTime, eventSource, eventName, awsRegion, sourceIPAddress, userAgent,
                requestParameters, responseElements, requestID, eventID, readOnly, resources, eventType,
                managementEvent, eventCategory, recipientAccountId, errorCode, errorMessage, serviceEventDetails,
                null);
    }

    public static final String VERSION = "1.08";
    public static final String SOURCE = "kms.amazonaws.com";

    /** Whether the event concerns the given key ARN. */
    public boolean concerns(String keyArn) {
        return resources != null && resources.stream().anyMatch(r -> keyArn.equals(r.arn()));
    }

    /** The same event as delivered to another account's trail (a cross-account call is logged in both). */
    public AuditEvent deliveredTo(String accountId) {
        return new AuditEvent(eventVersion, userIdentity, eventTime, eventSource, eventName, awsRegion,
                sourceIPAddress, userAgent, requestParameters, responseElements, requestID, eventID, readOnly,
                resources, eventType, managementEvent, eventCategory, accountId, errorCode, errorMessage,
                serviceEventDetails, additionalEventData);
    }
}
