package ru.tos.dutydesk.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import ru.tos.dutydesk.knowledge.KnowledgeBase;
import ru.tos.dutydesk.matching.BaselineMatcher;
import ru.tos.dutydesk.matching.IntentDetector;
import ru.tos.dutydesk.matching.LuceneMatcher;
import ru.tos.dutydesk.matching.RussianAnalysis;
import ru.tos.dutydesk.matching.Thresholds;
import ru.tos.dutydesk.matching.eval.EvalFile;
import ru.tos.dutydesk.matching.eval.EvalFileException;
import ru.tos.dutydesk.matching.eval.EvalReport;
import ru.tos.dutydesk.matching.eval.EvalRow;
import ru.tos.dutydesk.matching.eval.Evaluation;
import ru.tos.dutydesk.matching.eval.ThresholdCalibrator;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * Matching quality on an evaluation file: ours with the thresholds in config, beside the plain baseline
 * (BM25 over question variants, stock RussianAnalyzer, no synonyms) with thresholds calibrated the same way.
 */
@Command(name = "eval", description = "Measure matching on FILE (question<TAB>expected id or -), beside a baseline.")
final class EvalCommand implements Callable<Integer> {

    @Option(names = "--json", description = "print one JSON object")
    boolean json;

    @Option(names = "--calibrate", description = "also calibrate our thresholds on FILE and print them")
    boolean calibrate;

    @Parameters(index = "0", paramLabel = "FILE")
    Path file;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        List<EvalRow> rows = readRows(file);
        try (DeskContext ctx = new DeskContext(GlobalOptions.of(spec), System.getenv())) {
            KnowledgeBase kb = ctx.knowledgeBase();
            IntentDetector intents = new IntentDetector();
            Thresholds ours = ctx.config().thresholds();
            ThresholdCalibrator calibrator = new ThresholdCalibrator(intents);
            LuceneMatcher matcher = new LuceneMatcher(kb, RussianAnalysis.standard(), ours);
            Thresholds baselineThresholds = calibrator.calibrate(rows, new BaselineMatcher(kb, ours)).thresholds();
            Evaluation evaluation = new Evaluation(intents);
            EvalReport oursReport = evaluation.run("ours", ours, rows, matcher);
            EvalReport baseReport = evaluation.run("baseline", baselineThresholds, rows,
                    new BaselineMatcher(kb, baselineThresholds));
            PrintWriter out = spec.commandLine().getOut();
            out.println(json ? EvalReport.toJson(oursReport, baseReport) : EvalReport.toText(oursReport, baseReport));
            if (calibrate && !json) {
                out.println("calibrated on this file: " + calibrator.calibrate(rows, matcher));
            }
            return 0;
        }
    }

    /** The rows of an evaluation file; a malformed one is a one-line error naming the file and line. */
    static List<EvalRow> readRows(Path file) {
        try {
            return EvalFile.read(file);
        } catch (EvalFileException e) {
            throw new StartupException(e.getMessage());
        }
    }
}
