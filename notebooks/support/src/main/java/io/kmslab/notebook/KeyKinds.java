package io.kmslab.notebook;

import io.kmslab.KmsApi;
import io.kmslab.api.DescribeKeyRequest;
import io.kmslab.api.EnableKeyRotationRequest;
import io.kmslab.api.GetKeyPolicyRequest;
import io.kmslab.api.GetKeyRotationStatusRequest;
import io.kmslab.api.KeyMetadata;
import io.kmslab.api.ListKeyRotationsRequest;
import io.kmslab.api.PutKeyPolicyRequest;
import io.kmslab.api.RotationsListEntry;
import io.kmslab.billing.Bill;
import io.kmslab.billing.LineItem;
import io.kmslab.keys.ImportState;
import io.kmslab.keys.IncludeKeyMaterial;
import io.kmslab.keys.KeyMaterialState;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.List;

/**
 * The kinds of KMS key side by side (notebook 06): where each kind lives and who holds its controls (a picture), the
 * key materials of a key as {@code ListKeyRotations} with {@code ALL_KEY_MATERIAL} lists them (a table), and a
 * comparison of kinds asked from the engine itself (a table).
 *
 * <pre>{@code
 * show(KeyKinds.overview(account));
 * show(KeyKinds.materialsTable(kms, keyId, lab.clock().instant()));
 * show(KeyKinds.compare(kms, marchBill).kind("AWS managed (alias/aws/s3)", s3Key).awsOwned());
 * }</pre>
 */
public final class KeyKinds {

    private KeyKinds() {
    }

    /** One box of the overview: a fill, a title and its lines. */
    private record Box(String fill, String title, List<String> lines) {
    }

    /**
     * Your account (AWS managed, customer managed, imported material) beside a service's own account (AWS owned):
     * what each kind is, who manages it, what it costs.
     */
    public static Picture overview(String account) {
        // AWS's words behind the boxes:
        // - AWS managed keys live in your account, are usable only through their service and only by principals of
        //   that account, their policy and lifecycle are AWS's, and they exist free (use is billed); AWS owned keys
        //   are in the service's account, you cannot view, manage or audit them, and they cost nothing:
        //   https://docs.aws.amazon.com/kms/latest/developerguide/concepts.html (AWS KMS keys)
        // - "AWS KMS always rotates the key material of AWS managed keys every year"; imported key material never
        //   rotates automatically: https://docs.aws.amazon.com/kms/latest/APIReference/API_EnableKeyRotation.html
        // - $1 a month per customer managed key, imported material included: https://aws.amazon.com/kms/pricing/
        List<Box> yours = List.of(
                new Box(Svg.AMBER, "AWS managed", List.of("alias/aws/s3", "KeyManager AWS",
                        "fixed policy, via S3 only", "rotates every year", "no monthly fee")),
                new Box(Svg.GREEN, "customer managed", List.of("CreateKey", "KeyManager CUSTOMER",
                        "your policy, your rules", "rotation: your choice", "$1 a month")),
                new Box(Svg.BLUE, "imported material", List.of("Origin EXTERNAL", "KeyManager CUSTOMER",
                        "your bytes, your copy", "may expire (ValidTo)", "$1 a month")));
        Box owned = new Box(Svg.WHITE, "AWS owned", List.of("e.g. DynamoDB default", "not in ListKeys",
                "no policy to read", "no CloudTrail for you", "free"));
        TextStyle title = TextStyle.size(13).bold().middle();
        TextStyle line = TextStyle.size(12).middle();
        TextStyle heading = TextStyle.size(13).bold();
        TextStyle small = TextStyle.size(12).middle();
        double boxW = 0;
        for (Box b : List.of(yours.get(0), yours.get(1), yours.get(2), owned)) {
            boxW = Math.max(boxW, title.width(b.title()) + 20);
            for (String l : b.lines()) {
                boxW = Math.max(boxW, line.width(l) + 20);
            }
        }
        double gap = 10;
        double boxH = 22 + 17 * 6;
        String yoursHeading = "your account " + account + " (ListKeys, CloudTrail, your bill)";
        String ownedHeading = "a service's own account";
        double yoursW = Math.max(3 * boxW + 4 * gap, heading.width(yoursHeading) + 20);
        double ownedW = Math.max(boxW + 2 * gap, heading.width(ownedHeading) + 20);
        double ownedX = 5 + yoursW + 20;
        int width = (int) Math.ceil(ownedX + ownedW + 5);
        int height = (int) Math.ceil(40 + boxH + 70);
        double frameH = height - 10;
        Svg svg = Svg.canvas(width, height);
        svg.rect(5, 5, yoursW, frameH, new Svg.Shape("#f7f9fc", Svg.INK, 1, "5 3", 10, 1))
                .text(15, 25, yoursHeading, heading);
        double firstX = 5 + (yoursW - 3 * boxW - 2 * gap) / 2;
        for (int i = 0; i < yours.size(); i++) {
            box(svg, firstX + i * (boxW + gap), 40, boxW, boxH, yours.get(i), title, line);
        }
        double labelY = 40 + boxH + 30;
        double barY = labelY + 10;
        svg.text(firstX + boxW / 2, labelY, "managed by AWS", small)
                .text(firstX + boxW + gap + (2 * boxW + gap) / 2, labelY, "managed by you", small)
                .line(firstX, barY, firstX + boxW, barY, Svg.stroke("#b26b00").strokeWidth(3))
                .line(firstX + boxW + gap, barY, firstX + 3 * boxW + 2 * gap, barY,
                        Svg.stroke("#2a7a2a").strokeWidth(3));
        svg.rect(ownedX, 5, ownedW, frameH, new Svg.Shape("#eeeeee", "#888888", 1, "5 3", 10, 1))
                .text(ownedX + 10, 25, ownedHeading, heading);
        double ownedBoxX = ownedX + (ownedW - boxW) / 2;
        box(svg, ownedBoxX, 40, boxW, boxH, owned, title, line);
        svg.text(ownedBoxX + boxW / 2, labelY, "invisible to you", small);
        return svg.picture();
    }

    private static void box(Svg svg, double x, double y, double w, double h, Box b, TextStyle title, TextStyle line) {
        svg.rect(x, y, w, h, Svg.box(b.fill()).rounded(8)).text(x + w / 2, y + 22, b.title(), title);
        for (int i = 0; i < b.lines().size(); i++) {
            svg.text(x + w / 2, y + 22 + (i + 1) * 17, b.lines().get(i), line);
        }
    }

    /** {@code DescribeKey}: the key's metadata. */
    public static KeyMetadata describe(KmsApi kms, String keyId) {
        return kms.describeKey(DescribeKeyRequest.of(keyId)).keyMetadata();
    }

    /** {@code ListKeyRotations} with {@code IncludeKeyMaterial} {@code ALL_KEY_MATERIAL}: every material of the key. */
    public static List<RotationsListEntry> materials(KmsApi kms, String keyId) {
        return kms.listKeyRotations(ListKeyRotationsRequest.builder().keyId(keyId)
                .includeKeyMaterial(IncludeKeyMaterial.ALL_KEY_MATERIAL).build()).rotations();
    }

    /** One material of the key, or an error saying it is not listed. */
    public static RotationsListEntry material(KmsApi kms, String keyId, String keyMaterialId) {
        return materials(kms, keyId).stream().filter(m -> m.keyMaterialId().equals(keyMaterialId)).findFirst()
                .orElseThrow(() -> new IllegalStateException("ListKeyRotations does not list " + keyMaterialId));
    }

    /** Whether {@code ListKeyRotations} ({@code ALL_KEY_MATERIAL}) shows this material in these states. */
    public static boolean shows(KmsApi kms, String keyId, String keyMaterialId, KeyMaterialState state,
            ImportState importState) {
        RotationsListEntry m = material(kms, keyId, keyMaterialId);
        return m.keyMaterialState() == state && m.importState() == importState;
    }

    /** The materials of the key as a table, under a line saying what was asked and when. */
    public static Html materialsTable(KmsApi kms, String keyId, Instant at) {
        Table t = Table.of("KeyMaterialId", "KeyMaterialDescription", "KeyMaterialState", "ImportState",
                "ExpirationModel", "RotationType", "RotationDate").small();
        for (RotationsListEntry m : materials(kms, keyId)) {
            t.row(Html.code(Format.shortId(m.keyMaterialId())), m.keyMaterialDescription(),
                    Html.bold(m.keyMaterialState()), Html.bold(m.importState()), orDash(m.expirationModel()),
                    orDash(m.rotationType()), orDash(m.rotationDate()));
        }
        return Html.of(Html.p(Html.code("ListKeyRotations"), ", ", Html.code("IncludeKeyMaterial"), " ",
                Html.code("ALL_KEY_MATERIAL"), ", at " + at + ":"), t);
    }

    private static Object orDash(Object value) {
        return value == null ? "-" : value;
    }

    /** A comparison of kinds, one row per key, each cell KMS's own answer. */
    public static Comparison compare(KmsApi kms, Bill bill) {
        return new Comparison(kms, bill);
    }

    /**
     * The comparison: for each key {@code DescribeKey} ({@code KeyManager}, {@code Origin}), {@code PutKeyPolicy} with
     * the key's own policy (may the account change it?), {@code GetKeyRotationStatus}, {@code ListKeyRotations},
     * {@code EnableKeyRotation}, and the key's monthly fee on the bill. These calls are made when a row is added.
     */
    public static final class Comparison implements Renderable {
        private final KmsApi kms;
        private final Bill bill;
        private final Table table = Table.of("kind", "KeyManager", "Origin", "can the account change the key policy?",
                "rotation", "monthly fee on the bill");

        private Comparison(KmsApi kms, Bill bill) {
            this.kms = kms;
            this.bill = bill;
        }

        /** A row for this key, asked from KMS now. */
        public Comparison kind(String kind, KeyMetadata key) {
            KeyMetadata m = describe(kms, key.keyId());
            String policy = kms.getKeyPolicy(GetKeyPolicyRequest.of(key.keyId())).policy();
            Html put = outcome(() -> kms.putKeyPolicy(PutKeyPolicyRequest.of(key.keyId(), policy)));
            var status = kms.getKeyRotationStatus(GetKeyRotationStatusRequest.of(key.keyId()));
            int rotations = kms.listKeyRotations(ListKeyRotationsRequest.of(key.keyId())).rotations().size();
            Html enable = outcome(() -> kms.enableKeyRotation(EnableKeyRotationRequest.of(key.keyId())));
            Html rotation = Html.of("KeyRotationEnabled ", Html.code(status.keyRotationEnabled()), ", " + rotations
                    + " rotation(s) so far; EnableKeyRotation: ", enable);
            table.row(Html.bold(kind), Html.code(m.keyManager()), Html.code(m.origin()),
                    Html.of("PutKeyPolicy: ", put), rotation, "$" + monthlyFee(key.arn()));
            return this;
        }

        /** The row of the AWS owned keys: nothing of them is in your account. */
        public Comparison awsOwned() {
            table.row(Html.bold("AWS owned"), "-", "-", "not visible", "the service's business",
                    "none (not on the bill)");
            return this;
        }

        /** The key's fees on the bill: the key-month line items of its ARN. */
        public BigDecimal monthlyFee(String arn) {
            return bill.keyFees().stream().filter(line -> arn.equals(line.resource())).map(LineItem::amount)
                    .reduce(BigDecimal.ZERO, BigDecimal::add).setScale(2, RoundingMode.HALF_UP);
        }

        private static Html outcome(Calls.Call call) {
            String result = Calls.answer(call);
            return result.equals("succeeded") ? Html.good("accepted") : Html.bad(result.split(":")[0]);
        }

        @Override
        public String html() {
            // "$" in a table is TeX math to Jupyter unless the block is marked to be ignored
            Html note = Html.p("Key fees on the bill of " + bill.month() + ": $" + bill.keyFeesTotal() + " for "
                    + bill.keyFees().size() + " line item(s); the AWS managed key's requests are billed like any "
                    + "other (requests: $" + bill.requestsTotal() + ").");
            return "<div class='tex2jax_ignore mathjax_ignore'>" + Html.of(table, note).html() + "</div>";
        }
    }
}
