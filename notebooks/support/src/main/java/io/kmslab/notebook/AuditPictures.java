package io.kmslab.notebook;

import io.kmslab.audit.AuditEvent;
import io.kmslab.audit.UserIdentity;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The audit trail (CloudTrail events) as a table and as a picture: one lane per principal, one mark per event in
 * time order, green for a success, red for a failure, grey for KMS's own service events, and under each mark the
 * trails that hold it.
 *
 * <pre>{@code
 * show(AuditPictures.table(lab.auditTrail().query(AuditQuery.account(A))));
 * show(AuditPictures.lanes(Map.of("A", trailOfA, "B", trailOfB)));
 * }</pre>
 */
public final class AuditPictures {

    private AuditPictures() {
    }

    /** Who made the call, in short: "alice @111122223333 via s3.amazonaws.com", or "AWS Internal" for KMS. */
    public static String who(AuditEvent e) {
        UserIdentity u = e.userIdentity();
        if (u.arn() == null) {
            return u.invokedBy();
        }
        String name = u.arn().substring(u.arn().lastIndexOf(':') + 1).replace("user/", "");
        return name + " @" + u.accountId() + (u.invokedBy() != null ? " via " + u.invokedBy() : "");
    }

    /** The error code in red, "service event", or "success" in green. */
    public static Html outcome(AuditEvent e) {
        if (e.errorCode() != null) {
            return Html.bad(e.errorCode());
        }
        return "AwsServiceEvent".equals(e.eventType()) ? Html.italic("service event")
                : new Html("<span style='color:" + Html.GREEN + "'>success</span>");
    }

    /** eventTime, eventName, who, readOnly, outcome and the keys (ARN ends) of each event. */
    public static Table table(List<AuditEvent> events) {
        Table t = Table.of("eventTime", "eventName", "who", "readOnly", "outcome", "resources").small();
        for (AuditEvent e : events) {
            String resources = e.resources() == null ? ""
                    : e.resources().stream().map(r -> Format.tail(r.arn(), 12)).toList().toString();
            t.row(e.eventTime(), Html.code(e.eventName()), who(e), e.readOnly(), outcome(e), resources);
        }
        return t;
    }

    /**
     * Every event of the given trails once (by eventID), in time order, one lane per principal; under each mark the
     * names of the trails that hold it ("A", "B", "A+B"). The map's keys are those short names, its values the events
     * of each trail.
     */
    public static Picture lanes(Map<String, List<AuditEvent>> trails) {
        Map<String, AuditEvent> unique = new LinkedHashMap<>();
        Map<String, String> holders = new LinkedHashMap<>();
        trails.forEach((trailName, events) -> {
            for (AuditEvent e : events) {
                unique.putIfAbsent(e.eventID(), e);
                holders.merge(e.eventID(), trailName, (x, y) -> x + "+" + y);
            }
        });
        List<AuditEvent> ordered = new ArrayList<>(unique.values());
        ordered.sort((x, y) -> x.eventTime().compareTo(y.eventTime()));
        List<String> lanes = new ArrayList<>();
        for (AuditEvent e : ordered) {
            if (!lanes.contains(lane(e))) {
                lanes.add(lane(e));
            }
        }
        TextStyle small = TextStyle.size(11);
        int left = 10 + (int) Math.ceil(lanes.stream().mapToDouble(small::width).max().orElse(100)) + 14;
        double longestName = ordered.stream().mapToDouble(e -> small.width(e.eventName())).max().orElse(60);
        int laneH = 44;
        int step = 38;
        int top = (int) Math.ceil(30 + longestName * Math.sin(Math.toRadians(50))) + laneH / 2;
        int width = left + Math.max(ordered.size(), 1) * step + (int) Math.ceil(longestName * 0.65) + 20;
        int height = top + lanes.size() * laneH + 60;
        Svg svg = Svg.canvas(width, height)
                .text(0, 16, ordered.size() + " events, " + lanes.size() + " principals", TextStyle.size(14).bold());
        for (int l = 0; l < lanes.size(); l++) {
            int y = top + l * laneH;
            svg.rect(0, y - laneH / 2.0, width, laneH, Svg.filled(l % 2 == 0 ? "#f4f6f8" : "#ffffff"))
                    .text(6, y + 4, lanes.get(l), small);
        }
        String lastDay = "";
        int dayMarks = 0;
        for (int i = 0; i < ordered.size(); i++) {
            AuditEvent e = ordered.get(i);
            int x = left + i * step + step / 2;
            int y = top + lanes.indexOf(lane(e)) * laneH;
            String color = e.errorCode() != null ? "#d9534f" : "AwsServiceEvent".equals(e.eventType()) ? "#999999"
                    : "#5cb85c";
            String day = Format.day(e.eventTime());
            if (!day.equals(lastDay)) {
                svg.line(x - step / 2.0, top - laneH / 2.0, x - step / 2.0, height - 30,
                                Svg.stroke("#333").dashed("3 3"))
                        .text(x - step / 2.0 + 3, height - 22 + 14 * (dayMarks++ % 2), day, small);
                lastDay = day;
            }
            svg.text(x + 3, top - laneH / 2.0 - 4, e.eventName(), small.rotate(-50))
                    .line(x, top - laneH / 2.0, x, y - 7, Svg.stroke("#cccccc"))
                    .circle(x, y, 7, Svg.filled(color))
                    .text(x, y + 19, holders.get(e.eventID()), TextStyle.size(9).middle());
        }
        return svg.picture();
    }

    private static String lane(AuditEvent e) {
        return e.userIdentity().arn() == null ? "AWS Internal (KMS)"
                : who(e).replaceAll(" via [a-z0-9.-]+\\.amazonaws\\.com$", "");
    }
}
