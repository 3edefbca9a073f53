package ru.tos.dutydesk.desk;

import java.time.DayOfWeek;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Set;

/** When consultants are on duty, in the association's time zone. */
public record WorkingHours(Set<DayOfWeek> days, LocalTime from, LocalTime to, ZoneId zone) {
    public WorkingHours {
        days = days.isEmpty() ? Set.of() : EnumSet.copyOf(days);
        if (!from.isBefore(to)) {
            throw new IllegalArgumentException("working hours: from must be before to");
        }
    }

    public boolean isOpen(Instant at) {
        ZonedDateTime t = at.atZone(zone);
        LocalTime time = t.toLocalTime();
        return days.contains(t.getDayOfWeek()) && !time.isBefore(from) && time.isBefore(to);
    }

    /** The next moment consultants are on duty: {@code at} itself when open now. */
    public ZonedDateTime nextOpening(Instant at) {
        if (isOpen(at) || days.isEmpty()) {
            return at.atZone(zone);
        }
        ZonedDateTime t = at.atZone(zone);
        ZonedDateTime candidate = t.with(from).withSecond(0).withNano(0);
        if (!t.toLocalTime().isBefore(from)) {
            candidate = candidate.plusDays(1);
        }
        while (!days.contains(candidate.getDayOfWeek())) {
            candidate = candidate.plusDays(1);
        }
        return candidate;
    }
}
