package io.kmslab.notebook;

import java.util.ArrayList;
import java.util.List;

/**
 * Who calls whom, in order: one lane per participant (in the order they first appear), one arrow per call, black for
 * a request to a service, blue for a call the service made, red for a failed one; a note in small print under an
 * arrow (the encryption context, the error).
 *
 * <pre>{@code
 * SequenceDiagram.titled("EBS: a snapshot crosses a Region")
 *     .request("you", "EC2 (EBS)", "CreateVolume", "")
 *     .call("EC2 (EBS)", "KMS eu-west-2", "GenerateDataKeyWithoutPlaintext", "{aws:ebs:id=vol-1}")
 * }</pre>
 */
public final class SequenceDiagram implements Renderable {

    /** The kinds of arrow. */
    public enum Kind {
        /** A request from a caller to a service: black. */
        REQUEST("#000000"),
        /** A call a service made (to KMS): blue. */
        CALL("#1a5fb4"),
        /** A failed request or call: red. */
        FAILED("#cc0000");

        private final String color;

        Kind(String color) {
            this.color = color;
        }
    }

    /** One arrow. */
    public record Arrow(int from, int to, String label, String note, Kind kind) {
    }

    private final String title;
    private final List<String> lanes = new ArrayList<>();
    private final List<Arrow> arrows = new ArrayList<>();

    private SequenceDiagram(String title) {
        this.title = title;
    }

    public static SequenceDiagram titled(String title) {
        return new SequenceDiagram(title);
    }

    /** The lane of a participant, added at the right if new. */
    public int lane(String name) {
        int i = lanes.indexOf(name);
        if (i < 0) {
            lanes.add(name);
            i = lanes.size() - 1;
        }
        return i;
    }

    public SequenceDiagram arrow(String from, String to, String label, String note, Kind kind) {
        int f = lane(from);
        int t = lane(to);
        if (f == t) {
            throw new IllegalArgumentException("an arrow from " + from + " to itself is not drawn");
        }
        arrows.add(new Arrow(f, t, label, note == null ? "" : note, kind));
        return this;
    }

    public SequenceDiagram request(String from, String to, String label, String note) {
        return arrow(from, to, label, note, Kind.REQUEST);
    }

    public SequenceDiagram call(String from, String to, String label, String note) {
        return arrow(from, to, label, note, Kind.CALL);
    }

    public SequenceDiagram failed(String from, String to, String label, String note) {
        return arrow(from, to, label, note, Kind.FAILED);
    }

    public int size() {
        return arrows.size();
    }

    public Picture picture() {
        TextStyle label = TextStyle.size(12);
        TextStyle note = TextStyle.size(10).color("#555");
        TextStyle laneName = TextStyle.size(12).middle();
        double laneWidth = 250;
        for (String l : lanes) {
            laneWidth = Math.max(laneWidth, laneName.width(l) + 40);
        }
        // an arrow's texts start at its left end: the last lane's arrows have the width of the picture to the right
        double rightmost = laneWidth * Math.max(lanes.size(), 1);
        for (Arrow a : arrows) {
            double x = laneWidth * Math.min(a.from(), a.to()) + laneWidth / 2 + 6;
            rightmost = Math.max(rightmost, x + Math.max(label.width(a.label()), note.width(a.note())) + 10);
        }
        int top = 60;
        int rowH = 44;
        int width = (int) Math.ceil(Math.max(rightmost, TextStyle.size(12).bold().width(title) + 10));
        int height = top + rowH * arrows.size() + 20;
        Svg svg = Svg.canvas(width, height).text(4, 14, title, TextStyle.size(12).bold());
        for (int i = 0; i < lanes.size(); i++) {
            double x = laneWidth * i + laneWidth / 2;
            svg.rect(x - (laneWidth - 30) / 2, 22, laneWidth - 30, 24, new Svg.Shape("#eeeeff", "#8888aa", 1, null, 4, 1))
                    .text(x, 38, lanes.get(i), laneName)
                    .line(x, 46, x, height - 6, Svg.stroke("#bbbbbb").dashed("4 3"));
        }
        for (int r = 0; r < arrows.size(); r++) {
            Arrow a = arrows.get(r);
            double y = top + rowH * r + 24;
            double x1 = laneWidth * a.from() + laneWidth / 2;
            double x2 = laneWidth * a.to() + laneWidth / 2;
            double tx = Math.min(x1, x2) + 6;
            svg.arrow(x1, y, x2 + (x2 > x1 ? -2 : 2), y, Svg.stroke(a.kind().color).strokeWidth(1.5))
                    .text(tx, y - 5, a.label(), label.color(a.kind().color));
            if (!a.note().isEmpty()) {
                svg.text(tx, y + 13, a.note(), note);
            }
        }
        return svg.picture();
    }

    @Override
    public String html() {
        return picture().html();
    }
}
