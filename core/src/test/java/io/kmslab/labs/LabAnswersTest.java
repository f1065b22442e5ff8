package io.kmslab.labs;

import static org.assertj.core.api.Assertions.assertThat;

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
 * Every lab's checker against its answers kept as test data: the reference answer passes; the untouched starting
 * files fail; each typical wrong answer ({@code io/kmslab/labs/<NN>/wrong/<case>/}) fails the requirement its
 * {@code expect.txt} names ({@code fails: ...}), with an explanation that mentions each {@code mentions: ...}.
 */
class LabAnswersTest {

    @TestFactory
    Stream<DynamicTest> everyLab_acceptsItsReferenceAnswer() {
        return Labs.all().stream().map(lab -> DynamicTest.dynamicTest("lab " + lab.number() + " reference", () -> {
            Verdict verdict = lab.check(LabAnswer.of(lab.referenceAnswer()));
            assertThat(verdict.passed()).as(verdict.render()).isTrue();
        }));
    }

    @TestFactory
    Stream<DynamicTest> everyLab_failsItsUntouchedStartingFiles() {
        return Labs.all().stream().map(lab -> DynamicTest.dynamicTest("lab " + lab.number() + " untouched", () -> {
            Verdict verdict = lab.check(LabAnswer.of(lab.startingFiles()));
            assertThat(verdict.passed()).as(verdict.render()).isFalse();
            assertThat(verdict.requirements()).hasSizeGreaterThan(1);
        }));
    }

    @TestFactory
    Stream<DynamicTest> everyWrongAnswer_failsWithAnExplanationNamingWhy() throws Exception {
        List<DynamicTest> tests = new ArrayList<>();
        for (StudyLab lab : Labs.all()) {
            Path wrong = folder(String.format("/io/kmslab/labs/%02d/wrong", lab.number()));
            if (wrong == null) {
                continue;
            }
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
    void everyLab_hasAWrongAnswerOrMore_andObjectivesAndHints() throws Exception {
        for (StudyLab lab : Labs.all()) {
            assertThat(folder(String.format("/io/kmslab/labs/%02d/wrong", lab.number())))
                    .as("lab %d keeps typical wrong answers", lab.number()).isNotNull();
            assertThat(lab.objectives()).as("lab %d objectives", lab.number()).isNotEmpty();
            assertThat(lab.hints()).as("lab %d hints", lab.number()).isNotEmpty();
            assertThat(lab.brief()).contains("Lab " + lab.number());
        }
    }

    private static void gradeWrong(StudyLab lab, Path c) throws IOException {
        List<String> expect = Files.readAllLines(c.resolve("expect.txt"));
        Verdict verdict = lab.check(LabAnswer.readFrom(c));
        assertThat(verdict.passed()).as(verdict.render()).isFalse();
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
        URL url = LabAnswersTest.class.getResource(resource);
        return url == null ? null : Path.of(url.toURI());
    }
}
