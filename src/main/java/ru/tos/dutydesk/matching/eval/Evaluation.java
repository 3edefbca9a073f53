package ru.tos.dutydesk.matching.eval;

import ru.tos.dutydesk.matching.Candidate;
import ru.tos.dutydesk.matching.Decision;
import ru.tos.dutydesk.matching.IntentDetector;
import ru.tos.dutydesk.matching.Intent;
import ru.tos.dutydesk.matching.MatchResult;
import ru.tos.dutydesk.matching.Matcher;
import ru.tos.dutydesk.matching.Thresholds;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Runs an evaluation set through the desk's way of handling a message: intents first (a recognised intent is
 * an ANSWER with the intent's id), then the matcher.
 */
public final class Evaluation {
    private final IntentDetector intents;

    public Evaluation(IntentDetector intents) {
        this.intents = intents;
    }

    public EvalReport run(String name, Thresholds thresholds, List<EvalRow> rows, Matcher matcher) {
        List<RowResult> results = new ArrayList<>();
        for (EvalRow row : rows) {
            results.add(one(row, matcher));
        }
        return new EvalReport(name, thresholds, results);
    }

    private RowResult one(EvalRow row, Matcher matcher) {
        Optional<Intent> intent = intents.detect(row.question());
        if (intent.isPresent()) {
            return new RowResult(row.question(), row.expected(), Decision.ANSWER, intent.get().id(), 1.0);
        }
        MatchResult result = matcher.match(row.question());
        Optional<Candidate> best = result.best();
        return new RowResult(row.question(), row.expected(), result.decision(),
                best.map(Candidate::entryId).orElse(null), best.map(Candidate::score).orElse(0.0));
    }
}
