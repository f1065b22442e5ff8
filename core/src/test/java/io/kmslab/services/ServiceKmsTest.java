package io.kmslab.services;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kmslab.Caller;
import io.kmslab.KmsLab;
import io.kmslab.ServiceRoute;
import io.kmslab.api.EncryptRequest;
import io.kmslab.api.GenerateDataKeyRequest;
import io.kmslab.audit.AuditEvent;
import io.kmslab.services.common.AwsServiceException;
import io.kmslab.services.common.SealedData;
import io.kmslab.services.common.ServiceKms;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ServiceKmsTest {
    private final KmsLab lab = KmsLab.builder().startingAt(Instant.parse("2026-03-01T00:00:00Z")).seed(7).build();
    private final Caller alice = Caller.root(KmsLab.DEFAULT_ACCOUNT);
    private final LabTrail trail = new LabTrail(lab);
    private final byte[] data = "parameter value".getBytes(StandardCharsets.UTF_8);

    @Test
    void aServiceCallCarriesViaService_andItsEventShowsTheServiceAsTheRouteSays() {
        lab.kms(alice, "eu-west-2").awsManagedKey("ssm");
        new ServiceKms(lab, alice, ServiceRoute.invokedBy("ssm", "eu-west-2"))
                .call(k -> k.encrypt(EncryptRequest.of("alias/aws/ssm", data)), f -> f.as("ssm", "X", 400, "x"));
        new ServiceKms(lab, alice, new ServiceRoute("ec2", "eu-west-2", false, "AWS Internal"))
                .call(k -> k.awsManagedKey("ebs"), f -> f.as("ec2", "X", 400, "x"));
        new ServiceKms(lab, alice, new ServiceRoute("ec2", "eu-west-2", false, "AWS Internal"))
                .call(k -> k.generateDataKey(GenerateDataKeyRequest.builder().keyId("alias/aws/ebs")
                        .numberOfBytes(32).build()), f -> f.as("ec2", "X", 400, "x"));

        AuditEvent ssm = trail.last("Encrypt");
        assertThat(ssm.userIdentity().invokedBy()).isEqualTo("ssm.amazonaws.com");
        assertThat(ssm.sourceIPAddress()).isEqualTo("ssm.amazonaws.com");
        assertThat(ssm.userAgent()).isEqualTo("ssm.amazonaws.com");
        AuditEvent ebs = trail.last("GenerateDataKey");
        assertThat(ebs.userIdentity().invokedBy()).isNull();
        assertThat(ebs.userAgent()).isEqualTo("AWS Internal");
        assertThat(ebs.userIdentity().arn()).isEqualTo(alice.arn());
    }

    @Test
    void aRefusedServiceCall_becomesTheServicesError_withTheKmsDecisionThatExplainsIt() {
        lab.kms(alice, "eu-west-2").awsManagedKey("ssm");
        // aws/ssm is usable only through SSM: through S3 its key policy has no statement for the caller
        ServiceKms s3 = new ServiceKms(lab, alice, ServiceRoute.invokedBy("s3", "eu-west-2"));
        assertThatThrownBy(() -> s3.call(k -> k.encrypt(EncryptRequest.of("alias/aws/ssm", data)),
                f -> f.as("s3", "AccessDenied", 403, "Access Denied")))
                .isInstanceOfSatisfying(AwsServiceException.class, e -> {
                    assertThat(e.errorCode()).isEqualTo("AccessDenied");
                    assertThat(e.kmsError().orElseThrow().errorCode()).isEqualTo("AccessDeniedException");
                    assertThat(e.kmsDecision().orElseThrow().allowed()).isFalse();
                    assertThat(e.kmsDecision().orElseThrow().explain()).contains("kms:Encrypt");
                });
    }

    @Test
    void aRouteOfAnotherRegion_isRefused() {
        assertThatThrownBy(() -> lab.kms(alice, "eu-west-2").through(ServiceRoute.invokedBy("s3", "us-east-1")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void sealedData_opensOnlyWithItsKeyAndAssociatedData() {
        byte[] key = new byte[32];
        lab.randomness().nextBytes(key);
        SealedData sealed = SealedData.seal(key, data, SealedData.aad("a"), lab.randomness());
        assertThat(sealed.open(key, SealedData.aad("a"))).isEqualTo(data);
        assertThat(sealed.toString()).doesNotContain("parameter");
        assertThatThrownBy(() -> sealed.open(key, SealedData.aad("b")))
                .isInstanceOf(SealedData.TamperedDataException.class);
        byte[] other = key.clone();
        other[0] ^= 1;
        assertThatThrownBy(() -> sealed.open(other, SealedData.aad("a")))
                .isInstanceOf(SealedData.TamperedDataException.class);
    }

    @Test
    void theCloudIsOnePerLab() {
        assertThat(AwsCloud.of(lab)).isSameAs(AwsCloud.of(lab));
        assertThat(AwsCloud.of(KmsLab.create())).isNotSameAs(AwsCloud.of(lab));
    }
}
