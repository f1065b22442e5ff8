package io.kmslab.notebook;

import io.kmslab.crypto.CiphertextInspection;
import java.util.List;

/**
 * The parts of one symmetric ciphertext as a row of boxes, each as wide as its label needs (so nothing clips), with
 * the sizes read from {@link CiphertextInspection} (KMS Lab's documented layout, docs/ciphertext-format.md).
 *
 * <pre>{@code show(CiphertextLayout.of(lab.inspect(blob)));}</pre>
 */
public record CiphertextLayout(CiphertextInspection inside) implements Renderable {

    /** One box: what it is, its size in bytes, its fill. */
    private record Part(String title, int bytes, String fill) {
    }

    public static CiphertextLayout of(CiphertextInspection inside) {
        return new CiphertextLayout(inside);
    }

    /** The boxes: 2-byte version and length, key ARN, 32-byte material id, IV, encrypted data, GCM tag. */
    private List<Part> parts() {
        int arnBytes = inside.headerBytes() - 2 - 32;   // header = version (1) + L (1) + ARN (L) + material id (32)
        return List.of(new Part("version, L", 2, Svg.BLUE), new Part("key ARN", arnBytes, Svg.BLUE),
                new Part("key material id", 32, Svg.BLUE), new Part("IV", inside.ivBytes(), Svg.AMBER),
                new Part("encrypted secret", inside.encryptedBytes(), Svg.RED),
                new Part("GCM tag", inside.tagBytes(), Svg.GREEN));
    }

    /** The picture alone. */
    public Picture picture() {
        TextStyle title = TextStyle.size(13).middle();
        TextStyle size = TextStyle.size(11).middle();
        List<Part> parts = parts();
        double[] widths = new double[parts.size()];
        double total = 0;
        for (int i = 0; i < parts.size(); i++) {
            Part p = parts.get(i);
            // wide enough for the label, and longer parts a little wider (the ARN, the data)
            widths[i] = Math.max(title.width(p.title()) + 20, 50 + Math.min(p.bytes(), 120) * 1.6);
            total += widths[i];
        }
        String legend = "blue: header, authenticated with the encryption context; red: the only secret part";
        int width = (int) Math.ceil(Math.max(total + 12, TextStyle.size(12).width(legend) + 12));
        Svg svg = Svg.canvas(width, 130).text(6, 18, "This ciphertext: " + inside.totalBytes() + " bytes",
                TextStyle.size(14).bold());
        double x = 6;
        for (int i = 0; i < parts.size(); i++) {
            Part p = parts.get(i);
            svg.rect(x, 30, widths[i], 56, new Svg.Shape(p.fill(), Svg.INK, 1, null, 0, 1))
                    .text(x + widths[i] / 2, 54, p.title(), title)
                    .text(x + widths[i] / 2, 74, p.bytes() + " B", size);
            x += widths[i];
        }
        return svg.text(6, 110, legend, TextStyle.size(12)).picture();
    }

    @Override
    public String html() {
        return picture().html() + Html.pre(inside.describe()).html();
    }
}
