package io.kmslab.labs;

import java.util.List;

/** The grade of one answer to one lab: a verdict per requirement; the lab is passed when every one is met. */
public record Verdict(int lab, String title, List<Requirement> requirements) {
    public Verdict {
        requirements = List.copyOf(requirements);
    }

    public boolean passed() {
        return !requirements.isEmpty() && requirements.stream().allMatch(Requirement::met);
    }

    /** The requirements not met. */
    public List<Requirement> failures() {
        return requirements.stream().filter(r -> !r.met()).toList();
    }

    /** The verdict as the terminal shows it: one line a requirement, then why for each one not met. */
    public String render() {
        StringBuilder s = new StringBuilder();
        s.append("Lab ").append(lab).append(": ").append(title).append('\n');
        for (Requirement r : requirements) {
            s.append(r.met() ? "  PASS  " : "  FAIL  ").append(r.name()).append('\n');
            if (!r.met() && r.explanation() != null && !r.explanation().isBlank()) {
                r.explanation().lines().forEach(line -> s.append("          ").append(line).append('\n'));
            }
        }
        long met = requirements.stream().filter(Requirement::met).count();
        s.append(passed() ? "PASSED" : "NOT YET").append(": ").append(met).append(" of ").append(requirements.size())
                .append(" requirements met\n");
        return s.toString();
    }
}
