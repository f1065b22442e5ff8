package io.kmslab.labs;

import static org.assertj.core.api.Assertions.assertThat;

import io.kmslab.KmsLab;
import io.kmslab.api.DecryptRequest;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The machinery behind the labs graded by running a learner's Java class, and by reading an answers.txt: whatever
 * the learner hands in, the checker gets an answer it can explain, never an exception or a hang.
 */
class JavaAnswerTest {
    private static final String HEADER = "import io.kmslab.KmsApi;\nimport io.kmslab.labs.Envelope;\n";

    @Test
    void aCompileError_isTheCompilersMessage_withItsLine() {
        JavaAnswer.Loaded<Envelope> loaded = load(HEADER + "public class EnvelopeEncryption implements Envelope {\n"
                + "    int x = \"text\";\n}\n");

        assertThat(loaded.ok()).isFalse();
        assertThat(loaded.problem()).contains("EnvelopeEncryption.java does not compile")
                .contains("EnvelopeEncryption.java line 4, column").contains("incompatible types");
    }

    @Test
    void aClassThatDoesNotImplementTheInterface_isSaidSo() {
        JavaAnswer.Loaded<Envelope> loaded = load("public class EnvelopeEncryption {\n}\n");

        assertThat(loaded.problem()).contains("does not implement io.kmslab.labs.Envelope");
    }

    @Test
    void aClassWithoutAPublicNoArgumentConstructor_isSaidSo() {
        JavaAnswer.Loaded<Envelope> loaded = load(HEADER + "public abstract class EnvelopeEncryption implements "
                + "Envelope {\n    public EnvelopeEncryption(int x) {}\n}\n");

        assertThat(loaded.problem()).contains("needs a public constructor without arguments");
    }

    @Test
    void aMissingFile_isAProblem_notAnException() {
        assertThat(JavaAnswer.load(LabAnswer.of(Map.of()), "EnvelopeEncryption.java", Envelope.class).problem())
                .isEqualTo("EnvelopeEncryption.java is missing");
    }

    @Test
    void aClassInAPackage_isFoundByItsName() {
        JavaAnswer.Loaded<Envelope> loaded = load("package my.vault;\n" + HEADER
                + "public class EnvelopeEncryption implements Envelope {\n"
                + "    public Sealed seal(KmsApi kms, String keyId, byte[] data) { return null; }\n"
                + "    public byte[] open(KmsApi kms, Sealed sealed) { return new byte[] {7}; }\n}\n");

        assertThat(loaded.ok()).as(loaded.problem()).isTrue();
        assertThat(loaded.instance().getClass().getName()).isEqualTo("my.vault.EnvelopeEncryption");
    }

    @Test
    void anExceptionOfTheLearnersCode_namesItsTypeMessageAndLine() throws Exception {
        JavaAnswer.Loaded<Envelope> loaded = load(HEADER + "public class EnvelopeEncryption implements Envelope {\n"
                + "    public Sealed seal(KmsApi kms, String keyId, byte[] data) {\n"
                + "        return null;\n    }\n"
                + "    public byte[] open(KmsApi kms, Sealed sealed) {\n"
                + "        return sealed.encryptedData().clone();\n    }\n}\n");

        JavaAnswer.Run<byte[]> run = JavaAnswer.run("open(null)", Duration.ofSeconds(10), loaded.loader(),
                () -> loaded.instance().open(null, null));

        assertThat(run.ok()).isFalse();
        assertThat(run.error()).isInstanceOf(NullPointerException.class);
        assertThat(run.problem()).startsWith("open(null) threw java.lang.NullPointerException")
                .endsWith("(at EnvelopeEncryption.java line 8)");
    }

    @Test
    void aKmsErrorThrownInsideTheLearnersCall_namesTheLineOfTheCall() {
        JavaAnswer.Loaded<Envelope> loaded = load(HEADER + "import io.kmslab.api.DecryptRequest;\n"
                + "public class EnvelopeEncryption implements Envelope {\n"
                + "    public Sealed seal(KmsApi kms, String keyId, byte[] data) { return null; }\n"
                + "    public byte[] open(KmsApi kms, Sealed sealed) {\n"
                + "        return kms.decrypt(DecryptRequest.of(new byte[] {1, 2, 3})).plaintext();\n    }\n}\n");
        RecordingKms recorder = RecordingKms.of(KmsLab.builder().seed(1).build().kms("eu-west-2"));

        JavaAnswer.Run<byte[]> run = JavaAnswer.run("open", Duration.ofSeconds(10), loaded.loader(),
                () -> loaded.instance().open(recorder.api(), null), recorder::callSite);

        assertThat(run.problem()).startsWith("open threw InvalidCiphertextException from KMS")
                .endsWith("(at EnvelopeEncryption.java line 7)");
        assertThat(JavaAnswer.causedBy(run.error(), "InvalidCiphertextException")).isTrue();
    }

    @Test
    void codeThatNeverReturns_isStoppedAndSaidSo() {
        JavaAnswer.Loaded<Envelope> loaded = load(HEADER + "public class EnvelopeEncryption implements Envelope {\n"
                + "    public Sealed seal(KmsApi kms, String keyId, byte[] data) { while (true) { } }\n"
                + "    public byte[] open(KmsApi kms, Sealed sealed) { return null; }\n}\n");

        JavaAnswer.Run<Envelope.Sealed> run = JavaAnswer.run("seal", Duration.ofMillis(300), loaded.loader(),
                () -> loaded.instance().seal(null, null, null));

        assertThat(run.ok()).isFalse();
        assertThat(run.problem()).startsWith("seal did not finish within 0.3 seconds");
    }

    @Test
    void theRecorder_keepsCopiesOfTheDataKeysKmsHandsOut_untouchedByTheCaller() {
        KmsLab lab = KmsLab.builder().seed(2).build();
        var kms = lab.kms("eu-west-2");
        String key = kms.createKey(io.kmslab.api.CreateKeyRequest.of()).keyMetadata().keyId();
        RecordingKms recorder = RecordingKms.of(kms);

        var dataKey = recorder.api().generateDataKey(io.kmslab.api.GenerateDataKeyRequest.of(key,
                io.kmslab.keys.DataKeySpec.AES_256));
        byte[] copy = dataKey.plaintext().clone();
        java.util.Arrays.fill(dataKey.plaintext(), (byte) 0);
        recorder.api().decrypt(DecryptRequest.of(dataKey.ciphertextBlob()));

        assertThat(recorder.generatedKeys()).singleElement().isEqualTo(copy);
        assertThat(recorder.decryptedKeys()).singleElement().isEqualTo(copy);
    }

    @Test
    void answerLines_readNamesValuesAndUnanswered() {
        AnswerLines lines = AnswerLines.of(LabAnswer.of(Map.of("answers.txt",
                "# a comment\nKey-ID-Changed: No\nfee: $3.00\nother: ?\n\nbroken line\n")));

        assertThat(lines.answer("key-id-changed")).contains("No");
        assertThat(lines.answer("other")).isEmpty();
        assertThat(lines.answer("missing")).isEmpty();
        assertThat(AnswerLines.yesNo("No")).contains(false);
        assertThat(AnswerLines.dollars("$3.00")).contains(new BigDecimal("3.00"));
        assertThat(AnswerLines.dollars("3 USD")).contains(new BigDecimal("3"));
        assertThat(AnswerLines.days("now")).contains(0L);
        assertThat(AnswerLines.days("7 days")).contains(7L);
        assertThat(AnswerLines.days("a week")).isEmpty();
    }

    @Test
    void aPrediction_isGradedToTheCent_andAWrongOneShowsTheEngine() {
        Prediction fee = Prediction.dollars("fee", "the fee", new BigDecimal("2.999999"), "the bill says so",
                "why");
        Prediction key = Prediction.choice("target", "the key", "B", List.of("A", "B"), "DescribeKey", null);

        assertThat(fee.grade(lines("fee: 3")).met()).isTrue();
        assertThat(fee.grade(lines("fee: 3.01")).explanation())
                .isEqualTo("you predicted $3.01; the engine shows $3.00: the bill says so\nwhy");
        assertThat(fee.grade(lines("fee: three")).explanation()).isEqualTo("`three` is not an amount of dollars, "
                + "such as 2.50");
        assertThat(key.grade(lines("target: key b")).met()).isTrue();
        assertThat(key.grade(lines("target: C")).explanation()).isEqualTo("`C` is not one of A, B");
        assertThat(key.grade(lines("")).explanation()).startsWith("not answered");
    }

    private static AnswerLines lines(String text) {
        return AnswerLines.of(LabAnswer.of(Map.of("answers.txt", text)));
    }

    private static JavaAnswer.Loaded<Envelope> load(String source) {
        return JavaAnswer.load(LabAnswer.of(Map.of("EnvelopeEncryption.java", source)), "EnvelopeEncryption.java",
                Envelope.class);
    }
}
