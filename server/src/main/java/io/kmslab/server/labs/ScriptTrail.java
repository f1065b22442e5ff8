package io.kmslab.server.labs;

import io.kmslab.Caller;
import io.kmslab.audit.AuditEvent;
import java.util.List;
import java.util.function.Predicate;

/**
 * The CloudTrail events of the calls a script made, in the order KMS received them: what a script lab's checker reads
 * to tell which calls were made, by whom, and which failed, and to explain a failed requirement with them.
 */
public record ScriptTrail(List<AuditEvent> events) {
    public ScriptTrail {
        events = List.copyOf(events);
    }

    /** The API calls of that name ({@code CreateGrant}), allowed or not. */
    public List<AuditEvent> calls(String eventName) {
        return events.stream().filter(e -> "AwsApiCall".equals(e.eventType()) && eventName.equals(e.eventName()))
                .toList();
    }

    /** The calls of that name made by that caller. */
    public List<AuditEvent> calls(String eventName, Caller caller) {
        return calls(eventName).stream().filter(by(caller)).toList();
    }

    /** Whether an event is that caller's. */
    public static Predicate<AuditEvent> by(Caller caller) {
        return e -> e.userIdentity() != null && caller.arn().equals(e.userIdentity().arn());
    }

    /** Whether a call succeeded. */
    public static boolean succeeded(AuditEvent e) {
        return e.errorCode() == null;
    }

    /** A request parameter of a call as text, or null. */
    public static String parameter(AuditEvent e, String name) {
        Object value = e.requestParameters() == null ? null : e.requestParameters().get(name);
        return value == null ? null : value.toString();
    }

    /** One event in a line: {@code #3 CreateGrant by assumed-role/KeyAdmin/admin: AccessDeniedException: ...}. */
    public String describe(AuditEvent e) {
        String who = e.userIdentity() == null || e.userIdentity().arn() == null ? "AWS"
                : shortArn(e.userIdentity().arn());
        return "#" + (events.indexOf(e) + 1) + " " + e.eventName() + " by " + who + " in " + e.awsRegion() + ": "
                + (e.errorCode() == null ? "succeeded" : e.errorCode()
                        + (e.errorMessage() == null ? "" : ": " + e.errorMessage()));
    }

    /** Several events, one a line, or what to say when there are none. */
    public String describe(List<AuditEvent> some, String whenNone) {
        return some.isEmpty() ? whenNone : String.join("\n", some.stream().map(this::describe).toList());
    }

    /** {@code assumed-role/KeyAdmin/admin} for {@code arn:aws:sts::111122223333:assumed-role/KeyAdmin/admin}. */
    static String shortArn(String arn) {
        int colon = arn.lastIndexOf(':');
        return colon < 0 || arn.endsWith(":root") ? arn : arn.substring(colon + 1);
    }
}
