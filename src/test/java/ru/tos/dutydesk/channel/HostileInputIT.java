package ru.tos.dutydesk.channel;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import ru.tos.dutydesk.channel.telegram.TelegramChannel;
import ru.tos.dutydesk.channel.telegram.TelegramRateLimiter;
import ru.tos.dutydesk.channel.telegram.TelegramSettings;
import ru.tos.dutydesk.channel.telegram.emulator.Button;
import ru.tos.dutydesk.channel.telegram.emulator.SentMessage;
import ru.tos.dutydesk.channel.telegram.emulator.TelegramBotApiEmulator;
import ru.tos.dutydesk.channel.telegram.emulator.TgUser;
import ru.tos.dutydesk.channel.vk.VkApiEmulator;
import ru.tos.dutydesk.channel.vk.VkChannel;
import ru.tos.dutydesk.channel.vk.VkChannelOptions;
import ru.tos.dutydesk.channel.vk.VkSettings;
import ru.tos.dutydesk.config.AppConfig;
import ru.tos.dutydesk.config.ConfigLoader;
import ru.tos.dutydesk.desk.Address;
import ru.tos.dutydesk.desk.Channel;
import ru.tos.dutydesk.desk.Desk;
import ru.tos.dutydesk.desk.DeskSettings;
import ru.tos.dutydesk.desk.Knowledge;
import ru.tos.dutydesk.knowledge.Entry;
import ru.tos.dutydesk.knowledge.KnowledgeBase;
import ru.tos.dutydesk.knowledge.KnowledgeLoader;
import ru.tos.dutydesk.matching.IntentDetector;
import ru.tos.dutydesk.matching.LuceneMatcher;
import ru.tos.dutydesk.matching.RussianAnalysis;
import ru.tos.dutydesk.store.SqlStore;
import ru.tos.dutydesk.testing.HostileText;
import ru.tos.dutydesk.testing.PlatformChecks;
import ru.tos.dutydesk.testing.SampledMatcher;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A sample of the hostile messages of {@code HostileInputTest} through the real clients: the telegrambots poller and
 * client against the Telegram emulator (whose sendMessage refuses bad HTML and over-long text as Telegram does) and
 * the VK SDK against the VK emulator, with one desk and one SQLite store behind both, as in production. Every reply
 * must be accepted by its emulator, none given up, none left waiting, and every resident who wrote must hear back.
 * Replay with {@code -Dhostile.seed=N}.
 */
class HostileInputIT {
    private static final String TOKEN = "555111:HOSTILE-token";
    private static final long GROUP = -1004000000001L;
    private static final TgUser OLGA = new TgUser(5001, "Ольга", "Консультант", "olga");
    private static final TgUser IVAN = TgUser.of(5002, "Иван");
    private static final int SAMPLE = Integer.getInteger("hostile.sample", 300);
    private static final int ROUND = 30;
    private static final Duration QUIET_WAIT = Duration.ofSeconds(90);

    @TempDir
    Path dir;
    private TelegramBotApiEmulator tg;
    private VkApiEmulator vk;
    private SqlStore store;
    private TelegramChannel telegram;
    private VkChannel vkChannel;

    @AfterEach
    void stop() {
        if (telegram != null) {
            telegram.close();
        }
        if (vkChannel != null) {
            vkChannel.close();
        }
        if (store != null) {
            store.close();
        }
        if (tg != null) {
            tg.close();
        }
        if (vk != null) {
            vk.close();
        }
    }

    @Test
    void everyReplyToHostileInputIsAcceptedByTelegramAndVk() throws Exception {
        long seed = Long.getLong("hostile.seed", new Random().nextLong());
        String replay = "replay with -Dhostile.seed=" + seed;
        tg = TelegramBotApiEmulator.start(TOKEN);
        tg.registerGroup(GROUP, "Консультанты");
        vk = new VkApiEmulator();
        AppConfig config = new ConfigLoader(Map.of()).load(Path.of("config", "duty-desk.yml"));
        KnowledgeBase base = new KnowledgeLoader().load(Path.of("faq"), config.placeholders());
        Knowledge knowledge = new Knowledge(base, new SampledMatcher(base,
                new LuceneMatcher(base, RussianAnalysis.standard(), config.thresholds())), new IntentDetector());
        DeskSettings d = config.desk();
        DeskSettings settings = new DeskSettings(d.hours(), d.answerWithin(), d.reannounceAfter(), d.autoCloseAfter(),
                Optional.of(new Address(Channel.TELEGRAM, String.valueOf(GROUP))), Set.of(String.valueOf(OLGA.id())),
                d.coordinators(), d.districts(), d.texts());
        store = SqlStore.open(dir.resolve("desk.db"));
        Clock clock = Clock.systemUTC();
        Desk desk = new Desk(store, knowledge, settings, clock);
        TelegramSettings ts = TelegramSettings.defaults(TOKEN, tg.apiUrl(), Optional.of(GROUP)).withTimings(
                Duration.ofSeconds(1), Duration.ofSeconds(10), new Backoff(Duration.ofMillis(100), Duration.ofMillis(500)),
                Duration.ofSeconds(1), new Backoff(Duration.ofMillis(50), Duration.ofMillis(300)), Duration.ofMillis(200));
        // the emulator keeps no rate limits, and Telegram's 20 a minute in a group would make this run take many minutes
        TelegramRateLimiter.Limit plenty = new TelegramRateLimiter.Limit(10_000, Duration.ofSeconds(1));
        TelegramRateLimiter limiter = new TelegramRateLimiter(clock, t -> Thread.sleep(Math.max(1, t.toMillis())),
                plenty, plenty, plenty);
        DeliveryListener givenUp = (item, reason) -> desk.deliveryGivenUp(item.message().to(), reason);
        telegram = new TelegramChannel(ts, desk, store.outbox(), givenUp, clock, limiter);
        desk.onOutbox(telegram.outboxSignal());
        telegram.start();
        Backoff fast = new Backoff(Duration.ofMillis(20), Duration.ofMillis(200));
        vkChannel = new VkChannel(new VkSettings(VkApiEmulator.GROUP_ID, VkApiEmulator.TOKEN, vk.apiUrl()), store,
                store.outbox(), givenUp, new VkChannelOptions(25, fast, fast, 10, Duration.ofMillis(100), 20), clock);
        desk.onOutbox(vkChannel.outboxSignal());
        vkChannel.start(desk);

        List<String> questions = new ArrayList<>();
        for (Entry e : base.entries()) {
            questions.addAll(e.questions());
        }
        HostileText gen = new HostileText(seed, questions);
        Random rnd = gen.random();
        List<TgUser> tgResidents = new ArrayList<>();
        List<Long> vkResidents = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            tgResidents.add(new TgUser(7000 + i, gen.name(), rnd.nextBoolean() ? gen.name() : null, null));
            long vkId = 9000 + i;
            vkResidents.add(vkId);
            vk.setUserName(vkId, gen.name(), gen.name());
        }
        Set<Long> tgWrote = new java.util.HashSet<>();
        Set<Long> vkWrote = new java.util.HashSet<>();
        ObjectMapper json = new ObjectMapper();

        for (int i = 0; i < SAMPLE; i++) {
            int k = rnd.nextInt(100);
            if (k < 38) {
                TgUser u = tgResidents.get(rnd.nextInt(tgResidents.size()));
                String text = telegramText(gen.message());
                if (!text.isBlank()) {
                    tg.pushText(u, text);
                    tgWrote.add(u.id());
                }
            } else if (k < 44) {
                TgUser u = tgResidents.get(rnd.nextInt(tgResidents.size()));
                if (rnd.nextBoolean()) {
                    tg.pushSticker(u);
                } else {
                    tg.pushPhoto(u, rnd.nextBoolean() ? null : telegramText(gen.message()));
                }
                tgWrote.add(u.id());
            } else if (k < 50) {
                TgUser u = tgResidents.get(rnd.nextInt(tgResidents.size()));
                List<SentMessage> withButtons = tg.sentTo(u.id()).stream().filter(m -> !m.buttons().isEmpty()).toList();
                if (!withButtons.isEmpty()) {
                    SentMessage on = withButtons.get(rnd.nextInt(withButtons.size()));
                    String data = rnd.nextInt(3) > 0 ? on.buttons().get(rnd.nextInt(on.buttons().size())).callbackData()
                            : callbackData(gen.forgedData());
                    tg.pushCallback(u.id(), u, on.messageId(), data);
                }
            } else if (k < 78) {
                long u = vkResidents.get(rnd.nextInt(vkResidents.size()));
                vk.pushMessage(u, u, gen.message(), rnd.nextInt(10) == 0);
                vkWrote.add(u);
            } else if (k < 85) {
                long u = vkResidents.get(rnd.nextInt(vkResidents.size()));
                List<VkApiEmulator.Sent> withButtons = vk.sentTo(u).stream().filter(m -> !m.buttonLabels().isEmpty()).toList();
                if (!withButtons.isEmpty() && rnd.nextInt(3) > 0) {
                    VkApiEmulator.Sent on = withButtons.get(rnd.nextInt(withButtons.size()));
                    vk.tapButton(u, on, rnd.nextInt(on.buttonLabels().size()));
                } else {
                    ObjectNode event = json.createObjectNode();
                    event.put("user_id", u).put("peer_id", u).put("event_id", "forged" + i).put("conversation_message_id", 1);
                    event.putObject("payload").put("choice", gen.forgedData());
                    vk.pushRaw("message_event", event);
                }
            } else {
                TgUser who = rnd.nextInt(4) == 0 ? IVAN : OLGA;
                List<SentMessage> cards = tg.sentTo(GROUP).stream().filter(m -> !m.buttons().isEmpty()).toList();
                SentMessage card = cards.isEmpty() ? null : cards.get(rnd.nextInt(cards.size()));
                int c = rnd.nextInt(3);
                if (card != null && c == 0) {
                    tg.pushGroupText(GROUP, who, telegramText(gen.message()), card.messageId());
                } else if (card != null && c == 1) {
                    String data = rnd.nextBoolean() ? card.buttons().get(rnd.nextInt(card.buttons().size())).callbackData()
                            : callbackData(gen.forgedData());
                    tg.pushCallback(GROUP, who, card.messageId(), data);
                } else {
                    tg.pushGroupText(GROUP, who, telegramText(gen.consultantText(cards.size())), null);
                }
            }
            if (i % ROUND == ROUND - 1 || i == SAMPLE - 1) {
                awaitQuiet(replay);
            }
        }

        assertThat(tg.refusedCalls()).as("calls the Telegram emulator refused; " + replay).isEmpty();
        assertThat(vk.refusedCalls()).as("calls the VK emulator refused; " + replay).isEmpty();
        try (Connection sql = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("desk.db").toAbsolutePath());
             Statement st = sql.createStatement();
             // a resident's /forget (the generator sends it now and then) erases their queued replies on purpose
             ResultSet rs = st.executeQuery("SELECT id, channel, chat_id, last_error, substr(markdown, 1, 300) FROM outbox"
                     + " WHERE (failed_at IS NOT NULL OR sent_at IS NULL) AND last_error IS NOT 'erased by /forget'")) {
            List<String> stuck = new ArrayList<>();
            while (rs.next()) {
                stuck.add("#" + rs.getLong(1) + " " + rs.getString(2) + ":" + rs.getString(3) + " (" + rs.getString(4)
                        + "): " + rs.getString(5));
            }
            assertThat(stuck).as("replies given up or still waiting; " + replay).isEmpty();
        }
        for (long id : tgWrote) {
            assertThat(tg.sentTo(id)).as("replies to Telegram resident " + id + "; " + replay).isNotEmpty();
        }
        for (long id : vkWrote) {
            assertThat(vk.sentTo(id)).as("replies to VK resident " + id + "; " + replay).isNotEmpty();
        }
        List<String> problems = new ArrayList<>();
        List<Long> chats = new ArrayList<>(tgWrote);
        chats.add(GROUP);
        int telegramMessages = 0;
        for (long chat : chats) {
            for (SentMessage m : tg.sentTo(chat)) {
                telegramMessages++;
                if (!"html".equalsIgnoreCase(m.parseMode())) {
                    problems.add("sent without HTML (a fallback after a refusal?): " + m.text());
                } else {
                    PlatformChecks.telegramPart(m.raw()).forEach(p -> problems.add("Telegram: " + p));
                }
            }
        }
        int vkMessages = 0;
        for (VkApiEmulator.Sent m : vk.allSent()) {
            vkMessages++;
            PlatformChecks.vkPart(m.text()).forEach(p -> problems.add("VK: " + p));
        }
        assertThat(problems).as(replay).isEmpty();
        assertThat(tg.sentTo(GROUP)).as("cards reached the consultants' chat").isNotEmpty();
        System.out.printf("hostile input through the clients: seed %d, %d updates, %d Telegram and %d VK messages accepted%n",
                seed, SAMPLE, telegramMessages, vkMessages);
    }

    /** Telegram carries at most 4096 characters of text in a message and never an empty one. */
    private static String telegramText(String text) {
        String t = text.length() > 4096 ? text.substring(0, 4096) : text;
        return t.isBlank() ? "?" + t : t;
    }

    /** Telegram returns at most 64 bytes of callback data (what the bot set), so a forged tap carries no more. */
    private static String callbackData(String data) {
        String d = data;
        while (d.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > 64) {
            d = d.substring(0, d.length() - 1);
        }
        return d.isEmpty() ? "?" : d;
    }

    /** Waits until every update is taken and every reply delivered (and stays so for a moment). */
    private void awaitQuiet(String replay) throws InterruptedException {
        long deadline = System.nanoTime() + QUIET_WAIT.toNanos();
        int quiet = 0;
        while (quiet < 3) {
            boolean idle = tg.unconfirmedUpdates() == 0 && vkConsumed() && store.outbox().pendingCount() == 0;
            quiet = idle ? quiet + 1 : 0;
            assertThat(System.nanoTime()).as("the desk caught up within " + QUIET_WAIT + "; " + replay).isLessThan(deadline);
            Thread.sleep(150);
        }
    }

    private boolean vkConsumed() {
        return store.load(vkChannel.cursorName()).map(ts -> ts.equals(String.valueOf(vk.nextTs()))).orElse(false);
    }
}
