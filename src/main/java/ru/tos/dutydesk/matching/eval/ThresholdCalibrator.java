package ru.tos.dutydesk.matching.eval;

import ru.tos.dutydesk.matching.Candidate;
import ru.tos.dutydesk.matching.Decision;
import ru.tos.dutydesk.matching.DecisionPolicy;
import ru.tos.dutydesk.matching.IntentDetector;
import ru.tos.dutydesk.matching.MatchResult;
import ru.tos.dutydesk.matching.Ranker;
import ru.tos.dutydesk.matching.Thresholds;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * Finds decision thresholds on an evaluation set by grid search (steps of 0.01): the most correct ANSWERs
 * such that at most 1.5% of all rows are answered wrongly at once and at least 90% of the must-escalate rows are
 * escalated. The bars are 3% and 85%; thresholds calibrated right at them exceeded them on the next set written
 * (confidently wrong 2.6% on the development set, 4.8% on the project's own), so calibration keeps a margin. Ties go to the most rows helped (answered, or the right entry among the suggestions), then to the
 * middle of the tied settings, which is the least sensitive to a question slightly better or worse than those
 * seen. Rows that are intents do not depend on thresholds and are left out.
 */
public final class ThresholdCalibrator {
    /** Half the bar of 3%: on a set of about a hundred rows one question is a point, and unseen questions vary. */
    public static final double MAX_CONFIDENT_WRONG = 0.015;
    /** Five points above the bar of 85%, for the same reason. */
    public static final double MIN_OUT_OF_SCOPE_ESCALATED = 0.90;
    private static final int STEPS = 100;
    private static final int MAX_MARGIN_STEPS = 30;

    private final IntentDetector intents;

    public ThresholdCalibrator(IntentDetector intents) {
        this.intents = intents;
    }

    /**
     * @param thresholds the chosen thresholds
     * @param feasible   whether they meet both bounds (if not, they are the closest found)
     */
    public record Calibration(Thresholds thresholds, boolean feasible, int correctAnswers, int confidentWrong,
                              int outOfScopeEscalated, int rows) {
        @Override
        public String toString() {
            return String.format(Locale.ROOT, "answer=%.2f suggest=%.2f margin=%.2f (%s; %d correct answers, "
                            + "%d confidently wrong, %d out-of-scope escalated, of %d rows)",
                    thresholds.answer(), thresholds.suggest(), thresholds.margin(),
                    feasible ? "meets the bounds" : "does NOT meet the bounds", correctAnswers, confidentWrong,
                    outOfScopeEscalated, rows);
        }
    }

    /** a row and either the intent recognised in it or its ranked candidates */
    private record Ranked(EvalRow row, String intent, List<Candidate> candidates) {
        boolean intentRight() {
            return row.expected().equals(intent);
        }
    }

    private record Outcome(Thresholds t, int correct, int helped, int wrong, int escalated) {
    }

    public Calibration calibrate(List<EvalRow> rows, Ranker ranker) {
        List<Ranked> ranked = new ArrayList<>();
        int outOfScope = 0;
        for (EvalRow row : rows) {
            if (!row.answerable()) {
                outOfScope++;
            }
            // an intent is answered whatever the thresholds, rightly or not
            String intent = intents.detect(row.question()).map(i -> i.id()).orElse(null);
            ranked.add(new Ranked(row, intent, intent == null ? ranker.rank(row.question()) : null));
        }
        int maxWrong = (int) Math.floor(MAX_CONFIDENT_WRONG * rows.size() + 1e-9);
        int minEscalated = (int) Math.ceil(MIN_OUT_OF_SCOPE_ESCALATED * outOfScope - 1e-9);
        List<Outcome> best = new ArrayList<>();
        Outcome closest = null;
        for (int a = 0; a <= STEPS; a++) {
            for (int m = 0; m <= MAX_MARGIN_STEPS; m++) {
                for (int s = 0; s <= a; s++) {
                    Thresholds t = new Thresholds(a / (double) STEPS, s / (double) STEPS, m / (double) STEPS);
                    Outcome o = outcome(ranked, t);
                    if (o.wrong <= maxWrong && o.escalated >= minEscalated) {
                        if (best.isEmpty() || better(o, best.get(0)) > 0) {
                            best.clear();
                            best.add(o);
                        } else if (better(o, best.get(0)) == 0) {
                            best.add(o);
                        }
                    } else if (closest == null || violation(o, maxWrong, minEscalated) < violation(closest, maxWrong, minEscalated)) {
                        closest = o;
                    }
                }
            }
        }
        int rowsCount = rows.size();
        if (best.isEmpty()) {
            return new Calibration(closest.t, false, closest.correct + intentCorrect(ranked), closest.wrong,
                    closest.escalated, rowsCount);
        }
        best.sort(Comparator.comparingDouble((Outcome o) -> o.t.answer())
                .thenComparingDouble(o -> o.t.margin()).thenComparingDouble(o -> o.t.suggest()));
        Outcome chosen = best.get(best.size() / 2);
        return new Calibration(chosen.t, true, chosen.correct + intentCorrect(ranked), chosen.wrong,
                chosen.escalated, rowsCount);
    }

    private static int better(Outcome a, Outcome b) {
        if (a.correct != b.correct) {
            return Integer.compare(a.correct, b.correct);
        }
        return Integer.compare(a.helped, b.helped);
    }

    private static int violation(Outcome o, int maxWrong, int minEscalated) {
        return Math.max(0, o.wrong - maxWrong) + Math.max(0, minEscalated - o.escalated);
    }

    private static int intentCorrect(List<Ranked> ranked) {
        return (int) ranked.stream().filter(r -> r.intent != null && r.intentRight()).count();
    }


    private Outcome outcome(List<Ranked> ranked, Thresholds t) {
        DecisionPolicy policy = new DecisionPolicy(t);
        int correct = 0;
        int helped = 0;
        int wrong = 0;
        int escalated = 0;
        for (Ranked r : ranked) {
            if (r.intent != null) {
                wrong += r.intentRight() ? 0 : 1;
                continue;
            }
            MatchResult result = policy.decide(r.candidates);
            String best = result.best().map(Candidate::entryId).orElse(null);
            boolean answerable = r.row.answerable();
            if (result.decision() == Decision.ANSWER) {
                if (answerable && r.row.expected().equals(best)) {
                    correct++;
                    helped++;
                } else {
                    wrong++;
                }
            } else if (result.decision() == Decision.SUGGEST) {
                if (answerable && result.candidates().stream().anyMatch(c -> c.entryId().equals(r.row.expected()))) {
                    helped++;
                }
            } else if (!answerable) {
                escalated++;
            }
        }
        return new Outcome(t, correct, helped, wrong, escalated);
    }
}
