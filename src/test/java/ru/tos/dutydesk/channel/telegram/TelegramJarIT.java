package ru.tos.dutydesk.channel.telegram;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import ru.tos.dutydesk.channel.telegram.emulator.SentMessage;
import ru.tos.dutydesk.channel.telegram.emulator.TelegramBotApiEmulator;
import ru.tos.dutydesk.channel.telegram.emulator.TgUser;
import ru.tos.dutydesk.testing.DeskJar;
import ru.tos.dutydesk.testing.JarConfig;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The packaged jar, unchanged, runs against the emulator when started with TELEGRAM_API_URL and a token:
 * a resident's request reaches a consultant's card, the consultant's reply reaches the resident, and the process
 * stops cleanly on SIGTERM without ever printing the token. Runs after {@code package}, so the jar exists.
 */
class TelegramJarIT {
    private static final String TOKEN = "777000111:JAR-secret-token";
    private static final long GROUP = -1003000000001L;
    private static final TgUser RESIDENT = new TgUser(7001, "Мария", "Иванова", null);
    private static final TgUser CONSULTANT = new TgUser(8001, "Ольга", "Петрова", null);
    private static final Duration WAIT = Duration.ofSeconds(60);

    @TempDir
    Path dir;
    private final TelegramBotApiEmulator tg = TelegramBotApiEmulator.start(TOKEN);
    private DeskJar.Started desk;

    @AfterEach
    void stop() {
        if (desk != null) {
            desk.stop();
        }
        tg.close();
    }

    /** As the emulator's own wait, but failing at once with the desk's output if the desk dies. */
    private SentMessage awaitMessage(long chatId, Predicate<SentMessage> wanted) throws Exception {
        desk.await(() -> "a message in " + chatId + "; got: " + tg.sentTo(chatId).stream().map(SentMessage::text).toList(),
                WAIT, () -> tg.sentTo(chatId).stream().anyMatch(wanted));
        return tg.awaitSent(chatId, wanted, Duration.ZERO);
    }

    @Test
    void theJarServesTelegramThroughTheConfiguredApiUrl() throws Exception {
        tg.registerGroup(GROUP, "Консультанты");
        // consultants are on duty round the clock in this test, so the answer does not depend on the hour
        Path config = JarConfig.project(dir).consultantsChat(GROUP, CONSULTANT.id()).roundTheClock().write();
        desk = new DeskJar(dir).start("desk", Map.of("TELEGRAM_BOT_TOKEN", TOKEN, "TELEGRAM_API_URL", tg.apiUrl()),
                "run", "--config", config.toString());
        tg.pushText(RESIDENT, "Позовите консультанта, пожалуйста: у нас спор о границах ТОС");
        awaitMessage(RESIDENT.id(), m -> m.text().contains("обращение №"));
        SentMessage card = awaitMessage(GROUP, m -> m.text().contains("Мария Иванова") && !m.buttons().isEmpty());
        tg.pushGroupText(GROUP, CONSULTANT, "Границы утверждает представительный орган по предложению жителей.",
                card.messageId());
        awaitMessage(RESIDENT.id(), m -> m.text().contains("Границы утверждает представительный орган"));

        // SIGTERM: the shutdown path must stop every thread so the JVM exits
        assertThat(desk.terminate(Duration.ofSeconds(20))).as("jar exits after SIGTERM; log:\n" + desk.output()).isTrue();
        String log = desk.stdout() + desk.stderr();
        assertThat(log).doesNotContain(TOKEN).doesNotContain("JAR-secret");
        assertThat(log).doesNotContain("спор о границах"); // no message text in the log either
        List<SentMessage> toResident = tg.sentTo(RESIDENT.id());
        assertThat(toResident.stream().filter(m -> m.text().contains("Границы утверждает")).count()).isEqualTo(1);
    }
}
