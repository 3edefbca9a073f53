package ru.tos.dutydesk.cli;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import ru.tos.dutydesk.channel.telegram.emulator.TelegramBotApiEmulator;
import ru.tos.dutydesk.channel.telegram.emulator.TgUser;
import ru.tos.dutydesk.channel.vk.VkApiEmulator;
import ru.tos.dutydesk.testing.DeskJar;
import ru.tos.dutydesk.testing.JarConfig;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The doctor command end to end: the packaged jar against both emulators prints the checklist and sets the exit code. */
class DoctorJarIT {
    private static final String TOKEN = "777000333:DOCTOR-secret";
    private static final long CHAT = -1_003_000_000_088L;
    private static final TgUser CONSULTANT = new TgUser(8088, "Анна", "Смирнова", null);

    @TempDir
    Path dir;
    private final TelegramBotApiEmulator tg = TelegramBotApiEmulator.start(TOKEN);
    private final VkApiEmulator vk = new VkApiEmulator();

    DoctorJarIT() throws IOException {
        tg.registerGroup(CHAT, "Консультанты ТОС");
        tg.setGroupMember(CHAT, CONSULTANT, "member");
    }

    @AfterEach
    void stop() {
        tg.close();
        vk.close();
    }

    private Map<String, String> bothChannels() {
        Map<String, String> env = new HashMap<>();
        env.put("TELEGRAM_BOT_TOKEN", TOKEN);
        env.put("TELEGRAM_API_URL", tg.apiUrl());
        env.put("VK_GROUP_TOKEN", VkApiEmulator.TOKEN);
        env.put("VK_GROUP_ID", String.valueOf(VkApiEmulator.GROUP_ID));
        env.put("VK_API_URL", vk.apiUrl());
        return env;
    }

    private List<String> checkLines(String stdout) {
        return stdout.lines().filter(l -> l.startsWith("[")).toList();
    }

    @Test
    void aCorrectSetUpPrintsAChecklistWithoutErrorsAndExitsZero() throws Exception {
        Path config = JarConfig.project(dir).consultantsChat(CHAT, CONSULTANT.id()).write();

        DeskJar.Finished run = new DeskJar(dir).runToEnd(bothChannels(), "--config", config.toString(), "doctor");

        assertThat(run.exitCode()).as(run.stdout() + run.stderr()).isZero();
        List<String> lines = checkLines(run.stdout());
        assertThat(lines).noneMatch(l -> l.startsWith("[ОШИБКА]"));
        assertThat(lines).anyMatch(l -> l.startsWith("[ОК] Настройки:"))
                .anyMatch(l -> l.startsWith("[ОК] База данных:"))
                .anyMatch(l -> l.startsWith("[ОК] Место на диске:"))
                .anyMatch(l -> l.startsWith("[ОК] Время:") && l.contains("Europe/Moscow"))
                .anyMatch(l -> l.startsWith("[ОК] Telegram: токен:"))
                .anyMatch(l -> l.startsWith("[ИНФО] Telegram: режим приватности:"))
                .anyMatch(l -> l.startsWith("[ОК] Telegram: консультант 8088 (Анна Смирнова):"))
                .anyMatch(l -> l.startsWith("[ОК] VK: ключ доступа:"))
                .anyMatch(l -> l.startsWith("[ОК] VK: типы событий:"));
        assertThat(lines).anyMatch(l -> l.matches("\\[(ОК|ПРЕДУПРЕЖДЕНИЕ)] База знаний: .*"));
        assertThat(run.stdout()).contains("Итог: ").doesNotContain("Что сделать: добав");
        assertThat(run.stdout() + run.stderr()).doesNotContain(TOKEN).doesNotContain(VkApiEmulator.TOKEN);
    }

    @Test
    void theShippedSampleChatIdAndLongPollOffExitOneAndSayWhatToDo() throws Exception {
        Path config = JarConfig.project(dir).consultantsChat(-1_000_000_000_000L, CONSULTANT.id()).write();
        vk.setLongPollSettings(false, "5.199", "message_new", "message_event");

        DeskJar.Finished run = new DeskJar(dir).runToEnd(bothChannels(), "--config", config.toString(), "doctor");

        assertThat(run.exitCode()).isEqualTo(1);
        List<String> out = run.stdout().lines().toList();
        int chat = indexOf(out, "[ОШИБКА] Telegram: группа консультантов:");
        assertThat(out.get(chat)).contains("telegram.consultants-chat-id");
        assertThat(out.get(chat + 1)).startsWith("    Что сделать: ");
        int lp = indexOf(out, "[ОШИБКА] VK: Long Poll:");
        assertThat(out.get(lp + 1)).contains("Что сделать: включите");
        assertThat(run.stdout()).contains("Итог: ошибок 2");
    }

    @Test
    void withoutTokensOnlyTheLocalPartsAreCheckedAndTheConsoleIsNamed() throws Exception {
        Path config = JarConfig.project(dir).write();

        DeskJar.Finished run = new DeskJar(dir).runToEnd(Map.of(), "--config", config.toString(), "doctor");

        assertThat(run.exitCode()).as(run.stdout() + run.stderr()).isZero();
        assertThat(checkLines(run.stdout())).anyMatch(l -> l.startsWith("[ИНФО] Каналы:") && l.contains("терминале"))
                .anyMatch(l -> l.startsWith("[ИНФО] Почта:") && l.contains("выключен"))
                .noneMatch(l -> l.contains("Telegram: токен"));
    }

    @Test
    void aBrokenKnowledgeFileExitsOne() throws Exception {
        DeskJar jar = new DeskJar(dir);
        Path faq = jar.faqCopy();
        Path broken;
        try (var files = java.nio.file.Files.walk(faq)) {
            broken = files.filter(f -> f.toString().endsWith(".md")).findFirst().orElseThrow();
        }
        java.nio.file.Files.writeString(broken, "---\nid: [unclosed\n---\nтекст\n");
        Path config = JarConfig.project(dir).write();

        DeskJar.Finished run = jar.runToEnd(Map.of(), "--config", config.toString(), "--faq", faq.toString(), "doctor");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(checkLines(run.stdout())).anyMatch(l -> l.startsWith("[ОШИБКА] База знаний:")
                && l.contains(broken.getFileName().toString()));
    }

    private static int indexOf(List<String> lines, String start) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith(start)) {
                return i;
            }
        }
        throw new AssertionError("no line starting «" + start + "» in:\n" + String.join("\n", lines));
    }
}
