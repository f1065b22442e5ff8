package io.kmslab.quotas;

/**
 * Which request quota of KMS an operation counts against: its catalogue entry ({@link io.kmslab.KmsOperation}) says,
 * and {@link RequestQuotas} applies it. AWS KMS Developer Guide, "Request quotas"
 * (https://docs.aws.amazon.com/kms/latest/developerguide/requests-per-second.html): "The request quotas differ with the
 * API operation, the AWS Region, and other factors, such as the KMS key type".
 *
 * @param kind the kind of quota
 * @param perSecond the rate of an operation's own quota ({@link Kind#OWN}); 0 for the other kinds, whose rate depends
 *     on the request (Region, key spec, key pair spec)
 */
public record QuotaClass(Kind kind, int perSecond) {
    /** The kinds of request quota. */
    public enum Kind {
        /** No request quota in KMS Lab. */
        NONE,
        /** The shared pools of cryptographic operations, chosen by the key's type and the Region. */
        CRYPTOGRAPHIC,
        /** The GenerateDataKeyPair pools, one per key pair spec. */
        DATA_KEY_PAIR,
        /** A quota of the operation's own, at a fixed rate. */
        OWN
    }

    public static final QuotaClass NONE = new QuotaClass(Kind.NONE, 0);
    public static final QuotaClass CRYPTOGRAPHIC = new QuotaClass(Kind.CRYPTOGRAPHIC, 0);
    public static final QuotaClass DATA_KEY_PAIR = new QuotaClass(Kind.DATA_KEY_PAIR, 0);

    public QuotaClass {
        if (kind == null || (kind == Kind.OWN) != (perSecond > 0)) {
            throw new IllegalArgumentException("Invalid quota class " + kind + " at " + perSecond
                    + " a second: an operation's own quota has a positive rate, the other kinds none");
        }
    }

    /** A quota of the operation's own, in requests per second. */
    public static QuotaClass own(int perSecond) {
        return new QuotaClass(Kind.OWN, perSecond);
    }
}
