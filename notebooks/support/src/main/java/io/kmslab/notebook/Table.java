package io.kmslab.notebook;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

/**
 * An HTML table: a header, rows of cells. A cell is text (escaped) unless it is a {@link Renderable} ({@link Html#code},
 * {@link Html#good}, a picture...); {@code null} is an empty cell.
 *
 * <pre>{@code
 * Table.of("#", "caller", "decision").row(1, "bob", Html.bad("DENIED")).small()
 * }</pre>
 */
public final class Table implements Renderable {

    private final List<Object> header;
    private final List<List<Object>> rows = new ArrayList<>();
    private final BitSet right = new BitSet();
    private boolean small;
    private boolean rowHeaders;
    private String cssClass;

    private Table(List<Object> header) {
        this.header = List.copyOf(header);
    }

    /** A table with these column names (text or fragments; no header row if none). */
    public static Table of(Object... header) {
        return new Table(List.of(header));
    }

    /** A table of name/value pairs, one per row: {@code Table.fields().field("KeyId", id)}. */
    public static Fields fields() {
        return new Fields();
    }

    /** One row; fewer cells than columns leave the rest empty. */
    public Table row(Object... cells) {
        if (!header.isEmpty() && cells.length > header.size()) {
            throw new IllegalArgumentException("a row of " + cells.length + " cells in a table of " + header.size()
                    + " columns");
        }
        List<Object> row = new ArrayList<>(cells.length);
        for (Object c : cells) {
            row.add(c);
        }
        rows.add(row);
        return this;
    }

    /** Rows from a list, one row per element. */
    public <T> Table rows(Iterable<T> items, java.util.function.Function<T, Object[]> cells) {
        for (T item : items) {
            row(cells.apply(item));
        }
        return this;
    }

    /** Right-aligns these columns (0-based): amounts, counts. */
    public Table right(int... columns) {
        for (int c : columns) {
            right.set(c);
        }
        return this;
    }

    /** 12 px text, for wide tables. */
    public Table small() {
        small = true;
        return this;
    }

    /** The first cell of each row is a header cell (bold). */
    public Table rowHeaders() {
        rowHeaders = true;
        return this;
    }

    /**
     * Marks the table {@code tex2jax_ignore mathjax_ignore}: a "$" in it stays a dollar instead of starting TeX math
     * in Jupyter.
     */
    public Table noMath() {
        cssClass = "tex2jax_ignore mathjax_ignore";
        return this;
    }

    public int size() {
        return rows.size();
    }

    @Override
    public String html() {
        StringBuilder s = new StringBuilder("<table");
        if (cssClass != null) {
            s.append(" class='").append(cssClass).append('\'');
        }
        if (small) {
            s.append(" style='font-size:12px'");
        }
        s.append('>');
        if (!header.isEmpty()) {
            s.append("<tr>");
            for (int i = 0; i < header.size(); i++) {
                s.append("<th style='text-align:").append(right.get(i) ? "right" : "left").append("'>")
                        .append(Html.of(header.get(i))).append("</th>");
            }
            s.append("</tr>");
        }
        for (List<Object> row : rows) {
            s.append("<tr>");
            for (int i = 0; i < row.size(); i++) {
                String tag = rowHeaders && i == 0 ? "th" : "td";
                s.append('<').append(tag).append(" style='text-align:").append(right.get(i) ? "right" : "left")
                        .append(";vertical-align:top'>").append(Html.of(row.get(i))).append("</").append(tag)
                        .append('>');
            }
            s.append("</tr>");
        }
        return s.append("</table>").toString();
    }

    @Override
    public String toString() {
        return html();
    }

    /** A two-column table of names and values; a value that is text is shown as code. */
    public static final class Fields implements Renderable {
        private final Table table = new Table(List.of()).rowHeaders();

        public Fields field(Object name, Object value) {
            table.row(name, value instanceof Renderable ? value : Html.code(value));
            return this;
        }

        @Override
        public String html() {
            return table.html();
        }

        @Override
        public String toString() {
            return html();
        }
    }
}
