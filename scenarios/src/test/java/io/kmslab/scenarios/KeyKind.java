package io.kmslab.scenarios;

import java.util.Locale;

/**
 * A kind of KMS key as the features name it. AWS managed keys belong to a service ({@code s3}, {@code ebs}); the other
 * kinds are customer managed.
 */
public record KeyKind(Variety variety, String service) {
    private static final String AWS_MANAGED = "the AWS managed key of ";

    /** What CreateKey (or a service) makes. */
    public enum Variety {
        AWS_MANAGED,
        CUSTOMER_MANAGED,
        /** Origin EXTERNAL, nothing imported yet: PendingImport. */
        FOR_IMPORTED_MATERIAL,
        /** Origin EXTERNAL, 256 bits imported that never expire: Enabled. */
        WITH_IMPORTED_MATERIAL,
        MULTI_REGION
    }

    static KeyKind parse(String text) {
        if (text.startsWith(AWS_MANAGED)) {
            return new KeyKind(Variety.AWS_MANAGED, text.substring(AWS_MANAGED.length()).toLowerCase(Locale.ROOT));
        }
        return switch (text) {
            case "a customer managed key" -> new KeyKind(Variety.CUSTOMER_MANAGED, null);
            case "a customer managed key for imported key material" -> new KeyKind(Variety.FOR_IMPORTED_MATERIAL, null);
            case "a customer managed key with imported key material" -> new KeyKind(Variety.WITH_IMPORTED_MATERIAL,
                    null);
            case "a multi-Region key" -> new KeyKind(Variety.MULTI_REGION, null);
            default -> throw new IllegalArgumentException("Not a kind of key: " + text);
        };
    }
}
