package ru.tos.dutydesk.channel.telegram;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import ru.tos.dutydesk.channel.telegram.emulator.SentMessage;
import ru.tos.dutydesk.channel.telegram.emulator.TelegramBotApiEmulator;
import ru.tos.dutydesk.channel.telegram.emulator.TgUser;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
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
    private Process desk;

    @AfterEach
    void stop() {
        if (desk != null && desk.isAlive()) {
            desk.destroyForcibly();
        }
        tg.close();
    }

    /** The project's own config with a temporary database and this test's consultants' chat. */
    private Path config() throws IOException {
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
        ObjectNode root = (ObjectNode) yaml.readTree(Path.of("config", "duty-desk.yml").toFile());
        root.put("database", dir.resolve("desk.db").toString());
        ObjectNode telegram = (ObjectNode) root.get("telegram");
        telegram.put("api-url", "https://api.telegram.org"); // overridden by TELEGRAM_API_URL, as in production
        telegram.put("consultants-chat-id", GROUP);
        telegram.putArray("consultants").add(CONSULTANT.id());
        // consultants are on duty round the clock in this test, so the answer does not depend on the hour
        ObjectNode hours = (ObjectNode) root.get("desk").get("working-hours");
        hours.putArray("days").add("MON").add("TUE").add("WED").add("THU").add("FRI").add("SAT").add("SUN");
        hours.put("from", "00:00");
        hours.put("to", "23:59");
        Path file = dir.resolve("duty-desk.yml");
        yaml.writeValue(file.toFile(), root);
        return file;
    }

    private Process startJar(Path config) throws IOException {
        Path jar = Path.of("target", "tos-duty-desk.jar");
        assertThat(jar).as("the packaged jar (integration tests run after package)").exists();
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", jar.toString(), "run", "--config", config.toString())
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("desk.log").toFile());
        Map<String, String> env = pb.environment();
        env.keySet().removeIf(k -> k.startsWith("TELEGRAM_") || k.startsWith("VK_"));
        env.put("TELEGRAM_BOT_TOKEN", TOKEN);
        env.put("TELEGRAM_API_URL", tg.apiUrl());
        return pb.start();
    }

    private SentMessage awaitMessage(long chatId, Predicate<SentMessage> wanted) throws Exception {
        long deadline = System.currentTimeMillis() + WAIT.toMillis();
        while (System.currentTimeMillis() < deadline) {
            for (SentMessage m : tg.sentTo(chatId)) {
                if (wanted.test(m)) {
                    return m;
                }
            }
            assertThat(desk.isAlive()).as("desk running; log:\n" + log()).isTrue();
            Thread.sleep(100);
        }
        throw new AssertionError("no such message in " + chatId + ": " + tg.sentTo(chatId).stream().map(SentMessage::text).toList()
                + "\nlog:\n" + log());
    }

    private String log() throws IOException {
        Path file = dir.resolve("desk.log");
        return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
    }

    @Test
    void theJarServesTelegramThroughTheConfiguredApiUrl() throws Exception {
        tg.registerGroup(GROUP, "Консультанты");
        desk = startJar(config());
        tg.pushText(RESIDENT, "Позовите консультанта, пожалуйста: у нас спор о границах ТОС");
        awaitMessage(RESIDENT.id(), m -> m.text().contains("обращение №"));
        SentMessage card = awaitMessage(GROUP, m -> m.text().contains("Мария Иванова") && !m.buttons().isEmpty());
        tg.pushGroupText(GROUP, CONSULTANT, "Границы утверждает представительный орган по предложению жителей.",
                card.messageId());
        awaitMessage(RESIDENT.id(), m -> m.text().contains("Границы утверждает представительный орган"));

        desk.destroy(); // SIGTERM: the shutdown path must stop every thread so the JVM exits
        assertThat(desk.waitFor(20, TimeUnit.SECONDS)).as("jar exits after SIGTERM; log:\n" + log()).isTrue();
        String log = log();
        assertThat(log).doesNotContain(TOKEN).doesNotContain("JAR-secret");
        assertThat(log).doesNotContain("спор о границах"); // no message text in the log either
        List<SentMessage> toResident = tg.sentTo(RESIDENT.id());
        assertThat(toResident.stream().filter(m -> m.text().contains("Границы утверждает")).count()).isEqualTo(1);
    }
}
