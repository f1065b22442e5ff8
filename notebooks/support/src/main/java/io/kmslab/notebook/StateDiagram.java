package io.kmslab.notebook;

import java.util.ArrayList;
import java.util.List;

/**
 * States in a row, left to right, and the transitions between them: from a state to the next one, an arrow on the
 * upper half with its label above; back to the previous one, an arrow on the lower half with its label below; to a
 * state further away, an arc over the row. Box widths follow their names.
 *
 * <pre>{@code
 * StateDiagram.of("A key's states").state("Enabled", Svg.GREEN).state("Disabled", Svg.GREY)
 *     .transition("Enabled", "Disabled", "DisableKey").transition("Disabled", "Enabled", "EnableKey")
 * }</pre>
 */
public final class StateDiagram implements Renderable {

    private record State(String name, String fill, boolean terminal) {
    }

    private record Transition(int from, int to, String label, String color) {
    }

    private final String title;
    private final List<State> states = new ArrayList<>();
    private final List<Transition> transitions = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();

    private StateDiagram(String title) {
        this.title = title;
    }

    /** A diagram with a title (null or empty: none). */
    public static StateDiagram of(String title) {
        return new StateDiagram(title);
    }

    /** The next state to the right. */
    public StateDiagram state(String name, String fill) {
        states.add(new State(name, fill, false));
        return this;
    }

    /** A final state (dashed, rounder): "deleted". */
    public StateDiagram end(String name) {
        states.add(new State(name, Svg.WHITE, true));
        return this;
    }

    public StateDiagram transition(String from, String to, String label) {
        return transition(from, to, label, Svg.INK);
    }

    /** A transition drawn in a colour (red: the way back from a danger). */
    public StateDiagram transition(String from, String to, String label, String color) {
        int f = index(from);
        int t = index(to);
        if (f == t) {
            throw new IllegalArgumentException("a transition from " + from + " to itself is not drawn");
        }
        transitions.add(new Transition(f, t, label, Svg.color(color)));
        return this;
    }

    /** A line of small print under the diagram. */
    public StateDiagram note(String text) {
        notes.add(text);
        return this;
    }

    private int index(String name) {
        for (int i = 0; i < states.size(); i++) {
            if (states.get(i).name().equals(name)) {
                return i;
            }
        }
        throw new IllegalArgumentException("no state " + name + "; states: "
                + states.stream().map(State::name).toList());
    }

    public Picture picture() {
        TextStyle name = TextStyle.size(13).middle();
        TextStyle label = TextStyle.size(11);
        int n = states.size();
        double[] w = new double[n];
        double[] gap = new double[Math.max(n - 1, 0)];
        for (int i = 0; i < n; i++) {
            w[i] = Math.max(90, name.width(states.get(i).name()) + 30);
        }
        for (Transition t : transitions) {
            if (Math.abs(t.from() - t.to()) == 1) {
                int g = Math.min(t.from(), t.to());
                gap[g] = Math.max(gap[g], label.width(t.label()) + 16);
            }
        }
        for (int i = 0; i < gap.length; i++) {
            gap[i] = Math.max(gap[i], 60);
        }
        long arcs = transitions.stream().filter(t -> Math.abs(t.from() - t.to()) > 1).count();
        double top = (title == null || title.isEmpty() ? 10 : 34) + 28 * arcs + 14;
        double[] x = new double[n];
        double cursor = 10;
        for (int i = 0; i < n; i++) {
            x[i] = cursor;
            cursor += w[i] + (i < gap.length ? gap[i] : 0);
        }
        double boxH = 40;
        int width = (int) Math.ceil(cursor + 10);
        int height = (int) Math.ceil(top + boxH + 30 + 16 * notes.size() + 10);
        for (Transition t : transitions) {   // an arc's label may be wider than the row
            width = (int) Math.max(width, Math.ceil(label.width(t.label()) + 40));
        }
        Svg svg = Svg.canvas(width, height);
        if (title != null && !title.isEmpty()) {
            svg.text(10, 20, title, TextStyle.size(14).bold());
        }
        for (int i = 0; i < n; i++) {
            State s = states.get(i);
            Svg.Shape shape = Svg.box(s.fill()).rounded(s.terminal() ? 20 : 8);
            svg.rect(x[i], top, w[i], boxH, s.terminal() ? shape.dashed("4 3") : shape)
                    .text(x[i] + w[i] / 2, top + 25, s.name(), name);
        }
        int arc = 0;
        for (Transition t : transitions) {
            Svg.Shape line = Svg.stroke(t.color());
            TextStyle text = label.color(t.color());
            if (t.to() == t.from() + 1) {
                double x1 = x[t.from()] + w[t.from()], x2 = x[t.to()];
                svg.arrow(x1, top + 12, x2, top + 12, line).text(x1 + 6, top + 6, t.label(), text);
            } else if (t.to() == t.from() - 1) {
                double x1 = x[t.from()], x2 = x[t.to()] + w[t.to()];
                svg.arrow(x1, top + 30, x2, top + 30, line).text(x2 + 6, top + boxH + 14, t.label(), text);
            } else {
                arc++;
                double x1 = x[t.from()] + w[t.from()] / 2, x2 = x[t.to()] + w[t.to()] / 2;
                double lift = -(28 * arc + 10) * 4 / 3.0;   // a cubic's peak is 3/4 of its control points' lift
                svg.curvedArrow(x1, top, x2, top, lift, line)
                        .text((x1 + x2) / 2, top - 28 * arc - 14, t.label(), text.middle());
            }
        }
        double y = top + boxH + 30;
        for (String note : notes) {
            svg.text(10, y + 8, note, TextStyle.size(11).color("#333"));
            y += 16;
        }
        return svg.picture();
    }

    @Override
    public String html() {
        return picture().html();
    }
}
