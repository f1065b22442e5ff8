package io.kmslab.labs;

import io.kmslab.errors.KmsException;
import io.kmslab.policy.PolicyDecision;
import io.kmslab.policy.PolicyDecision.Rule;
import io.kmslab.services.common.AwsServiceException;
import java.util.Locale;

/**
 * KMS's decisions and errors in the few words a lab's verdict gives a learner: the rule that decided, the statement or
 * grant that decided, and for a refusal the error AWS answers with.
 */
final class DecisionWording {
    private DecisionWording() {
    }

    /**
     * "ALLOWED: the key policy allows the caller; deciding statement "App" in the key policy of arn:...". For an
     * implicit deny by the key policy, the statement that came closest and why it did not apply (its conditions with
     * the values the request had).
     */
    static String of(PolicyDecision decision) {
        StringBuilder s = new StringBuilder();
        s.append(decision.allowed() ? "ALLOWED: " : "DENIED: ").append(decision.rule().meaning());
        if (decision.rule() == Rule.NO_KEY_POLICY_ALLOWS) {
            if (decision.deciding() != null) {
                s.append("; the statement that came closest: ")
                        .append(decision.deciding().describe().replace("\n", "\n    "));
            }
        } else if (decision.rule() == Rule.NO_IAM_POLICY_ALLOWS && decision.deciding() != null) {
            s.append("; the key policy statement ").append(decision.deciding().statement().label())
                    .append(" lets IAM decide, and ").append(decision.note() != null ? decision.note()
                            : "no IAM policy of the caller allows " + decision.request().action());
        } else {
            s.append(decidingClause(decision, decision.note()));
        }
        if (!decision.allowed()) {
            decision.grants().stream().filter(g -> g.granteeMatched() && !g.allows()).findFirst()
                    .ifPresent(g -> s.append("; the caller's ").append(g.describe()));
        }
        return s.toString();
    }

    /**
     * "; deciding statement "App" in the key policy of arn:..." (or the deciding grant), then the note in brackets:
     * what decided, as every lab's verdict words it.
     */
    static String decidingClause(PolicyDecision decision, String note) {
        StringBuilder s = new StringBuilder();
        if (decision.deciding() != null) {
            s.append("; deciding statement ").append(decision.deciding().statement().label()).append(" in the ")
                    .append(decision.deciding().source());
        } else if (decision.decidingGrant() != null) {
            s.append("; deciding grant ").append(decision.decidingGrant().grant().grantId());
        }
        if (note != null) {
            s.append(" (").append(note).append(')');
        }
        return s.toString();
    }

    /** A KMS error as AWS answers it: "DisabledException: arn:... is disabled.". */
    static String of(KmsException error) {
        String message = error.getMessage();
        return error.errorCode() + (message == null || message.isEmpty() ? " (with an empty message)" : ": " + message);
    }

    /**
     * An error of an AWS service: its code and message and, when a KMS call the service made for the caller failed,
     * what KMS decided.
     */
    static String of(AwsServiceException error) {
        StringBuilder s = new StringBuilder();
        String service = error.service().toUpperCase(Locale.ROOT);
        s.append(service).append(' ').append(error.errorCode()).append(": ").append(error.getMessage());
        if (error.kmsDecision().isPresent()) {
            s.append("\n    the KMS call ").append(service).append(" made for the caller was ")
                    .append(of(error.kmsDecision().get()));
        } else if (error.kmsError().isPresent()) {
            s.append("\n    the KMS call ").append(service).append(" made for the caller failed: ")
                    .append(of(error.kmsError().get()));
        } else {
            s.append("\n    ").append(service).append(" itself refused (its resource policy, or the caller's IAM "
                    + "policy for ").append(service).append("); KMS was never asked");
        }
        return s.toString();
    }
}
