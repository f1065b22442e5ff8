package io.kmslab.labs;

import io.kmslab.Caller;
import io.kmslab.Kms;
import io.kmslab.KmsLab;
import io.kmslab.errors.KmsException;
import io.kmslab.policy.PolicyDecision;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Grades a policy answer against a table of requests whose outcome is known (who, which action, which context,
 * through which service: allow or deny), plus probes that catch an over-permissive answer (another account, another
 * principal, another action). KMS Lab's own authorization decides each row ({@link Kms#whatIf}), so a mismatch is
 * explained by the statement that decided it.
 */
public final class PolicyOracle {
    /**
     * One request of the table.
     *
     * @param name the request in the learner's words ("App encrypts", "another account decrypts")
     * @param caller who asks
     * @param action the KMS action ({@code kms:Decrypt})
     * @param context the encryption context of the request (empty for none)
     * @param viaService the service the request comes through ({@code s3}), or null for a direct call
     * @param allowed what the right answer decides
     * @param probe whether the row is a probe for over-permissive answers
     */
    public record Row(String name, Caller caller, String action, Map<String, String> context, String viaService,
            boolean allowed, boolean probe) {
        public Row {
            // in key order: a verdict names the same context the same way on every run (Map.copyOf's order is not)
            context = context == null ? Map.of()
                    : java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(context));
        }

        public static Row allow(String name, Caller caller, String action) {
            return new Row(name, caller, action, Map.of(), null, true, false);
        }

        public static Row deny(String name, Caller caller, String action) {
            return new Row(name, caller, action, Map.of(), null, false, false);
        }

        /** A row that only an over-permissive answer would allow. */
        public static Row probe(String name, Caller caller, String action) {
            return new Row(name, caller, action, Map.of(), null, false, true);
        }

        public Row withContext(Map<String, String> encryptionContext) {
            return new Row(name, caller, action, encryptionContext, viaService, allowed, probe);
        }

        public Row through(String service) {
            return new Row(name, caller, action, context, service, allowed, probe);
        }
    }

    private final KmsLab lab;
    private final String region;
    private final String keyArn;

    /** Rows about the key {@code keyArn} of {@code region} in {@code lab}, where the answer is already applied. */
    public PolicyOracle(KmsLab lab, String region, String keyArn) {
        this.lab = lab;
        this.region = region;
        this.keyArn = keyArn;
    }

    /** What KMS decides for one row. */
    public PolicyDecision decide(Row row) {
        Kms kms = lab.kms(row.caller(), region);
        if (row.viaService() != null) {
            kms = kms.viaService(row.viaService());
        }
        return kms.whatIf(row.action(), keyArn, row.context());
    }

    /**
     * One requirement: met when KMS decides every row as the row expects; otherwise the explanation names each row
     * decided otherwise, the probe it was (for an over-permissive answer), and the statement that decided.
     */
    public Requirement requirement(String name, List<Row> rows) {
        List<String> wrong = new ArrayList<>();
        // rows decided otherwise for the same reason (caller, context, service, rule, deciding statement) are told
        // together, so that seven actions refused by one statement make one line, not seven
        Map<List<Object>, List<Mismatch>> groups = new LinkedHashMap<>();
        for (Row row : rows) {
            PolicyDecision decision;
            try {
                decision = decide(row);
            } catch (KmsException e) {
                wrong.add(label(row) + ": " + e.errorCode() + " " + e.getMessage());
                continue;
            }
            if (decision.allowed() != row.allowed()) {
                Mismatch m = new Mismatch(row, decision);
                groups.computeIfAbsent(m.reasonKey(), k -> new ArrayList<>()).add(m);
            }
        }
        groups.values().forEach(g -> wrong.add(describe(g)));
        return wrong.isEmpty() ? Requirement.met(name, rows.size() + " requests decided as required")
                : Requirement.notMet(name, String.join("\n", wrong));
    }

    private record Mismatch(Row row, PolicyDecision decision) {
        /** The note with the row's action made generic, so that notes differing only by action group. */
        String note() {
            return decision.note() == null ? null : decision.note().replace(row.action(), "the action");
        }

        List<Object> reasonKey() {
            return java.util.Arrays.asList(row.caller().arn(), row.context(), row.viaService(), row.allowed(),
                    row.probe(), decision.rule(), decision.deciding() == null ? null
                            : decision.deciding().statement().label() + " " + decision.deciding().source(),
                    decision.decidingGrant() == null ? null : decision.decidingGrant().grant().grantId(), note());
        }
    }

    private static String label(Row row) {
        return row.probe() ? "probe '" + row.name() + "'" : "'" + row.name() + "'";
    }

    private static String describe(List<Mismatch> group) {
        Mismatch first = group.get(0);
        Row row = first.row();
        PolicyDecision decision = first.decision();
        StringBuilder s = new StringBuilder();
        s.append(group.stream().map(m -> label(m.row())).collect(Collectors.joining(", "))).append(" (")
                .append(row.caller().arn());
        if (group.size() == 1 || !group.stream().allMatch(m -> m.row().name().contains(m.row().action()))) {
            // the actions, unless the rows' names already say them
            s.append(", ").append(group.stream().map(m -> m.row().action()).distinct()
                    .collect(Collectors.joining(", ")));
        }
        if (!row.context().isEmpty()) {
            s.append(", context ").append(row.context());
        }
        if (row.viaService() != null) {
            s.append(", through ").append(row.viaService());
        }
        s.append("): ").append(decision.allowed() ? "ALLOWED" : "DENIED").append(", should be ")
                .append(row.allowed() ? "allowed" : "denied").append(": ").append(decision.rule().meaning());
        // the note says e.g. which key policy statement let another account in, when the caller's IAM statement decided
        s.append(DecisionWording.decidingClause(decision, group.size() == 1 ? decision.note() : first.note()));
        return s.toString();
    }
}
