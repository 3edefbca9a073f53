package ru.tos.dutydesk.bench;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import ru.tos.dutydesk.knowledge.KnowledgeBase;
import ru.tos.dutydesk.matching.LuceneMatcher;
import ru.tos.dutydesk.matching.RussianAnalysis;
import ru.tos.dutydesk.matching.Thresholds;

/**
 * Time to build the matcher's index from an already loaded knowledge base (what a reload after editing
 * {@code faq/} costs). SingleShot: each measured call is one cold-ish build. The analysis (dictionary) is made
 * once per trial, as in the running desk.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class IndexBuildBenchmark {
    @Param({"45", "1000", "10000"})
    public int entries;

    private KnowledgeBase base;
    private RussianAnalysis analysis;
    private Thresholds thresholds;

    @Setup(Level.Trial)
    public void load() {
        BenchInputs inputs = new BenchInputs();
        base = inputs.knowledge(entries);
        thresholds = inputs.thresholds();
        analysis = RussianAnalysis.standard();
    }

    @Benchmark
    public LuceneMatcher build() {
        return new LuceneMatcher(base, analysis, thresholds);
    }
}
