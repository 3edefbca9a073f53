package ru.tos.dutydesk.report;

import ru.tos.dutydesk.desk.EventCalendar;
import ru.tos.dutydesk.desk.Outcome;
import ru.tos.dutydesk.desk.Participant;

import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/** Counts a period's consultations into a {@link Report} (DESIGN.md, Counting). */
public final class ReportBuilder {
    static final String NO_TOPIC = "без темы";
    static final String NO_DISTRICT = "не указан";
    static final String NO_ROLE = "не указана";
    private static final DateTimeFormatter MONTH = DateTimeFormatter.ofPattern("LLLL yyyy", new Locale("ru"));
    private static final Map<String, String> TARGET_LABELS = Map.of(
            "consultations", "Консультации", "participants", "Участники", "districts", "Муниципальные районы",
            "webinars", "Вебинары проведены", "video-consultations", "Видеоконсультации проведены");
    /** The grant project's promise when the config names no webinars target. */
    static final int DEFAULT_WEBINARS_TARGET = 5;

    private final ReportSource source;
    private final Map<String, Integer> targets;
    private final String association;
    private final TopicTitles titles;
    private EventCalendar calendar = EventCalendar.none();

    /**
     * @param association the name the report is filed under (config {@code association.name})
     * @param titles      what each topic id is called in the knowledge, read at each build (it may be edited)
     */
    public ReportBuilder(ReportSource source, Map<String, Integer> targets, String association, TopicTitles titles) {
        this.source = source;
        this.association = association;
        this.titles = titles;
        // configuration hands the targets over unordered: the known ones first, in a fixed order
        this.targets = new LinkedHashMap<>();
        for (String known : List.of("consultations", "participants", "districts", "webinars")) {
            if (targets.containsKey(known)) {
                this.targets.put(known, targets.get(known));
            }
        }
        new TreeSet<>(targets.keySet()).forEach(k -> this.targets.putIfAbsent(k, targets.get(k)));
    }

    /**
     * Counts the config's webinars and consultation slots too: webinars held against the target (5 unless the
     * config's {@code targets.webinars} says otherwise), registrations and attendance, video consultations held, and
     * the people who came or had a consultation among the participants.
     */
    public ReportBuilder withEvents(EventCalendar events) {
        this.calendar = java.util.Objects.requireNonNull(events);
        if (!events.isEmpty()) {
            this.targets.putIfAbsent("webinars", DEFAULT_WEBINARS_TARGET);
        }
        return this;
    }

    /** @param madeAt when the report is made, printed on it */
    public Report build(ReportPeriod period, Instant madeAt) {
        List<ConsultationFact> all = source.consultations(period.start(), period.end());
        // excluded ones are counted nowhere but listed apart, with their reasons
        List<ConsultationFact.Exclusion> excluded = all.stream().map(ConsultationFact::exclusion)
                .filter(java.util.Objects::nonNull).toList();
        List<ConsultationFact> facts = all.stream().filter(f -> f.exclusion() == null).toList();
        List<Duration> responses = source.firstResponseTimes(period.start(), period.end());

        Map<String, Long> byOutcome = new LinkedHashMap<>();
        byOutcome.put(Report.BOT, 0L);
        byOutcome.put(Report.CONSULTANT, 0L);
        byOutcome.put(Report.UNANSWERED, 0L);
        Map<YearMonth, Long> byMonth = new HashMap<>();
        Set<Long> people = new HashSet<>();
        Map<Long, Long> personOf = source.personOfAccount();
        Set<String> districts = new TreeSet<>();
        long unhelpful = 0;
        long botHelpful = 0;
        for (ConsultationFact f : facts) {
            String outcome = outcomeOf(f);
            byOutcome.merge(outcome, 1L, Long::sum);
            if (outcome.equals(Report.BOT)) {
                botHelpful++;
            }
            if (f.unhelpful()) {
                unhelpful++;
            }
            byMonth.merge(period.monthOf(f.openedAt()), 1L, Long::sum);
            people.add(personOf.getOrDefault(f.userId(), f.userId()));
            if (f.district() != null && !f.district().isBlank() && !f.district().equals(Participant.OTHER_DISTRICT)) {
                districts.add(f.district());
            }
        }

        Map<String, Long> months = new LinkedHashMap<>();
        for (YearMonth m : period.months()) {
            months.put(MONTH.format(m), byMonth.getOrDefault(m, 0L));
        }

        EventFigures events = events(period, madeAt, people, personOf);
        List<Target> progress = new ArrayList<>();
        for (Map.Entry<String, Integer> t : targets.entrySet()) {
            Long actual = switch (t.getKey()) {
                case "consultations" -> (long) facts.size();
                case "participants" -> (long) people.size();
                case "districts" -> (long) districts.size();
                case "webinars" -> calendar.isEmpty() ? null : events.webinarsHeld();
                case "video-consultations" -> calendar.isEmpty() ? null : events.videoConsultationsHeld();
                default -> null;
            };
            progress.add(new Target(t.getKey(), TARGET_LABELS.getOrDefault(t.getKey(), t.getKey()), actual, t.getValue()));
        }

        Map<String, Long> byTopic = countBy(facts, ConsultationFact::topic, NO_TOPIC);
        Map<String, String> topicTitles = new HashMap<>();
        for (String id : byTopic.keySet()) {
            if (!id.equals(NO_TOPIC)) {
                titles.titleOf(id).ifPresent(t -> topicTitles.put(id, t));
            }
        }
        return new Report(association, madeAt, period, facts.size(), byOutcome,
                countBy(facts, f -> f.channel().label(), null),
                byTopic,
                countBy(facts, ConsultationFact::district, NO_DISTRICT),
                countBy(facts, ConsultationFact::role, NO_ROLE),
                months, people.size(), List.copyOf(districts), responses.size(),
                Percentile.of(responses, 0.5), Percentile.of(responses, 0.9),
                unhelpful, botHelpful + unhelpful, source.floodIgnored(period.start(), period.end()), progress,
                topicTitles, excluded, events);
    }

    /**
     * The period's webinars (by their start in the config) and booked slots: held, not held, or past and not marked
     * yet. Who was marked as come to a webinar or as having had a consultation joins {@code people}: a participant is
     * one person (accounts joined only where the person linked them), never matched to another by a guess.
     */
    private EventFigures events(ReportPeriod period, Instant now, Set<Long> people, Map<Long, Long> personOf) {
        if (calendar.isEmpty()) {
            return EventFigures.none();
        }
        List<ReportSource.Seat> seats = source.webinarSeats();
        List<EventFigures.Webinar> rows = new ArrayList<>();
        long held = 0;
        for (ru.tos.dutydesk.desk.Webinar w : calendar.webinars()) {
            if (w.start().isBefore(period.start()) || !w.start().isBefore(period.end())) {
                continue;
            }
            long registered = 0;
            long came = 0;
            for (ReportSource.Seat s : seats) {
                if (s.eventId().equals(w.id())) {
                    registered++;
                    if (s.attended()) {
                        came++;
                        people.add(personOf.getOrDefault(s.userId(), s.userId()));
                    }
                }
            }
            if (came > 0) {
                held++;
            }
            rows.add(new EventFigures.Webinar(w.id(), w.title(), w.start(), registered, came));
        }
        long consultations = 0;
        long notHeld = 0;
        long unmarked = 0;
        for (ReportSource.Booking b : source.slotBookings()) {
            var slot = calendar.slot(b.slotId());
            if (slot.isEmpty() || slot.get().start().isBefore(period.start()) || !slot.get().start().isBefore(period.end())) {
                continue;
            }
            // a booking is not a consultation: only one marked «Состоялась» counts, and its resident with it
            if (Boolean.TRUE.equals(b.held())) {
                consultations++;
                people.add(personOf.getOrDefault(b.userId(), b.userId()));
            } else if (Boolean.FALSE.equals(b.held())) {
                notHeld++;
            } else if (!slot.get().start().isAfter(now)) {
                unmarked++;
            }
        }
        return new EventFigures(rows, held, consultations, notHeld, unmarked);
    }

    /** bot = settled by the bot and not marked unhelpful; anything not settled by someone is unanswered. */
    private static String outcomeOf(ConsultationFact f) {
        if (f.outcome() == Outcome.BOT && !f.unhelpful()) {
            return Report.BOT;
        }
        if (f.outcome() == Outcome.WITHDRAWN) {
            return Report.WITHDRAWN;
        }
        return f.outcome() == Outcome.CONSULTANT ? Report.CONSULTANT : Report.UNANSWERED;
    }

    /** Largest first, ties by label; the "not given" row last. */
    private static Map<String, Long> countBy(List<ConsultationFact> facts, Function<ConsultationFact, String> key,
                                             String missing) {
        Map<String, Long> counts = new HashMap<>();
        for (ConsultationFact f : facts) {
            String k = key.apply(f);
            counts.merge(k == null || k.isBlank() ? missing : k, 1L, Long::sum);
        }
        Map<String, Long> ordered = new LinkedHashMap<>();
        counts.entrySet().stream()
                .sorted(Comparator.<Map.Entry<String, Long>, Boolean>comparing(e -> e.getKey().equals(missing))
                        .thenComparing(Map.Entry::getValue, Comparator.reverseOrder())
                        .thenComparing(Map.Entry::getKey))
                .forEach(e -> ordered.put(e.getKey(), e.getValue()));
        return ordered;
    }
}
