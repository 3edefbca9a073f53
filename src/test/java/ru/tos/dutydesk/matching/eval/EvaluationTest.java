package ru.tos.dutydesk.matching.eval;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import ru.tos.dutydesk.matching.Candidate;
import ru.tos.dutydesk.matching.DecisionPolicy;
import ru.tos.dutydesk.matching.IntentDetector;
import ru.tos.dutydesk.matching.Matcher;
import ru.tos.dutydesk.matching.Ranker;
import ru.tos.dutydesk.matching.Thresholds;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class EvaluationTest {
    /** A ranker that knows fixed answers: question → (id, confidence). */
    private static Ranker fixed(Map<String, Candidate> answers) {
        return q -> answers.containsKey(q) ? List.of(answers.get(q)) : List.of();
    }

    private static final List<EvalRow> ROWS = List.of(
            new EvalRow("q1", "a"), new EvalRow("q2", "b"), new EvalRow("q3", "c"), new EvalRow("спасибо", "smalltalk-thanks"),
            new EvalRow("x1", "-"), new EvalRow("x2", "-"));

    private static final Ranker RANKER = fixed(Map.of(
            "q1", new Candidate("a", "A", 0.9),    // right, confident
            "q2", new Candidate("b", "B", 0.4),    // right, unsure
            "q3", new Candidate("z", "Z", 0.85),   // wrong, fairly confident
            "x1", new Candidate("a", "A", 0.2),    // out of scope, low
            "x2", new Candidate("b", "B", 0.5)));  // out of scope, plausible

    private static Matcher withThresholds(Thresholds t) {
        DecisionPolicy policy = new DecisionPolicy(t);
        return q -> policy.decide(RANKER.rank(q));
    }

    @Test
    void computesTheFiguresFromTheRows() {
        Thresholds t = new Thresholds(0.8, 0.3, 0.0);
        EvalReport r = new Evaluation(new IntentDetector()).run("ours", t, ROWS, withThresholds(t));
        assertThat(r.answerable()).isEqualTo(4);
        assertThat(r.topOneAccuracy()).isEqualTo(3 / 4.0);          // q1, q2 and the thanks intent
        assertThat(r.answeredCorrectly()).isEqualTo(2 / 4.0);       // q1 and the intent
        assertThat(r.outOfScopeEscalated()).isEqualTo(1 / 2.0);     // x1 only; x2 was suggested
        assertThat(r.confidentWrong()).isCloseTo(1 / 6.0, within(1e-9)); // q3
        assertThat(r.mistakes()).extracting(RowResult::question).containsExactly("q3", "x2");
    }

    @Test
    void a_question_for_a_person_that_asks_for_a_person_is_escalated_not_confidently_wrong() {
        Thresholds t = new Thresholds(0.8, 0.3, 0.0);
        List<EvalRow> rows = List.of(new EvalRow("посоветуйте юриста по наследству, позовите человека", "-"));

        EvalReport r = new Evaluation(new IntentDetector()).run("ours", t, rows, withThresholds(t));

        assertThat(r.outOfScopeEscalated()).isEqualTo(1.0);
        assertThat(r.confidentWrong()).isZero();
        assertThat(r.mistakes()).isEmpty();
    }

    @Test
    void reportsAsATableAndAsJson() throws Exception {
        Thresholds t = new Thresholds(0.8, 0.3, 0.0);
        Evaluation evaluation = new Evaluation(new IntentDetector());
        EvalReport ours = evaluation.run("ours", t, ROWS, withThresholds(t));
        EvalReport baseline = evaluation.run("baseline", t, ROWS, q -> new DecisionPolicy(t).decide(List.of()));
        String text = EvalReport.toText(ours, baseline);
        assertThat(text).contains("ours", "baseline", "top-1 accuracy", "75.0%", "0.0%", "q3", "x2");
        JsonNode json = new ObjectMapper().readTree(EvalReport.toJson(ours, baseline));
        assertThat(json.get("ours").get("top1_accuracy").asDouble()).isEqualTo(0.75);
        assertThat(json.get("baseline").get("top1_accuracy").asDouble()).isEqualTo(0.25);
        assertThat(json.get("rows")).hasSize(6);
        JsonNode first = json.get("rows").get(0);
        assertThat(first.get("question").asText()).isEqualTo("q1");
        assertThat(first.get("expected").asText()).isEqualTo("a");
        assertThat(first.get("decision").asText()).isEqualTo("ANSWER");
        assertThat(first.get("id").asText()).isEqualTo("a");
        assertThat(first.get("score").asDouble()).isEqualTo(0.9);
    }

    @Test
    void calibrationMeetsTheBoundsAndAnswersWhatItSafelyCan() {
        ThresholdCalibrator.Calibration c = new ThresholdCalibrator(new IntentDetector()).calibrate(ROWS, RANKER);
        // with 6 rows no wrong answer is allowed (3% of 6 < 1), and both out-of-scope rows must be escalated
        assertThat(c.feasible()).isTrue();
        assertThat(c.confidentWrong()).isZero();
        assertThat(c.outOfScopeEscalated()).isEqualTo(2);
        Thresholds t = c.thresholds();
        assertThat(t.answer()).isGreaterThan(0.85).isLessThanOrEqualTo(0.9); // answers q1 but not q3
        assertThat(t.suggest()).isGreaterThan(0.5);                          // escalates x2
        assertThat(c.correctAnswers()).isEqualTo(2);                         // q1 and the thanks
    }
}
