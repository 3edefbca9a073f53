package ru.tos.dutydesk.doctor;

import ru.tos.dutydesk.desk.WorkingHours;

import java.time.Clock;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;

/**
 * The clock and the configured time zone, shown so a person can see at a glance that both are right: working
 * hours, re-announcements and report periods all follow them. A clock years off is an error.
 */
public final class ClockCheck {
    private static final String SUBJECT = "Время";
    private static final DateTimeFormatter SHOWN = DateTimeFormatter.ofPattern("dd.MM.yyyy HH:mm");
    /** No desk ran before this year: a clock showing an earlier date has been reset. */
    private static final int EARLIEST_PLAUSIBLE_YEAR = 2025;

    private final Clock clock;
    private final ZoneId zone;
    private final WorkingHours hours;

    public ClockCheck(Clock clock, ZoneId zone, WorkingHours hours) {
        this.clock = clock;
        this.zone = zone;
        this.hours = hours;
    }

    public CheckResult run() {
        ZonedDateTime local = clock.instant().atZone(zone);
        String detail = "часовой пояс " + zone.getId() + " (UTC" + offset(local) + "), сейчас там " + SHOWN.format(local)
                + ", UTC " + SHOWN.format(clock.instant().atZone(ZoneId.of("UTC")))
                + (hours == null ? "" : hours.isOpen(clock.instant()) ? "; сейчас рабочее время" : "; сейчас нерабочее время");
        if (local.getYear() < EARLIEST_PLAUSIBLE_YEAR) {
            return CheckResult.failed(SUBJECT, detail + ": часы сервера сбиты",
                    "настройте синхронизацию времени (например, timedatectl set-ntp true)");
        }
        return CheckResult.ok(SUBJECT, detail + "; если время неверно, настройте часы сервера или ключ timezone");
    }

    private static String offset(ZonedDateTime t) {
        String id = t.getOffset().getId();
        return "Z".equals(id) ? "+00:00" : id;
    }
}
