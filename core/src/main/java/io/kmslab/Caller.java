package io.kmslab;

import io.kmslab.keys.Arns;

/**
 * Who makes a call: a principal of an account. {@code arn} is the identity AWS names in its messages (for a role,
 * the assumed-role session); {@code principalArn} is what key policies name ({@code aws:PrincipalArn}: for a
 * session, the role's ARN).
 */
public record Caller(String accountId, String arn, String principalArn, Kind kind) {
    /** The kinds of calling identity. */
    public enum Kind { ROOT, IAM_USER, ASSUMED_ROLE }

    public Caller {
        requireAccountId(accountId);
    }

    /** The account root user, {@code arn:aws:iam::<account>:root}. */
    public static Caller root(String accountId) {
        String arn = Arns.iamRoot(requireAccountId(accountId));
        return new Caller(accountId, arn, arn, Kind.ROOT);
    }

    /** An IAM user, {@code arn:aws:iam::<account>:user/<name>}. */
    public static Caller user(String accountId, String name) {
        String arn = Arns.iamUser(requireAccountId(accountId), name);
        return new Caller(accountId, arn, arn, Kind.IAM_USER);
    }

    /** A session of an IAM role: {@code arn:aws:sts::<account>:assumed-role/<role>/<session>}. */
    public static Caller assumedRole(String accountId, String role, String session) {
        requireAccountId(accountId);
        return new Caller(accountId, Arns.assumedRole(accountId, role, session), Arns.iamRole(accountId, role),
                Kind.ASSUMED_ROLE);
    }

    public boolean isRoot() {
        return kind == Kind.ROOT;
    }

    static String requireAccountId(String accountId) {
        if (!Arns.isAccountId(accountId)) {
            throw new IllegalArgumentException("An AWS account id is 12 digits, not '" + accountId + "'");
        }
        return accountId;
    }
}
