package ru.tos.dutydesk.knowledge;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;

/**
 * One reason an entry needs a fresh look: its {@code reviewed} date is old (or missing), or a law it cites
 * changes status soon (or already has). An entry due for two reasons appears twice.
 *
 * @param date the entry's {@code reviewed} date (null when it has none), or the day the law changes status
 * @param law  the law that changes status, for {@link Kind#LAW_CHANGES}; null otherwise
 */
public record DueReview(Entry entry, Kind kind, LocalDate date, Law law) {
    public enum Kind { NOT_REVIEWED, REVIEW_OLD, LAW_CHANGES }

    static DueReview notReviewed(Entry e) {
        return new DueReview(e, Kind.NOT_REVIEWED, null, null);
    }

    static DueReview reviewOld(Entry e) {
        return new DueReview(e, Kind.REVIEW_OLD, e.reviewed(), null);
    }

    static DueReview lawChanges(Entry e, Law law) {
        return new DueReview(e, Kind.LAW_CHANGES, law.statusChange(), law);
    }

    /** Whole months from the reviewed date to {@code today} (for REVIEW_OLD). */
    public long monthsOld(LocalDate today) {
        return ChronoUnit.MONTHS.between(date, today);
    }

    /** Days from the reviewed date to {@code today} (for REVIEW_OLD with a short review period). */
    public long daysOld(LocalDate today) {
        return ChronoUnit.DAYS.between(date, today);
    }

    /** Whether the law's change is today or already past (for LAW_CHANGES). */
    public boolean lawChanged(LocalDate today) {
        return !date.isAfter(today);
    }

    /** Why, in plain English, for {@code kb check --due}. */
    public String why(LocalDate today) {
        return switch (kind) {
            case NOT_REVIEWED -> "no 'reviewed' date";
            case REVIEW_OLD -> "reviewed " + date + ", " + age(today) + " ago";
            case LAW_CHANGES -> "cites " + law.id() + ", which " + (lawChanged(today) ? "lost" : "loses") + " force on "
                    + date + (lawChanged(today) ? "" : " (in " + ChronoUnit.DAYS.between(today, date) + " days)")
                    + (law.replacedBy() == null ? "" : "; replaced by " + law.replacedBy());
        };
    }

    private String age(LocalDate today) {
        long months = monthsOld(today);
        if (months >= 1) {
            return months + (months == 1 ? " month" : " months");
        }
        long days = daysOld(today);
        return days + (days == 1 ? " day" : " days");
    }
}
