package io.kmslab.notebook;

import io.kmslab.billing.Bill;
import io.kmslab.billing.LineItem;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A month's bill as pictures and tables: the bill month to date day by day (stacked: key-months, rotation
 * surcharges, requests), the final bill line by line, and its line items as a table. Key ARNs are shown by the names
 * a notebook gives them (a map from ARN to name; an ARN without a name is shown as it is).
 *
 * <pre>{@code
 * show(BillCharts.daily("March 2026, month to date", endOfDay), BillCharts.lines(bill, names));
 * }</pre>
 */
public final class BillCharts {

    private static final String[] COLORS = {Svg.PALETTE[0], Svg.PALETTE[1], Svg.PALETTE[2]};
    private static final String[] PARTS = {"key-months", "rotation surcharges", "requests"};

    private BillCharts() {
    }

    /** The three parts of a bill: key-months, rotation surcharges, requests. */
    public static BigDecimal[] parts(Bill b) {
        BigDecimal keys = BigDecimal.ZERO;
        BigDecimal surcharges = BigDecimal.ZERO;
        BigDecimal requests = BigDecimal.ZERO;
        for (LineItem l : b.keyFees()) {
            if (l.description().equals("rotation surcharge")) {
                surcharges = surcharges.add(l.amount());
            } else {
                keys = keys.add(l.amount());
            }
        }
        for (LineItem l : b.requests()) {
            requests = requests.add(l.amount());
        }
        return new BigDecimal[] {keys, surcharges, requests};
    }

    /** One stacked bar per bill (one bill per day, month to date), a dollar grid, a legend. */
    public static Picture daily(String title, List<Bill> endOfDay) {
        if (endOfDay.isEmpty()) {
            throw new IllegalArgumentException("no bills to draw");
        }
        int left = 50;
        int top = 40;
        int chartH = 260;
        int barW = 14;
        int gap = 4;
        double maxTotal = endOfDay.stream().mapToDouble(b -> b.exactTotal().doubleValue()).max().orElse(0);
        double yMax = Math.max(1, Math.ceil(maxTotal));
        int step = (int) Math.max(1, Math.ceil(yMax / 10));
        int plotW = endOfDay.size() * (barW + gap);
        int width = Math.max(left + plotW + 20, (int) TextStyle.size(14).bold().width(title) + 10);
        width = Math.max(width, left + 3 * 150);
        Svg svg = Svg.canvas(width, top + chartH + 64).text(0, 18, title, TextStyle.size(14).bold());
        TextStyle small = TextStyle.size(11);
        for (int v = 0; v <= yMax; v += step) {
            double y = top + chartH - chartH * v / yMax;
            svg.line(left, y, left + plotW, y, Svg.stroke("#dddddd")).text(left - 6, y + 4, "$" + v, small.end());
        }
        for (int d = 0; d < endOfDay.size(); d++) {
            BigDecimal[] p = parts(endOfDay.get(d));
            double x = left + d * (barW + gap) + gap / 2.0;
            double base = top + chartH;
            for (int k = 0; k < 3; k++) {
                double h = chartH * p[k].doubleValue() / yMax;
                svg.rect(x, base - h, barW, h, Svg.filled(COLORS[k]));
                base -= h;
            }
            if ((d + 1) % 5 == 0 || d == 0) {
                svg.text(x + barW / 2.0, top + chartH + 14, d + 1, small.middle());
            }
        }
        svg.text(left + plotW / 2.0, top + chartH + 30, "day", small.middle());
        for (int k = 0; k < 3; k++) {
            svg.rect(left + k * 150, top + chartH + 42, 12, 12, Svg.filled(COLORS[k]))
                    .text(left + k * 150 + 16, top + chartH + 52, PARTS[k], small);
        }
        return svg.picture();
    }

    /** The bill's line items as bars, key fees first, each labelled and with its amount. */
    public static Picture lines(Bill bill, Map<String, String> names) {
        List<LineItem> lines = new ArrayList<>(bill.keyFees());
        lines.addAll(bill.requests());
        String title = "The final bill, line by line: " + Format.usd(bill.total(), 2);
        TextStyle small = TextStyle.size(11);
        double labelW = 0;
        List<String> labels = new ArrayList<>();
        for (LineItem l : lines) {
            String label = l.resource().isEmpty() ? l.description().replace(" requests", "")
                    : l.description() + ", " + name(names, l.resource());
            labels.add(label);
            labelW = Math.max(labelW, small.width(label));
        }
        int left = (int) Math.ceil(labelW) + 16;
        int barMax = 240;
        int top = 40;
        int rowH = 21;
        int width = Math.max(left + barMax + 80, (int) TextStyle.size(14).bold().width(title) + 10);
        Svg svg = Svg.canvas(width, top + rowH * Math.max(lines.size(), 1) + 10)
                .text(0, 18, title, TextStyle.size(14).bold());
        double maxLine = lines.stream().mapToDouble(l -> l.amount().doubleValue()).max().orElse(1);
        for (int i = 0; i < lines.size(); i++) {
            LineItem l = lines.get(i);
            int color = l.description().equals("rotation surcharge") ? 1 : l.description().equals("key-month") ? 0 : 2;
            double y = top + i * rowH;
            double w = maxLine <= 0 ? 0 : barMax * l.amount().doubleValue() / maxLine;
            svg.text(left - 6, y + 12, labels.get(i), small.end())
                    .rect(left, y, Math.max(w, 0.5), 17, Svg.filled(COLORS[color]))
                    .text(left + w + 4, y + 12, Format.usd(l.amount(), 4), small);
        }
        return svg.picture();
    }

    /** The line items as a table, with subtotals and the total. */
    public static Table table(Bill bill, Map<String, String> names) {
        Table t = Table.of("line item", "key", "quantity", "unit", "amount").right(2, 4);
        for (LineItem line : bill.keyFees()) {
            t.row(line.description(), Html.bold(name(names, line.resource())),
                    line.quantity().setScale(2, RoundingMode.HALF_UP), line.unit(), Format.usd(line.amount(), 4));
        }
        t.row(Html.bold("key fees"), null, null, null, Html.bold(Format.usd(bill.keyFeesTotal(), 2)));
        for (LineItem line : bill.requests()) {
            t.row(line.description(), null, Format.count(line.quantity().longValueExact()), line.unit(),
                    Format.usd(line.amount(), 4));
        }
        t.row(Html.bold("requests"), null, null, null, Html.bold(Format.usd(bill.requestsTotal(), 2)));
        return t.row(Html.bold("total"), null, null, null, Html.bold(Format.usd(bill.total(), 2)));
    }

    private static String name(Map<String, String> names, String arn) {
        return names.getOrDefault(arn, arn);
    }
}
