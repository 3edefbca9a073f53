package ru.tos.dutydesk.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import ru.tos.dutydesk.desk.ReportFixture;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The tickets command lists what is not closed, in words a Russian-speaking consultant reads. */
class TicketsCommandTest {
    @TempDir
    Path dir;

    @Test
    void states_are_in_russian() {
        Path db;
        try (ReportFixture f = ReportFixture.build(dir)) {
            db = f.databaseFile();
        }
        PrintStream old = System.out;
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        System.setOut(new PrintStream(buffer, true, StandardCharsets.UTF_8));
        try {
            assertThat(Main.execute("--config", "config/duty-desk.yml", "--db", db.toString(), "tickets")).isZero();
        } finally {
            System.setOut(old);
        }
        String out = buffer.toString(StandardCharsets.UTF_8);
        // the fixture leaves a ticket never answered and tickets answered by consultants
        assertThat(out).contains(" ждёт ").contains(" отвечено ")
                .doesNotContain("OPEN").doesNotContain("ANSWERED").doesNotContain("TAKEN");
    }
}
