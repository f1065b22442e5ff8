package io.kmslab.notebook;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

class EnvelopeDiagramsTest {

    private static Document parse(String svg) throws Exception {
        return DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void theEnvelopeIsWellFormedSvgWithItsSizesAndTheKeyNameEscaped() throws Exception {
        Picture p = EnvelopeDiagrams.envelope("alias/<docs>&'x'", 32, 169, 8827, 12, 8843);

        Document doc = parse(p.svg());
        assertThat(doc.getDocumentElement().getNodeName()).isEqualTo("svg");
        assertThat(p.width()).isPositive();
        assertThat(p.height()).isPositive();
        String text = doc.getDocumentElement().getTextContent();
        assertThat(text).contains("alias/<docs>&'x'", "GenerateDataKey", "32 B: used, then erased",
                "169 B, under the KMS key", "8,827 B, never sent to KMS", "IV 12 B", "8,843 B (with the tag)");
    }

    @Test
    void theSameEnvelopeDrawsTheSameBytes() {
        assertThat(EnvelopeDiagrams.envelope("alias/documents", 32, 169, 8827, 12, 8843).svg())
                .isEqualTo(EnvelopeDiagrams.envelope("alias/documents", 32, 169, 8827, 12, 8843).svg());
    }

    @Test
    void theCachingCallsPictureDrawsBothWaysToScaleWithTheirCounts() throws Exception {
        Picture p = EnvelopeDiagrams.cachingCalls(1000, 1000, 1000, 50, 20, 20);

        Document doc = parse(p.svg());
        String text = doc.getDocumentElement().getTextContent();
        assertThat(text).contains("KMS calls for 1,000 messages", "no cache", "caching CMM",
                "one data key per 50 messages", "2,000 calls: 1,000 GenerateDataKey + 1,000 Decrypt",
                "40 calls: 20 GenerateDataKey + 20 Decrypt");
        // to scale: each half of the uncached bar is 50 times as long as each half of the cached one
        double uncached = barWidths(p.svg())[0];
        double cached = barWidths(p.svg())[2];
        assertThat(uncached / cached).isCloseTo(50.0, org.assertj.core.data.Offset.offset(2.0));
        // the longer bar and its label stay inside the picture (label width estimated as TextStyle does)
        String label = "2,000 calls: 1,000 GenerateDataKey + 1,000 Decrypt";
        assertThat(200 + 2 * uncached + 8 + TextStyle.size(12).width(label)).isLessThanOrEqualTo(p.width());
    }

    /** The widths of the bars (26 px high), in drawing order. */
    private static double[] barWidths(String svg) {
        return java.util.regex.Pattern.compile("<rect x='[^']*' y='[^']*' width='([^']*)' height='26'").matcher(svg)
                .results().mapToDouble(m -> Double.parseDouble(m.group(1))).toArray();
    }
}
