package io.kmslab.server.endpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.kmslab.KmsLab;
import io.kmslab.audit.AuditEvent;
import io.kmslab.audit.AuditQuery;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.GetKeyLastUsageResponse;
import software.amazon.awssdk.services.kms.model.InvalidArnException;
import software.amazon.awssdk.services.kms.model.KeyLastUsageTrackingOperation;
import software.amazon.awssdk.services.kms.model.KeyMetadata;

/** GetKeyLastUsage through the endpoint with the AWS SDK for Java v2: the answer's members as the SDK reads them. */
class KeyLastUsageWireTest {
    private static KmsLab lab;
    private static KmsEndpoint endpoint;
    private static KmsClient kms;

    @BeforeAll
    static void start() {
        lab = KmsLab.builder().startingAt(Instant.parse("2026-01-20T09:00:00Z")).build();
        endpoint = KmsEndpoint.start(lab, Identities.anyKeyIsRootOf("111122223333"), "127.0.0.1", 0, "us-east-1");
        kms = SdkClientTest.clientOf(endpoint, Region.EU_WEST_2);
    }

    @AfterAll
    static void stop() {
        kms.close();
        endpoint.close();
    }

    @Test
    void aKeyNeverUsed_answersAnEmptyLastUsage_andItsDates() {
        KeyMetadata key = kms.createKey(r -> { }).keyMetadata();

        GetKeyLastUsageResponse answer = kms.getKeyLastUsage(r -> r.keyId(key.arn()));

        assertThat(answer.keyId()).isEqualTo(key.keyId());
        assertThat(answer.keyLastUsage()).isNotNull();
        assertThat(answer.keyLastUsage().operation()).isNull();
        assertThat(answer.keyLastUsage().cloudTrailEventId()).isNull();
        assertThat(answer.keyCreationDate()).isEqualTo(key.creationDate());
        assertThat(answer.trackingStartDate()).isEqualTo(key.creationDate());
    }

    @Test
    void aSignature_isTheLastUse_withTheEventIdOfItsCloudTrailEvent() {
        KeyMetadata key = kms.createKey(r -> r.keySpec("ECC_NIST_P256").keyUsage("SIGN_VERIFY")).keyMetadata();
        var signed = kms.sign(r -> r.keyId(key.keyId()).message(SdkBytes.fromUtf8String("m"))
                .signingAlgorithm("ECDSA_SHA_256"));
        List<AuditEvent> signs = lab.auditTrail().query(AuditQuery.account("111122223333").key(key.arn())
                .eventName("Sign"));

        GetKeyLastUsageResponse answer = kms.getKeyLastUsage(r -> r.keyId(key.keyId()));

        assertThat(signed.signature()).isNotNull();
        assertThat(answer.keyLastUsage().operation()).isEqualTo(KeyLastUsageTrackingOperation.SIGN);
        assertThat(answer.keyLastUsage().cloudTrailEventId()).isEqualTo(signs.get(0).eventID());
        assertThat(answer.keyLastUsage().kmsRequestId()).isEqualTo(signs.get(0).requestID());
        assertThat(answer.keyLastUsage().timestamp()).isEqualTo(signs.get(0).eventTime());
    }

    @Test
    void anAlias_isInvalidArnException() {
        KeyMetadata key = kms.createKey(r -> { }).keyMetadata();
        kms.createAlias(r -> r.aliasName("alias/wire-last-usage").targetKeyId(key.keyId()));

        InvalidArnException refused = catchThrowableOfType(InvalidArnException.class,
                () -> kms.getKeyLastUsage(r -> r.keyId("alias/wire-last-usage")));

        assertThat(refused.awsErrorDetails().errorMessage()).isEqualTo(
                "Key Aliases are not supported for this operation.");
    }
}
