package ru.tos.dutydesk.channel;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import ru.tos.dutydesk.channel.telegram.emulator.Fault;
import ru.tos.dutydesk.channel.telegram.emulator.SentMessage;
import ru.tos.dutydesk.channel.telegram.emulator.TelegramBotApiEmulator;
import ru.tos.dutydesk.channel.telegram.emulator.TgUser;
import ru.tos.dutydesk.channel.vk.VkApiEmulator;
import ru.tos.dutydesk.testing.DeskJar;
import ru.tos.dutydesk.testing.JarConfig;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The packaged jar with both a Telegram and a VK token in its environment, serving both emulators, through ordinary
 * traffic and through errors (401 and 404 from the Telegram emulator on sends and on polling, an invalid-token error
 * and a dropped connection from VK): neither token, in any form, appears on its stdout or stderr.
 */
class TokensNeverLoggedJarIT {
    private static final String TG_TOKEN = "424242001:TOKEN-never-in-logs-tg7";
    private static final long GROUP = -1005000000001L;
    private static final TgUser RESIDENT = new TgUser(7101, "Вера", "Логова", null);
    private static final TgUser CONSULTANT = new TgUser(8101, "Ольга", "Петрова", null);
    private static final long VK_RESIDENT = 301;
    private static final Duration WAIT = Duration.ofSeconds(60);

    @TempDir
    Path dir;
    private final TelegramBotApiEmulator tg = TelegramBotApiEmulator.start(TG_TOKEN);
    private VkApiEmulator vk;
    private DeskJar.Started desk;

    @AfterEach
    void stop() {
        if (desk != null) {
            desk.stop();
        }
        tg.close();
        if (vk != null) {
            vk.close();
        }
    }

    private void await(String what, BooleanSupplier condition) throws Exception {
        desk.await(what, WAIT, condition);
    }

    private boolean sentContaining(long chat, String text) {
        return tg.sentTo(chat).stream().map(SentMessage::text).anyMatch(t -> t.contains(text));
    }

    @Test
    void neitherTokenAppearsInTheOutputThroughTrafficAndErrors() throws Exception {
        vk = new VkApiEmulator();
        vk.setUserName(VK_RESIDENT, "Анна", "Петрова");
        tg.registerGroup(GROUP, "Консультанты");
        Path config = JarConfig.project(dir).consultantsChat(GROUP, CONSULTANT.id()).roundTheClock().write();
        desk = new DeskJar(dir).start("desk", Map.of(
                "TELEGRAM_BOT_TOKEN", TG_TOKEN,
                "TELEGRAM_API_URL", tg.apiUrl(),
                "VK_GROUP_TOKEN", VkApiEmulator.TOKEN,
                "VK_GROUP_ID", String.valueOf(VkApiEmulator.GROUP_ID),
                "VK_API_URL", vk.apiUrl()), "run", "--config", config.toString());

        // ordinary traffic on both platforms, a ticket and a consultant's answer
        tg.pushText(RESIDENT, "/start");
        await("Telegram welcome", () -> !tg.sentTo(RESIDENT.id()).isEmpty());
        await("VK polling", () -> !vk.polledTs().isEmpty());
        vk.pushMessage(VK_RESIDENT, "/human Спор о границах ТОС");
        await("VK ticket card", () -> sentContaining(GROUP, "Спор о границах ТОС"));
        SentMessage card = tg.sentTo(GROUP).stream().filter(m -> m.text().contains("Спор о границах")).findFirst().orElseThrow();
        // the card is matched to its ticket once the sender has recorded its id, a moment after Telegram shows it
        await("VK resident told about the ticket", () -> vk.sentTo(VK_RESIDENT).stream().anyMatch(m -> m.text().contains("№")));
        Thread.sleep(1000);
        tg.pushGroupText(GROUP, CONSULTANT, "Границы утверждает представительный орган.", card.messageId());
        await("consultant's answer on VK", () -> vk.sentTo(VK_RESIDENT).stream()
                .anyMatch(m -> m.text().contains("Границы утверждает")));

        // errors: Telegram refuses sends with 401 and 404, then polling with 404 and 401; VK refuses the token once
        // and drops a connection
        int sends = tg.calls("sendMessage");
        tg.inject("sendMessage", Fault.error(401, "Unauthorized"), 1);
        tg.inject("sendMessage", Fault.error(404, "Not Found"), 1);
        tg.pushText(RESIDENT, "/help");
        await("Telegram sends met the errors", () -> tg.calls("sendMessage") >= sends + 2);
        int vkSends = vk.calls("messages.send");
        vk.dropNext("messages.send", 1); // retried
        vk.failNext("messages.send", 5, 1); // an invalid token is final: the reply is given up
        vk.pushMessage(VK_RESIDENT, "/help");
        await("VK sends met the errors", () -> vk.calls("messages.send") >= vkSends + 2);
        int polls = tg.calls("getUpdates");
        tg.inject("getUpdates", Fault.error(404, "Not Found"), 1);
        tg.inject("getUpdates", Fault.error(401, "Unauthorized"), 1);
        tg.pushText(RESIDENT, "/start"); // ends the running long poll, so the next ones meet the errors at once
        await("polling met the errors", () -> tg.calls("getUpdates") >= polls + 3);
        Thread.sleep(1500); // let the desk log whatever it logs about them

        assertThat(desk.terminate(Duration.ofSeconds(30))).as("jar exits after SIGTERM; output:\n" + desk.output()).isTrue();
        String out = desk.stdout() + desk.stderr();
        assertThat(out).as("the run logged the failures it met").contains("401 Unauthorized").contains("404 Not Found")
                .contains("VK error 5");
        for (String secret : forms(TG_TOKEN, VkApiEmulator.TOKEN)) {
            assertThat(desk.stdout()).as("stdout").doesNotContain(secret);
            assertThat(desk.stderr()).as("stderr").doesNotContain(secret);
        }
        assertThat(out).doesNotContain("Спор о границах").doesNotContain("Границы утверждает");
    }

    /** A token as it could leak: whole, its secret half, URL-encoded, and in the Bot API path. */
    private static List<String> forms(String telegram, String vkToken) {
        String secret = telegram.substring(telegram.indexOf(':') + 1);
        return List.of(telegram, secret, URLEncoder.encode(telegram, StandardCharsets.UTF_8), "/bot" + telegram,
                vkToken, vkToken.substring(6), URLEncoder.encode(vkToken, StandardCharsets.UTF_8));
    }
}
