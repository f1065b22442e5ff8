package io.kmslab.server;

import io.kmslab.policy.PolicyDecision;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A {@link PolicyDecision} as the tour prints it: {@link PolicyDecision#explain()} without what the tour has shown
 * already (the request, the AccessDeniedException message) and without the condition keys the policies test, which
 * decide nothing in the tour; the key ARN and the caller's ARN are left out where they are obvious, and long lists
 * of actions are cut after their first three.
 */
final class DecisionTrace {
    private static final String CONDITION_KEYS = "condition keys the policies test:";
    private static final Pattern LIST = Pattern.compile("\\[([^\\[\\]]*)]");
    private static final int LIST_ITEMS_SHOWN = 3;

    private DecisionTrace() {
    }

    /** The trace, shortened: the verdict, the deciding statement, and each statement considered. */
    static List<String> compact(PolicyDecision decision) {
        String keyArn = decision.request().resourceArn();
        String principalArn = decision.request().principalArn();
        List<String> explained = decision.explain().lines().toList();
        List<String> lines = new ArrayList<>();
        for (String line : explained.subList(1, explained.size())) {
            if (line.equals(CONDITION_KEYS)) {
                break;
            }
            if (line.strip().startsWith("AccessDeniedException: ")) {
                continue;
            }
            String shorter = line.replace(" in the key policy of " + keyArn, " in the key policy")
                    .replace("\" of " + principalArn, "\"");
            lines.add(abbreviateLists(shorter));
        }
        return lines;
    }

    /** One line: allowed or denied, by which rule, and the deciding statement's Sid if a statement decided. */
    static String verdict(PolicyDecision decision) {
        return (decision.allowed() ? "ALLOWED: " : "DENIED: ") + decision.rule().meaning()
                + decision.decidingSid().map(sid -> " (\"" + sid + "\")").orElse("");
    }

    private static String abbreviateLists(String line) {
        Matcher matcher = LIST.matcher(line);
        StringBuilder s = new StringBuilder();
        while (matcher.find()) {
            List<String> items = List.of(matcher.group(1).split(", "));
            String list = items.size() <= LIST_ITEMS_SHOWN + 1 ? matcher.group()
                    : "[" + String.join(", ", items.subList(0, LIST_ITEMS_SHOWN)) + ", ... (" + items.size()
                            + " in all)]";
            matcher.appendReplacement(s, Matcher.quoteReplacement(list));
        }
        matcher.appendTail(s);
        return s.toString();
    }
}
