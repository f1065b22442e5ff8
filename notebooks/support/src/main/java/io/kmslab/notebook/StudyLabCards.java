package io.kmslab.notebook;

import io.kmslab.labs.ExamTask;
import io.kmslab.labs.Requirement;
import io.kmslab.labs.StudyLab;
import io.kmslab.labs.Verdict;
import java.util.List;
import java.util.Map;

/**
 * The study labs in a notebook: a lab's card (what you hand in, the exam tasks, the brief, the hints folded), a
 * verdict as a table (a long explanation keeps its first lines in view and folds the rest), the files of an answer.
 *
 * <pre>{@code
 * StudyLabCards.show(Labs.get(1));
 * show(StudyLabCards.verdict(Labs.check(1, mine)));
 * }</pre>
 */
public final class StudyLabCards {

    private StudyLabCards() {
    }

    /** What you hand in and the exam task statements the lab practises. */
    public static Html card(StudyLab lab) {
        Table tasks = Table.of("exam", "task", "what it asks");
        for (ExamTask t : lab.objectives()) {
            tasks.row(t.exam(), t.task(), t.text());
        }
        return Html.of(Html.p("Lab ", Html.bold(lab.number()), ", ", Html.code(lab.folderName()),
                ". You hand in: ", Html.bold(lab.answerKind()), "."), tasks);
    }

    /**
     * The lab's brief (its README.md) as a Markdown quote, its headings moved two levels down; outside code blocks a
     * "$" becomes the entity {@code &#36;}, so that Jupyter does not read it as TeX math.
     */
    public static String briefMarkdown(StudyLab lab) {
        StringBuilder brief = new StringBuilder();
        boolean inCode = false;
        for (String line : lab.brief().split("\n", -1)) {
            if (line.startsWith("```")) {
                inCode = !inCode;
            }
            String text = inCode ? line : (line.startsWith("#") ? "##" + line : line).replace("$", "&#36;");
            brief.append("> ").append(text).append('\n');
        }
        return brief.toString();
    }

    /** The hints, folded, numbered. */
    public static Html hints(StudyLab lab) {
        StringBuilder s = new StringBuilder("<details class='tex2jax_ignore mathjax_ignore'><summary>Hints ("
                + lab.hints().size() + ", from a nudge to almost the answer): click to open</summary><ol>");
        for (String h : lab.hints()) {
            s.append("<li>").append(Html.escape(h)).append("</li>");
        }
        return new Html(s + "</ol></details>");
    }

    /** Shows the card, the brief and the hints below the cell (three outputs). */
    public static void show(StudyLab lab) {
        Jupyter.show(card(lab));
        Jupyter.markdown(briefMarkdown(lab));
        Jupyter.show(hints(lab));
    }

    /** An explanation: its first four lines in view, the rest folded. */
    public static Html why(String text) {
        if (text == null || text.isBlank()) {
            return Html.EMPTY;
        }
        String pre = "<pre style='white-space:pre-wrap;margin:0;font-size:11px'>";
        List<String> lines = text.lines().toList();
        int shown = 4;
        if (lines.size() <= shown + 1) {
            return new Html(pre + Html.escape(text) + "</pre>");
        }
        return new Html(pre + Html.escape(String.join("\n", lines.subList(0, shown))) + "</pre><details><summary>"
                + (lines.size() - shown) + " more lines</summary>" + pre
                + Html.escape(String.join("\n", lines.subList(shown, lines.size()))) + "</pre></details>");
    }

    /** Each requirement, PASS or FAIL, and why; then PASSED or NOT YET and the count. */
    public static Html verdict(Verdict v) {
        Table t = Table.of("", "requirement", "verdict", "why").small().noMath();
        int i = 0;
        for (Requirement r : v.requirements()) {
            t.row(++i, r.name(), r.met() ? Html.good("PASS") : Html.bad("FAIL"), why(r.explanation()));
        }
        long met = v.requirements().stream().filter(Requirement::met).count();
        return Html.of(t, Html.p(v.passed() ? Html.good("PASSED") : Html.bad("NOT YET"),
                ": " + met + " of " + v.requirements().size() + " requirements met"));
    }

    /** Files as they are in the lab's folder: name, then content. */
    public static Html files(Map<String, String> files) {
        StringBuilder s = new StringBuilder();
        files.forEach((name, content) -> s.append("<p style='margin:8px 0 2px'><b><code>").append(Html.escape(name))
                .append("</code></b></p><pre style='font-size:11px;margin:0'>").append(Html.escape(content))
                .append("</pre>"));
        return new Html(s.toString());
    }
}
