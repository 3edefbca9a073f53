package ru.tos.dutydesk.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import ru.tos.dutydesk.desk.MarkdownText;
import ru.tos.dutydesk.report.TopicTitles;
import ru.tos.dutydesk.desk.ReportFixture;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The report command end to end: the repository's configuration, a database the real desk wrote. */
class ReportCommandTest {
    @TempDir
    Path dir;

    private Path database() {
        try (ReportFixture f = ReportFixture.build(dir)) {
            return f.databaseFile();
        }
    }

    @Test
    void csv_and_html_files_are_written_with_the_configured_period_and_targets() throws Exception {
        Path db = database();
        Path csv = dir.resolve("out/report.csv");
        Path html = dir.resolve("out/report.html");

        assertThat(Main.execute("--config", "config/duty-desk.yml", "--db", db.toString(), "report",
                "--format", "csv", "--out", csv.toString())).isZero();
        assertThat(Main.execute("--config", "config/duty-desk.yml", "--db", db.toString(), "report",
                "--format", "HTML", "--out", html.toString())).isZero();

        byte[] bytes = Files.readAllBytes(csv);
        assertThat(bytes).startsWith(0xEF, 0xBB, 0xBF);
        String text = new String(bytes, StandardCharsets.UTF_8);
        // the repository's configuration and knowledge: its association and its topic titles
        assertThat(text).startsWith("\uFEFFАссоциация;Ассоциация ТОС региона\r\nПериод с;01.09.2026\r\nПериод по;30.06.2027\r\nСформирован;")
                .contains("Итого;Консультации;;6\r\n").contains("Цель;Участники;;5;175;2,8\r\n")
                .contains("Тема;Как создать ТОС по шагам;create-steps;2\r\n");
        assertThat(Files.readString(html)).contains(">6 из 50 (12,0 %)<").contains("Ассоциация ТОС региона")
                .contains("Как создать ТОС по шагам").doesNotContain("create-steps").contains("Сформирован: ");
        try (var files = Files.list(csv.getParent())) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("report.csv", "report.html");
        }
    }

    @Test
    void dates_narrow_the_period_and_the_table_goes_to_the_terminal() {
        Path db = database();
        String out = run("--config", "config/duty-desk.yml", "--db", db.toString(), "report",
                "--from", "2026-11-26", "--to", "2026-11-26");
        assertThat(out).contains("26.11.2026–26.11.2026");
        assertThat(out.lines().filter(l -> l.startsWith("Консультации ")).findFirst().orElseThrow()).endsWith(" 1");
    }

    @Test
    void dates_are_taken_in_the_form_the_report_prints_them() {
        Path db = database();
        String out = run("--config", "config/duty-desk.yml", "--db", db.toString(), "report",
                "--from", "26.11.2026", "--to", "2026-11-26");
        assertThat(out).contains("26.11.2026–26.11.2026");
    }

    @Test
    void a_date_that_is_not_one_gets_a_line_naming_the_option_and_the_forms_not_a_java_exception() {
        Path db = database();
        PrintStream old = System.err;
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        System.setErr(new PrintStream(buffer, true, StandardCharsets.UTF_8));
        try {
            assertThat(Main.execute("--config", "config/duty-desk.yml", "--db", db.toString(), "report",
                    "--from", "01/12/2026")).isNotZero();
        } finally {
            System.setErr(old);
        }
        String err = buffer.toString(StandardCharsets.UTF_8);
        assertThat(err).contains("--from").contains("2026-12-01").contains("01.12.2026").contains("01/12/2026")
                .doesNotContain("Exception").doesNotContain("java.");
    }

    @Test
    void bad_dates_or_format_get_a_clear_error() {
        Path db = database();
        assertThat(Main.execute("--config", "config/duty-desk.yml", "--db", db.toString(), "report",
                "--from", "2026-12-01", "--to", "2026-11-01")).isEqualTo(1);
        assertThat(Main.execute("--config", "config/duty-desk.yml", "--db", db.toString(), "report",
                "--format", "pdf")).isEqualTo(1);
        assertThat(Main.execute("--config", "config/duty-desk.yml", "--db", db.toString(), "report",
                "--from", "вчера")).isNotZero();
    }

    /**
     * The report without dates and /stats without a period count the same days: the project period from config,
     * or, with none configured, this year up to today.
     */
    @ParameterizedTest(name = "period in config: {0}")
    @ValueSource(booleans = {true, false})
    void without_dates_the_report_counts_the_days_that_stats_counts_without_a_period(boolean configured) throws Exception {
        Path db = database();
        Path config = configured ? Path.of("config", "duty-desk.yml") : configWithoutPeriod();
        GlobalOptions options = new GlobalOptions();
        options.config = config;
        options.faq = Path.of("faq");
        options.db = db;
        String stats;
        ZoneId zone;
        try (DeskContext ctx = new DeskContext(options, Map.of())) {
            zone = ctx.config().zone();
            stats = ctx.coordinatorReports(ctx.sharedStore(), TopicTitles.unknown()).statsText("", Instant.now());
        }
        String report = run("--config", config.toString(), "--db", db.toString(), "report");

        LocalDate today = LocalDate.now(zone);
        String expected = configured ? "01.09.2026–30.06.2027"
                : "01.01." + today.getYear() + "–" + DateTimeFormatter.ofPattern("dd.MM.yyyy").format(today);
        // the title line ends with a line break («\\») before the association's name
        assertThat(stats.lines().findFirst().orElseThrow()).isEqualTo("**Отчёт за " + MarkdownText.literal(expected) + "**\\");
        assertThat(report.lines().findFirst().orElseThrow()).isEqualTo("Отчёт онлайн-дежурной ТОС за " + expected);
    }

    /** The repository's configuration with its {@code period:} block taken out. */
    private Path configWithoutPeriod() throws IOException {
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
        ObjectNode root = (ObjectNode) yaml.readTree(Path.of("config", "duty-desk.yml").toFile());
        assertThat(root.remove("period")).as("the repository's config has a period to take out").isNotNull();
        Path file = dir.resolve("no-period.yml");
        yaml.writeValue(file.toFile(), root);
        return file;
    }

    private static String run(String... args) {
        PrintStream old = System.out;
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        System.setOut(new PrintStream(buffer, true, StandardCharsets.UTF_8));
        try {
            assertThat(Main.execute(args)).isZero();
        } finally {
            System.setOut(old);
        }
        return buffer.toString(StandardCharsets.UTF_8);
    }
}
