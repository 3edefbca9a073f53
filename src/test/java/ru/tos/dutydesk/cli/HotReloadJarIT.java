package ru.tos.dutydesk.cli;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import ru.tos.dutydesk.channel.telegram.emulator.SentMessage;
import ru.tos.dutydesk.channel.telegram.emulator.TelegramBotApiEmulator;
import ru.tos.dutydesk.channel.telegram.emulator.TgUser;
import ru.tos.dutydesk.testing.DeskJar;
import ru.tos.dutydesk.testing.JarConfig;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Knowledge hot reload in the running jar: an edit of a knowledge file is what the next resident gets within
 * 2 s; a broken edit keeps the last good knowledge and tells the consultants' chat which file and line; the fix
 * goes live again. Edits are made the two ways editors save: temp file + rename, and rewriting in place.
 */
class HotReloadJarIT {
    private static final String TOKEN = "777000333:RELOAD-secret";
    private static final long CONSULTANTS_CHAT = -1003000000077L;
    private static final long CONSULTANT = 8077;
    /** The promise to whoever edits the knowledge base. */
    private static final long LIVE_WITHIN_MS = 2000;
    private static final String QUESTION = "Что писать в уставе ТОС?";
    private static final String ORIGINAL = "Обязательное содержание устава ТОС задаёт федеральный закон";

    @TempDir
    Path dir;
    private final TelegramBotApiEmulator tg = TelegramBotApiEmulator.start(TOKEN);
    private DeskJar.Started desk;
    private long nextResident = 7300;

    @AfterEach
    void stop() {
        if (desk != null) {
            desk.stop();
        }
        tg.close();
    }

    @Test
    void editsGoLiveWithinTwoSecondsAndABrokenEditKeepsTheLastGoodKnowledge() throws Exception {
        DeskJar jar = new DeskJar(dir);
        Path faq = jar.faqCopy();
        Path charter = faq.resolve("create/create-charter.md");
        String good = Files.readString(charter);
        assertThat(good).contains(ORIGINAL);
        tg.registerGroup(CONSULTANTS_CHAT, "Консультанты");
        Path config = JarConfig.project(dir).consultantsChat(CONSULTANTS_CHAT, CONSULTANT).roundTheClock().write();
        desk = jar.start("desk", Map.of("TELEGRAM_BOT_TOKEN", TOKEN, "TELEGRAM_API_URL", tg.apiUrl()),
                "run", "--config", config.toString(), "--faq", faq.toString());
        // a start-up on a busy shared machine is slow
        desk.await("desk polls Telegram", Duration.ofSeconds(120), () -> tg.calls("getUpdates") > 0);
        assertThat(ask().text()).contains(ORIGINAL);

        // 1. an editor that saves through a temp file and a rename
        String first = good.replace(ORIGINAL, "ПРАВКА-ОДИН. " + ORIGINAL);
        Path temp = charter.resolveSibling(".create-charter.md.tmp");
        Files.writeString(temp, first);
        long edited = System.currentTimeMillis();
        Files.move(temp, charter, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        assertLiveWithinPromise(edited, "ПРАВКА-ОДИН");

        // 2. a broken edit, written in place: line 3 is no longer valid YAML
        List<String> lines = first.replace("ПРАВКА-ОДИН", "СЛОМАННАЯ-ПРАВКА").lines().toList();
        assertThat(lines.get(2)).startsWith("title:");
        String broken = String.join("\n", lines.subList(0, 2)) + "\ntitle: Вопрос: что в уставе\n"
                + String.join("\n", lines.subList(3, lines.size())) + "\n";
        int before = tg.sentTo(CONSULTANTS_CHAT).size();
        Files.writeString(charter, broken);
        SentMessage notice = awaitConsultantsMessage(before, "create-charter.md:3:");
        assertThat(notice.text()).contains("create/create-charter.md:3:").doesNotContain(dir.toString());
        assertThat(ask().text()).as("the last good knowledge still answers").contains("ПРАВКА-ОДИН").doesNotContain("СЛОМАННАЯ");
        assertThat(desk.process().isAlive()).isTrue();

        // 3. the fix, written in place, is live again
        String fixed = good.replace(ORIGINAL, "ПРАВКА-ДВА. " + ORIGINAL);
        Files.writeString(charter, fixed);
        edited = System.currentTimeMillis();
        assertLiveWithinPromise(edited, "ПРАВКА-ДВА");
        assertThat(desk.stderr()).doesNotContain(TOKEN);
    }

    /**
     * Residents keep asking (each a new one, so that no per-chat limit slows the answers down) until one gets
     * the edited answer; that resident must have asked within the promised time after the edit. The promise is
     * for a machine whose cores are not oversubscribed: rebuilding the index is CPU work, so when the load average
     * exceeds the number of cores (shared build machines) the allowance grows in proportion, and the message says so.
     */
    private void assertLiveWithinPromise(long editedAtMillis, String marker) throws Exception {
        double load = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        int cores = Runtime.getRuntime().availableProcessors();
        double oversubscription = Math.max(1.0, load / cores);
        long allowed = Math.round(LIVE_WITHIN_MS * oversubscription);
        // keep asking past the allowance (to a hard limit) so that a failure says how late the edit went live
        long giveUp = editedAtMillis + Math.max(30_000, 3 * allowed);
        while (System.currentTimeMillis() < giveUp) {
            long askedAt = System.currentTimeMillis();
            SentMessage answer = ask();
            if (answer.text().contains(marker)) {
                long late = askedAt - editedAtMillis;
                System.out.printf("HotReloadJarIT: '%s' live %d ms after the edit (allowed %d ms; load %.1f on %d cores)%n",
                        marker, late, allowed, load, cores);
                assertThat(late).as("ms from the edit to a question answered with '" + marker + "' (promise "
                        + LIVE_WITHIN_MS + " ms, load average " + load + " on " + cores + " cores); desk log:\n"
                        + desk.stderr()).isLessThanOrEqualTo(allowed);
                return;
            }
            Thread.sleep(50); // leave the cores to the reload between questions
        }
        throw new AssertionError("'" + marker + "' never went live; desk log:\n" + desk.stderr());
    }

    /** A new resident asks the question; returns the desk's first reply. */
    private SentMessage ask() {
        TgUser resident = new TgUser(nextResident++, "Житель", "Проверочный", null);
        tg.pushText(resident, QUESTION);
        List<SentMessage> replies = tg.awaitSentTo(resident.id(), 1, Duration.ofSeconds(60));
        assertThat(replies).as("an answer to resident " + resident.id() + "; desk log:\n" + desk.stderr()).isNotEmpty();
        return replies.get(0);
    }

    private SentMessage awaitConsultantsMessage(int already, String containing) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 30_000; // no promise on how soon, only that it comes
        while (System.currentTimeMillis() < deadline) {
            List<SentMessage> messages = tg.sentTo(CONSULTANTS_CHAT);
            for (SentMessage m : messages.subList(already, messages.size())) {
                if (m.text().contains(containing)) {
                    return m;
                }
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no message with '" + containing + "' in the consultants' chat: "
                + tg.sentTo(CONSULTANTS_CHAT).stream().map(SentMessage::text).toList() + "\ndesk log:\n" + desk.stderr());
    }
}
