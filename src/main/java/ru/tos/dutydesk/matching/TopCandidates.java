package ru.tos.dutydesk.matching;

/**
 * The best few entries of a question, best first, kept by insertion: sorting every scoring entry of a large
 * knowledge base for the three that are shown cost more than the scoring itself. Ties keep the earlier entry.
 */
final class TopCandidates {
    private final int[] entries;
    private final double[] scores;
    private int size;

    TopCandidates(int capacity) {
        this.entries = new int[capacity];
        this.scores = new double[capacity];
    }

    void offer(int entry, double score) {
        if (size == entries.length && score <= scores[size - 1]) {
            return;
        }
        int i = Math.min(size, entries.length - 1);
        while (i > 0 && scores[i - 1] < score) {
            entries[i] = entries[i - 1];
            scores[i] = scores[i - 1];
            i--;
        }
        entries[i] = entry;
        scores[i] = score;
        size = Math.min(size + 1, entries.length);
    }

    int size() {
        return size;
    }

    int entry(int i) {
        return entries[i];
    }

    double score(int i) {
        return scores[i];
    }
}
