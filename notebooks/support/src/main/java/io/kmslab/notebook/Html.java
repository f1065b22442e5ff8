package io.kmslab.notebook;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * A fragment of HTML, and the one place where text becomes HTML: {@link #escape(Object)}. A fragment made by the
 * factories here is safe to insert; anything else (a {@code String}, a number, a key id) is text and is escaped.
 */
public record Html(String html) implements Renderable {

    public static final String GREEN = "#2a7a2a";
    public static final String RED = "#b22";
    public static final String AMBER = "#b36b00";

    public Html {
        if (html == null) {
            throw new IllegalArgumentException("html is null; use Html.EMPTY");
        }
    }

    public static final Html EMPTY = new Html("");

    /** Text made safe for HTML content and for attribute values (single or double quoted). */
    public static String escape(Object text) {
        String s = String.valueOf(text);
        StringBuilder out = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> {
                    // XML 1.0 has no place for control characters other than tab, newline and carriage return
                    if (c < 0x20 && c != '\t' && c != '\n' && c != '\r') {
                        out.append('\uFFFD');
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.toString();
    }

    /** A value as HTML: a {@link Renderable} as it is, {@code null} as nothing, anything else as escaped text. */
    public static String of(Object value) {
        if (value == null) {
            return "";
        }
        return value instanceof Renderable r ? r.html() : escape(value);
    }

    /** Plain text. */
    public static Html text(Object text) {
        return new Html(escape(text));
    }

    /** {@code <code>text</code>}. */
    public static Html code(Object text) {
        return new Html("<code>" + of(text) + "</code>");
    }

    /** {@code <b>text</b>}. */
    public static Html bold(Object text) {
        return new Html("<b>" + of(text) + "</b>");
    }

    /** Italic. */
    public static Html italic(Object text) {
        return new Html("<i>" + of(text) + "</i>");
    }

    /** Small print. */
    public static Html small(Object text) {
        return new Html("<small>" + of(text) + "</small>");
    }

    /** Bold, in a colour (one of the constants here, or any {@code #rgb}). */
    public static Html colored(String color, Object text) {
        return new Html("<b style='color:" + Svg.color(color) + "'>" + of(text) + "</b>");
    }

    /** Bold green: an allowed call, a passed requirement. */
    public static Html good(Object text) {
        return colored(GREEN, text);
    }

    /** Bold red: a denied call, a failed requirement. */
    public static Html bad(Object text) {
        return colored(RED, text);
    }

    /** Bold amber: neither (a call that failed before authorization). */
    public static Html warn(Object text) {
        return colored(AMBER, text);
    }

    /** Preformatted text (program output, a policy, a trace). */
    public static Html pre(Object text) {
        return new Html("<pre>" + of(text) + "</pre>");
    }

    /** A paragraph of parts: text is escaped, fragments kept. */
    public static Html p(Object... parts) {
        return new Html("<p>" + join(parts) + "</p>");
    }

    /** Parts one after the other (text escaped, fragments kept). */
    public static Html of(Object... parts) {
        return new Html(join(parts));
    }

    /** A line break, to put between parts. */
    public static final Html BR = new Html("<br/>");

    /** "same" in green or "changed" in red. */
    public static Html same(boolean same) {
        return same ? good("same") : bad("changed");
    }

    /** A check mark for true, a cross for false. */
    public static Html tick(boolean ok) {
        return ok ? new Html("✔") : bad("✘");
    }

    /** A folded block: the summary is shown, the body opens on a click. */
    public static Html details(Object summary, Object body) {
        return new Html("<details><summary>" + of(summary) + "</summary>" + of(body) + "</details>");
    }

    private static String join(Object... parts) {
        return Arrays.stream(parts).map(Html::of).collect(Collectors.joining());
    }

    @Override
    public String toString() {
        return html;
    }
}
