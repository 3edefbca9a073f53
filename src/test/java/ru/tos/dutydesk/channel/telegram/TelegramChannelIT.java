package ru.tos.dutydesk.channel.telegram;

import ru.tos.dutydesk.channel.InMemoryOutbox;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import ru.tos.dutydesk.channel.Backoff;
import ru.tos.dutydesk.channel.telegram.emulator.Fault;
import ru.tos.dutydesk.channel.telegram.emulator.SentMessage;
import ru.tos.dutydesk.channel.telegram.emulator.TelegramBotApiEmulator;
import ru.tos.dutydesk.channel.telegram.emulator.TgUser;
import ru.tos.dutydesk.desk.Choice;
import ru.tos.dutydesk.desk.InboundHandler;
import ru.tos.dutydesk.desk.InboundMessage;
import ru.tos.dutydesk.desk.OutboundMessage;
import ru.tos.dutydesk.testing.LogCapture;
import ru.tos.dutydesk.testing.MutableClock;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/** The whole channel (real telegrambots poller and client) against the emulator, with a test handler for the desk. */
class TelegramChannelIT {
    private static final String TOKEN = "987654:TEST-channel-SECRET";
    private static final long GROUP = -1001000000001L;
    private static final TgUser ANNA = new TgUser(2001, "Анна", "Смирнова", "anna");
    private static final TgUser OLGA = TgUser.of(3001, "Ольга");

    private final TelegramBotApiEmulator tg = TelegramBotApiEmulator.start(TOKEN);
    private final InMemoryOutbox outbox = new InMemoryOutbox();
    private final List<InboundMessage> received = new CopyOnWriteArrayList<>();
    private final List<TelegramChannel> channels = new ArrayList<>();

    @AfterEach
    void stop() {
        channels.forEach(TelegramChannel::close);
        tg.close();
    }

    private TelegramSettings settings() {
        return TelegramSettings.defaults(TOKEN, tg.apiUrl(), Optional.of(GROUP)).withTimings(Duration.ofSeconds(1),
                Duration.ofSeconds(5), new Backoff(Duration.ofMillis(100), Duration.ofMillis(500)), Duration.ofSeconds(1),
                new Backoff(Duration.ofMillis(50), Duration.ofMillis(300)), Duration.ofMillis(200));
    }

    /** Records what arrives and answers it, as the desk would: reply written to the outbox before returning. */
    private InboundHandler echo() {
        return m -> {
            received.add(m);
            String text = m.text() != null ? m.text() : m.choice() != null ? "кнопка " + m.choice() : "вложение";
            outbox.add(OutboundMessage.of(m.chat(), "Получено: `" + text.replace("`", "'") + "`"));
        };
    }

    private TelegramChannel start(InboundHandler handler) {
        TelegramChannel channel = new TelegramChannel(settings(), handler, outbox, (item, reason) -> { }, Clock.systemUTC());
        channels.add(channel);
        channel.start();
        return channel;
    }

    private static void await(BooleanSupplier condition, Duration timeout) throws InterruptedException {
        long deadline = System.currentTimeMillis() + timeout.toMillis();
        while (!condition.getAsBoolean() && System.currentTimeMillis() < deadline) {
            Thread.sleep(20);
        }
        assertThat(condition.getAsBoolean()).as("condition within " + timeout).isTrue();
    }

    @Test
    void aResidentsMessageReachesTheDeskAndTheReplyReachesTheResident() throws Exception {
        start(echo());
        int update = tg.pushText(ANNA, "Как создать ТОС? <b>срочно</b> & быстро");
        List<SentMessage> sent = tg.awaitSentTo(ANNA.id(), 1, Duration.ofSeconds(10));
        assertThat(sent).extracting(SentMessage::text).containsExactly("Получено: Как создать ТОС? <b>срочно</b> & быстро");
        InboundMessage m = received.get(0);
        assertThat(m.updateKey()).isEqualTo("telegram:" + update);
        assertThat(m.from().displayName()).isEqualTo("Анна Смирнова");
        await(() -> tg.unconfirmedUpdates() == 0, Duration.ofSeconds(5));
    }

    @Test
    void buttonsComeBackAsChoicesAndTheTapIsAnswered() throws Exception {
        start(echo());
        tg.pushText(ANNA, "вопрос");
        tg.awaitSentTo(ANNA.id(), 1, Duration.ofSeconds(10));
        outbox.add(OutboundMessage.of(new ru.tos.dutydesk.desk.Address(ru.tos.dutydesk.desk.Channel.TELEGRAM, "2001"),
                "Помогло?", List.of(new Choice("Да", "fb:9:y"), new Choice("Нет", "fb:9:n"))));
        List<SentMessage> sent = tg.awaitSentTo(ANNA.id(), 2, Duration.ofSeconds(10));
        SentMessage question = sent.get(1);
        assertThat(question.buttons()).extracting(b -> b.text()).containsExactly("Да", "Нет");
        tg.pushCallback(ANNA.id(), ANNA, question.messageId(), "fb:9:n");
        tg.awaitSentTo(ANNA.id(), 3, Duration.ofSeconds(10));
        InboundMessage tap = received.get(received.size() - 1);
        assertThat(tap.choice()).isEqualTo("fb:9:n");
        assertThat(tap.platformMessageId()).isEqualTo(String.valueOf(question.messageId()));
        await(() -> tg.answeredCallbacks().size() == 1, Duration.ofSeconds(5));
    }

    @Test
    void groupCommandsAndRepliesFromTheConsultantsChat() throws Exception {
        start(echo());
        tg.registerGroup(GROUP, "Консультанты");
        tg.pushGroupText(GROUP, OLGA, "/take@" + tg.botUsername() + " 3", null);
        tg.pushGroupText(-100999, OLGA, "чужая группа", null);
        tg.pushPhoto(ANNA, null);
        tg.pushEditedMessage(ANNA, "правка");
        tg.pushText(ANNA, "после всего");
        tg.awaitSentTo(ANNA.id(), 2, Duration.ofSeconds(10));
        assertThat(received).extracting(InboundMessage::text).containsExactly("/take 3", null, "после всего");
        assertThat(received.get(1).hasAttachment()).isTrue();
        assertThat(received.get(0).from().platformUserId()).isEqualTo("3001");
        await(() -> tg.unconfirmedUpdates() == 0, Duration.ofSeconds(5));
    }

    @Test
    void whenTheDeskCannotRecordAnUpdateItIsFetchedAgainAndNothingIsSkipped() throws Exception {
        AtomicBoolean storeDown = new AtomicBoolean(true);
        List<String> attempts = new CopyOnWriteArrayList<>();
        InboundHandler flaky = m -> {
            attempts.add(m.updateKey());
            if (storeDown.get() && m.text().equals("второй")) {
                throw new IllegalStateException("database is locked");
            }
            echo().handle(m);
        };
        start(flaky);
        int first = tg.pushText(ANNA, "первый");
        tg.awaitSentTo(ANNA.id(), 1, Duration.ofSeconds(10));
        int second = tg.pushText(ANNA, "второй");
        int third = tg.pushText(ANNA, "третий");
        await(() -> attempts.stream().filter(k -> k.equals("telegram:" + second)).count() >= 3, Duration.ofSeconds(10));
        assertThat(tg.unconfirmedUpdates()).isEqualTo(2); // the failed one and the one behind it
        assertThat(received).extracting(InboundMessage::updateKey).containsExactly("telegram:" + first);
        storeDown.set(false);
        tg.awaitSentTo(ANNA.id(), 3, Duration.ofSeconds(10));
        assertThat(received).extracting(InboundMessage::updateKey)
                .containsExactly("telegram:" + first, "telegram:" + second, "telegram:" + third);
        await(() -> tg.unconfirmedUpdates() == 0, Duration.ofSeconds(5));
    }

    @Test
    void conflictIsReportedOnceAndDoesNotLoop() throws Exception {
        TelegramChannel channel = start(echo());
        tg.pushText(ANNA, "до конфликта");
        tg.awaitSentTo(ANNA.id(), 1, Duration.ofSeconds(10));
        int before = tg.calls("getUpdates");
        tg.inject("getUpdates", Fault.conflict(), 3);
        tg.pushText(ANNA, "пока идёт опрос"); // ends the waiting poll, so the next ones meet the conflict
        await(() -> channel.health().isInConflict(), Duration.ofSeconds(5));
        Thread.sleep(1500);
        // conflict pause is 1 s here: a handful of polls, not a tight loop
        assertThat(tg.calls("getUpdates") - before).isLessThanOrEqualTo(4);
        tg.pushText(ANNA, "после конфликта");
        assertThat(tg.awaitSentTo(ANNA.id(), 3, Duration.ofSeconds(10))).extracting(SentMessage::text)
                .containsExactly("Получено: до конфликта", "Получено: пока идёт опрос", "Получено: после конфликта");
        assertThat(channel.health().conflictEpisodes()).isEqualTo(1);
        assertThat(channel.health().isInConflict()).isFalse();
    }

    @Test
    void aWebhookLeftSetIsDeletedAtStart() throws Exception {
        tg.setWebhook("https://old.example.org/hook");
        start(echo());
        tg.pushText(ANNA, "привет");
        assertThat(tg.awaitSentTo(ANNA.id(), 1, Duration.ofSeconds(10))).hasSize(1);
        assertThat(tg.calls("deleteWebhook")).isEqualTo(1);
    }

    @Test
    void pollingSurvivesServerErrorsAndDroppedConnections() throws Exception {
        TelegramChannel channel = start(echo());
        tg.pushText(ANNA, "раз");
        tg.awaitSentTo(ANNA.id(), 1, Duration.ofSeconds(10));
        tg.inject("getUpdates", Fault.serverError(), 2);
        tg.inject("getUpdates", Fault.dropConnection(), 2);
        tg.inject("getUpdates", Fault.tooManyRequests(1), 1);
        tg.pushText(ANNA, "два");
        assertThat(tg.awaitSentTo(ANNA.id(), 2, Duration.ofSeconds(15))).hasSize(2);
        assertThat(received).hasSize(2);
        // what /ready and /metrics show: the failed polls counted (OkHttp may retry a dropped one by itself; the
        // faults may meet the polls after the one that brought "два"), then a successful poll after them
        await(() -> channel.pollStatus().failures() >= 3, Duration.ofSeconds(15));
        java.time.Instant failedBy = java.time.Instant.now();
        await(() -> channel.pollStatus().lastSuccess().filter(t -> !t.isBefore(failedBy)).isPresent(), Duration.ofSeconds(15));
    }

    @Test
    void aPollingOutageIsLoggedOnceAndItsEndWithTheDurationAndTheFailedPolls() throws Exception {
        MutableClock clock = new MutableClock(Instant.parse("2026-12-05T10:00:00Z"));
        try (LogCapture log = LogCapture.start()) {
            TelegramChannel channel = new TelegramChannel(settings(), echo(), outbox, (i, r) -> { }, clock);
            channels.add(channel);
            channel.start();
            tg.pushText(ANNA, "раз");
            tg.awaitSentTo(ANNA.id(), 1, Duration.ofSeconds(10));
            tg.inject("getUpdates", Fault.serverError(), 1_000_000); // Telegram is down until the test says so
            tg.pushText(ANNA, "два"); // ends the waiting poll, so the next ones meet the outage
            await(() -> log.text().contains("telegram: polling fails"), Duration.ofSeconds(10));
            clock.advance(Duration.ofSeconds(130));
            tg.clearFaults("getUpdates");
            assertThat(tg.awaitSentTo(ANNA.id(), 2, Duration.ofSeconds(10))).hasSize(2);
            await(() -> log.text().contains("telegram: polling works again"), Duration.ofSeconds(10));

            List<String> lines = log.lines().stream().filter(l -> l.contains("OutageLog - telegram: polling")).toList();
            assertThat(lines).hasSize(2);
            assertThat(lines.get(0)).contains(" WARN ").contains("telegram: polling fails: HTTP 500");
            assertThat(lines.get(1)).containsPattern("telegram: polling works again after 2 min 10 s, \\d+ failed attempts?$");
            long failed = Long.parseLong(lines.get(1).replaceAll(".*, (\\d+) failed.*", "$1"));
            assertThat(failed).as("the failed polls, as /metrics counts them").isEqualTo(channel.pollStatus().failures());
            assertThat(log.text()).doesNotContain(TOKEN).doesNotContain("SECRET");
        }
    }

    @Test
    void aBadTokenFailsTheStartClearly() {
        TelegramSettings wrong = new TelegramSettings("1:WRONG", tg.apiUrl(), Optional.empty(), Duration.ofSeconds(1),
                Duration.ofSeconds(5), Backoff.standard(), Duration.ofSeconds(1), Backoff.standard(), 5, Duration.ofSeconds(1));
        TelegramChannel channel = new TelegramChannel(wrong, echo(), outbox, (i, r) -> { }, Clock.systemUTC());
        channels.add(channel);
        org.assertj.core.api.Assertions.assertThatThrownBy(channel::start)
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("TELEGRAM_BOT_TOKEN")
                .hasMessageNotContaining("WRONG");
    }

    @Test
    void closeStopsEveryThreadAndTheTokenIsNeverLogged() throws Exception {
        PrintStream original = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            TelegramChannel channel = start(echo());
            tg.inject("getUpdates", Fault.serverError(), 1);
            tg.inject("getUpdates", Fault.conflict(), 1);
            tg.inject("sendMessage", Fault.dropConnection(), 1);
            tg.pushText(ANNA, "проверка");
            tg.awaitSentTo(ANNA.id(), 1, Duration.ofSeconds(10));
            channel.close();
        } finally {
            System.setErr(original);
        }
        Thread.sleep(200);
        Set<Thread> alive = Thread.getAllStackTraces().keySet();
        assertThat(alive).filteredOn(t -> t.getName().startsWith("telegram-") && t.isAlive()).isEmpty();
        String log = captured.toString(StandardCharsets.UTF_8);
        assertThat(log).contains("409 Conflict");
        assertThat(log).doesNotContain("SECRET").doesNotContain(TOKEN).doesNotContain("проверка");
    }
}
