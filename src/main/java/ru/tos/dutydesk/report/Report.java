package ru.tos.dutydesk.report;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The figures for one period. Breakdowns are ordered maps from a Russian label to a count of consultations.
 *
 * @param unhelpful     bot answers marked unhelpful
 * @param botAnswered   bot answers including the unhelpful ones (the rate's denominator)
 * @param responseTimes how many consultant first responses the median and p90 are over
 * @param floodIgnored  messages not read because their sender was over the flood limit (not consultations)
 */
public record Report(ReportPeriod period, long consultations, Map<String, Long> byOutcome,
                     Map<String, Long> byChannel, Map<String, Long> byTopic, Map<String, Long> byDistrict,
                     Map<String, Long> byRole, Map<String, Long> byMonth, long participants,
                     List<String> districtsCovered, int responseTimes, Optional<Duration> firstResponseMedian,
                     Optional<Duration> firstResponseP90, long unhelpful, long botAnswered, long floodIgnored,
                     List<Target> targets) {

    public static final String BOT = "ответил бот";
    public static final String CONSULTANT = "ответил консультант";
    public static final String UNANSWERED = "без ответа";
    /** withdrawn by the resident before an answer: shown apart, never folded into «без ответа» */
    public static final String WITHDRAWN = "отозваны жителем";

    public Report {
        byOutcome = copy(byOutcome);
        byChannel = copy(byChannel);
        byTopic = copy(byTopic);
        byDistrict = copy(byDistrict);
        byRole = copy(byRole);
        byMonth = copy(byMonth);
        districtsCovered = List.copyOf(districtsCovered);
        targets = List.copyOf(targets);
    }

    private static Map<String, Long> copy(Map<String, Long> m) {
        return java.util.Collections.unmodifiableMap(new LinkedHashMap<>(m));
    }

    /** Unhelpful share of bot answers, or empty when the bot answered nothing. */
    public Optional<Double> unhelpfulRate() {
        return botAnswered == 0 ? Optional.empty() : Optional.of(unhelpful / (double) botAnswered);
    }
}
