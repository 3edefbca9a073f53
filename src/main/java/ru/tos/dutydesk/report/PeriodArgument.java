package ru.tos.dutydesk.report;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.Period;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.temporal.TemporalAdjusters;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A period as a coordinator types it after /stats or /export: nothing (the project period), «месяц»/month,
 * «неделя»/week (the current calendar month or week), {@code 2026-10}, {@code 2026-10-05} or
 * {@code 2026-10-01..2026-10-31}, a month by name ({@code декабрь}, {@code дек 2026}); days also as {@code 01.10.2026}.
 */
public final class PeriodArgument {
    /** Longer than any grant project; beyond it a typo (year 9999) would make a report of endless empty months. */
    static final Period LONGEST = Period.ofYears(10);
    private static final Pattern MONTH = Pattern.compile("(\\d{4})-(\\d{1,2})");
    private static final Pattern MONTH_NAME = Pattern.compile("(\\p{IsCyrillic}{3,})\\.?(?:\\s+(\\d{4}))?");
    /** Each month's nominative and genitive; a name is typed in full or cut to at least three letters (дек). */
    private static final List<List<String>> MONTH_NAMES = List.of(
            List.of("январь", "января"), List.of("февраль", "февраля"), List.of("март", "марта"),
            List.of("апрель", "апреля"), List.of("май", "мая"), List.of("июнь", "июня"), List.of("июль", "июля"),
            List.of("август", "августа"), List.of("сентябрь", "сентября"), List.of("октябрь", "октября"),
            List.of("ноябрь", "ноября"), List.of("декабрь", "декабря"));
    private static final Pattern RANGE = Pattern.compile("(\\S+)\\s*(?:\\.\\.|…)\\s*(\\S+)");
    private static final int ECHO_LIMIT = 40;

    private final ZoneId zone;
    private final LocalDate projectFrom;
    private final LocalDate projectTo;

    /**
     * @param projectFrom the project's first day from config, or null
     * @param projectTo   its last day, or null
     */
    public PeriodArgument(ZoneId zone, LocalDate projectFrom, LocalDate projectTo) {
        this.zone = zone;
        this.projectFrom = projectFrom;
        this.projectTo = projectTo;
    }

    public ZoneId zone() {
        return zone;
    }

    /**
     * The project period: what /stats and the report command mean when no period is given. Without one in
     * config, this year up to today.
     */
    public ReportPeriod project(LocalDate today) {
        LocalDate first = projectFrom != null ? projectFrom : today.withDayOfYear(1);
        LocalDate last = projectTo != null ? projectTo : today;
        return new ReportPeriod(first, last.isBefore(first) ? first : last, zone);
    }

    /**
     * @throws IllegalArgumentException with a Russian message for people when the text is not a period
     */
    public ReportPeriod parse(String text, LocalDate today) {
        String arg = text == null ? "" : text.strip().toLowerCase(Locale.ROOT).replace('ё', 'е');
        if (arg.isEmpty()) {
            return project(today);
        }
        switch (arg) {
            case "месяц", "month", "этот месяц" -> {
                YearMonth m = YearMonth.from(today);
                return new ReportPeriod(m.atDay(1), m.atEndOfMonth(), zone);
            }
            case "неделя", "week", "эта неделя" -> {
                LocalDate monday = today.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
                return new ReportPeriod(monday, monday.plusDays(6), zone);
            }
            default -> {
            }
        }
        Matcher month = MONTH.matcher(arg);
        if (month.matches()) {
            int number = Integer.parseInt(month.group(2));
            if (number < 1 || number > 12) {
                throw problem(text);
            }
            YearMonth m = YearMonth.of(Integer.parseInt(month.group(1)), number);
            return new ReportPeriod(m.atDay(1), m.atEndOfMonth(), zone);
        }
        Matcher named = MONTH_NAME.matcher(arg);
        if (named.matches()) {
            int number = monthNumber(named.group(1)).orElseThrow(() -> problem(text));
            YearMonth m;
            if (named.group(2) != null) {
                m = YearMonth.of(Integer.parseInt(named.group(2)), number);
            } else {
                // without a year, the latest such month that has begun: «декабрь» typed in January is last December
                m = YearMonth.of(today.getYear(), number);
                if (m.isAfter(YearMonth.from(today))) {
                    m = m.minusYears(1);
                }
            }
            return new ReportPeriod(m.atDay(1), m.atEndOfMonth(), zone);
        }
        Matcher range = RANGE.matcher(arg);
        if (range.matches()) {
            LocalDate from = date(range.group(1)).orElseThrow(() -> problem(text));
            LocalDate to = date(range.group(2)).orElseThrow(() -> problem(text));
            if (to.isBefore(from)) {
                throw new IllegalArgumentException("Период заканчивается (" + Figures.DATE.format(to)
                        + ") раньше, чем начинается (" + Figures.DATE.format(from) + ").");
            }
            if (from.plus(LONGEST).isBefore(to)) {
                throw new IllegalArgumentException("Период длиннее 10 лет — проверьте годы.");
            }
            return new ReportPeriod(from, to, zone);
        }
        return date(arg).map(d -> new ReportPeriod(d, d, zone)).orElseThrow(() -> problem(text));
    }

    private static Optional<Integer> monthNumber(String word) {
        for (int i = 0; i < MONTH_NAMES.size(); i++) {
            for (String form : MONTH_NAMES.get(i)) {
                if (form.startsWith(word)) {
                    return Optional.of(i + 1);
                }
            }
        }
        return Optional.empty();
    }

    private static Optional<LocalDate> date(String s) {
        return DayArgument.parse(s);
    }

    private static IllegalArgumentException problem(String typed) {
        String shown = typed.strip();
        if (shown.length() > ECHO_LIMIT) {
            shown = shown.substring(0, ECHO_LIMIT) + "…";
        }
        return new IllegalArgumentException("Не понимаю период «" + shown + "».");
    }
}
