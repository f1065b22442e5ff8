package io.kmslab.junit;

import static org.assertj.core.api.Assertions.assertThat;

import io.kmslab.KmsLab;
import io.kmslab.time.SimulatedClock;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kms.KmsClient;

/** What {@link KmsLabTest} injects, as parameters and into fields, is the one running lab and works. */
@KmsLabTest(region = "eu-west-2")
class InjectionTest {
    @InjectLab
    private KmsClient fieldClient;
    @InjectLab
    private RunningLab fieldLab;
    @InjectLab
    private URI fieldUri;
    @InjectLab
    private KmsLab fieldKmsLab;
    @InjectLab
    private SimulatedClock fieldClock;
    @InjectLab
    private static RunningLab staticLab;

    @Test
    void parametersAndFieldsAreTheRunningLab(KmsClient kms, RunningLab lab, URI uri, KmsLab kmsLab,
            SimulatedClock clock) {
        assertThat(uri).isEqualTo(lab.uri()).isEqualTo(fieldUri);
        assertThat(uri.getHost()).isEqualTo("127.0.0.1");
        assertThat(uri.getPort()).isPositive();
        assertThat(kmsLab).isSameAs(lab.lab()).isSameAs(fieldKmsLab);
        assertThat(clock).isSameAs(lab.clock()).isSameAs(fieldClock);
        assertThat(fieldLab).isSameAs(lab).isSameAs(staticLab);
        assertThat(kms).isSameAs(fieldClient).isSameAs(lab.client());
        assertThat(lab.region()).isEqualTo("eu-west-2");
    }

    @Test
    void theClientEncryptsAndDecryptsThroughTheEndpoint(KmsClient kms, KmsLab lab) {
        String keyId = kms.createKey(r -> { }).keyMetadata().keyId();
        SdkBytes plaintext = SdkBytes.fromString("hello", StandardCharsets.UTF_8);
        SdkBytes ciphertext = kms.encrypt(r -> r.keyId(keyId).plaintext(plaintext)).ciphertextBlob();
        assertThat(kms.decrypt(r -> r.ciphertextBlob(ciphertext)).plaintext()).isEqualTo(plaintext);
        // the key is in the injected lab, in the client's Region, owned by the default account (its root signed)
        assertThat(lab.inspect(ciphertext.asByteArray()).keyArn())
                .isEqualTo("arn:aws:kms:eu-west-2:" + KmsLab.DEFAULT_ACCOUNT + ":key/" + keyId);
    }
}
