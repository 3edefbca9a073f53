package ru.tos.dutydesk.matching.eval;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import ru.tos.dutydesk.matching.Decision;
import ru.tos.dutydesk.matching.Thresholds;

import java.util.List;
import java.util.Locale;

/**
 * One matcher's results on an evaluation set. Shares are in [0, 1]; a share over no rows is 0.
 *
 * @param matcher    a name for the matcher ("ours", "baseline")
 * @param thresholds the thresholds its decisions were taken with
 */
public record EvalReport(String matcher, Thresholds thresholds, List<RowResult> rows) {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    public EvalReport {
        rows = List.copyOf(rows);
    }

    public long answerable() {
        return rows.stream().filter(RowResult::answerable).count();
    }

    public long outOfScope() {
        return rows.size() - answerable();
    }

    /** Answerable rows whose best guess is right, whatever was decided. */
    public double topOneAccuracy() {
        return share(rows.stream().filter(RowResult::topOneCorrect).count(), answerable());
    }

    /** Answerable rows answered at once, and rightly. */
    public double answeredCorrectly() {
        return share(rows.stream().filter(r -> r.topOneCorrect() && r.decision() == Decision.ANSWER).count(), answerable());
    }

    /** Must-escalate rows that reached a person (escalated, or the desk was asked for a person). */
    public double outOfScopeEscalated() {
        return share(rows.stream().filter(r -> !r.answerable() && r.reachesPerson()).count(), outOfScope());
    }

    /** Rows answered at once with a wrong id, over all rows. */
    public double confidentWrong() {
        return share(rows.stream().filter(RowResult::confidentWrong).count(), rows.size());
    }

    public List<RowResult> mistakes() {
        return rows.stream().filter(RowResult::mistake).toList();
    }

    private static double share(long part, long whole) {
        return whole == 0 ? 0 : (double) part / whole;
    }

    /** A side-by-side table of our matcher and the baseline, then our mistakes. */
    public static String toText(EvalReport ours, EvalReport baseline) {
        StringBuilder sb = new StringBuilder(summary(ours, baseline));
        List<RowResult> mistakes = ours.mistakes();
        sb.append(String.format(Locale.ROOT, "%nMistakes of %s (%d):%n", ours.matcher(), mistakes.size()));
        for (RowResult r : mistakes) {
            sb.append(String.format(Locale.ROOT, "  %-8s %.2f  expected %-28s got %-28s %s%n", r.decision(), r.score(),
                    r.expected(), r.id() == null ? "(nothing)" : r.id(), r.question()));
        }
        return sb.toString();
    }

    /** The side-by-side table alone, without questions: what a held-out set may show. */
    public static String summary(EvalReport ours, EvalReport baseline) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "%d questions: %d answerable, %d must go to a person%n%n",
                ours.rows().size(), ours.answerable(), ours.outOfScope()));
        sb.append(String.format(Locale.ROOT, "%-40s %10s %10s%n", "", ours.matcher(), baseline.matcher()));
        line(sb, "top-1 accuracy (answerable)", ours.topOneAccuracy(), baseline.topOneAccuracy());
        line(sb, "answered at once, correctly", ours.answeredCorrectly(), baseline.answeredCorrectly());
        line(sb, "out of scope escalated", ours.outOfScopeEscalated(), baseline.outOfScopeEscalated());
        line(sb, "confidently wrong (all rows)", ours.confidentWrong(), baseline.confidentWrong());
        sb.append(String.format(Locale.ROOT, "%-40s %10s %10s%n", "thresholds answer/suggest/margin",
                thresholds(ours.thresholds()), thresholds(baseline.thresholds())));
        return sb.toString();
    }

    private static void line(StringBuilder sb, String label, double a, double b) {
        sb.append(String.format(Locale.ROOT, "%-40s %9.1f%% %9.1f%%%n", label, 100 * a, 100 * b));
    }

    private static String thresholds(Thresholds t) {
        return t == null ? "-" : String.format(Locale.ROOT, "%.2f/%.2f/%.2f", t.answer(), t.suggest(), t.margin());
    }

    /** One JSON object: the summary figures of both matchers and our per-row results. */
    public static String toJson(EvalReport ours, EvalReport baseline) {
        ObjectNode root = JSON.createObjectNode();
        root.put("questions", ours.rows().size());
        root.put("answerable", ours.answerable());
        root.put("out_of_scope", ours.outOfScope());
        root.set(ours.matcher(), ours.summary());
        root.set(baseline.matcher(), baseline.summary());
        ArrayNode rows = root.putArray("rows");
        for (RowResult r : ours.rows()) {
            ObjectNode row = rows.addObject();
            row.put("question", r.question());
            row.put("expected", r.expected());
            row.put("decision", r.decision().name());
            row.put("id", r.id());
            row.put("score", Math.round(r.score() * 1000) / 1000.0);
        }
        try {
            return JSON.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the report as JSON", e);
        }
    }

    private ObjectNode summary() {
        ObjectNode s = JSON.createObjectNode();
        s.put("top1_accuracy", round(topOneAccuracy()));
        s.put("answered_correctly", round(answeredCorrectly()));
        s.put("out_of_scope_escalated", round(outOfScopeEscalated()));
        s.put("confident_wrong", round(confidentWrong()));
        if (thresholds != null) {
            ObjectNode t = s.putObject("thresholds");
            t.put("answer", thresholds.answer());
            t.put("suggest", thresholds.suggest());
            t.put("margin", thresholds.margin());
        }
        return s;
    }

    private static double round(double share) {
        return Math.round(share * 10000) / 10000.0;
    }
}
