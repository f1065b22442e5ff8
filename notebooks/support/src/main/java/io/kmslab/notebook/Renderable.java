package io.kmslab.notebook;

/**
 * Something a notebook shows below a cell: a table, a picture, a paragraph. {@link #html()} is the markup to put in
 * an HTML page (an SVG picture is inline SVG, which HTML accepts as is); text in it is already escaped.
 * {@link Jupyter#show(Renderable...)} sends it to the kernel.
 */
public interface Renderable {

    /** The markup, escaped, with no random ids or wall-clock times: the same input gives the same bytes. */
    String html();
}
