package ru.tos.dutydesk.matching.eval;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import ru.tos.dutydesk.config.ConfigLoader;
import ru.tos.dutydesk.knowledge.KnowledgeBase;
import ru.tos.dutydesk.matching.BaselineMatcher;
import ru.tos.dutydesk.matching.FaqFiles;
import ru.tos.dutydesk.matching.IntentDetector;
import ru.tos.dutydesk.matching.LuceneMatcher;
import ru.tos.dutydesk.matching.RussianAnalysis;
import ru.tos.dutydesk.matching.Thresholds;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The repository's knowledge base, with the thresholds from the shipped config, against the project's own
 * evaluation: seven files written apart from the knowledge files' question variants and from the dev set, none of
 * whose rows repeats a variant, an off-topic example or a dev question.
 * <ul>
 *   <li>{@code own.tsv}: the first set, written by three writers; its rows have since been seen while tuning;</li>
 *   <li>{@code blind-1.tsv}, {@code blind-2.tsv}: written later by writers who saw only the list of topics and
 *       the facts, never the knowledge files; {@code blind-2} was scored once, after the matcher was settled;</li>
 *   <li>{@code blind-3.tsv}, {@code blind-4.tsv}: written the same way for the topics of issue 14, and since used
 *       for tuning those topics;</li>
 *   <li>{@code blind-5.tsv}: a fresh blind file for those topics, scored once after the tuning, then its misses
 *       studied for one more round of question variants;</li>
 *   <li>{@code blind-6.tsv}: the next fresh blind file, for all 56 topics, scored once after that round.</li>
 * </ul>
 * Issue 14's bars (top-1 ≥ 90%, out of scope escalated ≥ 85%, confidently wrong ≤ 3%, answered at once correctly
 * at least 15 points above the baseline) hold for the seven taken together and for the fresh {@code blind-6.tsv} alone. Out of scope and confidently
 * wrong hold for each file too; top-1 on {@code own.tsv} alone is 86%, so per file it has a floor
 * that catches a regression. Only the summary is printed: the rows stay unseen.
 */
class OwnEvalTest {
    static final List<String> FILES = List.of("own.tsv", "blind-1.tsv", "blind-2.tsv", "blind-3.tsv", "blind-4.tsv",
            "blind-5.tsv", "blind-6.tsv");
    static final double REQUIRED_TOP_ONE = 0.90;
    static final double REQUIRED_OUT_OF_SCOPE_ESCALATED = 0.85;
    static final double CONFIDENT_WRONG_CEILING = 0.03;
    static final double TOP_ONE_FLOOR_PER_FILE = 0.85;

    private static final Map<String, EvalReport> ours = new HashMap<>();
    private static EvalReport pooled;
    private static EvalReport pooledBaseline;

    @BeforeAll
    static void evaluate() {
        KnowledgeBase knowledge = FaqFiles.load(Path.of("faq"));
        Thresholds thresholds = new ConfigLoader(Map.of()).load(Path.of("config/duty-desk.yml")).thresholds();
        IntentDetector intents = new IntentDetector();
        Evaluation evaluation = new Evaluation(intents);
        LuceneMatcher matcher = new LuceneMatcher(knowledge, RussianAnalysis.standard(), thresholds);
        List<EvalRow> all = new ArrayList<>();
        for (String file : FILES) {
            List<EvalRow> rows = EvalFile.read(Path.of("src/test/resources/eval", file));
            all.addAll(rows);
            ours.put(file, evaluation.run(file, thresholds, rows, matcher));
        }
        pooled = evaluation.run("ours", thresholds, all, matcher);
        BaselineMatcher uncalibrated = new BaselineMatcher(knowledge, thresholds);
        Thresholds baselineThresholds = new ThresholdCalibrator(intents).calibrate(all, uncalibrated).thresholds();
        pooledBaseline = evaluation.run("baseline", baselineThresholds, all, new BaselineMatcher(knowledge, baselineThresholds));
        for (String file : FILES) {
            EvalReport r = ours.get(file);
            System.out.printf("%-12s top-1 %.1f%%, out of scope escalated %.1f%%, confidently wrong %.1f%%%n", file,
                    100 * r.topOneAccuracy(), 100 * r.outOfScopeEscalated(), 100 * r.confidentWrong());
        }
        System.out.println(EvalReport.summary(pooled, pooledBaseline));
    }

    static List<String> files() {
        return FILES;
    }

    @Test
    void allTogetherMeetTheIssuesBars() {
        assertThat(pooled.topOneAccuracy()).isGreaterThanOrEqualTo(REQUIRED_TOP_ONE);
        assertThat(pooled.outOfScopeEscalated()).isGreaterThanOrEqualTo(REQUIRED_OUT_OF_SCOPE_ESCALATED);
        assertThat(pooled.confidentWrong()).isLessThanOrEqualTo(CONFIDENT_WRONG_CEILING);
    }

    @Test
    void findsTheRightEntryFirstAndAnswersAtOnceMoreOftenThanTheBaseline() {
        assertThat(pooled.topOneAccuracy()).isGreaterThan(pooledBaseline.topOneAccuracy());
        assertThat(pooled.answeredCorrectly()).isGreaterThanOrEqualTo(pooledBaseline.answeredCorrectly() + 0.15);
    }

    @ParameterizedTest
    @MethodSource("files")
    void eachFileEscalatesOutOfScopeQuestionsAndIsRarelyConfidentlyWrong(String file) {
        EvalReport r = ours.get(file);
        assertThat(r.outOfScopeEscalated()).as(file).isGreaterThanOrEqualTo(REQUIRED_OUT_OF_SCOPE_ESCALATED);
        assertThat(r.confidentWrong()).as(file).isLessThanOrEqualTo(CONFIDENT_WRONG_CEILING);
        assertThat(r.topOneAccuracy()).as(file).isGreaterThanOrEqualTo(TOP_ONE_FLOOR_PER_FILE);
    }
}
