package io.kmslab.notebook;

/**
 * How a text of a picture looks. Start from {@link #size(int)} and chain: {@code TextStyle.size(12).bold().middle()}.
 *
 * @param size   font size in pixels
 * @param anchor {@code start}, {@code middle} or {@code end}
 * @param color  fill colour ({@code #rgb} or a colour name)
 * @param isBold bold or not
 * @param isMono monospace or the picture's sans-serif
 * @param rotate degrees to rotate the text about its anchor point (0: none)
 */
public record TextStyle(int size, String anchor, String color, boolean isBold, boolean isMono, int rotate) {

    public TextStyle {
        if (size <= 0) {
            throw new IllegalArgumentException("font size must be positive, not " + size);
        }
        if (!anchor.equals("start") && !anchor.equals("middle") && !anchor.equals("end")) {
            throw new IllegalArgumentException("anchor is start, middle or end, not " + anchor);
        }
        color = Svg.color(color);
    }

    /** Plain text of this size, black, anchored at its start. */
    public static TextStyle size(int size) {
        return new TextStyle(size, "start", "#000", false, false, 0);
    }

    public TextStyle bold() {
        return new TextStyle(size, anchor, color, true, isMono, rotate);
    }

    public TextStyle mono() {
        return new TextStyle(size, anchor, color, isBold, true, rotate);
    }

    public TextStyle middle() {
        return new TextStyle(size, "middle", color, isBold, isMono, rotate);
    }

    public TextStyle end() {
        return new TextStyle(size, "end", color, isBold, isMono, rotate);
    }

    public TextStyle color(String newColor) {
        return new TextStyle(size, anchor, newColor, isBold, isMono, rotate);
    }

    public TextStyle rotate(int degrees) {
        return new TextStyle(size, anchor, color, isBold, isMono, degrees);
    }

    /** The width this text takes, estimated (no font metrics without a browser): used to size pictures. */
    public double width(String text) {
        double perChar = isMono || isBold ? 0.62 : 0.56;
        return text.length() * size * perChar;
    }
}
