package io.kmslab.notebook;

import java.util.Locale;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * A small SVG canvas: shapes and texts at pixel coordinates, then {@link #picture()}. Texts are escaped here, numbers
 * written with at most one decimal in the ROOT locale, and arrow heads get ids derived from their colour only, so the
 * same drawing gives the same bytes and two pictures on one page share identical arrow-head definitions.
 *
 * <pre>{@code
 * Picture p = Svg.canvas(300, 80).rect(10, 10, 120, 40, Svg.box("#d3ecd0"))
 *     .text(70, 35, "Enabled", TextStyle.size(13).middle()).picture();
 * }</pre>
 */
public final class Svg {

    /** Fills the pictures use: pale blue, green, red, grey, amber, white. */
    public static final String BLUE = "#d8e6f3", GREEN = "#d3ecd0", RED = "#f6c9c9", GREY = "#e5e5e5",
            AMBER = "#fbe3c2", WHITE = "#ffffff", INK = "#334455";
    /** Categorical colours (series, key material generations). */
    public static final String[] PALETTE = {"#4e79a7", "#f28e2b", "#59a14f", "#e15759", "#76b7b2", "#b07aa1",
            "#9c755f", "#edc948"};

    private static final Pattern COLOR = Pattern.compile("#[0-9a-fA-F]{3,8}|[a-z]{3,20}");

    private final int width;
    private final int height;
    private final int fontSize;
    private final StringBuilder body = new StringBuilder();
    private final TreeSet<String> arrowColors = new TreeSet<>();

    private Svg(int width, int height, int fontSize) {
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("a canvas needs a positive size, not " + width + "x" + height);
        }
        this.width = width;
        this.height = height;
        this.fontSize = fontSize;
    }

    /** A white canvas of this size, sans-serif 12 px by default. */
    public static Svg canvas(int width, int height) {
        return new Svg(width, height, 12);
    }

    public int width() {
        return width;
    }

    public int height() {
        return height;
    }

    /** How a shape looks: fill, stroke, stroke width, dashes ("4 3" or null), corner radius, fill opacity. */
    public record Shape(String fill, String stroke, double strokeWidth, String dash, double radius, double opacity) {
        public Shape {
            fill = fill == null ? "none" : color(fill);
            stroke = stroke == null ? "none" : color(stroke);
            if (dash != null && !dash.matches("[0-9. ]+")) {
                throw new IllegalArgumentException("a dash pattern is numbers, not " + dash);
            }
        }

        public Shape dashed(String pattern) {
            return new Shape(fill, stroke, strokeWidth, pattern, radius, opacity);
        }

        public Shape rounded(double r) {
            return new Shape(fill, stroke, strokeWidth, dash, r, opacity);
        }

        public Shape opacity(double fillOpacity) {
            return new Shape(fill, stroke, strokeWidth, dash, radius, fillOpacity);
        }

        public Shape strokeWidth(double w) {
            return new Shape(fill, stroke, w, dash, radius, opacity);
        }
    }

    /** A filled box with a dark outline and rounded corners. */
    public static Shape box(String fill) {
        return new Shape(fill, INK, 1, null, 6, 1);
    }

    /** A filled area, no outline. */
    public static Shape filled(String fill) {
        return new Shape(fill, null, 1, null, 0, 1);
    }

    /** A line or outline of this colour, no fill. */
    public static Shape stroke(String color) {
        return new Shape(null, color, 1, null, 0, 1);
    }

    public Svg rect(double x, double y, double w, double h, Shape shape) {
        body.append("<rect x='").append(num(x)).append("' y='").append(num(y)).append("' width='")
                .append(num(Math.max(w, 0))).append("' height='").append(num(Math.max(h, 0))).append('\'');
        if (shape.radius() > 0) {
            body.append(" rx='").append(num(shape.radius())).append('\'');
        }
        paint(shape);
        body.append("/>");
        return this;
    }

    public Svg line(double x1, double y1, double x2, double y2, Shape shape) {
        body.append("<line x1='").append(num(x1)).append("' y1='").append(num(y1)).append("' x2='").append(num(x2))
                .append("' y2='").append(num(y2)).append('\'');
        paint(shape);
        body.append("/>");
        return this;
    }

    /** A straight arrow from (x1, y1) to (x2, y2), its head at the end. */
    public Svg arrow(double x1, double y1, double x2, double y2, Shape shape) {
        return path("M" + num(x1) + " " + num(y1) + " L" + num(x2) + " " + num(y2), shape, true);
    }

    /** A curved arrow: a cubic Bézier from (x1, y1) to (x2, y2) rising {@code lift} pixels (negative: upwards). */
    public Svg curvedArrow(double x1, double y1, double x2, double y2, double lift, Shape shape) {
        return path("M" + num(x1) + " " + num(y1) + " C" + num(x1) + " " + num(y1 + lift) + ", " + num(x2) + " "
                + num(y2 + lift) + ", " + num(x2) + " " + num(y2), shape, true);
    }

    /** A path of SVG path data (numbers and path letters only), with an arrow head at its end or not. */
    public Svg path(String data, Shape shape, boolean arrowHead) {
        if (!data.matches("[MLHVCSQTAZmlhvcsqtaz0-9., -]+")) {
            throw new IllegalArgumentException("path data is letters and numbers only, not " + data);
        }
        body.append("<path d='").append(data).append('\'');
        paint(new Shape(null, shape.stroke(), shape.strokeWidth(), shape.dash(), 0, 1));
        if (arrowHead) {
            arrowColors.add(shape.stroke());
            body.append(" marker-end='url(#").append(markerId(shape.stroke())).append(")'");
        }
        body.append("/>");
        return this;
    }

    public Svg circle(double cx, double cy, double r, Shape shape) {
        body.append("<circle cx='").append(num(cx)).append("' cy='").append(num(cy)).append("' r='").append(num(r))
                .append('\'');
        paint(shape);
        body.append("/>");
        return this;
    }

    /** A text, escaped; its baseline at y. */
    public Svg text(double x, double y, Object text, TextStyle style) {
        body.append("<text x='").append(num(x)).append("' y='").append(num(y)).append('\'');
        if (style.rotate() != 0) {
            body.append(" transform='rotate(").append(style.rotate()).append(' ').append(num(x)).append(' ')
                    .append(num(y)).append(")'");
        }
        if (!style.anchor().equals("start")) {
            body.append(" text-anchor='").append(style.anchor()).append('\'');
        }
        if (style.size() != fontSize) {
            body.append(" font-size='").append(style.size()).append('\'');
        }
        if (style.isBold()) {
            body.append(" font-weight='bold'");
        }
        if (style.isMono()) {
            body.append(" font-family='monospace'");
        }
        if (!style.color().equals("#000")) {
            body.append(" fill='").append(style.color()).append('\'');
        }
        body.append('>').append(Html.escape(text)).append("</text>");
        return this;
    }

    /** The finished picture. */
    public Picture picture() {
        StringBuilder s = new StringBuilder(body.length() + 400);
        s.append("<svg xmlns='http://www.w3.org/2000/svg' width='").append(width).append("' height='").append(height)
                .append("' viewBox='0 0 ").append(width).append(' ').append(height)
                .append("' font-family='sans-serif' font-size='").append(fontSize)
                .append("' style='vertical-align:top'>");   // pictures side by side line up at their tops
        if (!arrowColors.isEmpty()) {
            s.append("<defs>");
            for (String c : arrowColors) {
                s.append("<marker id='").append(markerId(c)).append("' viewBox='0 0 10 10' refX='9' refY='5' ")
                        .append("markerWidth='7' markerHeight='7' orient='auto-start-reverse'><path d='M0 0 L10 5 L0 10 z' fill='")
                        .append(c).append("'/></marker>");
            }
            s.append("</defs>");
        }
        s.append("<rect width='100%' height='100%' fill='white'/>");
        s.append(body).append("</svg>");
        return new Picture(width, height, s.toString());
    }

    private void paint(Shape shape) {
        body.append(" fill='").append(shape.fill()).append('\'');
        if (shape.opacity() < 1) {
            body.append(" fill-opacity='").append(num(shape.opacity())).append('\'');
        }
        body.append(" stroke='").append(shape.stroke()).append('\'');
        if (shape.strokeWidth() != 1 && !shape.stroke().equals("none")) {
            body.append(" stroke-width='").append(num(shape.strokeWidth())).append('\'');
        }
        if (shape.dash() != null) {
            body.append(" stroke-dasharray='").append(shape.dash()).append('\'');
        }
    }

    private static String markerId(String color) {
        return "kmslab-arrow-" + color.replace("#", "");
    }

    /** A colour checked to be {@code #rgb[a]}, {@code #rrggbb[aa]} or a colour name: nothing else reaches the markup. */
    public static String color(String color) {
        if (color == null || !COLOR.matcher(color).matches()) {
            throw new IllegalArgumentException("not a colour: " + color);
        }
        return color;
    }

    /** A number as the pictures write it: an integer if it is one, else one decimal; ROOT locale. */
    public static String num(double v) {
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            throw new IllegalArgumentException("not a finite number: " + v);
        }
        double rounded = Math.round(v * 10) / 10.0;
        if (rounded == Math.rint(rounded)) {
            return Long.toString((long) rounded);
        }
        return String.format(Locale.ROOT, "%.1f", rounded);
    }
}
