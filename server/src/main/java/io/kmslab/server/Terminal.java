package io.kmslab.server;

import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * What the program knows of the terminal it runs in: whether its standard output can show ANSI colors, and whether
 * someone can press Enter on its standard input. Detected once in {@code main}; tests pass their own.
 *
 * @param colors whether standard output is a terminal that shows colors
 * @param keyboard where a person's Enter comes from, or {@code null} when standard input is not a terminal
 */
public record Terminal(boolean colors, BufferedReader keyboard) {

    /**
     * The terminal of this process. With Java 17, {@link System#console()} exists only when both standard input and
     * standard output are terminals. {@code NO_COLOR} (https://no-color.org) and {@code TERM=dumb} turn colors off.
     */
    public static Terminal detect() {
        Console console = System.console();
        if (console == null) {
            return none();
        }
        boolean colors = System.getenv("NO_COLOR") == null && !"dumb".equals(System.getenv("TERM"));
        return new Terminal(colors, new BufferedReader(console.reader()));
    }

    /** Output and input redirected: no colors, nobody to press Enter. */
    public static Terminal none() {
        return new Terminal(false, null);
    }

    public boolean interactive() {
        return keyboard != null;
    }

    /** Waits until the person presses Enter (returns at once at the end of input). */
    void awaitEnter() {
        if (keyboard == null) {
            return;
        }
        try {
            keyboard.readLine();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
