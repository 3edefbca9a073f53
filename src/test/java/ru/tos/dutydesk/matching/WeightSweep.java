package ru.tos.dutydesk.matching;

import ru.tos.dutydesk.knowledge.KnowledgeBase;
import ru.tos.dutydesk.matching.eval.EvalFile;
import ru.tos.dutydesk.matching.eval.EvalRow;
import ru.tos.dutydesk.matching.eval.Evaluation;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * How {@link MatchTuning#standard()} was chosen: a grid over the field weights, scored by top-1 accuracy on two
 * evaluation files together (the calibration file and the project's own), so a weight that only suits one of
 * them does not win. Thresholds are then calibrated with {@code eval --calibrate}. Not a test; run by hand:
 * {@code java -cp target/test-classes:target/classes:<deps> ru.tos.dutydesk.matching.WeightSweep DEV.tsv [OWN.tsv]}
 */
public final class WeightSweep {
    private WeightSweep() {
    }

    public static void main(String[] args) {
        KnowledgeBase kb = FaqFiles.load(Path.of("faq"));
        RussianAnalysis analysis = RussianAnalysis.standard();
        KnowledgeIndex index = new KnowledgeIndex(kb, analysis);
        List<EvalRow> first = EvalFile.read(Path.of(args[0]));
        List<EvalRow> second = EvalFile.read(Path.of(args.length > 1 ? args[1] : "src/test/resources/eval/own.tsv"));
        Thresholds thresholds = new Thresholds(0.45, 0.41, 0.08); // top-1 does not depend on them
        Evaluation evaluation = new Evaluation(new IntentDetector());
        double[] questions = {1.5, 2, 2.5};
        double[] variant = {0.5, 1, 1.5, 2};
        double[] tags = {0.1, 0.3, 0.5};
        double[] body = {0.6, 1.2, 1.8, 2.4};
        double[] minor = {0.5, 0.7, 1};
        double[] tie = {0.2, 0.4};
        List<String> lines = new ArrayList<>();
        for (double q : questions) for (double v : variant) for (double t : tags) for (double b : body)
            for (double m : minor) for (double ti : tie) {
                MatchTuning tuning = new MatchTuning(q, v, t, b, 1.0, ti, 0.8, m);
                LuceneMatcher matcher = new LuceneMatcher(index, analysis, tuning, thresholds);
                double a = evaluation.run("a", thresholds, first, matcher).topOneAccuracy();
                double c = evaluation.run("b", thresholds, second, matcher).topOneAccuracy();
                lines.add(String.format("%.3f  %.3f %.3f  %s", a + c, a, c, tuning));
            }
        lines.sort(Comparator.reverseOrder());
        lines.stream().limit(20).forEach(System.out::println);
    }
}
