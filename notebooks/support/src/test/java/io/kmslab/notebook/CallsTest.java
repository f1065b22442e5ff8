package io.kmslab.notebook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kmslab.api.DescribeKeyRequest;
import java.io.IOException;
import org.junit.jupiter.api.Test;

class CallsTest {

    @Test
    void anAwsError_isAnsweredWithItsCodeAndMessage() {
        var kms = Notebook.lab().kms("eu-west-2");
        assertThat(Calls.tryIt("DescribeKey", () -> kms.describeKey(DescribeKeyRequest.of("alias/none"))))
                .startsWith("DescribeKey -> NotFoundException: ").contains("alias/none");
        assertThat(Calls.errorCode(() -> kms.describeKey(DescribeKeyRequest.of("alias/none"))))
                .isEqualTo("NotFoundException");
        assertThat(Calls.answer(() -> { })).isEqualTo("succeeded");
    }

    @Test
    void anErrorThatIsNotAws_stopsTheNotebook() {
        assertThatThrownBy(() -> Calls.answer(() -> {
            throw new IOException("disk");
        })).isInstanceOf(IllegalStateException.class).hasMessageContaining("disk");
        assertThatThrownBy(() -> Calls.answer(() -> {
            throw new NullPointerException("bug");
        })).isInstanceOf(NullPointerException.class);
    }

    @Test
    void outsideAKernel_showPrintsTheMarkup() {
        var out = new java.io.ByteArrayOutputStream();
        var before = System.out;
        System.setOut(new java.io.PrintStream(out, true, java.nio.charset.StandardCharsets.UTF_8));
        try {
            assertThat(Jupyter.inKernel()).isFalse();
            Notebook.show(Html.p("a < b"), Html.code("x"));
        } finally {
            System.setOut(before);
        }
        assertThat(out.toString(java.nio.charset.StandardCharsets.UTF_8)).contains("<p>a &lt; b</p><code>x</code>");
    }

    @Test
    void twoLabsOfTheNotebooks_makeTheSameIds() {
        var a = Notebook.lab().kms("eu-west-2").createKey(io.kmslab.api.CreateKeyRequest.builder().build());
        var b = Notebook.lab().kms("eu-west-2").createKey(io.kmslab.api.CreateKeyRequest.builder().build());
        assertThat(a.keyMetadata().keyId()).isEqualTo(b.keyMetadata().keyId());
        assertThat(a.keyMetadata().creationDate()).isEqualTo(Notebook.START);
    }
}
