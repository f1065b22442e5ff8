package io.kmslab.notebook;

import io.kmslab.Kms;
import io.kmslab.api.DescribeKeyRequest;
import io.kmslab.keys.IncludeKeyMaterial;
import io.kmslab.api.ListKeyRotationsRequest;
import io.kmslab.keys.RotationType;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The generations of a key's material over time, one bar each: solid while current (it encrypts), pale afterwards
 * (kept only to decrypt); dashed lines at rotations with their date and type; dots for ciphertexts, on the material
 * that encrypted them; grey shades for stretches such as a disabled key. Read from {@code ListKeyRotations} with
 * {@code ALL_KEY_MATERIAL}, so it shows what the engine did.
 *
 * <pre>{@code
 * show(MaterialTimeline.of(kms, key.keyId()).title("alias/payroll").dot(at, materialId, "2026").until(now));
 * }</pre>
 */
public final class MaterialTimeline implements Renderable {

    /** One generation of key material: when it became current and until when (null: still current). */
    public record Generation(int number, String materialId, Instant from, Instant until, RotationType type) {
    }

    /** A ciphertext on the timeline. */
    public record Dot(Instant at, String materialId, String label) {
    }

    /** A stretch of time to shade (a disabled key, say), with an instant to mark in it (or null). */
    public record Shade(Instant from, Instant until, String label, Instant mark, String markLabel) {
    }

    private final List<Generation> generations;
    private final List<Dot> dots = new ArrayList<>();
    private final List<Shade> shades = new ArrayList<>();
    private String title = "";
    private Instant start;
    private Instant end;

    private MaterialTimeline(List<Generation> generations) {
        if (generations.isEmpty()) {
            throw new IllegalArgumentException("a key without key material has no timeline");
        }
        this.generations = List.copyOf(generations);
        this.start = generations.get(0).from();
    }

    /** The timeline of a key, from its creation; ends at the last rotation unless {@link #until(Instant)}. */
    public static MaterialTimeline of(Kms kms, String keyId) {
        return new MaterialTimeline(generations(kms, keyId));
    }

    /** A timeline of given generations (for tests, or material not read from a lab). */
    public static MaterialTimeline of(List<Generation> generations) {
        return new MaterialTimeline(generations);
    }

    /** A key's generations of material, oldest first, from {@code ListKeyRotations} (ALL_KEY_MATERIAL). */
    public static List<Generation> generations(Kms kms, String keyId) {
        var entries = kms.listKeyRotations(ListKeyRotationsRequest.builder().keyId(keyId)
                .includeKeyMaterial(IncludeKeyMaterial.ALL_KEY_MATERIAL).limit(1000).build()).rotations();
        Instant created = kms.describeKey(DescribeKeyRequest.of(keyId)).keyMetadata().creationDate();
        List<Generation> gens = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            var e = entries.get(i);
            Instant from = e.rotationDate() == null ? created : e.rotationDate();
            Instant until = i + 1 < entries.size() ? entries.get(i + 1).rotationDate() : null;
            gens.add(new Generation(i + 1, e.keyMaterialId(), from, until, e.rotationType()));
        }
        return gens;
    }

    public MaterialTimeline title(String text) {
        this.title = text;
        return this;
    }

    /** A ciphertext made at {@code at} with material {@code materialId}. */
    public MaterialTimeline dot(Instant at, String materialId, String label) {
        dots.add(new Dot(at, materialId, label));
        return this;
    }

    /** A grey stretch with a label above it. */
    public MaterialTimeline shade(Instant from, Instant until, String label) {
        shades.add(new Shade(from, until, label, null, null));
        return this;
    }

    /** A grey stretch with a red mark in it (a rotation that fell due and was skipped, say). */
    public MaterialTimeline shade(Instant from, Instant until, String label, Instant mark, String markLabel) {
        shades.add(new Shade(from, until, label, mark, markLabel));
        return this;
    }

    /** Starts the axis here instead of at the key's creation. */
    public MaterialTimeline from(Instant t) {
        this.start = t;
        return this;
    }

    /** Ends the axis here (the lab's clock, typically). */
    public MaterialTimeline until(Instant t) {
        this.end = t;
        return this;
    }

    public List<Generation> generations() {
        return generations;
    }

    public Picture picture() {
        Instant last = generations.get(generations.size() - 1).from();
        Instant stop = end != null ? end : last.plus(Duration.ofDays(30));
        int left = 200;
        int axisWidth = 640;
        int top = 50;
        int rowH = 30;
        int axisY = top + generations.size() * rowH + 6;
        double span = Math.max(1, Duration.between(start, stop).getSeconds());
        java.util.function.ToDoubleFunction<Instant> x =
                at -> left + axisWidth * Duration.between(start, at).getSeconds() / span;
        String legend = "solid: current material (encrypts and decrypts); pale: kept only to decrypt; "
                + "dashed line: a rotation; dot: a ciphertext";
        TextStyle small = TextStyle.size(11);
        int width = (int) Math.ceil(Math.max(left + axisWidth + 50, small.width(legend) + 10));
        Svg svg = Svg.canvas(width, axisY + 70).text(0, 18, title, TextStyle.size(15).bold());
        for (Shade sh : shades) {
            double a = x.applyAsDouble(sh.from());
            double b = x.applyAsDouble(sh.until());
            svg.rect(a, top - 16, b - a, axisY - top + 16, Svg.filled("#e6e6e6"))
                    .text((a + b) / 2, top - 4, sh.label(), small.middle().color("#555"));
            if (sh.mark() != null) {
                double m = x.applyAsDouble(sh.mark());
                TextStyle red = small.middle().color("#b22");
                svg.line(m, top, m, axisY + 6, Svg.stroke("#b22").dashed("2 2"))
                        .text(m, axisY + 20, Format.day(sh.mark()), red)
                        .text(m, axisY + 33, sh.markLabel() == null ? "" : sh.markLabel(),
                                TextStyle.size(10).middle().color("#b22"));
            }
        }
        double endX = x.applyAsDouble(stop);
        List<Double> labelled = new ArrayList<>();
        for (Generation g : generations) {
            int y = top + (g.number() - 1) * rowH;
            String color = Svg.PALETTE[(g.number() - 1) % Svg.PALETTE.length];
            double x0 = x.applyAsDouble(g.from());
            double x1 = x.applyAsDouble(g.until() == null ? stop : g.until());
            svg.text(0, y + 14, "material " + g.number(), TextStyle.size(12))
                    .text(78, y + 14, Format.shortId(g.materialId()).replace("…", ""),
                            small.mono().color("#555"))
                    .rect(x0, y, Math.max(1, x1 - x0), 18, Svg.filled(color));
            if (g.until() != null) {
                svg.rect(x1, y, endX - x1, 18, new Svg.Shape(color, color, 1, "3 2", 0, 0.18));
            }
            if (g.number() > 1) {
                svg.line(x0, top - 8, x0, axisY + 6, Svg.stroke("#333").dashed("4 3"));
                // rotations closer than a date's width share one date label: the first
                if (labelled.stream().noneMatch(l -> Math.abs(l - x0) < 70)) {
                    svg.text(x0, axisY + 20, Format.day(g.from()), small.middle())
                            .text(x0, axisY + 33, g.type() == RotationType.ON_DEMAND ? "on demand" : "automatic",
                                    TextStyle.size(10).middle().color("#555"));
                    labelled.add(x0);
                }
            }
        }
        for (Dot dot : dots) {
            Generation g = generations.stream().filter(gen -> gen.materialId().equals(dot.materialId())).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("no generation has material " + dot.materialId()));
            int y = top + (g.number() - 1) * rowH + 9;
            double cx = x.applyAsDouble(dot.at());
            svg.circle(cx, y, 5, new Svg.Shape("white", "black", 2, null, 0, 1))
                    .text(cx + 8, y + 4, dot.label(), TextStyle.size(10));
        }
        svg.line(left, axisY, left + axisWidth, axisY, Svg.stroke("#333"))
                .text(left, axisY + 20, Format.day(start), small.middle());
        if (labelled.stream().noneMatch(l -> endX - l < 75)) {   // the end date, unless a rotation date is there
            svg.text(endX, axisY + 20, Format.day(stop), small.middle());
        }
        return svg.text(0, axisY + 58, legend, small.color("#333")).picture();
    }

    @Override
    public String html() {
        return picture().html();
    }
}
