package io.kmslab.services.ssm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kmslab.KmsLab;
import io.kmslab.services.common.SealedData;
import org.junit.jupiter.api.Test;

class ParameterEnvelopeTest {
    private final KmsLab lab = KmsLab.builder().seed(1).build();

    @Test
    void anEnvelopeReadsBackAsWritten_andOpensOnlyWithItsContext() {
        byte[] dataKey = new byte[32];
        lab.randomness().nextBytes(dataKey);
        String arn = "arn:aws:ssm:eu-west-2:111122223333:parameter/prod/cert";
        SealedData sealed = SealedData.seal(dataKey, SealedData.aad("value"), ParameterEnvelope.aad("PARAMETER_ARN",
                arn), lab.randomness());
        ParameterEnvelope envelope = new ParameterEnvelope(new byte[] {1, 2, 3}, "PARAMETER_ARN", arn, sealed);

        ParameterEnvelope read = ParameterEnvelope.fromBytes(envelope.toBytes());

        assertThat(read.encryptedDataKey()).containsExactly(1, 2, 3);
        assertThat(read.encryptionContext()).containsEntry("PARAMETER_ARN", arn);
        assertThat(read.sealed()).isEqualTo(sealed);
        assertThat(read.sealed().open(dataKey, ParameterEnvelope.aad("PARAMETER_ARN", arn))).isEqualTo(
                SealedData.aad("value"));
        assertThatThrownBy(() -> read.sealed().open(dataKey, ParameterEnvelope.aad("PARAMETER_ARN", arn + "x")))
                .isInstanceOf(SealedData.TamperedDataException.class);
        assertThatThrownBy(() -> ParameterEnvelope.fromBytes(new byte[] {9, 9}))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
