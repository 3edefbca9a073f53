package ru.tos.dutydesk.channel.max;

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
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The packaged jar wired from its environment: MAX beside Telegram, where the consultants work. A MAX resident's
 * question goes to the consultants' Telegram group as a card, a consultant's reply to the card reaches the resident
 * in MAX; MAX's 429s, 5xx and a refused token are ridden out; after a SIGKILL the jar resumes from its stored
 * marker and answers what came in meanwhile and nothing twice; neither token appears in its output. {@code doctor}
 * checks the MAX token with GET /me.
 */
class MaxJarIT {
    private static final Duration START = Duration.ofSeconds(90);
    private static final Duration WAIT = Duration.ofSeconds(40);
    private static final String TG_TOKEN = "424242002:TOKEN-never-in-logs-max";
    private static final long GROUP = -1005000000002L;
    private static final TgUser CONSULTANT = new TgUser(8102, "Ольга", "Петрова", null);
    private static final long ANNA = 101;

    @TempDir
    Path dir;

    private final TelegramBotApiEmulator tg = TelegramBotApiEmulator.start(TG_TOKEN);
    private MaxApiEmulator max;
    private DeskJar.Started desk;

    @AfterEach
    void tearDown() throws InterruptedException {
        if (desk != null && !desk.terminate(Duration.ofSeconds(15))) {
            desk.stop();
        }
        tg.close();
        if (max != null) {
            max.close();
        }
    }

    private Map<String, String> env() {
        Map<String, String> env = new HashMap<>();
        env.put("TELEGRAM_BOT_TOKEN", TG_TOKEN);
        env.put("TELEGRAM_API_URL", tg.apiUrl());
        env.put("MAX_BOT_TOKEN", MaxApiEmulator.TOKEN);
        env.put("MAX_API_URL", max.apiUrl());
        return env;
    }

    private DeskJar.Started startJar(String name, Path config) throws Exception {
        int polls = max.polledMarkers().size();
        desk = new DeskJar(dir).start(name, env(), "--db", dir.resolve("desk.db").toString(), "run", "--config", config.toString());
        desk.await("the desk polls MAX", START, () -> max.polledMarkers().size() != polls);
        return desk;
    }

    @Test
    void aMaxResidentIsAnsweredFromTheTelegramConsultantsChatThroughFaultsAndAKill() throws Exception {
        max = new MaxApiEmulator();
        max.setUserName(ANNA, "Анна", "Петрова");
        tg.registerGroup(GROUP, "Консультанты");
        Path config = JarConfig.project(dir).consultantsChat(GROUP, CONSULTANT.id()).roundTheClock().write();
        DeskJar.Started first = startJar("first", config);

        max.pushBotStarted(ANNA);
        assertThat(max.awaitSent(ANNA, 1, WAIT).get(0).text()).startsWith("Здравствуйте!");

        max.tooManyNext("/messages", 1, 1);
        max.failNext("/messages", 503, 2);
        max.pushMessage(ANNA, "/human Спор о границах ТОС с соседним ТОС");
        first.await("the card in the consultants' chat", WAIT, () -> tg.sentTo(GROUP).stream()
                .anyMatch(m -> m.text().contains("Спор о границах")));
        SentMessage card = tg.sentTo(GROUP).stream().filter(m -> m.text().contains("Спор о границах")).findFirst().orElseThrow();
        assertThat(card.text()).contains("MAX").contains("Анна Петрова");
        assertThat(max.awaitSent(ANNA, 2, WAIT).get(1).text()).contains("№");
        Thread.sleep(1000); // the card is matched to its ticket once the sender has recorded its id
        tg.pushGroupText(GROUP, CONSULTANT, "Границы утверждает представительный орган.", card.messageId());
        assertThat(max.awaitSent(ANNA, 3, WAIT).get(2).text()).contains("Границы утверждает представительный орган.");

        first.kill(); // a crash, not a clean stop
        max.failNext("/updates", 401, 1);
        max.pushMessage(ANNA, "/help");
        DeskJar.Started second = startJar("second", config);

        second.await("the answer to what came in meanwhile", WAIT, () -> max.sentTo(ANNA).stream()
                .anyMatch(m -> m.text().startsWith("Как со мной говорить:")));
        Thread.sleep(500);
        List<String> texts = max.sentTo(ANNA).stream().map(MaxApiEmulator.Sent::text).toList();
        // MAX has no idempotency key: the kill may fall between MAX taking the last reply and the desk marking it
        // sent, which repeats that one reply (DESIGN.md's window); nothing else is repeated, nothing lost
        assertThat(texts.size() - texts.stream().distinct().count()).as("replies repeated by the kill: " + texts)
                .isLessThanOrEqualTo(1);
        assertThat(texts).filteredOn(t -> t.startsWith("Как со мной говорить:")).hasSize(1);

        assertThat(second.terminate(Duration.ofSeconds(15))).as("jar exits after SIGTERM; output:\n" + second.output()).isTrue();
        String output = first.output() + second.output();
        // the send faults (429, then 503) are one outage: its first failure and its end are logged, not each retry
        assertThat(output).contains("MAX 401").contains("max: sending fails: MAX 429")
                .contains("max: sending works again after")
                .doesNotContain(MaxApiEmulator.TOKEN).doesNotContain(TG_TOKEN.substring(TG_TOKEN.indexOf(':') + 1))
                .doesNotContain("Спор о границах").doesNotContain("Границы утверждает");
        assertThat(max.tokenLeaks()).isEmpty();
    }

    @Test
    void doctorChecksTheMaxToken() throws Exception {
        max = new MaxApiEmulator();
        Map<String, String> env = new HashMap<>(env());
        env.remove("TELEGRAM_BOT_TOKEN");

        DeskJar.Finished ok = new DeskJar(dir).runToEnd(env, "--db", dir.resolve("desk.db").toString(), "doctor");
        assertThat(ok.stdout()).contains("MAX: токен бота").contains("@" + MaxApiEmulator.BOT_USERNAME);

        env.put("MAX_BOT_TOKEN", "a-token-of-no-bot-at-all");
        DeskJar.Finished refused = new DeskJar(dir).runToEnd(env, "--db", dir.resolve("desk.db").toString(), "doctor");
        assertThat(refused.exitCode()).isEqualTo(1);
        assertThat(refused.stdout()).contains("MAX не принял токен").contains("business.max.ru")
                .doesNotContain("a-token-of-no-bot-at-all");
    }
}
