package io.kmslab.server;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * Prints a narrated story in the terminal: numbered steps, each with a short explanation, the calls made (as the AWS
 * CLI would write them) and their results. Colors only when asked for; a pause before each step when asked for.
 */
final class Narrator {
    private static final String RESET = "\u001B[0m";
    private static final String BOLD = "\u001B[1m";
    private static final String DIM = "\u001B[2m";
    private static final String RED = "\u001B[31m";
    private static final String GREEN = "\u001B[32m";
    private static final String YELLOW = "\u001B[33m";
    private static final String CYAN = "\u001B[36m";
    private static final String INDENT = "    ";
    private static final int FIELD_WIDTH = 20;

    private final PrintWriter out;
    private final boolean colors;
    private final Terminal pauses;
    private final int steps;
    private int step;
    private boolean pausedForChapter;

    /**
     * @param pauses the terminal to wait for Enter on between steps, or {@code null} to run without pausing
     */
    Narrator(PrintWriter out, boolean colors, Terminal pauses, int steps) {
        this.out = out;
        this.colors = colors;
        this.pauses = pauses;
        this.steps = steps;
    }

    int currentStep() {
        return step;
    }

    void title(String title, String... lines) {
        out.println(style(BOLD, title));
        for (String line : lines) {
            out.println(style(DIM, line));
        }
        out.flush();
    }

    /** Opens a part of the story: its heading and what it is about. The pause, if any, comes before it. */
    void chapter(String heading, String... lines) {
        pausedForChapter = pause("the next part");
        out.println();
        out.println(style(BOLD, heading));
        for (String line : lines) {
            out.println(style(DIM, line));
        }
        out.flush();
    }

    /** Starts the next step: its number and title, then the explanation. */
    void step(String title, String... explanation) {
        if (!pausedForChapter) {
            pause("step " + (step + 1));
        }
        pausedForChapter = false;
        step++;
        out.println();
        out.println(style(BOLD, "Step " + step + " of " + steps + ": " + title));
        for (String line : explanation) {
            out.println("  " + line);
        }
        out.flush();
    }

    /** A call as typed in a shell. */
    void call(String command) {
        out.println("  " + style(CYAN, "$ " + command));
        out.flush();
    }

    /** A call with no AWS CLI equivalent: the KMS Lab Java API. */
    void labCall(String code) {
        out.println("  " + style(DIM, "# KMS Lab API, no AWS CLI equivalent"));
        out.println("  " + style(CYAN, "> " + code));
        out.flush();
    }

    void field(String name, Object value) {
        out.println(INDENT + String.format("%-" + FIELD_WIDTH + "s", name.length() < FIELD_WIDTH ? name
                : name + " ") + value);
        out.flush();
    }

    void text(String line) {
        out.println(INDENT + line);
        out.flush();
    }

    void lines(String block) {
        block.lines().forEach(this::text);
    }

    /** A remark before a call, at the level of the calls. */
    void aside(String line) {
        out.println("  " + style(DIM, "# " + line));
        out.flush();
    }

    /** A remark on a result. */
    void note(String line) {
        out.println(INDENT + style(DIM, "# " + line));
        out.flush();
    }

    /** A remark on the line of a listing above it, indented under that line. */
    void noteUnder(String line) {
        out.println(INDENT + "    " + style(DIM, "# " + line));
        out.flush();
    }

    /** The error an operation answered, written as the AWS CLI writes it. */
    void error(String code, String operation, String message) {
        out.println(INDENT + style(YELLOW, "An error occurred (" + code + ") when calling the " + operation
                + " operation: " + message));
        out.flush();
    }

    /** Lines quoted from a longer text (a decision trace), set off by a bar. */
    void quoted(List<String> lines) {
        for (String line : lines) {
            out.println(INDENT + style(DIM, "| ") + line);
        }
        out.flush();
    }

    /**
     * A table: its first row is the header (dimmed), the columns aligned as {@code alignment} says, one letter a
     * column, {@code l} for left and {@code r} for right.
     */
    void table(String alignment, List<List<String>> rows) {
        List<String> lines = align(alignment, rows);
        for (int i = 0; i < lines.size(); i++) {
            out.println(INDENT + (i == 0 ? style(DIM, lines.get(i)) : lines.get(i)));
        }
        out.flush();
    }

    /** Rows of cells as lines of aligned columns, two spaces apart, without trailing blanks. */
    static List<String> align(String alignment, List<List<String>> rows) {
        int[] widths = new int[alignment.length()];
        for (List<String> row : rows) {
            for (int c = 0; c < row.size(); c++) {
                widths[c] = Math.max(widths[c], row.get(c).length());
            }
        }
        List<String> lines = new ArrayList<>();
        for (List<String> row : rows) {
            StringBuilder line = new StringBuilder();
            for (int c = 0; c < row.size(); c++) {
                String cell = row.get(c);
                String pad = " ".repeat(widths[c] - cell.length());
                line.append(c == 0 ? "" : "  ").append(alignment.charAt(c) == 'r' ? pad + cell : cell + pad);
            }
            lines.add(line.toString().stripTrailing());
        }
        return lines;
    }

    void confirmed(String line) {
        out.println(INDENT + style(GREEN, "ok: " + line));
        out.flush();
    }

    /** The story did not hold: say which step and what happened instead. */
    void deviation(String what) {
        out.println();
        out.println(style(RED, "The tour stopped at step " + step + " of " + steps
                + ": KMS Lab did not behave as narrated."));
        out.println(style(RED, "  " + what));
        out.flush();
    }

    void summary(String heading, List<String> points) {
        pause("the summary");
        out.println();
        out.println(style(BOLD, heading));
        for (String point : points) {
            out.println("  - " + point);
        }
        out.flush();
    }

    /** A summary whose points are in order: rules, applied one after the other. */
    void numbered(String heading, List<String> points) {
        pause("the summary");
        out.println();
        out.println(style(BOLD, heading));
        for (int i = 0; i < points.size(); i++) {
            out.println("  " + (i + 1) + ". " + points.get(i));
        }
        out.flush();
    }

    /** The last line of the story. */
    void closing(String line) {
        out.println();
        out.println(style(GREEN, line));
        out.flush();
    }

    /** Waits for Enter before what comes next, if asked to and the story has begun; says whether it waited. */
    private boolean pause(String next) {
        if (pauses == null || step == 0) {
            return false;
        }
        out.print(style(DIM, "  [Enter] for " + next + " "));
        out.flush();
        pauses.awaitEnter();
        return true;
    }

    private String style(String code, String text) {
        return colors ? code + text + RESET : text;
    }
}
