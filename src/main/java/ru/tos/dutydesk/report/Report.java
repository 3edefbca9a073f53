package ru.tos.dutydesk.report;

import java.time.Duration;
import java.time.Instant;
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
 * @param association   who files the report (config {@code association.name})
 * @param madeAt        when the figures were counted
 * @param byTopic       keyed by knowledge entry id; {@link #topicTitle} says what people read
 * @param topicTitles   entry id to title, for the topics the knowledge still has
 * @param floodIgnored  messages not read because their sender was over the flood limit (not consultations)
 * @param events        webinars (registered, came) and video consultations held in the period
 */
public record Report(String association, Instant madeAt, ReportPeriod period, long consultations, Map<String, Long> byOutcome,
                     Map<String, Long> byChannel, Map<String, Long> byTopic, Map<String, Long> byDistrict,
                     Map<String, Long> byRole, Map<String, Long> byMonth, long participants,
                     List<String> districtsCovered, int responseTimes, Optional<Duration> firstResponseMedian,
                     Optional<Duration> firstResponseP90, long unhelpful, long botAnswered, long floodIgnored,
                     List<Target> targets, Map<String, String> topicTitles, List<ConsultationFact.Exclusion> excluded,
                     EventFigures events) {

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
        topicTitles = Map.copyOf(topicTitles);
        excluded = List.copyOf(excluded);
        events = events == null ? EventFigures.none() : events;
    }

    private static Map<String, Long> copy(Map<String, Long> m) {
        return java.util.Collections.unmodifiableMap(new LinkedHashMap<>(m));
    }

    /** The title of a topic of {@link #byTopic}; its id when the knowledge no longer has it (or «без темы»). */
    public String topicTitle(String topicId) {
        return topicTitles.getOrDefault(topicId, topicId);
    }

    /** Unhelpful bot answers as a percentage of bot answers. */
    public Percent unhelpfulPercent() {
        return new Percent(unhelpful, botAnswered);
    }

    /** Unhelpful share of bot answers, or empty when the bot answered nothing. */
    public Optional<Double> unhelpfulRate() {
        return botAnswered == 0 ? Optional.empty() : Optional.of(unhelpful / (double) botAnswered);
    }
}
