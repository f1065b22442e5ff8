package io.kmslab.notebook;

import static io.kmslab.notebook.Format.utf8;

import io.kmslab.Caller;
import io.kmslab.Kms;
import io.kmslab.KmsLab;
import io.kmslab.api.CreateKeyRequest;
import io.kmslab.api.DecryptRequest;
import io.kmslab.api.EnableKeyRotationRequest;
import io.kmslab.api.EncryptRequest;
import io.kmslab.api.RotateKeyOnDemandRequest;
import io.kmslab.audit.AuditQuery;
import io.kmslab.billing.Bill;
import java.time.Duration;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every picture kind, made from a fresh reproducible lab: the same calls give the same pictures. {@code hostile} is
 * put wherever a picture shows text a notebook chooses (titles, labels, names), to check the escaping.
 */
final class Fixtures {

    static final String HOSTILE = "<script>alert('x')</script> & \"quoted\" 'single' ]]> <!--";

    private Fixtures() {
    }

    /** name -> the picture or table, in a fixed order. */
    static Map<String, Renderable> all(String text) {
        Map<String, Renderable> all = new LinkedHashMap<>();
        KmsLab lab = Notebook.lab();
        Kms kms = lab.kms("eu-west-2");
        var key = kms.createKey(CreateKeyRequest.builder().description(text).build()).keyMetadata();
        byte[] blob = kms.encrypt(EncryptRequest.of(key.keyId(), utf8("secret"))).ciphertextBlob();
        all.put("ciphertext layout", CiphertextLayout.of(lab.inspect(blob)));
        all.put("key states", KmsDiagrams.keyStates());
        all.put("state diagram", StateDiagram.of(text).state(text, Svg.GREEN).state("B", Svg.GREY).end("C")
                .transition(text, "B", text).transition("B", text, "back", "#a33").transition(text, "C", text)
                .note(text));
        all.put("authorization flow", KmsDiagrams.authorizationFlow());
        all.put("decision flow", DecisionFlow.of().question(text, text, text, text, Svg.RED).otherwise(text, text)
                .note(text));

        Caller bob = lab.iam(lab.defaultAccount()).createUser("bob");
        Decisions calls = Decisions.of(lab);
        var denied = calls.attempt(text, bob, text,
                () -> lab.kms(bob, "eu-west-2").encrypt(EncryptRequest.of(key.arn(), utf8("x"))));
        var allowed = calls.attempt(text, Caller.root(lab.defaultAccount()), "Encrypt",
                () -> kms.encrypt(EncryptRequest.of(key.arn(), utf8("x"))));
        all.put("decision table", Html.of(calls.table(denied, allowed), calls.trace(denied)));
        all.put("decision summary", Html.of(calls.summary(), calls.counts(), calls.byRule()));

        kms.enableKeyRotation(EnableKeyRotationRequest.of(key.keyId()));
        List<byte[]> blobs = new ArrayList<>();
        for (int year = 0; year < 3; year++) {
            blobs.add(kms.encrypt(EncryptRequest.of(key.keyId(), utf8("year " + year))).ciphertextBlob());
            lab.clock().advance(Duration.ofDays(365));
        }
        lab.clock().advance(Duration.ofDays(200));
        kms.rotateKeyOnDemand(RotateKeyOnDemandRequest.of(key.keyId()));
        MaterialTimeline timeline = MaterialTimeline.of(kms, key.keyId()).title(text)
                .shade(key.creationDate().plus(Duration.ofDays(30)), key.creationDate().plus(Duration.ofDays(90)),
                        text, key.creationDate().plus(Duration.ofDays(60)), text)
                .until(lab.clock().instant());
        for (byte[] b : blobs) {
            timeline.dot(lab.inspect(b).keyMaterialId().equals("") ? null : lab.clock().instant()
                    .minus(Duration.ofDays(10)), lab.inspect(b).keyMaterialId(), text);
        }
        all.put("material timeline", timeline);

        KmsLab month = Notebook.lab("2026-03-01T00:00:00Z");
        Kms us = month.kms("us-east-1");
        Map<String, String> names = new LinkedHashMap<>();
        var app = us.createKey(CreateKeyRequest.builder().build()).keyMetadata();
        names.put(app.arn(), text);
        List<Bill> days = new ArrayList<>();
        YearMonth march = YearMonth.of(2026, 3);
        for (int d = 1; d <= 5; d++) {
            us.encrypt(EncryptRequest.of(app.keyId(), utf8("x")));
            month.clock().advanceTo(march.atDay(d).plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC));
            days.add(month.bill(month.defaultAccount(), march));
        }
        all.put("bill daily", BillCharts.daily(text, days));
        all.put("bill lines", BillCharts.lines(days.get(days.size() - 1), names));
        all.put("bill table", BillCharts.table(days.get(days.size() - 1), names));

        kms.decrypt(DecryptRequest.of(blobs.get(0)));
        var trail = lab.auditTrail().query(AuditQuery.account(lab.defaultAccount()));
        all.put("audit table", AuditPictures.table(trail));
        Map<String, List<io.kmslab.audit.AuditEvent>> trails = new LinkedHashMap<>();
        trails.put(text, trail);
        all.put("audit lanes", AuditPictures.lanes(trails));

        all.put("sequence", SequenceDiagram.titled(text).request(text, "EC2 (EBS)", text, text)
                .call("EC2 (EBS)", "KMS eu-west-2", "GenerateDataKeyWithoutPlaintext", text)
                .failed("EC2 (EBS)", "KMS eu-west-2", "Decrypt -> AccessDeniedException", ""));
        all.put("table", Table.of(text, "n").row(text, 1).row(Html.code(text), Html.good(text)).right(1).small());
        all.put("fields", Table.fields().field(text, text).field("KeyId", Html.bold(text)));
        all.put("paragraph", Html.p(text, Html.BR, Html.code(text), Html.same(true), Html.tick(false),
                Html.details(text, Html.pre(text))));
        return all;
    }
}
