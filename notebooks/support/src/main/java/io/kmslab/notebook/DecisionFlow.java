package io.kmslab.notebook;

import java.util.ArrayList;
import java.util.List;

/**
 * A flow of yes/no questions read from the top: each question that is answered "yes" leads right to its outcome,
 * "no" leads down to the next question; the last box is what happens when every answer is "no".
 *
 * <pre>{@code
 * DecisionFlow.of().question("1. Does an explicit Deny apply?", "in the key policy or IAM",
 *         "DENY (explicit)", "EXPLICIT_DENY_IN_KEY_POLICY", Svg.RED)
 *     .otherwise("DENY (implicit)", "NO_KEY_POLICY_ALLOWS")
 * }</pre>
 */
public final class DecisionFlow implements Renderable {

    private record Step(String question, String detail, String outcome, String outcomeDetail, String fill) {
    }

    private final List<Step> steps = new ArrayList<>();
    private String otherwise = "";
    private String otherwiseDetail = "";
    private final List<String> notes = new ArrayList<>();

    private DecisionFlow() {
    }

    public static DecisionFlow of() {
        return new DecisionFlow();
    }

    /** A question, a line of detail, and the outcome of a "yes" (its title, a line in monospace, its fill). */
    public DecisionFlow question(String question, String detail, String outcome, String outcomeDetail, String fill) {
        steps.add(new Step(question, detail, outcome, outcomeDetail, Svg.color(fill)));
        return this;
    }

    /** The outcome when every answer is "no". */
    public DecisionFlow otherwise(String outcome, String detail) {
        this.otherwise = outcome;
        this.otherwiseDetail = detail;
        return this;
    }

    /** A line of small print under the flow. */
    public DecisionFlow note(String text) {
        notes.add(text);
        return this;
    }

    public Picture picture() {
        TextStyle q = TextStyle.size(14).bold();
        TextStyle d = TextStyle.size(12).color("#333");
        TextStyle o = TextStyle.size(14).bold().middle();
        TextStyle od = TextStyle.size(10).mono().middle();
        double qw = 380;
        double ow = 240;
        for (Step s : steps) {
            qw = Math.max(qw, Math.max(q.width(s.question()), d.width(s.detail())) + 30);
            ow = Math.max(ow, Math.max(o.width(s.outcome()), od.width(s.outcomeDetail())) + 24);
        }
        double endW = Math.max(Math.max(o.width(otherwise), od.width(otherwiseDetail)) + 40, 240);
        double gap = 100;
        double rowH = 90;
        double boxH = 56;
        double top = 10;
        double noteW = notes.stream().mapToDouble(TextStyle.size(12)::width).max().orElse(0);
        int width = (int) Math.ceil(Math.max(10 + qw + gap + ow + 10, noteW + 20));
        int height = (int) Math.ceil(top + rowH * steps.size() + boxH + 20 + 20 * notes.size());
        Svg svg = Svg.canvas(width, height);
        Svg.Shape arrow = Svg.stroke(Svg.INK).strokeWidth(1.5);
        double mid = 10 + qw / 2;
        for (int i = 0; i < steps.size(); i++) {
            Step s = steps.get(i);
            double y = top + i * rowH;
            double ox = 10 + qw + gap;
            svg.rect(10, y, qw, boxH, Svg.box("#eef3f8"))
                    .text(24, y + 23, s.question(), q).text(24, y + 43, s.detail(), d)
                    .arrow(10 + qw, y + 28, ox, y + 28, arrow).text(10 + qw + gap / 2, y + 22, "yes",
                            TextStyle.size(12).middle())
                    .rect(ox, y, ow, boxH, Svg.box(s.fill()))
                    .text(ox + ow / 2, y + 24, s.outcome(), o).text(ox + ow / 2, y + 44, s.outcomeDetail(), od)
                    .arrow(mid, y + boxH, mid, y + rowH, arrow).text(mid + 8, y + boxH + 22, "no",
                            TextStyle.size(12));
        }
        double y = top + steps.size() * rowH;
        svg.rect(mid - endW / 2, y, endW, boxH, Svg.box(Svg.GREY).rounded(boxH / 2))
                .text(mid, y + 24, otherwise, o).text(mid, y + 44, otherwiseDetail, od);
        y += boxH + 24;
        for (String note : notes) {
            svg.text(10, y, note, TextStyle.size(12).color("#333"));
            y += 20;
        }
        return svg.picture();
    }

    @Override
    public String html() {
        return picture().html();
    }
}
