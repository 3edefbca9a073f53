package ru.tos.dutydesk.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import ru.tos.dutydesk.knowledge.KnowledgeBase;
import ru.tos.dutydesk.matching.LuceneMatcher;
import ru.tos.dutydesk.matching.RussianAnalysis;
import ru.tos.dutydesk.matching.Thresholds;

/**
 * Heap held by the matcher's index: used heap after a full GC with the knowledge base loaded, then again with the
 * matcher built on it. The shared Russian dictionary is loaded before the first reading so that it is not counted.
 * Usage: {@code IndexHeap 45 1000 10000}; prints one line per size.
 */
public final class IndexHeap {
    private IndexHeap() {
    }

    public static void main(String[] args) throws InterruptedException {
        BenchInputs inputs = new BenchInputs();
        Thresholds thresholds = inputs.thresholds();
        RussianAnalysis analysis = RussianAnalysis.standard();
        // warms the dictionary and the Lucene classes, so the sizes below are the index alone
        new LuceneMatcher(inputs.bundled(), analysis, thresholds).match("как создать тос");
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        for (String arg : args.length == 0 ? new String[] {"45", "1000", "10000"} : args) {
            int size = Integer.parseInt(arg);
            KnowledgeBase base = inputs.knowledge(size);
            long before = usedAfterGc(memory);
            LuceneMatcher matcher = new LuceneMatcher(base, analysis, thresholds);
            long after = usedAfterGc(memory);
            matcher.match("как создать тос");
            System.out.printf("index-heap entries=%d bytes=%d mib=%.1f%n", size, after - before,
                    (after - before) / 1048576.0);
        }
    }

    private static long usedAfterGc(MemoryMXBean memory) throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(50);
        }
        return memory.getHeapMemoryUsage().getUsed();
    }
}
