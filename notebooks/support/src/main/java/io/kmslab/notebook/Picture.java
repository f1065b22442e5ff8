package io.kmslab.notebook;

/**
 * A finished SVG picture: its size in pixels and its markup (a complete {@code <svg>} element, well-formed XML).
 * Made by {@link Svg#picture()}.
 */
public record Picture(int width, int height, String svg) implements Renderable {

    public Picture {
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("a picture needs a positive size, not " + width + "x" + height);
        }
    }

    @Override
    public String html() {
        return svg;
    }

    @Override
    public String toString() {
        return "Picture " + width + "x" + height;
    }
}
