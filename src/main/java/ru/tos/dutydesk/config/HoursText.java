package ru.tos.dutydesk.config;

import ru.tos.dutydesk.desk.WorkingHours;

import java.time.DayOfWeek;
import java.time.format.TextStyle;
import java.util.EnumSet;
import java.util.Locale;
import java.util.stream.Collectors;

/** Working hours as a resident reads them: «по будням с 09:00 до 18:00 (Europe/Moscow)». */
public final class HoursText {
    private static final Locale RU = Locale.forLanguageTag("ru");

    private HoursText() {
    }

    public static String describe(WorkingHours h) {
        String days;
        if (h.days().equals(EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY))) {
            days = "по будням";
        } else if (h.days().size() == 7) {
            days = "ежедневно";
        } else {
            days = "в дни: " + h.days().stream().sorted()
                    .map(d -> d.getDisplayName(TextStyle.SHORT, RU)).collect(Collectors.joining(", "));
        }
        return days + " с " + h.from() + " до " + h.to() + " (" + zoneName(h) + ")";
    }

    private static String zoneName(WorkingHours h) {
        return "Europe/Moscow".equals(h.zone().getId()) ? "по московскому времени" : h.zone().getId();
    }
}
