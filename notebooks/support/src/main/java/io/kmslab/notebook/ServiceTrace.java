package io.kmslab.notebook;

import io.kmslab.KmsLab;
import io.kmslab.audit.AuditEvent;
import io.kmslab.services.common.AwsServiceException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Who calls whom, drawn from the lab's audit trail (notebook 07): each request to a service becomes a black arrow
 * from the caller to the service, and each KMS call the service made for it a blue arrow from the service to "KMS
 * &lt;Region&gt;" (red when KMS refused it), with the encryption context it sent and, when the service called as its
 * own principal (through a grant), that principal's name.
 *
 * <pre>{@code
 * var trace = ServiceTrace.of(lab);
 * var ebs = trace.picture("EBS: a volume in eu-west-2");
 * trace.traced(ebs, "you", "EC2 (EBS)", "CreateVolume", () -> ec2.createVolume(...));
 * show(ebs);
 * }</pre>
 *
 * Events are taken once each: a cross-account call, logged in two accounts' trails, is one arrow. A service's error
 * message under its arrow is cut at {@value #NOTE_LIMIT} characters, and AWS's random request ids are left out.
 */
public final class ServiceTrace {

    /** The longest error note under a request's arrow; the whole message is the notebook's to show. */
    static final int NOTE_LIMIT = 110;
    private static final Pattern REQUEST_ID = Pattern.compile("Request ID: [0-9A-Za-z-]+");

    private final KmsLab lab;
    private final Set<String> seen = new HashSet<>();

    private ServiceTrace(KmsLab lab) {
        this.lab = lab;
        skip();
    }

    /** A trace of this lab; what the lab did before is not part of any picture. */
    public static ServiceTrace of(KmsLab lab) {
        return new ServiceTrace(lab);
    }

    /** Leaves out of the pictures what the lab did since the last look (creating keys, say). */
    public ServiceTrace skip() {
        fresh();
        return this;
    }

    /** A new picture, leaving out what the lab did before it. */
    public SequenceDiagram picture(String title) {
        skip();
        return SequenceDiagram.titled(title);
    }

    /**
     * Runs one request to a service and adds it, and the KMS calls it caused, to the picture. The service's error,
     * if it answered one, is returned (and shown under the request's arrow) rather than thrown.
     */
    public AwsServiceException traced(SequenceDiagram picture, String who, String service, String request,
            Runnable body) {
        AwsServiceException error = null;
        try {
            body.run();
        } catch (AwsServiceException e) {
            error = e;
        }
        String note = error == null ? "" : shortened(withoutRequestIds(error.errorCode() + ": " + error.getMessage()));
        if (error == null) {
            picture.request(who, service, request, note);
        } else {
            picture.failed(who, service, request, note);
        }
        for (AuditEvent e : fresh()) {
            String principal = e.userIdentity() == null ? null : e.userIdentity().arn();
            Object context = e.requestParameters() == null ? null : e.requestParameters().get("encryptionContext");
            String kmsNote = (asService(principal) ? "as " + principalName(principal) + "  " : "")
                    + (context == null ? "" : context.toString());
            String label = e.eventName() + (e.errorCode() == null ? "" : " -> " + e.errorCode());
            if (e.errorCode() == null) {
                picture.call(service, "KMS " + e.awsRegion(), label, kmsNote);
            } else {
                picture.failed(service, "KMS " + e.awsRegion(), label, kmsNote);
            }
        }
        return error;
    }

    /**
     * The text with each "Request ID: ..." of an AWS error message (a new random id per request, as AWS gives) shown
     * as "Request ID: …", so that a notebook's output is the same on every run.
     */
    public static String withoutRequestIds(String text) {
        return text == null ? null : REQUEST_ID.matcher(text).replaceAll("Request ID: …");
    }

    /** A note of at most {@link #NOTE_LIMIT} characters: a long error message is cut, its end an ellipsis. */
    static String shortened(String note) {
        return note.length() <= NOTE_LIMIT ? note : note.substring(0, NOTE_LIMIT - 1) + "…";
    }

    /**
     * Whether a principal is a service's own (EC2's {@code aws:ec2-infrastructure}, RDS's storage principal, the
     * account KMS Lab's services act from), not the caller's.
     */
    static boolean asService(String principalArn) {
        return principalArn != null && (principalArn.contains(":assumed-role/aws:")
                || principalArn.contains("rds-storage") || principalArn.contains("790247189693"));
    }

    /** "root of 111122223333", "assumed-role/aws:ec2-infrastructure/i-…", or "AWS" for none. */
    static String principalName(String arn) {
        if (arn == null) {
            return "AWS";
        }
        if (arn.endsWith(":root")) {
            String[] parts = arn.split(":");
            return "root of " + (parts.length > 4 ? parts[4] : arn);
        }
        int afterAccount = arn.indexOf(':', Math.min(20, arn.length()));
        return arn.indexOf('/') < 0 || afterAccount < 0 ? arn : arn.substring(afterAccount + 1);
    }

    private List<AuditEvent> fresh() {
        List<AuditEvent> events = new ArrayList<>();
        lab.auditTrail().events().forEach(e -> {
            if (seen.add(e.eventID())) {
                events.add(e);
            }
        });
        return events;
    }
}
