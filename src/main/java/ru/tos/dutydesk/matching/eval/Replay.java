package ru.tos.dutydesk.matching.eval;

import ru.tos.dutydesk.knowledge.KnowledgeBase;
import ru.tos.dutydesk.matching.Decision;
import ru.tos.dutydesk.matching.Matcher;
import ru.tos.dutydesk.matching.Thresholds;
import ru.tos.dutydesk.matching.VariantGuard;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * Proof that teaching helps: half of an evaluation file (shuffled with a seed) is played as residents' questions to a
 * desk whose consultant teaches the expected entry whenever the desk did not answer correctly at once, through the
 * same guard as the chat (which may refuse). Then both halves are measured again: the replayed half shows what the
 * desk learnt, the other half whether that learning carries to unseen questions or does harm.
 */
public final class Replay {
    private final Evaluation evaluation;
    private final VariantGuard guard;
    private final Thresholds thresholds;

    public Replay(Evaluation evaluation, VariantGuard guard, Thresholds thresholds) {
        this.evaluation = evaluation;
        this.guard = guard;
        this.thresholds = thresholds;
    }

    /**
     * @param taught  variants the simulated consultant taught
     * @param refused variants the guard refused
     */
    public record Result(long seed, int replayedRows, int otherRows, EvalReport replayedBefore, EvalReport otherBefore,
                         EvalReport replayedAfter, EvalReport otherAfter, int taught, int refused) {
    }

    public Result run(List<EvalRow> rows, long seed, KnowledgeBase knowledge, Matcher matcher) {
        List<EvalRow> shuffled = new ArrayList<>(rows);
        Collections.shuffle(shuffled, new Random(seed));
        int half = (shuffled.size() + 1) / 2;
        List<EvalRow> replayed = shuffled.subList(0, half);
        List<EvalRow> other = shuffled.subList(half, shuffled.size());
        EvalReport replayedBefore = evaluation.run("replayed before", thresholds, replayed, matcher);
        EvalReport otherBefore = evaluation.run("other before", thresholds, other, matcher);
        KnowledgeBase kb = knowledge;
        Matcher current = matcher;
        int taught = 0;
        int refused = 0;
        for (EvalRow row : replayed) {
            RowResult r = evaluation.run("one", thresholds, List.of(row), current).rows().get(0);
            boolean answeredRight = r.decision() == Decision.ANSWER && row.expected().equals(r.id());
            // a consultant links a question to an entry; questions for a person, and intents, have none to link to
            if (answeredRight || !row.answerable() || kb.entry(row.expected()).isEmpty()) {
                continue;
            }
            VariantGuard.Verdict verdict = guard.check(kb, current, row.expected(), row.question());
            if (verdict.safe()) {
                kb = verdict.taught();
                current = verdict.matcher();
                taught++;
            } else {
                refused++;
            }
        }
        return new Result(seed, replayed.size(), other.size(), replayedBefore, otherBefore,
                evaluation.run("replayed after", thresholds, replayed, current),
                evaluation.run("other after", thresholds, other, current), taught, refused);
    }

    /** The figures as a table, percentages of each half's rows (answered at once correctly: of its answerable rows too). */
    public static String toText(String file, Result r) {
        StringBuilder sb = new StringBuilder();
        sb.append(file).append(", seed ").append(r.seed()).append(": replayed ").append(r.replayedRows())
                .append(" rows, measured ").append(r.otherRows()).append(" others; taught ").append(r.taught())
                .append(" variants, the guard refused ").append(r.refused()).append('\n');
        sb.append(String.format(java.util.Locale.ROOT, "%-44s %10s %10s %10s %10s%n", "", "replayed", "", "other", ""));
        sb.append(String.format(java.util.Locale.ROOT, "%-44s %10s %10s %10s %10s%n", "", "before", "after", "before", "after"));
        line(sb, "answered at once correctly (of all rows)", atOnce(r.replayedBefore()), atOnce(r.replayedAfter()),
                atOnce(r.otherBefore()), atOnce(r.otherAfter()));
        line(sb, "answered at once correctly (of answerable)", r.replayedBefore().answeredCorrectly(),
                r.replayedAfter().answeredCorrectly(), r.otherBefore().answeredCorrectly(), r.otherAfter().answeredCorrectly());
        line(sb, "confidently wrong (all rows)", r.replayedBefore().confidentWrong(), r.replayedAfter().confidentWrong(),
                r.otherBefore().confidentWrong(), r.otherAfter().confidentWrong());
        line(sb, "top-1 (answerable)", r.replayedBefore().topOneAccuracy(), r.replayedAfter().topOneAccuracy(),
                r.otherBefore().topOneAccuracy(), r.otherAfter().topOneAccuracy());
        return sb.toString();
    }

    /** Rows answered at once with their expected entry, over all rows of the half (questions for a person included). */
    public static double atOnce(EvalReport report) {
        long right = report.rows().stream()
                .filter(x -> x.decision() == Decision.ANSWER && x.answerable() && x.expected().equals(x.id())).count();
        return report.rows().isEmpty() ? 0 : (double) right / report.rows().size();
    }

    private static void line(StringBuilder sb, String label, double... values) {
        sb.append(String.format(java.util.Locale.ROOT, "%-44s", label));
        for (double v : values) {
            sb.append(String.format(java.util.Locale.ROOT, " %9.1f%%", v * 100));
        }
        sb.append('\n');
    }
}
