package io.kmslab.audit;

import io.kmslab.Caller;
import io.kmslab.KmsOperation;
import io.kmslab.errors.KmsException;
import java.lang.reflect.RecordComponent;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** Builds the CloudTrail events of API calls and of KMS's own actions. */
public final class AuditEvents {
    /** Request members that never go into a trail: data, secrets and credentials. */
    private static final Set<String> NEVER_LOGGED = Set.of("grantTokens", "grantToken",
            // the kmsuser password of a custom key store: a secret, never written to the trail
            "keyStorePassword",
            // the XKS proxy credential of an external key store (both its members sensitive in the AWS model); whether
            // AWS writes the AccessKeyId to the trail is not documented: KMS Lab leaves the whole credential out
            "xksProxyAuthenticationCredential",
            // the Recipient's attestation document: CloudTrail records what KMS read from it in additionalEventData
            // (ct-nitro-enclave.html), not the document
            "recipient");
    private static final Map<Class<?>, List<Member>> MEMBERS = new ConcurrentHashMap<>();

    /** A loggable member of a request or response record, with its accessor. */
    private record Member(String name, java.lang.invoke.MethodHandle accessor) {
    }

    private static List<Member> loggedMembers(Class<?> type) {
        java.lang.invoke.MethodHandles.Lookup lookup = java.lang.invoke.MethodHandles.publicLookup();
        List<Member> members = new java.util.ArrayList<>();
        for (RecordComponent component : type.getRecordComponents()) {
            if (component.getType() == byte[].class || NEVER_LOGGED.contains(component.getName())) {
                continue;
            }
            try {
                members.add(new Member(component.getName(), lookup.unreflect(component.getAccessor())));
            } catch (IllegalAccessException e) {
                throw new IllegalStateException(e);
            }
        }
        return List.copyOf(members);
    }

    private AuditEvents() {
    }

    /**
     * The event of one API call, with its error if it failed: its {@code requestID} is the call's request id (the
     * {@code x-amzn-RequestId} its caller was answered with), its {@code userAgent} the caller's, its
     * {@code eventID} the given one (from the lab's {@link EventIds}), its {@code additionalEventData} the given one
     * (null: none); {@code affectedKeyArn} the key the call affected, which some operations' events name in
     * {@code responseElements.keyId}.
     */
    public static AuditEvent apiCall(Caller caller, String region, Instant time, String eventName, Object request,
            Object response, KmsException error, List<AuditResource> resources, String invokedBy, String sourceIp,
            String requestId, String userAgent, String eventId, Map<String, Object> additionalEventData,
            String affectedKeyArn) {
        UserIdentity identity = new UserIdentity(identityType(caller), principalId(caller), caller.arn(),
                caller.accountId(), null, invokedBy);
        Map<String, Object> requestParameters = parameters(request);
        if ((eventName.equals("Encrypt") || eventName.equals("Decrypt"))
                && (requestParameters == null || !requestParameters.containsKey("encryptionAlgorithm"))) {
            // CloudTrail names the algorithm of Encrypt and Decrypt even when the request left the default
            // (parameters gives a map of its own, made for this event: no copy of it is needed)
            if (requestParameters == null) {
                requestParameters = new LinkedHashMap<>();
            }
            requestParameters.put("encryptionAlgorithm", "SYMMETRIC_DEFAULT");
        }
        // readOnly and responseElements as the operation's catalogue entry says; an event name outside the catalogue
        // is logged as a write with its response
        KmsOperation operation = KmsOperation.named(eventName).orElse(null);
        boolean readOnly = operation != null && operation.readOnly();
        boolean responseLogged = operation == null || operation.responseLogged();
        Map<String, Object> responseElements = error != null || !responseLogged ? null : responseElements(response);
        if (error == null && affectedKeyArn != null && operation != null && operation.keyArnLogged()) {
            // the affected key's ARN, which the operation does not return (KmsOperation.Trait.KEY_ARN_LOGGED)
            if (responseElements == null) {
                responseElements = new LinkedHashMap<>();
            }
            responseElements.putIfAbsent("keyId", affectedKeyArn);
        }
        return new AuditEvent(AuditEvent.VERSION, identity, time, AuditEvent.SOURCE, eventName, region,
                invokedBy != null ? invokedBy : (sourceIp != null ? sourceIp : "127.0.0.1"), userAgent,
                requestParameters, responseElements,
                requestId, eventId, readOnly, resources.isEmpty() ? null : resources,
                "AwsApiCall", true, "Management", caller.accountId(), error == null ? null : error.errorCode(),
                error == null ? null : emptyToNull(error.getMessage()), null, additionalEventData);
    }

    /**
     * One of KMS's own actions (RotateKey, DeleteKey, DeleteExpiredKeyMaterial), logged in the key's account, with the
     * given {@code eventID}; {@code "readOnly": false}, as AWS's examples of all three show it.
     */
    public static AuditEvent serviceEvent(String eventName, String accountId, String region, Instant time,
            String keyArn, Map<String, Object> details, String eventId) {
        return new AuditEvent(AuditEvent.VERSION, new UserIdentity(null, null, null, accountId, null,
                "AWS Internal"), time, AuditEvent.SOURCE, eventName, region, "AWS Internal", "AWS Internal", null,
                null, null, eventId, false, List.of(AuditResource.key(accountId, keyArn)), "AwsServiceEvent", true,
                "Management", accountId, null, null, details);
    }

    /**
     * The second event of a successful UpdatePrimaryRegion, in the Region of the new primary key (developer guide,
     * ct-update-primary-region.html: "The UpdatePrimaryRegion operation writes two CloudTrail log entries: one in the
     * Region with the multi-Region primary key that is converted to a replica key, and one in the Region with a
     * multi-Region replica key that is converted to a primary key"). As that example shows it: the caller's identity
     * with {@code invokedBy} kms.amazonaws.com, {@code keyId} the key ARN in the new primary's Region, the same
     * requestID, an eventID of its own, and no resources ("This log entry doesn't identify the previous primary
     * Region").
     */
    public static AuditEvent updatePrimaryRegionInNewPrimary(AuditEvent called, String newPrimaryKeyArn,
            String newPrimaryRegion, String eventId) {
        UserIdentity caller = called.userIdentity();
        Map<String, Object> parameters = new LinkedHashMap<>();
        parameters.put("keyId", newPrimaryKeyArn);
        parameters.put("primaryRegion", newPrimaryRegion);
        return new AuditEvent(AuditEvent.VERSION, new UserIdentity(caller.type(), caller.principalId(), caller.arn(),
                caller.accountId(), caller.accessKeyId(), "kms.amazonaws.com"), called.eventTime(),
                AuditEvent.SOURCE, called.eventName(), newPrimaryRegion, called.sourceIPAddress(), called.userAgent(),
                parameters, null, called.requestID(), eventId, false, null, "AwsApiCall", true, "Management",
                called.recipientAccountId(), null, null, null);
    }

    /**
     * The event KMS writes when it synchronizes a multi-Region key: copies the shared properties of the primary key to
     * its replicas (developer guide, ct-synchronize-multi-region-key.html). Unlike KMS's other own actions it is an
     * {@code AwsApiCall}, not readOnly, with a requestID, null requestParameters, {@code responseElements.keyId} the
     * primary key's ARN (the current example: "CloudTrail log entries for this operation recorded on or after December
     * 2022 include the key ARN of the affected KMS key in the responseElements.keyId value"), and as its only resource
     * the primary key ("The related multi-Region replica keys and their Regions are not listed").
     */
    public static AuditEvent synchronizeMultiRegionKey(String accountId, String region, Instant time,
            String primaryKeyArn, String requestId, String eventId) {
        return new AuditEvent(AuditEvent.VERSION, new UserIdentity(null, null, null, accountId, null,
                "AWS Internal"), time, AuditEvent.SOURCE, "SynchronizeMultiRegionKey", region, "AWS Internal",
                "AWS Internal", null, new LinkedHashMap<>(Map.of("keyId", primaryKeyArn)), requestId, eventId, false,
                List.of(AuditResource.key(accountId, primaryKeyArn)), "AwsApiCall", true, "Management", accountId,
                null, null, null);
    }

    private static String identityType(Caller caller) {
        return switch (caller.kind()) {
            case ROOT -> "Root";
            case IAM_USER -> "IAMUser";
            case ASSUMED_ROLE -> "AssumedRole";
        };
    }

    /** A stable principal id in AWS's shape: the account id for root, AIDA... for users, AROA...:session. */
    private static String principalId(Caller caller) {
        if (caller.isRoot()) {
            return caller.accountId();
        }
        String id = Integer.toUnsignedString(caller.principalArn().hashCode(), 36).toUpperCase();
        String padded = (id + "EXAMPLE0000000000").substring(0, 17);
        return caller.kind() == Caller.Kind.IAM_USER ? "AIDA" + padded
                : "AROA" + padded + ":" + caller.arn().substring(caller.arn().lastIndexOf('/') + 1);
    }

    /** The members of a request or response record, as CloudTrail names them; never byte arrays or tokens. */
    static Map<String, Object> parameters(Object record) {
        if (record == null || !record.getClass().isRecord()) {
            return null;
        }
        Map<String, Object> parameters = new LinkedHashMap<>();
        for (Member member : MEMBERS.computeIfAbsent(record.getClass(), AuditEvents::loggedMembers)) {
            Object value;
            try {
                value = member.accessor().invoke(record);
            } catch (Throwable e) {
                throw new IllegalStateException(e);
            }
            if (value == null || Boolean.FALSE.equals(value)
                    || (value instanceof Map<?, ?> m && m.isEmpty())
                    || (value instanceof List<?> l && l.isEmpty())) {
                continue;
            }
            if (value instanceof Map<?, ?> map) {
                // an encryption context in key order, whatever map the caller built it in (Map.of iterates in an
                // order that changes from one JVM to the next): the same call gives the same event on every run
                value = new java.util.TreeMap<>(map);
            }
            parameters.put(member.name(), value instanceof Enum<?> e ? e.name() : value);
        }
        return parameters.isEmpty() ? null : parameters;
    }

    /**
     * The response as CloudTrail records it: {@link #parameters(Object)}, and inside it a structure (a record such as
     * KeyMetadata) without its empty lists. AWS leaves out a list member with nothing in it: its CloudTrail example of
     * CreateKey for a symmetric encryption key has {@code "encryptionAlgorithms": ["SYMMETRIC_DEFAULT"]} and no
     * signingAlgorithms, macAlgorithms or keyAgreementAlgorithms member, while false booleans stay ({@code "enabled":
     * false} for a key pending import): https://docs.aws.amazon.com/kms/latest/developerguide/ct-createkey.html.
     * Nulls go too (Json.AUDIT would leave them out of the line anyway), so the event in memory reads as its line does.
     */
    static Map<String, Object> responseElements(Object response) {
        Map<String, Object> elements = parameters(response);
        if (elements == null) {
            return null;
        }
        elements.replaceAll((name, value) -> value != null && value.getClass().isRecord() ? structure(value) : value);
        return elements;
    }

    /** A record of the response as a map of its members in JSON form, without nulls and empty lists or maps. */
    private static Map<String, Object> structure(Object record) {
        Map<String, Object> members = io.kmslab.Json.AUDIT.convertValue(record,
                new com.fasterxml.jackson.core.type.TypeReference<LinkedHashMap<String, Object>>() { });
        members.values().removeIf(v -> v == null || (v instanceof List<?> l && l.isEmpty())
                || (v instanceof Map<?, ?> m && m.isEmpty()));
        if (members.containsKey("awsAccountId")) {
            // KeyMetadata's AWSAccountId keeps its capitals in CloudTrail: "AWSAccountId" in AWS's CreateKey example
            // (ct-createkey.html, 2022), where the API's JSON would give awsAccountId; same place in the map
            Map<String, Object> renamed = new LinkedHashMap<>();
            members.forEach((name, value) -> renamed.put(name.equals("awsAccountId") ? "AWSAccountId" : name, value));
            return renamed;
        }
        return members;
    }

    private static String emptyToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }
}
