package io.kmslab.policy;

import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;
import java.math.BigDecimal;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;

/**
 * The condition operators of the IAM policy language. Each compares one request value with one policy value; the
 * negated operators ({@code StringNotEquals}, ...) are evaluated as "no policy value matches".
 */
public enum Operator {
    StringEquals(false),
    StringNotEquals(true),
    StringEqualsIgnoreCase(false),
    StringNotEqualsIgnoreCase(true),
    StringLike(false),
    StringNotLike(true),
    ArnEquals(false),
    ArnLike(false),
    ArnNotEquals(true),
    ArnNotLike(true),
    NumericEquals(false),
    NumericNotEquals(true),
    NumericLessThan(false),
    NumericLessThanEquals(false),
    NumericGreaterThan(false),
    NumericGreaterThanEquals(false),
    DateEquals(false),
    DateNotEquals(true),
    DateLessThan(false),
    DateLessThanEquals(false),
    DateGreaterThan(false),
    DateGreaterThanEquals(false),
    Bool(false),
    BinaryEquals(false),
    IpAddress(false),
    NotIpAddress(true),
    Null(false);

    private final boolean negated;

    Operator(boolean negated) {
        this.negated = negated;
    }

    /** Whether the operator is a "Not" operator: true when no policy value matches the request value. */
    public boolean negated() {
        return negated;
    }

    public static Optional<Operator> named(String name) {
        for (Operator op : values()) {
            if (op.name().equals(name)) {
                return Optional.of(op);
            }
        }
        return Optional.empty();
    }

    /**
     * Whether a request value matches a policy value, in the positive sense of the operator (StringNotEquals tests
     * equality here; the caller negates).
     */
    public boolean matches(String requestValue, String policyValue) {
        return switch (this) {
            case StringEquals, StringNotEquals -> requestValue.equals(policyValue);
            case StringEqualsIgnoreCase, StringNotEqualsIgnoreCase -> requestValue.equalsIgnoreCase(policyValue);
            case StringLike, StringNotLike -> Wildcards.matches(policyValue, requestValue, false);
            case ArnEquals, ArnLike, ArnNotEquals, ArnNotLike -> Wildcards.arnMatches(policyValue, requestValue);
            case NumericEquals, NumericNotEquals -> ordered(compareNumbers(requestValue, policyValue), 0, 0);
            case NumericLessThan -> ordered(compareNumbers(requestValue, policyValue), -1, -1);
            case NumericLessThanEquals -> ordered(compareNumbers(requestValue, policyValue), -1, 0);
            case NumericGreaterThan -> ordered(compareNumbers(requestValue, policyValue), 1, 1);
            case NumericGreaterThanEquals -> ordered(compareNumbers(requestValue, policyValue), 0, 1);
            case DateEquals, DateNotEquals -> ordered(compareDates(requestValue, policyValue), 0, 0);
            case DateLessThan -> ordered(compareDates(requestValue, policyValue), -1, -1);
            case DateLessThanEquals -> ordered(compareDates(requestValue, policyValue), -1, 0);
            case DateGreaterThan -> ordered(compareDates(requestValue, policyValue), 1, 1);
            case DateGreaterThanEquals -> ordered(compareDates(requestValue, policyValue), 0, 1);
            case Bool -> requestValue.equalsIgnoreCase(policyValue);
            case BinaryEquals -> requestValue.equals(policyValue);
            case IpAddress, NotIpAddress -> inCidr(requestValue, policyValue);
            case Null -> throw new IllegalStateException("Null is evaluated on presence, not on values");
        };
    }

    /** Checks that a policy value is of the operator's type; returns the reason if it is not. */
    public Optional<String> invalidPolicyValue(String value) {
        switch (this) {
            case NumericEquals, NumericNotEquals, NumericLessThan, NumericLessThanEquals, NumericGreaterThan,
                    NumericGreaterThanEquals -> {
                return number(value).isPresent() ? Optional.empty()
                        : Optional.of("'" + value + "' is not a number for " + this);
            }
            case DateEquals, DateNotEquals, DateLessThan, DateLessThanEquals, DateGreaterThan,
                    DateGreaterThanEquals -> {
                return date(value).isPresent() ? Optional.empty()
                        : Optional.of("'" + value + "' is not a date for " + this
                                + " (ISO 8601, e.g. 2026-01-20T00:00:00Z, or epoch seconds)");
            }
            case Bool, Null -> {
                return value.equalsIgnoreCase("true") || value.equalsIgnoreCase("false") ? Optional.empty()
                        : Optional.of("'" + value + "' is not true or false for " + this);
            }
            case IpAddress, NotIpAddress -> {
                return cidr(value) != null ? Optional.empty()
                        : Optional.of("'" + value + "' is not an IP address or CIDR block for " + this);
            }
            default -> {
                return Optional.empty();
            }
        }
    }

    /** Whether a comparison result lies in [low, high]; an unparseable value (empty) never matches. */
    private static boolean ordered(Optional<Integer> comparison, int low, int high) {
        return comparison.map(c -> c >= low && c <= high).orElse(false);
    }

    private static Optional<Integer> compareNumbers(String request, String policy) {
        Optional<BigDecimal> a = number(request);
        Optional<BigDecimal> b = number(policy);
        return a.isPresent() && b.isPresent() ? Optional.of(Integer.signum(a.get().compareTo(b.get())))
                : Optional.empty();
    }

    private static Optional<Integer> compareDates(String request, String policy) {
        Optional<Instant> a = date(request);
        Optional<Instant> b = date(policy);
        return a.isPresent() && b.isPresent() ? Optional.of(Integer.signum(a.get().compareTo(b.get())))
                : Optional.empty();
    }

    private static Optional<BigDecimal> number(String s) {
        try {
            return Optional.of(new BigDecimal(s.trim()));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static Optional<Instant> date(String s) {
        try {
            return Optional.of(OffsetDateTime.parse(s).toInstant());
        } catch (DateTimeParseException e) {
            try {
                return Optional.of(Instant.parse(s));
            } catch (DateTimeParseException e2) {
                try {
                    return Optional.of(Instant.ofEpochSecond(Long.parseLong(s.trim())));
                } catch (NumberFormatException e3) {
                    return Optional.empty();
                }
            }
        }
    }

    private record Cidr(byte[] network, int bits) {
    }

    /**
     * Parsed addresses and CIDR blocks, kept: policies name a few blocks and callers come from a few addresses, and
     * parsing them again for every request was a third of a conditional decision. At most 4096 are kept (Caffeine's
     * size bound; its upkeep runs on the calling thread).
     */
    private static final LoadingCache<String, Optional<Cidr>> PARSED = Caffeine.newBuilder().maximumSize(4096)
            .executor(Runnable::run).build(text -> Optional.ofNullable(cidr(text)));
    /** Read first: a plain hash lookup; the cache itself (counted, bounded) only when the text is not there. */
    private static final java.util.Map<String, Optional<Cidr>> PARSED_VIEW = PARSED.asMap();

    private static Cidr parsed(String text) {
        Optional<Cidr> known = PARSED_VIEW.get(text);
        return (known != null ? known : PARSED.get(text)).orElse(null);
    }

    private static boolean inCidr(String address, String block) {
        Cidr range = parsed(block);
        Cidr single = address.indexOf('/') >= 0 ? null : parsed(address);
        byte[] ip = single == null ? null : single.network();
        if (range == null || ip == null || ip.length != range.network().length) {
            return false;
        }
        for (int i = 0; i < ip.length; i++) {
            int take = Math.max(0, Math.min(8, range.bits() - i * 8));
            int mask = take == 0 ? 0 : (0xff << (8 - take)) & 0xff;
            if ((ip[i] & mask) != (range.network()[i] & mask)) {
                return false;
            }
        }
        return true;
    }

    private static Cidr cidr(String block) {
        String[] parts = block.trim().split("/", 2);
        byte[] network = literalAddress(parts[0]);
        if (network == null) {
            return null;
        }
        int bits = network.length * 8;
        if (parts.length == 2) {
            try {
                bits = Integer.parseInt(parts[1]);
            } catch (NumberFormatException e) {
                return null;
            }
            if (bits < 0 || bits > network.length * 8) {
                return null;
            }
        }
        return new Cidr(network, bits);
    }

    private static final java.util.regex.Pattern ADDRESS_CHARACTERS = java.util.regex.Pattern.compile("[0-9a-f:.]+");
    private static final java.util.regex.Pattern IPV4 = java.util.regex.Pattern.compile(
            "\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}");

    /** Parses only literal IPv4 and IPv6 addresses: never a host name, never a DNS lookup. */
    private static byte[] literalAddress(String s) {
        String text = s.trim().toLowerCase(Locale.ROOT);
        if (text.isEmpty() || !ADDRESS_CHARACTERS.matcher(text).matches()
                || (!text.contains(":") && !IPV4.matcher(text).matches())) {
            return null;
        }
        try {
            return InetAddress.getByName(text).getAddress();
        } catch (UnknownHostException e) {
            return null;
        }
    }
}
