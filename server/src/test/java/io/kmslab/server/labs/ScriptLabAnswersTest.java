package io.kmslab.server.labs;

import static org.assertj.core.api.Assertions.assertThat;

import io.kmslab.labs.LabAnswer;
import io.kmslab.labs.Labs;
import io.kmslab.labs.Requirement;
import io.kmslab.labs.StudyLab;
import io.kmslab.labs.Verdict;
import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Every script lab's checker, run for real (bash, the AWS CLI v2 at /usr/bin/aws, an endpoint on a free port),
 * against its answers kept as data: the reference answer passes; the untouched starting files fail; each typical
 * wrong answer ({@code io/kmslab/labs/<NN>/wrong/<case>/} in the test resources) fails the requirement its
 * {@code expect.txt} names ({@code fails: ...}) with an explanation that mentions each {@code mentions: ...}.
 */
class ScriptLabAnswersTest {

    private static List<ScriptLab> scriptLabs() {
        return Labs.all().stream().filter(ScriptLab.class::isInstance).map(ScriptLab.class::cast).toList();
    }

    @Test
    void theScriptLabs_areFoundByLabsAll_besideTheEngineLabs() {
        assertThat(scriptLabs()).extracting(StudyLab::number).contains(6);
        assertThat(Labs.all()).extracting(StudyLab::number).contains(1, 6);
        assertThat(Labs.get(6).answerKind()).isEqualTo("an AWS CLI script (run.sh)");
    }

    @TestFactory
    Stream<DynamicTest> everyScriptLab_acceptsItsReferenceAnswer() {
        return scriptLabs().stream().map(lab -> DynamicTest.dynamicTest("lab " + lab.number() + " reference", () -> {
            Verdict verdict = lab.check(LabAnswer.of(lab.referenceAnswer()));
            assertThat(verdict.passed()).as(verdict.render()).isTrue();
        }));
    }

    @TestFactory
    Stream<DynamicTest> everyScriptLab_failsItsUntouchedStartingFiles() {
        return scriptLabs().stream().map(lab -> DynamicTest.dynamicTest("lab " + lab.number() + " untouched", () -> {
            Verdict verdict = lab.check(LabAnswer.of(lab.startingFiles()));
            assertThat(verdict.passed()).as(verdict.render()).isFalse();
            assertThat(verdict.failures()).as(verdict.render()).hasSizeGreaterThan(1);
        }));
    }

    @TestFactory
    Stream<DynamicTest> everyWrongAnswer_failsWithAnExplanationNamingWhy() throws Exception {
        List<DynamicTest> tests = new ArrayList<>();
        for (ScriptLab lab : scriptLabs()) {
            Path wrong = folder(String.format("/io/kmslab/labs/%02d/wrong", lab.number()));
            assertThat(wrong).as("lab %d keeps typical wrong answers", lab.number()).isNotNull();
            try (Stream<Path> cases = Files.list(wrong)) {
                for (Path c : cases.sorted().toList()) {
                    tests.add(DynamicTest.dynamicTest("lab " + lab.number() + " wrong: " + c.getFileName(),
                            () -> gradeWrong(lab, c)));
                }
            }
        }
        return tests.stream();
    }

    @Test
    void everyScriptLab_hasThreeWrongAnswersOrMore_objectivesAndThreeHints() throws Exception {
        for (ScriptLab lab : scriptLabs()) {
            try (Stream<Path> cases = Files.list(folder(String.format("/io/kmslab/labs/%02d/wrong", lab.number())))) {
                assertThat(cases.count()).as("lab %d wrong answers", lab.number()).isGreaterThanOrEqualTo(3);
            }
            assertThat(lab.objectives()).as("lab %d objectives", lab.number()).isNotEmpty();
            assertThat(lab.hints()).as("lab %d hints", lab.number()).hasSize(3);
            assertThat(lab.brief()).contains("Lab " + lab.number());
            assertThat(lab.referenceAnswer()).containsKey(ScriptLab.SCRIPT);
            assertThat(lab.startingFiles()).containsKey(ScriptLab.SCRIPT);
        }
    }

    private static void gradeWrong(StudyLab lab, Path c) throws IOException {
        List<String> expect = Files.readAllLines(c.resolve("expect.txt"));
        LabAnswer answer = LabAnswer.readFrom(c);
        Verdict verdict = lab.check(answer);
        assertThat(verdict.passed()).as(verdict.render()).isFalse();
        assertThat(expect).as("%s says what it must fail", c).anyMatch(l -> l.startsWith("fails: "));
        for (String line : expect) {
            if (line.startsWith("fails: ")) {
                String name = line.substring("fails: ".length());
                Requirement r = verdict.requirements().stream().filter(q -> q.name().equals(name)).findFirst()
                        .orElseThrow(() -> new AssertionError("no requirement '" + name + "' in\n" + verdict.render()));
                assertThat(r.met()).as(verdict.render()).isFalse();
            } else if (line.startsWith("mentions: ")) {
                String text = line.substring("mentions: ".length());
                assertThat(verdict.failures().stream().map(Requirement::explanation).toList())
                        .as(verdict.render()).anySatisfy(e -> assertThat(e).contains(text));
            }
        }
    }

    private static Path folder(String resource) throws URISyntaxException {
        URL url = ScriptLabAnswersTest.class.getResource(resource);
        return url == null ? null : Path.of(url.toURI());
    }
}
