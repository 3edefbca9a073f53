package ru.tos.dutydesk.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import ru.tos.dutydesk.desk.ReportFixture;
import ru.tos.dutydesk.report.Report;
import ru.tos.dutydesk.report.ReportBuilder;
import ru.tos.dutydesk.report.ReportPeriod;
import ru.tos.dutydesk.report.TopicTitles;
import ru.tos.dutydesk.store.DatabaseLocation;
import ru.tos.dutydesk.store.DatabaseLogin;
import ru.tos.dutydesk.store.SqlStore;
import ru.tos.dutydesk.testing.TestPostgres;
import ru.tos.dutydesk.testing.TestStores;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

/** {@code migrate-store} as an association runs it: the desk's conversations moved, the counts shown, errors in a line. */
class MigrateStoreCommandTest {
    private static final ReportPeriod PROJECT = new ReportPeriod(LocalDate.of(2026, 9, 1), LocalDate.of(2027, 6, 30),
            ZoneId.of("Europe/Moscow"));

    @TempDir
    Path dir;

    private String out;
    private String err;

    @Test
    void moves_a_desk_prints_the_counts_and_refuses_a_second_run_into_the_same_database() throws Exception {
        // the desk moved is an SQLite file; where the suite's stores are PostgreSQL (-Dtos.store=postgres) there is none
        assumeFalse(TestStores.onPostgres());
        Path db;
        TopicTitles titles;
        Report onFile;
        try (ReportFixture f = ReportFixture.build(dir)) {
            f.forgetBoris();
            db = f.databaseFile();
            titles = f.titles();
            onFile = report(f.store(), titles);
        }
        String url = TestPostgres.shared().newDatabase();

        assertThat(run("migrate-store", "--from", db.toString(), "--to", url)).isZero();

        assertThat(out).contains("Что сверяется").contains("SQLite").contains("PostgreSQL")
                .doesNotContain("НЕ СОВПАДАЕТ").contains("Совпадает: база " + db + " перенесена в " + url);
        String users = count(db, "SELECT count(*) FROM users");
        assertThat(out).containsPattern("(?m)^users\\s+" + users + "\\s+" + users + "\\s+Совпадает$");
        String byBot = count(db, "SELECT count(*) FROM consultations WHERE outcome = 'BOT'");
        assertThat(out).containsPattern("(?m)^консультации: ответил бот\\s+" + byBot + "\\s+" + byBot + "\\s+Совпадает$");
        assertThat(out).containsPattern("(?m)^transcript\\s+[1-9]\\d*\\s+[1-9]\\d*\\s+Совпадает$");
        // the grant report of the project period says the same from PostgreSQL as it did from the file
        try (SqlStore moved = SqlStore.open(new DatabaseLocation.Postgres(url), DatabaseLogin.none(), true)) {
            assertThat(report(moved, titles)).isEqualTo(onFile);
        }
        assertThat(onFile.consultations()).isPositive();
        assertThat(onFile.participants()).isPositive();

        assertThat(run("migrate-store", "--from", db.toString(), "--to", url)).isEqualTo(1);
        assertThat(err.strip()).startsWith("error: ").contains("is not empty").doesNotContain("\n").doesNotContain("\tat ");
    }

    @Test
    void a_password_in_the_url_is_refused_and_never_printed() {
        Path db = dir.resolve("desk.db");

        int code = run("migrate-store", "--from", db.toString(), "--to",
                "jdbc:postgresql://127.0.0.1:1/desk?user=desk&password=Sekret-Zarechye-77");

        assertThat(code).isEqualTo(1);
        assertThat(out + err).doesNotContain("Sekret-Zarechye-77");
        assertThat(err.strip()).startsWith("error: --to: the password must not be written").contains("DATABASE_PASSWORD")
                .doesNotContain("\n");
    }

    private static Report report(SqlStore store, TopicTitles titles) {
        return new ReportBuilder(store.reportSource(), Map.of("consultations", 50, "districts", 5), ReportFixture.ASSOCIATION,
                titles).build(PROJECT, Instant.EPOCH);
    }

    private static String count(Path db, String sql) throws SQLException {
        try (var c = DriverManager.getConnection("jdbc:sqlite:" + db); var st = c.createStatement(); var rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }

    private int run(String... args) {
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        System.setOut(new PrintStream(o, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(e, true, StandardCharsets.UTF_8));
        try {
            return Main.execute(args);
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
            out = o.toString(StandardCharsets.UTF_8);
            err = e.toString(StandardCharsets.UTF_8);
        }
    }
}
