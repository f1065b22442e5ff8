package io.kmslab.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kmslab.KmsLab;
import java.time.Duration;
import java.util.NoSuchElementException;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.kms.KmsClient;

/** {@link RunningLab#reset()} in the middle of a test: a brand-new lab behind the same address and clients. */
@KmsLabTest(reset = Reset.PER_CLASS)
class ResetByHandTest {

    @Test
    void aResetEmptiesTheLabRewindsTheClockAndKeepsTheClients(KmsClient kms, RunningLab lab, KmsLab before) {
        kms.createKey(r -> { });
        String requestId = kms.listKeys().responseMetadata().requestId();
        lab.advanceClock(Duration.ofDays(3));
        assertThat(lab.explain(requestId)).contains("kms:ListKeys");

        KmsLab after = lab.reset();

        assertThat(after).isSameAs(lab.lab()).isNotSameAs(before);
        assertThat(before.closed()).isTrue();
        assertThat(kms.listKeys().keys()).isEmpty();
        assertThat(lab.clock().instant()).isEqualTo(after.clockStart());
        // the decisions went with the old lab
        assertThatThrownBy(() -> lab.explain(requestId)).isInstanceOf(NoSuchElementException.class)
                .hasMessageContaining(requestId);
    }
}
