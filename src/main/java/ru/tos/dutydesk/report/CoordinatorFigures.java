package ru.tos.dutydesk.report;

import ru.tos.dutydesk.desk.Attachment;
import ru.tos.dutydesk.desk.CoordinatorReports;
import ru.tos.dutydesk.desk.MarkdownText;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;

/** The desk's {@link CoordinatorReports} over the real report: the same figures as the {@code report} command. */
public final class CoordinatorFigures implements CoordinatorReports {
    private static final DateTimeFormatter FILE_DATE = DateTimeFormatter.ISO_LOCAL_DATE;

    private final ReportBuilder builder;
    private final PeriodArgument periods;

    /** @param association the name on the reports; @param titles what the topics are called now */
    public CoordinatorFigures(ReportSource source, Map<String, Integer> targets, PeriodArgument periods,
                              String association, TopicTitles titles) {
        this.builder = new ReportBuilder(source, targets, association, titles);
        this.periods = periods;
    }

    /** Webinars and video consultations of the config are counted too (see {@link ReportBuilder#withEvents}). */
    public CoordinatorFigures withEvents(ru.tos.dutydesk.desk.EventCalendar events) {
        builder.withEvents(events);
        return this;
    }

    @Override
    public String statsText(String periodArg, Instant now) throws BadPeriod {
        return new PhoneTextRenderer().render(builder.build(period(periodArg, now), now));
    }

    @Override
    public List<Document> export(String periodArg, Instant now) throws BadPeriod {
        ReportPeriod period = period(periodArg, now);
        Report report = builder.build(period, now);
        // ASCII names: every platform and mail client keeps them intact
        String base = "tos-report_" + FILE_DATE.format(period.from()) + "_" + FILE_DATE.format(period.to());
        String when = MarkdownText.literal(Figures.period(period));
        return List.of(
                new Document("Отчёт за " + when + " — таблица для Excel (CSV)",
                        new Attachment(base + ".csv", "text/csv",
                                new CsvRenderer().render(report).getBytes(StandardCharsets.UTF_8))),
                new Document("Отчёт за " + when + " — страница с диаграммами (открывается в браузере)",
                        new Attachment(base + ".html", "text/html",
                                new HtmlRenderer().render(report).getBytes(StandardCharsets.UTF_8))));
    }

    private ReportPeriod period(String arg, Instant now) throws BadPeriod {
        LocalDate today = LocalDate.ofInstant(now, periods.zone());
        try {
            return periods.parse(arg, today);
        } catch (IllegalArgumentException e) {
            throw new BadPeriod(e.getMessage());
        }
    }
}
