package ru.tos.dutydesk.bench;

import java.util.List;
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
import ru.tos.dutydesk.matching.MatchResult;
import ru.tos.dutydesk.matching.RussianAnalysis;
import ru.tos.dutydesk.matching.Thresholds;

/** Time for the desk's matcher to decide one question, cycling through the own evaluation questions. */
@State(Scope.Thread)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class MatcherBenchmark {
    @Param({"45", "1000", "10000"})
    public int entries;

    private LuceneMatcher matcher;
    private List<String> questions;
    private int next;

    @Setup(Level.Trial)
    public void build() {
        BenchInputs inputs = new BenchInputs();
        KnowledgeBase base = inputs.knowledge(entries);
        Thresholds thresholds = inputs.thresholds();
        matcher = new LuceneMatcher(base, RussianAnalysis.standard(), thresholds);
        questions = inputs.questions();
    }

    @Benchmark
    public MatchResult match() {
        String q = questions.get(next);
        next = next + 1 == questions.size() ? 0 : next + 1;
        return matcher.match(q);
    }
}
