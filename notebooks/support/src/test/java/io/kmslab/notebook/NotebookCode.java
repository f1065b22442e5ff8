package io.kmslab.notebook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the code cells of notebooks and finds what the notebook rules forbid: a helper (method or type) declared in
 * more than one notebook, a helper the support library already has, SVG or HTML-table markup built by hand, a
 * {@code show(...)} longer than two lines, a raw {@code display(...)}.
 */
final class NotebookCode {

    /** Helpers that the library provides: a notebook must not declare its own. */
    static final Set<String> LIBRARY_HELPERS = Set.of("show", "esc", "cell", "head", "row", "num", "tryIt", "answer",
            "table", "trace", "verdict", "deciding", "timeline", "lane", "who", "outcome", "verdictTable", "showLab",
            "why", "filesHtml", "expect", "expectFails", "expectOnlyFailures", "expectPassed", "requirement", "box",
            "question", "usd", "count", "day", "shortId", "utf8", "text", "same", "generations", "parts");

    private static final Set<String> NOT_TYPES = Set.of("return", "new", "else", "throw", "case", "yield");
    // a method declared at the top of a cell: "Type name(...) {" from the first column
    private static final Pattern METHOD = Pattern.compile(
            "^(?:static\\s+)?(?:<[^>]+>\\s+)?([\\w.$]+(?:<[^;=()]*>)?(?:\\[\\])*)\\s+(\\w+)\\s*\\([^;={}]*\\)\\s*"
                    + "(?:throws\\s+[\\w., ]+)?\\{", Pattern.MULTILINE);
    private static final Pattern TYPE = Pattern.compile(
            "^(?:(?:final|abstract|static|sealed)\\s+)*(class|record|interface|enum)\\s+(\\w+)", Pattern.MULTILINE);
    private static final Pattern MARKUP = Pattern.compile("<(svg|rect|path|circle|line|text|table|tr|td|th)[\\s>/]");

    /** One code cell: the notebook's file name, the cell's index in the notebook, its source. */
    record Cell(String notebook, int index, String source) {
    }

    private NotebookCode() {
    }

    static List<Cell> codeCells(Path notebook) throws IOException {
        JsonNode nb = new ObjectMapper().readTree(Files.readString(notebook));
        List<Cell> cells = new ArrayList<>();
        int i = 0;
        for (JsonNode cell : nb.get("cells")) {
            if ("code".equals(cell.get("cell_type").asText())) {
                StringBuilder s = new StringBuilder();
                JsonNode source = cell.get("source");
                if (source.isArray()) {
                    source.forEach(line -> s.append(line.asText()));
                } else {
                    s.append(source.asText());
                }
                cells.add(new Cell(notebook.getFileName().toString(), i, s.toString()));
            }
            i++;
        }
        return cells;
    }

    /** The names of the methods and types a cell declares at its top level. */
    static Set<String> declarations(String source) {
        Set<String> names = new TreeSet<>();
        String code = withoutStringsAndComments(source);
        Matcher m = METHOD.matcher(code);
        while (m.find()) {
            if (!NOT_TYPES.contains(m.group(1)) && !Set.of("if", "for", "while", "switch", "catch", "synchronized")
                    .contains(m.group(2))) {
                names.add(m.group(2));
            }
        }
        Matcher t = TYPE.matcher(code);
        while (t.find()) {
            names.add(t.group(2));
        }
        return names;
    }

    /** Everything wrong in these notebooks' code cells, one line each (empty: nothing). */
    static List<String> problems(List<Cell> cells) {
        List<String> problems = new ArrayList<>();
        TreeMap<String, TreeSet<String>> declaredIn = new TreeMap<>();
        for (Cell cell : cells) {
            String where = cell.notebook() + " cell " + cell.index();
            for (String name : declarations(cell.source())) {
                declaredIn.computeIfAbsent(name, k -> new TreeSet<>()).add(cell.notebook());
                if (LIBRARY_HELPERS.contains(name)) {
                    problems.add(where + ": declares " + name + ", which the support library (io.kmslab.notebook) has");
                }
            }
            Matcher markup = MARKUP.matcher(cell.source());
            if (markup.find()) {
                problems.add(where + ": builds <" + markup.group(1) + "> markup by hand; use the support library");
            }
            if (withoutStringsAndComments(cell.source()).matches("(?s).*(?<![\\w.])display\\s*\\(.*")) {
                problems.add(where + ": calls display(...) directly; use show(...) or markdown(...)");
            }
            for (int lines : showLengths(cell.source())) {
                if (lines > 2) {
                    problems.add(where + ": a show(...) of " + lines + " lines; a picture cell says it in one or two");
                }
            }
        }
        declaredIn.forEach((name, notebooks) -> {
            if (notebooks.size() > 1) {
                problems.add("helper " + name + " is declared in " + notebooks.size() + " notebooks: " + notebooks
                        + "; move it to the support library");
            }
        });
        return problems;
    }

    /** For each show(...) call in the cell, the number of lines it spans. */
    static List<Integer> showLengths(String source) {
        String code = withoutStringsAndComments(source);
        List<Integer> lengths = new ArrayList<>();
        Matcher m = Pattern.compile("(?<![\\w.])show\\s*\\(").matcher(code);
        while (m.find()) {
            int depth = 0;
            int end = m.end() - 1;
            for (; end < code.length(); end++) {
                char c = code.charAt(end);
                if (c == '(') {
                    depth++;
                } else if (c == ')' && --depth == 0) {
                    break;
                }
            }
            String call = code.substring(m.start(), Math.min(end + 1, code.length()));
            lengths.add((int) call.lines().count());
        }
        return lengths;
    }

    /**
     * The code with string literals, text blocks and comments blanked (newlines kept), so that a policy in a text
     * block or a word in a comment is not read as code.
     */
    static String withoutStringsAndComments(String s) {
        StringBuilder out = new StringBuilder(s.length());
        int i = 0;
        while (i < s.length()) {
            if (s.startsWith("\"\"\"", i)) {
                int close = s.indexOf("\"\"\"", i + 3);
                close = close < 0 ? s.length() : close + 3;
                blank(out, s, i, close);
                out.append("\"\"");
                i = close;
            } else if (s.charAt(i) == '"' || s.charAt(i) == '\'') {
                char q = s.charAt(i);
                int j = i + 1;
                while (j < s.length() && s.charAt(j) != q && s.charAt(j) != '\n') {
                    j += s.charAt(j) == '\\' ? 2 : 1;
                }
                out.append(q).append(q);
                i = Math.min(j + 1, s.length());
            } else if (s.startsWith("//", i)) {
                int nl = s.indexOf('\n', i);
                i = nl < 0 ? s.length() : nl;
            } else if (s.startsWith("/*", i)) {
                int close = s.indexOf("*/", i + 2);
                close = close < 0 ? s.length() : close + 2;
                blank(out, s, i, close);
                i = close;
            } else {
                out.append(s.charAt(i++));
            }
        }
        return out.toString();
    }

    private static void blank(StringBuilder out, String s, int from, int to) {
        for (int k = from; k < to; k++) {
            if (s.charAt(k) == '\n') {
                out.append('\n');
            }
        }
    }
}
