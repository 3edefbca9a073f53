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
 * How {@link MatchTuning#standard()} is chosen: a grid over the field weights, scored by top-1 accuracy on the
 * calibration file only (the project's own file is the held-out test and must not steer the weights). Thresholds
 * are then calibrated with {@code eval --calibrate}. Not a test; run by hand:
 * {@code java -cp target/test-classes:target/classes:<deps> ru.tos.dutydesk.matching.WeightSweep DEV.tsv}
 */
public final class WeightSweep {
    private WeightSweep() {
    }

    public static void main(String[] args) {
        KnowledgeBase kb = FaqFiles.load(Path.of("faq"));
        RussianAnalysis analysis = RussianAnalysis.standard();
        KnowledgeIndex index = new KnowledgeIndex(kb, analysis);
        List<EvalRow> rows = EvalFile.read(Path.of(args[0]));
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
                double a = evaluation.run("dev", thresholds, rows, matcher).topOneAccuracy();
                lines.add(String.format("%.3f  %s", a, tuning));
            }
        lines.sort(Comparator.reverseOrder());
        lines.stream().limit(20).forEach(System.out::println);
    }
}
