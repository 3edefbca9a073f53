package ru.tos.dutydesk.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import ru.tos.dutydesk.desk.ReportFixture;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

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
        assertThat(text).contains("Период;с;01.09.2026\r\n").contains("Итого;Консультации;6\r\n")
                .contains("Цель;Участники;5;175;2\r\n");
        assertThat(Files.readString(html)).contains(">6 из 50 (12 %)<");
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
    void bad_dates_or_format_get_a_clear_error() {
        Path db = database();
        assertThat(Main.execute("--config", "config/duty-desk.yml", "--db", db.toString(), "report",
                "--from", "2026-12-01", "--to", "2026-11-01")).isEqualTo(1);
        assertThat(Main.execute("--config", "config/duty-desk.yml", "--db", db.toString(), "report",
                "--format", "pdf")).isEqualTo(1);
        assertThat(Main.execute("--config", "config/duty-desk.yml", "--db", db.toString(), "report",
                "--from", "вчера")).isNotZero();
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
