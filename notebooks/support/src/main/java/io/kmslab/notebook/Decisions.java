package io.kmslab.notebook;

import io.kmslab.Caller;
import io.kmslab.KmsLab;
import io.kmslab.policy.PolicyDecision;
import io.kmslab.policy.PolicyKind;
import io.kmslab.policy.PolicySource;
import java.util.ArrayList;
import java.util.List;

/**
 * The calls of a notebook on authorization, each with the {@link PolicyDecision} the engine recorded for it
 * ({@code lab.lastDecision()}), and their tables: a few calls, one trace, every call grouped by the rule that decided.
 *
 * <pre>{@code
 * var calls = Decisions.of(lab);
 * var bobDefault = calls.attempt("default policy", bob, "Encrypt", () -> ...);
 * show(calls.table(bobDefault), calls.trace(bobDefault));
 * }</pre>
 */
public final class Decisions {

    /** One call: its number, the case it belongs to, who, what, the decision (null: none) and the error (null: none). */
    public record Attempt(int number, String scenario, String caller, String request, PolicyDecision decision,
            String error) {

        /** True when the call succeeded. */
        public boolean succeeded() {
            return error == null;
        }
    }

    private final KmsLab lab;
    private final List<Attempt> attempts = new ArrayList<>();

    private Decisions(KmsLab lab) {
        this.lab = lab;
    }

    public static Decisions of(KmsLab lab) {
        return new Decisions(lab);
    }

    /** Makes the call as {@code caller}, keeping what KMS answered and decided. */
    public Attempt attempt(String scenario, Caller caller, String request, Calls.Call call) {
        PolicyDecision before = lab.lastDecision().orElse(null);
        String answer = Calls.answer(call);
        PolicyDecision after = lab.lastDecision().orElse(null);
        String arn = caller.arn();
        String who = arn.substring(arn.lastIndexOf(':') + 1) + " @" + caller.accountId();
        // no new decision: the call failed before authorization (the key was not found, say)
        Attempt a = new Attempt(attempts.size() + 1, scenario, who, request, after == before ? null : after,
                answer.equals("succeeded") ? null : answer);
        attempts.add(a);
        return a;
    }

    public List<Attempt> attempts() {
        return List.copyOf(attempts);
    }

    /** ALLOWED / DENIED, or the error code of a call that was never authorized. */
    public static Html verdict(Attempt a) {
        if (a.decision() == null) {
            return a.error() == null ? Html.good("succeeded") : Html.warn(code(a.error()));
        }
        return a.decision().allowed() ? Html.good("ALLOWED") : Html.bad("DENIED");
    }

    /** The deciding statement (and its policy) or grant, "-" when none decided. */
    public static String deciding(PolicyDecision d) {
        if (d == null) {
            return "";
        }
        if (d.decidingGrant() != null) {
            var g = d.decidingGrant().grant();
            return "grant " + (g.name() != null ? "\"" + g.name() + "\"" : g.grantId());
        }
        if (d.deciding() == null) {
            return "-";
        }
        PolicySource source = d.deciding().source();
        return d.deciding().statement().label()
                + (source.kind() == PolicyKind.KEY_POLICY ? " (key policy)" : " (IAM policy " + source.name() + ")");
    }

    /** These calls: caller, request, decision, rule, deciding statement or grant, and what the caller got. */
    public Table table(Attempt... rows) {
        Table t = Table.of("#", "caller", "request", "decision", "rule", "deciding statement or grant",
                "what the caller gets").small();
        for (Attempt a : rows) {
            t.row(a.number(), a.caller(), a.request(), verdict(a), rule(a), deciding(a.decision()),
                    a.error() == null ? "success" : Html.code(a.error()));
        }
        return t;
    }

    /** One decision in full ({@code decision.explain()}). */
    public Html trace(Attempt a) {
        if (a.decision() == null) {
            return Html.p("#" + a.number() + " was never authorized: ", Html.code(a.error()));
        }
        return Html.of(Html.p(Html.bold("Trace of #" + a.number()), " (", Html.code("decision.explain()"), "):"),
                Html.pre(a.decision().explain()));
    }

    /** Every call so far, with its case. */
    public Table summary() {
        Table t = Table.of("#", "case", "caller", "request", "decision", "rule", "deciding statement or grant")
                .small();
        for (Attempt a : attempts) {
            t.row(a.number(), a.scenario(), a.caller(), a.request(), verdict(a), rule(a), deciding(a.decision()));
        }
        return t;
    }

    /** The rules that decided, what each means, and the calls it decided. */
    public Table byRule() {
        Table t = Table.of("rule", "meaning", "calls");
        for (PolicyDecision.Rule rule : PolicyDecision.Rule.values()) {
            List<Integer> numbers = attempts.stream().filter(a -> a.decision() != null && a.decision().rule() == rule)
                    .map(Attempt::number).toList();
            if (!numbers.isEmpty()) {
                t.row(Html.code(rule), rule.meaning(), numbers);
            }
        }
        return t;
    }

    /** "N calls: x succeeded, y refused." */
    public Html counts() {
        long ok = attempts.stream().filter(Attempt::succeeded).count();
        return Html.p(attempts.size() + " calls: " + ok + " succeeded, " + (attempts.size() - ok) + " refused.");
    }

    private static Object rule(Attempt a) {
        return a.decision() == null ? "" : Html.code(a.decision().rule());
    }

    private static String code(String error) {
        int colon = error.indexOf(':');
        int space = error.indexOf(' ');
        int end = colon < 0 ? space : space < 0 ? colon : Math.min(colon, space);
        return end < 0 ? error : error.substring(0, end);
    }
}
