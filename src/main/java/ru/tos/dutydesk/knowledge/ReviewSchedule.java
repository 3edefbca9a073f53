package ru.tos.dutydesk.knowledge;

import java.time.Clock;
import java.time.LocalDate;
import java.time.Period;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Which entries need a fresh look today: those whose {@code reviewed} date is {@code reviewEvery} old or older,
 * and those citing a law that changes status within the next {@link #LAW_HORIZON} (or already has: an answer
 * resting on a law that lost force is the most urgent of all).
 */
public final class ReviewSchedule {
    /** {@code knowledge.review-every} when the config does not say. */
    public static final Period DEFAULT_REVIEW_EVERY = Period.ofMonths(12);
    /** How far ahead a law's change of status makes its entries due. */
    public static final Period LAW_HORIZON = Period.ofDays(90);

    private final Period reviewEvery;
    private final Clock clock;
    private final ZoneId zone;

    /** @param zone the desk's timezone: "today" is the date there, not in UTC */
    public ReviewSchedule(Period reviewEvery, Clock clock, ZoneId zone) {
        if (reviewEvery.isNegative() || reviewEvery.isZero()) {
            throw new IllegalArgumentException("review period must be positive: " + reviewEvery);
        }
        this.reviewEvery = reviewEvery;
        this.clock = Objects.requireNonNull(clock);
        this.zone = Objects.requireNonNull(zone);
    }

    public Period reviewEvery() {
        return reviewEvery;
    }

    /** The period as the config writes it: {@code 12 months}, {@code 180 days}, {@code 1 year}. */
    public static String describe(Period p) {
        List<String> parts = new ArrayList<>();
        if (p.getYears() != 0) {
            parts.add(p.getYears() + (p.getYears() == 1 ? " year" : " years"));
        }
        if (p.getMonths() != 0) {
            parts.add(p.getMonths() + (p.getMonths() == 1 ? " month" : " months"));
        }
        if (p.getDays() != 0 || parts.isEmpty()) {
            parts.add(p.getDays() + (p.getDays() == 1 ? " day" : " days"));
        }
        return String.join(" ", parts);
    }

    public LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), zone);
    }

    /** Every reason an entry is due, in the knowledge's entry order. */
    public List<DueReview> due(KnowledgeBase kb) {
        LocalDate today = today();
        LocalDate horizon = today.plus(LAW_HORIZON);
        List<DueReview> due = new ArrayList<>();
        for (Entry e : kb.entries()) {
            if (e.reviewed() == null) {
                due.add(DueReview.notReviewed(e));
            } else if (!e.reviewed().plus(reviewEvery).isAfter(today)) {
                due.add(DueReview.reviewOld(e));
            }
            for (Law law : citedLaws(e, kb.laws())) {
                LocalDate change = law.statusChange();
                if (change != null && !change.isAfter(horizon)) {
                    due.add(DueReview.lawChanges(e, law));
                }
            }
        }
        return List.copyOf(due);
    }

    private static List<Law> citedLaws(Entry e, LawRegistry laws) {
        Map<String, Law> cited = new LinkedHashMap<>();
        for (String source : e.sources()) {
            laws.cited(source).ifPresent(law -> cited.putIfAbsent(law.id(), law));
        }
        return List.copyOf(cited.values());
    }
}
