package io.kmslab.notebook;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Locale;

/** How the notebooks write dates, ids, amounts and counts. */
public final class Format {

    private Format() {
    }

    /** "2026-01-20", or "-" for none. */
    public static String day(Instant t) {
        return t == null ? "-" : t.toString().substring(0, 10);
    }

    /** The first 8 characters of a key material id and an ellipsis, or "-" for none. */
    public static String shortId(String id) {
        if (id == null) {
            return "-";
        }
        return id.length() <= 8 ? id : id.substring(0, 8) + "…";
    }

    /** The last {@code n} characters of an id after an ellipsis. */
    public static String tail(String id, int n) {
        return id == null ? "-" : id.length() <= n ? id : "…" + id.substring(id.length() - n);
    }

    /** "$1.2346" for ({@code 1.23456}, 4). */
    public static String usd(BigDecimal amount, int scale) {
        return "$" + amount.setScale(scale, RoundingMode.HALF_UP).toPlainString();
    }

    /** "1,000,000". */
    public static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    /** UTF-8 bytes of a text. */
    public static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** The text of UTF-8 bytes. */
    public static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
