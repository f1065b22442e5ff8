package io.kmslab.notebook;

import static io.kmslab.notebook.Format.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kmslab.Caller;
import io.kmslab.Kms;
import io.kmslab.KmsLab;
import io.kmslab.api.CreateKeyRequest;
import io.kmslab.api.DisableKeyRequest;
import io.kmslab.api.EnableKeyRotationRequest;
import io.kmslab.api.EncryptRequest;
import io.kmslab.api.RotateKeyOnDemandRequest;
import io.kmslab.keys.KeyMaterialState;
import io.kmslab.labs.Labs;
import io.kmslab.services.AwsCloud;
import io.kmslab.services.common.AwsServiceException;
import io.kmslab.services.ssm.GetParameterRequest;
import io.kmslab.services.ssm.PutParameterRequest;
import java.time.Duration;
import java.time.YearMonth;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * The library's additions for notebooks 06-10 (nbconv2): the key-kind picture and tables ({@link KeyKinds}), the
 * sequence pictures drawn from the audit trail ({@link ServiceTrace}), the study-lab tables ({@link StudyLabTables})
 * and the CloudTrail file reader ({@link TrailFile}). Each is well-formed markup, escapes hostile text, has a size,
 * and is the same for the same input.
 */
class NotebookSixToTenTest {

    private static final String HOSTILE = Fixtures.HOSTILE;

    /** name -> markup, from fresh reproducible labs, with {@code text} wherever a notebook chooses the words. */
    private static Map<String, Renderable> all(String text) {
        Map<String, Renderable> all = new LinkedHashMap<>();
        all.put("key kinds overview", KeyKinds.overview(text));

        KmsLab lab = Notebook.lab("2026-03-01T00:00:00Z");
        Kms kms = lab.kms("eu-west-2");
        var key = kms.createKey(CreateKeyRequest.builder().description(text).build()).keyMetadata();
        kms.enableKeyRotation(EnableKeyRotationRequest.of(key.keyId()));
        kms.rotateKeyOnDemand(RotateKeyOnDemandRequest.of(key.keyId()));
        var s3Key = kms.awsManagedKey("s3");
        all.put("materials table", KeyKinds.materialsTable(kms, key.keyId(), lab.clock().instant()));
        lab.clock().advanceTo(java.time.Instant.parse("2026-04-01T00:00:00Z"));
        all.put("kind comparison", KeyKinds.compare(kms, lab.bill(lab.defaultAccount(), YearMonth.of(2026, 3)))
                .kind(text, s3Key).kind("customer managed", key).awsOwned());

        KmsLab services = Notebook.lab();
        Caller root = Caller.root(services.defaultAccount());
        var ssm = AwsCloud.of(services).ssm(root, "eu-west-2");
        var paramKey = services.kms(root, "eu-west-2").createKey(CreateKeyRequest.builder().build()).keyMetadata();
        ServiceTrace trace = ServiceTrace.of(services);
        SequenceDiagram seq = trace.picture(text);
        trace.traced(seq, text, "SSM", text,
                () -> ssm.putParameter(PutParameterRequest.secureString("/p", "v", paramKey.arn())));
        services.kms(root, "eu-west-2").disableKey(DisableKeyRequest.of(paramKey.keyId()));
        trace.skip();
        trace.traced(seq, text, "SSM", "GetParameter WithDecryption",
                () -> ssm.getParameter(GetParameterRequest.withDecryption("/p")));
        all.put("service trace", seq);

        all.put("lab catalogue", StudyLabTables.catalogue(Labs.all()));
        TrailFile trail = TrailFile.parse(jsonl(text));
        all.put("trail summary", trail.summary(text));
        all.put("trail counts", trail.countsBy("recipientAccountId", text));
        all.put("trail record", TrailFile.record(trail.first(e -> TrailFile.field(e, "errorCode").isEmpty())));
        return all;
    }

    /** Three CloudTrail records, two accounts, one refused; {@code text} in the caller, the account, the name. */
    private static String jsonl(String text) {
        String quoted = text.replace("\\", "\\\\").replace("\"", "\\\"");
        return "{\"eventName\":\"" + quoted + "\",\"eventTime\":\"2026-03-01T00:00:00Z\",\"recipientAccountId\":\""
                + quoted + "\",\"userIdentity\":{\"arn\":\"" + quoted + "\"}}\n"
                + "{\"eventName\":\"Decrypt\",\"eventTime\":\"2026-03-02T00:00:00Z\",\"recipientAccountId\":\"1\","
                + "\"userIdentity\":{\"arn\":\"arn:aws:iam::1:user/a\",\"invokedBy\":null}}\n"
                + "{\"eventName\":\"Decrypt\",\"eventTime\":\"2026-03-03T00:00:00Z\",\"recipientAccountId\":\"1\","
                + "\"errorCode\":\"AccessDenied\"}\n";
    }

    private static Document document(Renderable r) {
        return Xml.parse("<div>" + r.html() + "</div>");
    }

    @Test
    void everyAddition_isWellFormed_andHostileTextIsEscapedAndReadsBack() {
        all("Label-42").forEach((name, r) -> assertThat(document(r)).as(name).isNotNull());
        all(HOSTILE).forEach((name, r) -> {
            String html = r.html();
            assertThat(html).as(name).doesNotContain("<script").doesNotContain("\"quoted\"")
                    .doesNotContain("'single'").doesNotContain("]]>").doesNotContain("<!--");
            Document d = document(r);
            assertThat(d.getElementsByTagNameNS("*", "script").getLength()).as(name).isZero();
            if (!name.equals("materials table") && !name.equals("lab catalogue")) {
                assertThat(d.getDocumentElement().getTextContent()).as(name).contains(HOSTILE);
            }
        });
    }

    @Test
    void pictures_haveAPositiveSize_andRoomForTheirLongestLabel() {
        for (String name : new String[] {"key kinds overview", "service trace"}) {
            Element svg = (Element) document(all("Label-42").get(name))
                    .getElementsByTagNameNS("http://www.w3.org/2000/svg", "svg").item(0);
            assertThat(Integer.parseInt(svg.getAttribute("width"))).as(name).isPositive();
            assertThat(Integer.parseInt(svg.getAttribute("height"))).as(name).isPositive();
        }
        String longAccount = "x".repeat(300);
        Picture wide = KeyKinds.overview(longAccount);
        assertThat(wide.width()).as("the frame grows with its heading")
                .isGreaterThan((int) TextStyle.size(13).bold().width(longAccount));
    }

    @Test
    void sameInput_givesTheSameBytes() {
        Map<String, Renderable> first = all("Label-42");
        Map<String, Renderable> second = all("Label-42");
        first.forEach((name, r) -> assertThat(r.html()).as(name).isEqualTo(second.get(name).html()));
    }

    @Test
    void serviceTrace_drawsTheRequest_theKmsCallsItCaused_andTheRefusal() {
        String svg = all("Label-42").get("service trace").html();
        String texts = Xml.texts(Xml.parse(svg), "text");
        assertThat(texts).contains("SSM", "KMS eu-west-2", "Encrypt", "PARAMETER_ARN",
                "GetParameter WithDecryption", "Decrypt -> DisabledException");
        assertThat(svg).as("a refused call is drawn in red").contains("#cc0000");
        assertThat(texts).as("a long error message is cut").contains("is disabled. (Servi…")
                .doesNotContainPattern("Request ID: [0-9a-f]{8}-");
        assertThat(texts).as("the CreateKey before the picture is left out").doesNotContain("CreateKey");
    }

    @Test
    void serviceTrace_returnsTheServicesError_ratherThanThrowing() {
        KmsLab lab = Notebook.lab();
        Caller root = Caller.root(lab.defaultAccount());
        var ssm = AwsCloud.of(lab).ssm(root, "eu-west-2");
        ServiceTrace trace = ServiceTrace.of(lab);
        AwsServiceException error = trace.traced(trace.picture("t"), "you", "SSM", "GetParameter",
                () -> ssm.getParameter(GetParameterRequest.of("/missing")));
        assertThat(error).isNotNull();
        assertThat(error.errorCode()).isEqualTo("ParameterNotFound");
        assertThat(ServiceTrace.shortened("x".repeat(200))).hasSize(ServiceTrace.NOTE_LIMIT).endsWith("x…");
        assertThat(ServiceTrace.shortened("short")).isEqualTo("short");
        assertThat(ServiceTrace.withoutRequestIds("x (Request ID: 8755008d-65c7-47d9; Proxy: null)"))
                .isEqualTo("x (Request ID: …; Proxy: null)");
        assertThat(ServiceTrace.principalName("arn:aws:iam::111122223333:root")).isEqualTo("root of 111122223333");
        assertThat(ServiceTrace.principalName(null)).isEqualTo("AWS");
        assertThat(ServiceTrace.asService("arn:aws:sts::111122223333:assumed-role/aws:ec2-infrastructure/i-1"))
                .isTrue();
        assertThat(ServiceTrace.asService("arn:aws:iam::111122223333:user/bob")).isFalse();
    }

    @Test
    void keyKinds_asksTheEngine() {
        KmsLab lab = Notebook.lab("2026-03-01T00:00:00Z");
        Kms kms = lab.kms("eu-west-2");
        var key = kms.createKey(CreateKeyRequest.builder().build()).keyMetadata();
        kms.encrypt(EncryptRequest.of(key.keyId(), utf8("x")));
        kms.enableKeyRotation(EnableKeyRotationRequest.of(key.keyId()));
        kms.rotateKeyOnDemand(RotateKeyOnDemandRequest.of(key.keyId()));
        var materials = KeyKinds.materials(kms, key.keyId());
        assertThat(materials).hasSize(2);
        assertThat(KeyKinds.material(kms, key.keyId(), key.currentKeyMaterialId()).keyMaterialState())
                .as("the first material, after a rotation").isEqualTo(KeyMaterialState.NON_CURRENT);
        assertThat(KeyKinds.shows(kms, key.keyId(), key.currentKeyMaterialId(), KeyMaterialState.CURRENT,
                KeyKinds.material(kms, key.keyId(), key.currentKeyMaterialId()).importState())).isFalse();
        assertThatThrownBy(() -> KeyKinds.material(kms, key.keyId(), "nope"))
                .hasMessageContaining("does not list nope");

        var s3Key = kms.awsManagedKey("s3");
        lab.clock().advance(Duration.ofDays(40));
        var comparison = KeyKinds.compare(kms, lab.bill(lab.defaultAccount(), YearMonth.of(2026, 3)))
                .kind("AWS managed", s3Key).kind("customer managed", key);
        String cells = Xml.texts(document(comparison), "td");
        assertThat(cells).as("a customer managed key: $1, and $1 more for its first rotation")
                .contains("PutKeyPolicy: AccessDeniedException", "PutKeyPolicy: accepted", "$0.00", "$2.00");
        assertThat(comparison.monthlyFee(s3Key.arn())).isEqualByComparingTo("0");
    }

    @Test
    void trailFile_countsFindsAndReadsFields() {
        TrailFile trail = TrailFile.parse(jsonl("Label-42"));
        assertThat(trail.size()).isEqualTo(3);
        assertThat(trail.count(e -> TrailFile.field(e, "eventName").equals("Decrypt"))).isEqualTo(2);
        assertThat(trail.countBy("recipientAccountId")).containsExactly(Map.entry("1", 2L),
                Map.entry("Label-42", 1L));
        assertThat(TrailFile.field(trail.records().get(1), "userIdentity.invokedBy")).as("null is empty").isEmpty();
        assertThat(TrailFile.field(trail.records().get(2), "userIdentity.arn")).as("missing is empty").isEmpty();
        assertThat(TrailFile.field(trail.first(e -> !TrailFile.field(e, "errorCode").isEmpty()), "eventTime"))
                .isEqualTo("2026-03-03T00:00:00Z");
        assertThatThrownBy(() -> trail.first(e -> false)).hasMessage("no such record");
        String shown = TrailFile.record(TrailFile.parse("{\"eventName\":\"Decrypt\",\"requestID\":\"8755008d-65c7\","
                + "\"eventID\":\"314ab137-1aad\",\"errorCode\":null}").first(e -> true)).html();
        assertThat(shown).as("random ids are not shown").doesNotContain("8755008d", "314ab137")
                .contains("&quot;requestID&quot; : &quot;…&quot;", "&quot;errorCode&quot; : null");
        assertThatThrownBy(() -> TrailFile.parse("{\"a\":1}\nnot json\n")).hasMessageContaining("not json");
    }

    @Test
    void studyLabTables_catalogue_andTheAnswerOnALine() {
        String cells = Xml.texts(document(StudyLabTables.catalogue(Labs.all())), "td");
        assertThat(cells).contains(Labs.get(1).title(), Labs.get(1).answerKind());
        assertThat(StudyLabTables.answerOn("# q\n1: a\n2:  1854 \n12: x\n", 2)).isEqualTo("1854");
        assertThat(StudyLabTables.answerOn("12: x\n1: a\n", 1)).isEqualTo("a");
        assertThatThrownBy(() -> StudyLabTables.answerOn("1: a\n", 3)).hasMessageContaining("no answer 3");
    }
}
