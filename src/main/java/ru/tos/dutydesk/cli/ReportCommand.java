package ru.tos.dutydesk.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import ru.tos.dutydesk.config.AppConfig;
import ru.tos.dutydesk.report.DayArgument;
import ru.tos.dutydesk.report.PeriodArgument;
import ru.tos.dutydesk.report.Report;
import ru.tos.dutydesk.report.ReportBuilder;
import ru.tos.dutydesk.report.ReportFormat;
import ru.tos.dutydesk.report.ReportPeriod;
import ru.tos.dutydesk.report.TopicTitles;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.LocalDate;
import java.util.concurrent.Callable;

/** Counts consultations against the project's targets; works beside a running desk. */
@Command(name = "report", description = "Figures for a period: table, CSV (Excel) or HTML with charts.")
final class ReportCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--from", paramLabel = "DATE", description = "first day, YYYY-MM-DD or DD.MM.YYYY (default: period.from in the configuration, else 1 January)")
    String from;

    @Option(names = "--to", paramLabel = "DATE", description = "last day, inclusive, YYYY-MM-DD or DD.MM.YYYY (default: period.to in the configuration, else today)")
    String to;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "table",
            description = "table, csv or html (default: ${DEFAULT-VALUE})")
    String format;

    @Option(names = "--out", paramLabel = "FILE", description = "write to this file instead of the terminal")
    Path out;

    @Override
    public Integer call() {
        ReportFormat chosen = formatOf(format);
        try (DeskContext ctx = new DeskContext(GlobalOptions.of(spec), System.getenv())) {
            AppConfig config = ctx.config();
            ReportPeriod period = periodOf(ctx.periods());
            Report report = new ReportBuilder(ctx.sharedStore().reportSource(), config.targets(), ctx.association(),
                    titles(ctx)).withEvents(config.events()).build(period, Instant.now());
            String text = chosen.renderer().render(report);
            if (out == null) {
                spec.commandLine().getOut().print(text);
                spec.commandLine().getOut().flush();
            } else {
                write(out, text);
                spec.commandLine().getOut().println("Отчёт записан: " + out);
            }
            return 0;
        }
    }

    /** A knowledge folder that does not load (an edit in progress) costs the titles, not the report. */
    private TopicTitles titles(DeskContext ctx) {
        try {
            return TopicTitles.of(ctx.knowledgeBase());
        } catch (StartupException e) {
            spec.commandLine().getErr().println("warning: topics are shown by id: " + e.getMessage());
            return TopicTitles.unknown();
        }
    }

    private static LocalDate day(String option, String text) {
        return DayArgument.parse(text).orElseThrow(() -> new StartupException(
                option + ": expected a day as 2026-12-01 or 01.12.2026, got '" + text + "'"));
    }

    private static ReportFormat formatOf(String name) {
        for (ReportFormat f : ReportFormat.values()) {
            if (f.name().equalsIgnoreCase(name)) {
                return f;
            }
        }
        throw new StartupException("--format: expected table, csv or html, got '" + name + "'");
    }

    /** Dates given win; a date not given comes from the project period, the one /stats means without a period. */
    private ReportPeriod periodOf(PeriodArgument periods) {
        ReportPeriod project = periods.project(LocalDate.now(periods.zone()));
        LocalDate first = from != null ? day("--from", from) : project.from();
        LocalDate last = to != null ? day("--to", to) : project.to();
        if (last.isBefore(first)) {
            throw new StartupException("the period ends (" + last + ") before it starts (" + first + "); check --from and --to");
        }
        return new ReportPeriod(first, last, periods.zone());
    }

    /** Via a temporary file beside the target, so a failed write never leaves half a report behind. */
    private static void write(Path file, String text) {
        Path target = file.toAbsolutePath();
        try {
            Path dir = target.getParent();
            if (dir != null) {
                Files.createDirectories(dir);
            }
            Path tmp = Files.createTempFile(dir, ".report-", ".tmp");
            try {
                Files.writeString(tmp, text, StandardCharsets.UTF_8);
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            throw new StartupException("cannot write " + file + ": " + e.getMessage());
        }
    }
}
