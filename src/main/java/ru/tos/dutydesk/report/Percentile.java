package ru.tos.dutydesk.report;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Nearest-rank percentiles: the smallest value with at least p of the values at or below it. Always one of
 * the measured values, so a coordinator can find the ticket it came from.
 */
final class Percentile {
    private Percentile() {
    }

    static Optional<Duration> of(List<Duration> values, double p) {
        if (values.isEmpty()) {
            return Optional.empty();
        }
        List<Duration> sorted = values.stream().sorted().toList();
        int rank = (int) Math.ceil(p * sorted.size());
        return Optional.of(sorted.get(Math.max(1, rank) - 1));
    }
}
