package ru.tos.dutydesk.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import ru.tos.dutydesk.testing.LogCapture;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The console chat as typed in a terminal: no log line inside the conversation; a coordinator when asked for. */
class ChatCommandTest {
    @TempDir
    Path dir;

    private record Session(String screen, String stderr) {
    }

    private Session chat(String typed, String... extra) {
        InputStream in = System.in;
        PrintStream out = System.out;
        ByteArrayOutputStream screen = new ByteArrayOutputStream();
        try (LogCapture stderr = LogCapture.start()) {
            System.setIn(new ByteArrayInputStream(typed.getBytes(StandardCharsets.UTF_8)));
            System.setOut(new PrintStream(screen, true, StandardCharsets.UTF_8));
            String[] args = new String[6 + extra.length];
            System.arraycopy(new String[] {"--config", "config/duty-desk.yml", "--faq", "faq", "--db",
                    dir.resolve("try.db").toString()}, 0, args, 0, 6);
            System.arraycopy(extra, 0, args, 6, extra.length);
            String[] withCommand = new String[args.length + 1];
            withCommand[0] = "chat";
            System.arraycopy(args, 0, withCommand, 1, args.length);
            assertThat(Main.execute(withCommand)).isZero();
            return new Session(screen.toString(StandardCharsets.UTF_8), stderr.text());
        } finally {
            System.setIn(in);
            System.setOut(out);
        }
    }

    @Test
    void noLogLineAppearsInTheConversationTheyGoToAFileBesideTheDatabase() throws Exception {
        Session s = chat("как создать тос?\n/stats\nвыход\n");

        assertThat(s.screen()).contains("журнал: " + dir.resolve("try.log"))
                .contains("Отчёты доступны только координаторам");
        assertThat(s.screen() + s.stderr()).doesNotContain(" INFO ").doesNotContain(" WARN ")
                .doesNotContain("ru.tos.dutydesk");
        assertThat(Files.readString(dir.resolve("try.log"))).contains("WARN").contains("refused /stats");
    }

    @Test
    void asACoordinatorTheConsoleUserGetsTheFiguresAndTheFiles() {
        Session s = chat("/stats\n/export\nвыход\n", "--as", "coordinator");

        assertThat(s.screen()).contains("вы координатор").contains("Отчёт за 01.09.2026–30.06.2027")
                .contains("Консультации: 0 из 50").contains(".csv").contains(".html")
                .doesNotContain("доступны только координаторам");
    }
}
