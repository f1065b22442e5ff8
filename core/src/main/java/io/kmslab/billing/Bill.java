package io.kmslab.billing;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.YearMonth;
import java.util.List;

/** A monthly KMS bill of one account: key fees, rotation surcharges and requests, with the total in dollars. */
public record Bill(String accountId, YearMonth month, Instant asOf, List<LineItem> keyFees, List<LineItem> requests,
        PriceBook prices) {

    public Bill {
        keyFees = List.copyOf(keyFees);
        requests = List.copyOf(requests);
    }

    /** The exact total, before rounding. */
    public BigDecimal exactTotal() {
        return keyFees.stream().map(LineItem::amount).reduce(BigDecimal.ZERO, BigDecimal::add)
                .add(requests.stream().map(LineItem::amount).reduce(BigDecimal.ZERO, BigDecimal::add));
    }

    /** The total, rounded to the cent. */
    public BigDecimal total() {
        return exactTotal().setScale(2, RoundingMode.HALF_UP);
    }

    public BigDecimal keyFeesTotal() {
        return keyFees.stream().map(LineItem::amount).reduce(BigDecimal.ZERO, BigDecimal::add)
                .setScale(2, RoundingMode.HALF_UP);
    }

    public BigDecimal requestsTotal() {
        return requests.stream().map(LineItem::amount).reduce(BigDecimal.ZERO, BigDecimal::add)
                .setScale(2, RoundingMode.HALF_UP);
    }

    /** The bill as text, one line item a line. */
    public String render() {
        StringBuilder s = new StringBuilder();
        s.append("AWS KMS bill of account ").append(accountId).append(" for ").append(month)
                .append(" (as of ").append(asOf).append("; prices of ").append(prices.effectiveDate()).append(")\n");
        s.append("Keys\n");
        for (LineItem line : keyFees) {
            s.append(String.format("  %-58s %12s %-10s $%10s%n", line.description() + " " + line.resource(),
                    line.quantity().setScale(2, RoundingMode.HALF_UP), line.unit(),
                    line.amount().setScale(4, RoundingMode.HALF_UP)));
        }
        s.append("Requests\n");
        for (LineItem line : requests) {
            s.append(String.format("  %-58s %12s %-10s $%10s%n", line.description(), line.quantity(), line.unit(),
                    line.amount().setScale(4, RoundingMode.HALF_UP)));
        }
        s.append(String.format("Total %72s%n", "$" + total()));
        return s.toString();
    }

    /** The rendered bill ({@link #render()}): {@code System.out.println(lab.bill())} prints the bill, not its fields. */
    @Override
    public String toString() {
        return render();
    }
}
