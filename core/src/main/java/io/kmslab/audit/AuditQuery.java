package io.kmslab.audit;

import java.time.Instant;

/** Which events to read from a trail: every criterion left null matches everything. */
public record AuditQuery(String accountId, String keyArn, String eventName, String principalArn, Instant from,
        Instant to, Boolean failed) {

    /** Every event of an account's trail. */
    public static AuditQuery account(String accountId) {
        return new AuditQuery(accountId, null, null, null, null, null, null);
    }

    public AuditQuery key(String arn) {
        return new AuditQuery(accountId, arn, eventName, principalArn, from, to, failed);
    }

    public AuditQuery eventName(String name) {
        return new AuditQuery(accountId, keyArn, name, principalArn, from, to, failed);
    }

    public AuditQuery principal(String arn) {
        return new AuditQuery(accountId, keyArn, eventName, arn, from, to, failed);
    }

    /** Events at or after {@code start} and before {@code end}. */
    public AuditQuery between(Instant start, Instant end) {
        return new AuditQuery(accountId, keyArn, eventName, principalArn, start, end, failed);
    }

    /** Only failed calls (true) or only successful ones (false). */
    public AuditQuery failed(boolean onlyFailed) {
        return new AuditQuery(accountId, keyArn, eventName, principalArn, from, to, onlyFailed);
    }

    public boolean matches(AuditEvent e) {
        return (accountId == null || accountId.equals(e.recipientAccountId()))
                && (keyArn == null || e.concerns(keyArn))
                && (eventName == null || eventName.equals(e.eventName()))
                && (principalArn == null || (e.userIdentity() != null && principalArn.equals(e.userIdentity().arn())))
                && (from == null || !e.eventTime().isBefore(from))
                && (to == null || e.eventTime().isBefore(to))
                && (failed == null || failed == (e.errorCode() != null));
    }
}
