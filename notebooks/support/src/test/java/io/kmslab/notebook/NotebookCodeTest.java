package io.kmslab.notebook;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The notebooks' code keeps to the rules of issue #13: no helper declared in more than one notebook, none that the
 * support library has, no SVG or HTML table built by hand, every {@code show(...)} in one or two lines.
 *
 * Every notebook of {@code notebooks/} is checked: a new one keeps to the rules from its first commit.
 */
class NotebookCodeTest {


    private static Path notebooksDir() {
        return Path.of(System.getProperty("basedir", ".")).toAbsolutePath().resolve("..").normalize();
    }

    @Test
    void everyNotebook_keepsToTheRules() throws IOException {
        List<NotebookCode.Cell> cells = new ArrayList<>();
        List<String> found = new ArrayList<>();
        try (Stream<Path> files = Files.list(notebooksDir())) {
            for (Path nb : files.filter(p -> p.toString().endsWith(".ipynb")).sorted().toList()) {
                found.add(nb.getFileName().toString());
                cells.addAll(NotebookCode.codeCells(nb));
            }
        }
        assertThat(found).as("the notebooks in " + notebooksDir()).hasSizeGreaterThanOrEqualTo(12);
        assertThat(NotebookCode.problems(cells)).as("problems in " + found).isEmpty();
    }

    @Test
    void aHelperDeclaredInTwoNotebooks_isReported() {
        var cells = List.of(new NotebookCode.Cell("a.ipynb", 1, "String banner(String s) {\n    return s;\n}\n"),
                new NotebookCode.Cell("b.ipynb", 3, "int x = 1;\nString banner(String s) {\n    return s;\n}\n"),
                new NotebookCode.Cell("b.ipynb", 4, "record Row(int a) {}\n"),
                new NotebookCode.Cell("c.ipynb", 2, "/** a row */\nrecord Row(int a) {\n}\n"));
        assertThat(NotebookCode.problems(cells)).containsExactlyInAnyOrder(
                "helper Row is declared in 2 notebooks: [b.ipynb, c.ipynb]; move it to the support library",
                "helper banner is declared in 2 notebooks: [a.ipynb, b.ipynb]; move it to the support library");
    }

    @Test
    void aMethodAfterARecordInTheSameCell_isStillSeen() {
        var cells = List.of(new NotebookCode.Cell("a.ipynb", 1, "record R(int a) {}\nbyte[] aad(String s) {\n    return null;\n}\n"),
                new NotebookCode.Cell("b.ipynb", 2, "byte[] aad(String s) {\n    return null;\n}\n"));
        assertThat(NotebookCode.problems(cells))
                .contains("helper aad is declared in 2 notebooks: [a.ipynb, b.ipynb]; move it to the support library");
    }

    @Test
    void aLibraryHelper_handMadeMarkup_aLongShow_andRawDisplay_areReported() {
        String cell = String.join("\n",
                "String esc(Object o) { return String.valueOf(o); }",
                "var s = \"<svg xmlns='http://www.w3.org/2000/svg'>\" + \"</svg>\";",
                "show(Html.p(\"a\"),",
                "    Html.p(\"b\"),",
                "    Html.p(\"c\"));",
                "display(\"text/html\", s);");
        assertThat(NotebookCode.problems(List.of(new NotebookCode.Cell("x.ipynb", 5, cell)))).containsExactly(
                "x.ipynb cell 5: declares esc, which the support library (io.kmslab.notebook) has",
                "x.ipynb cell 5: builds <svg> markup by hand; use the support library",
                "x.ipynb cell 5: calls display(...) directly; use show(...) or markdown(...)",
                "x.ipynb cell 5: a show(...) of 3 lines; a picture cell says it in one or two");
    }

    @Test
    void statementsPoliciesAndComments_areNotDeclarations() {
        String cell = String.join("\n",
                "for (var k : keys) {",
                "    describe(k);",
                "}",
                "if (x) {",
                "}",
                "// String fake(int a) {",
                "var policy = \"\"\"",
                "    {\"Statement\": [{\"Sid\": \"class Foo\"}]}",
                "    String notAMethod(int a) {",
                "    \"\"\";",
                "show(Html.p(\"a\"),",
                "     Html.p(\"b\"));",
                "KeyMetadata describe(String keyId) {",
                "    return null;",
                "}");
        assertThat(NotebookCode.declarations(cell)).containsExactly("describe");
        assertThat(NotebookCode.showLengths(cell)).containsExactly(2);
    }
}
