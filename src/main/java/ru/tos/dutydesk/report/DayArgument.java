package ru.tos.dutydesk.report;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A day as people type it: {@code 2026-12-01} or {@code 01.12.2026}, the form the report itself prints. */
public final class DayArgument {
    private static final Pattern ISO = Pattern.compile("(\\d{4})-(\\d{1,2})-(\\d{1,2})");
    private static final Pattern RUSSIAN = Pattern.compile("(\\d{1,2})\\.(\\d{1,2})\\.(\\d{4})");

    private DayArgument() {
    }

    /** The day, or empty when the text is neither form or names no real day (31.02.2026). */
    public static Optional<LocalDate> parse(String text) {
        String s = text == null ? "" : text.strip();
        Matcher iso = ISO.matcher(s);
        if (iso.matches()) {
            return day(iso.group(1), iso.group(2), iso.group(3));
        }
        Matcher ru = RUSSIAN.matcher(s);
        if (ru.matches()) {
            return day(ru.group(3), ru.group(2), ru.group(1));
        }
        return Optional.empty();
    }

    private static Optional<LocalDate> day(String year, String month, String day) {
        try {
            return Optional.of(LocalDate.of(Integer.parseInt(year), Integer.parseInt(month), Integer.parseInt(day)));
        } catch (DateTimeException e) {
            return Optional.empty();
        }
    }
}
