package io.kmslab.notebook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

class PicturesTest {

    private static final Map<String, Renderable> PLAIN = Fixtures.all("Label-42");
    private static final Map<String, Renderable> HOSTILE = Fixtures.all(Fixtures.HOSTILE);

    /** Markup as one XML document: wrapped in a div (a picture may come with a table or text). */
    private static Document document(Renderable r) {
        return Xml.parse("<div>" + r.html() + "</div>");
    }

    @Test
    void everyPictureAndTable_isWellFormedXml() {
        PLAIN.forEach((name, r) -> assertThat(document(r)).as(name).isNotNull());
        HOSTILE.forEach((name, r) -> assertThat(document(r)).as(name).isNotNull());
    }

    @Test
    void everySvg_hasAPositiveSizeMatchingItsPicture() {
        int svgs = 0;
        for (var entry : PLAIN.entrySet()) {
            var found = document(entry.getValue()).getElementsByTagNameNS("http://www.w3.org/2000/svg", "svg");
            if (found.getLength() == 0) {
                continue;
            }
            svgs++;
            Element svg = (Element) found.item(0);
            int width = Integer.parseInt(svg.getAttribute("width"));
            int height = Integer.parseInt(svg.getAttribute("height"));
            assertThat(width).as(entry.getKey()).isPositive();
            assertThat(height).as(entry.getKey()).isPositive();
            assertThat(svg.getAttribute("viewBox")).as(entry.getKey()).isEqualTo("0 0 " + width + " " + height);
            assertThat(svg.getNamespaceURI()).isEqualTo("http://www.w3.org/2000/svg");
        }
        assertThat(svgs).as("pictures that are SVG").isGreaterThanOrEqualTo(10);
    }

    @Test
    void hostileText_isEscaped_andReadsBackUnchanged() {
        for (var entry : HOSTILE.entrySet()) {
            String html = entry.getValue().html();
            assertThat(html).as(entry.getKey()).doesNotContain("<script").doesNotContain("\"quoted\"")
                    .doesNotContain("'single'").doesNotContain("]]>").doesNotContain("<!--");
            Document d = document(entry.getValue());
            if (!entry.getKey().equals("key states") && !entry.getKey().equals("authorization flow")
                    && !entry.getKey().equals("ciphertext layout") && !entry.getKey().equals("audit table")) {
                assertThat(d.getDocumentElement().getTextContent()).as(entry.getKey()).contains(Fixtures.HOSTILE);
            }
            assertThat(d.getElementsByTagNameNS("*", "script").getLength()).as(entry.getKey()).isZero();
        }
    }

    @Test
    void labels_arePresent() {
        assertThat(Xml.texts(document(PLAIN.get("key states")), "text"))
                .contains("Enabled", "Disabled", "PendingDeletion", "deleted", "DisableKey", "EnableKey",
                        "CancelKeyDeletion", "ScheduleKeyDeletion (from Enabled too)");
        assertThat(Xml.texts(document(PLAIN.get("authorization flow")), "text"))
                .contains("DENY (explicit)", "KEY_POLICY_ALLOWS", "GRANT_ALLOWS", "DENY (implicit)");
        assertThat(Xml.texts(document(PLAIN.get("ciphertext layout")), "text"))
                .contains("version, L", "key ARN", "key material id", "IV", "encrypted secret", "GCM tag", "6 B");
        assertThat(Xml.texts(document(PLAIN.get("material timeline")), "text"))
                .contains("material 1", "material 5", "on demand", "Label-42");
        assertThat(Xml.texts(document(PLAIN.get("decision table")), "td")).contains("DENIED", "ALLOWED",
                "NO_IAM_POLICY_ALLOWS", "AccessDeniedException");
        assertThat(Xml.texts(document(PLAIN.get("bill lines")), "text")).contains("key-month, Label-42");
        assertThat(Xml.texts(document(PLAIN.get("audit lanes")), "text")).contains("CreateKey", "Encrypt",
                "RotateKey", "AWS Internal (KMS)", "root @111122223333");
        assertThat(Xml.texts(document(PLAIN.get("sequence")), "text")).contains("EC2 (EBS)", "KMS eu-west-2",
                "Decrypt -> AccessDeniedException");
    }

    @Test
    void sameInput_givesTheSameBytes() {
        Map<String, Renderable> again = Fixtures.all("Label-42");
        assertThat(again.keySet()).containsExactlyElementsOf(PLAIN.keySet());
        PLAIN.forEach((name, r) -> assertThat(again.get(name).html()).as(name).isEqualTo(r.html()));
    }

    @Test
    void aColourThatIsNotOne_isRefused() {
        assertThatThrownBy(() -> Svg.box("red' onload='x")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not a colour");
        assertThatThrownBy(() -> Svg.canvas(10, 10).path("M0 0 L1 1' onload='x", Svg.stroke("#000"), false))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void numbers_areWrittenTheSameInEveryLocale() {
        java.util.Locale before = java.util.Locale.getDefault();
        try {
            java.util.Locale.setDefault(java.util.Locale.GERMANY);
            assertThat(Svg.num(12.345)).isEqualTo("12.3");
            assertThat(Svg.num(3.0)).isEqualTo("3");
            assertThat(Format.count(1_000_000)).isEqualTo("1,000,000");
        } finally {
            java.util.Locale.setDefault(before);
        }
    }
}
