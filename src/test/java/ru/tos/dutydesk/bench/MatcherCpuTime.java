package ru.tos.dutydesk.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.List;
import ru.tos.dutydesk.matching.LuceneMatcher;
import ru.tos.dutydesk.matching.RussianAnalysis;

/**
 * CPU time (not wall time) of the matcher per question, for a shared machine where other processes take the
 * cores and make JMH's wall-clock figures mostly a measure of waiting. Warms up, then times every own-eval question
 * in rounds and prints the mean and the 99th percentile of per-question CPU time.
 * Usage: {@code MatcherCpuTime [rounds] sizes...}
 */
public final class MatcherCpuTime {
    private MatcherCpuTime() {
    }

    public static void main(String[] args) {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        BenchInputs inputs = new BenchInputs();
        List<String> questions = inputs.questions();
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        for (int a = 1; a < Math.max(2, args.length); a++) {
            int size = args.length > 1 ? Integer.parseInt(args[a]) : 45;
            LuceneMatcher matcher = new LuceneMatcher(inputs.knowledge(size), RussianAnalysis.standard(),
                    inputs.thresholds());
            for (int w = 0; w < 2; w++) {
                questions.forEach(matcher::match);
            }
            long[] cpu = new long[rounds * questions.size()];
            int n = 0;
            for (int r = 0; r < rounds; r++) {
                for (String q : questions) {
                    long t = threads.getCurrentThreadCpuTime();
                    matcher.match(q);
                    cpu[n++] = threads.getCurrentThreadCpuTime() - t;
                }
            }
            java.util.Arrays.sort(cpu);
            double mean = java.util.Arrays.stream(cpu).average().orElse(0) / 1000;
            System.out.printf("matcher-cpu entries=%d questions=%d mean-us=%.0f p50-us=%.0f p99-us=%.0f%n", size,
                    cpu.length, mean, cpu[cpu.length / 2] / 1000.0, cpu[(int) Math.ceil(0.99 * cpu.length) - 1] / 1000.0);
        }
    }
}
