package io.kmslab;

import java.util.regex.Pattern;

/** Who makes a call: a principal of an account, named by its ARN. */
public record Caller(String accountId, String arn) {
    private static final Pattern ACCOUNT = Pattern.compile("\\d{12}");

    public Caller {
        requireAccountId(accountId);
    }

    /** The account root user, {@code arn:aws:iam::<account>:root}. */
    public static Caller root(String accountId) {
        return new Caller(accountId, "arn:aws:iam::" + accountId + ":root");
    }

    static String requireAccountId(String accountId) {
        if (accountId == null || !ACCOUNT.matcher(accountId).matches()) {
            throw new IllegalArgumentException("An AWS account id is 12 digits, not '" + accountId + "'");
        }
        return accountId;
    }
}
