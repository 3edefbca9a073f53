package ru.tos.dutydesk.channel.telegram;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import ru.tos.dutydesk.channel.Backoff;
import ru.tos.dutydesk.channel.InMemoryOutbox;
import ru.tos.dutydesk.channel.SendRetryTimings;
import ru.tos.dutydesk.channel.telegram.emulator.Fault;
import ru.tos.dutydesk.channel.telegram.emulator.SentMessage;
import ru.tos.dutydesk.channel.telegram.emulator.TelegramBotApiEmulator;
import ru.tos.dutydesk.channel.telegram.emulator.TgUser;
import ru.tos.dutydesk.desk.InboundHandler;
import ru.tos.dutydesk.desk.OutboundMessage;
import ru.tos.dutydesk.testing.Await;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;
import static ru.tos.dutydesk.channel.SendRetryTimings.BACKOFF_CAP;
import static ru.tos.dutydesk.channel.SendRetryTimings.IDLE_POLL;
import static ru.tos.dutydesk.channel.SendRetryTimings.SLACK;
import static ru.tos.dutydesk.channel.SendRetryTimings.gaps;
import static ru.tos.dutydesk.channel.SendRetryTimings.longestRetryGap;

/**
 * Faults on one chat's sends, through the whole channel (real poller and client) against the emulator: the chat's
 * reply is retried within bounds and arrives, while the other chats' questions keep coming in and their replies
 * keep going out. Send timings are short here so that the bounds show in seconds.
 */
class TelegramFaultsIT {
    private static final String TOKEN = "424242:FAULTS-token";
    private static final TgUser ANNA = TgUser.of(6101, "Анна");
    private static final TgUser BORIS = TgUser.of(6102, "Борис");
    private static final TgUser VERA = TgUser.of(6103, "Вера");
    private static final Duration SEND_TIMEOUT = Duration.ofSeconds(1);
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final int RETRY_AFTER = 3;

    private final TelegramBotApiEmulator tg = TelegramBotApiEmulator.start(TOKEN);
    private final InMemoryOutbox outbox = new InMemoryOutbox();
    private final List<TelegramChannel> channels = new ArrayList<>();

    @AfterEach
    void stop() {
        channels.forEach(TelegramChannel::close);
        tg.close();
    }

    private void start() {
        TelegramSettings settings = TelegramSettings.defaults(TOKEN, tg.apiUrl(), Optional.empty()).withTimings(
                Duration.ofSeconds(1), SEND_TIMEOUT, new Backoff(Duration.ofMillis(100), Duration.ofMillis(500)),
                Duration.ofSeconds(1), SendRetryTimings.backoff(), IDLE_POLL);
        InboundHandler echo = m -> outbox.add(OutboundMessage.of(m.chat(), "Получено: " + m.text()));
        TelegramChannel channel = new TelegramChannel(settings, echo, outbox, (item, reason) -> { }, Clock.systemUTC());
        channels.add(channel);
        channel.start();
    }

    private static void await(BooleanSupplier condition, String what) throws InterruptedException {
        Await.until(what, WAIT, condition);
    }

    /** The gaps between the sendMessage calls to one chat, in order. */
    private List<Duration> gapsBetweenSends(TgUser who) {
        return gaps(tg.callLog().stream()
                .filter(c -> c.method().equals("sendmessage") && String.valueOf(who.id()).equals(c.chatId()))
                .map(TelegramBotApiEmulator.CallRecord::nanoTime).toList());
    }

    private int sendCalls(TgUser who) {
        return (int) tg.callLog().stream()
                .filter(c -> c.method().equals("sendmessage") && String.valueOf(who.id()).equals(c.chatId())).count();
    }

    private List<String> texts(TgUser who) {
        return tg.sentTo(who.id()).stream().map(SentMessage::text).toList();
    }

    @Test
    void aChatOverItsLimitWaitsItsRetryAfterWhileOtherChatsAreServed() throws Exception {
        tg.injectFor("sendMessage", ANNA.id(), Fault.tooManyRequests(RETRY_AFTER), 2);
        start();
        tg.pushText(ANNA, "вопрос Анны");
        await(() -> sendCalls(ANNA) == 1, "Anna's first send");
        for (int i = 1; i <= 3; i++) {
            tg.pushText(BORIS, "вопрос Бориса " + i);
            tg.pushText(VERA, "вопрос Веры " + i);
        }

        await(() -> tg.sentTo(BORIS.id()).size() == 3 && tg.sentTo(VERA.id()).size() == 3, "Boris's and Vera's replies");
        assertThat(sendCalls(ANNA)).as("Boris and Vera were served while Anna waited out her first retry_after").isEqualTo(1);
        await(() -> tg.sentTo(ANNA.id()).size() == 1, "Anna's reply");

        assertThat(texts(ANNA)).containsExactly("Получено: вопрос Анны");
        assertThat(texts(BORIS)).containsExactly("Получено: вопрос Бориса 1", "Получено: вопрос Бориса 2", "Получено: вопрос Бориса 3");
        List<Duration> gaps = gapsBetweenSends(ANNA);
        assertThat(gaps).as("Anna's attempts: two 429s, then success").hasSize(2)
                .allSatisfy(g -> assertThat(g).as("retry_after is honoured, and no more")
                        .isBetween(Duration.ofSeconds(RETRY_AFTER).minusMillis(100),
                                Duration.ofSeconds(RETRY_AFTER).plus(IDLE_POLL).plus(SLACK)));
    }

    @Test
    void serverErrorsAndDroppedConnectionsAreRetriedWithinTheBackoffCap() throws Exception {
        tg.injectFor("sendMessage", ANNA.id(), Fault.serverError(), 2);
        tg.injectFor("sendMessage", ANNA.id(), Fault.dropConnection(), 2);
        tg.injectFor("sendMessage", ANNA.id(), Fault.badGateway(), 1);
        start();
        tg.pushText(ANNA, "вопрос Анны");
        await(() -> sendCalls(ANNA) >= 2, "Anna's first attempts");
        tg.pushText(BORIS, "вопрос Бориса");
        await(() -> tg.sentTo(BORIS.id()).size() == 1, "Boris's reply");
        assertThat(texts(ANNA)).as("Boris need not wait for Anna's storm to pass").isEmpty();
        await(() -> tg.sentTo(ANNA.id()).size() == 1, "Anna's reply");
        Thread.sleep(300); // a stray repeat would show by now

        assertThat(texts(ANNA)).containsExactly("Получено: вопрос Анны");
        assertThat(sendCalls(ANNA)).isEqualTo(6);
        List<Duration> gaps = gapsBetweenSends(ANNA);
        assertThat(gaps).as("waits between Anna's attempts stay under the configured cap")
                .allSatisfy(g -> assertThat(g).isLessThanOrEqualTo(longestRetryGap()));
        assertThat(gaps.get(gaps.size() - 1)).as("the waits grow: the last ones are at the cap, not at the first step")
                .isGreaterThanOrEqualTo(BACKOFF_CAP.multipliedBy(3).dividedBy(4));
    }

    @Test
    void aChatAtItsOwnRateLimitDoesNotHoldUpOtherChats() throws Exception {
        start();
        tg.pushText(ANNA, "вопрос Анны");
        await(() -> tg.sentTo(ANNA.id()).size() == 1, "Anna's first reply");
        for (int i = 2; i <= 6; i++) {
            outbox.add(OutboundMessage.of(new ru.tos.dutydesk.desk.Address(ru.tos.dutydesk.desk.Channel.TELEGRAM,
                    String.valueOf(ANNA.id())), "Анне, часть " + i));
        }
        channels.get(0).outboxSignal().run();
        await(() -> tg.sentTo(ANNA.id()).size() >= 3, "Anna's replies up to her limit (3 in 3 s)");
        tg.pushText(BORIS, "вопрос Бориса");

        await(() -> tg.sentTo(BORIS.id()).size() == 1, "Boris's reply");
        assertThat(tg.sentTo(ANNA.id()).size()).as("Boris did not wait behind Anna's rate limit").isLessThan(6);
        await(() -> tg.sentTo(ANNA.id()).size() == 6, "the rest of Anna's replies, in their time");
        assertThat(texts(ANNA)).containsExactly("Получено: вопрос Анны", "Анне, часть 2", "Анне, часть 3",
                "Анне, часть 4", "Анне, часть 5", "Анне, часть 6");
        assertThat(outbox.rows()).allSatisfy(r -> assertThat(r.attempts).as("waiting for a turn is no failed attempt").isZero());
    }

    @Test
    void answersSlowerThanTheClientTimeoutAreRetriedWhileOtherChatsGoOn() throws Exception {
        // Telegram does the work of a slow call even though the bot gave up waiting: the documented window where
        // a message can arrive twice (no idempotency key), at most once per timed-out attempt
        int timeouts = 2;
        tg.injectFor("sendMessage", ANNA.id(), Fault.slow(SEND_TIMEOUT.multipliedBy(3)), timeouts);
        start();
        tg.pushText(ANNA, "вопрос Анны");
        await(() -> sendCalls(ANNA) == 1, "Anna's first send");
        tg.pushText(BORIS, "вопрос Бориса");

        await(() -> tg.sentTo(BORIS.id()).size() == 1, "Boris's reply");
        assertThat(sendCalls(ANNA)).as("Boris was served before Anna's last attempt").isLessThanOrEqualTo(timeouts);
        await(() -> sendCalls(ANNA) == timeouts + 1 && tg.sentTo(ANNA.id()).size() == timeouts + 1,
                "Anna's reply, and the copies of the timed-out attempts Telegram delivered late");
        assertThat(texts(ANNA)).containsOnly("Получено: вопрос Анны");
        assertThat(texts(BORIS)).containsExactly("Получено: вопрос Бориса");
        assertThat(outbox.awaitSettled(WAIT)).isTrue();
        assertThat(outbox.rows()).allSatisfy(r -> assertThat(r.state).isEqualTo(InMemoryOutbox.State.SENT));
        assertThat(gapsBetweenSends(ANNA)).as("a timed-out attempt is retried after the timeout and a bounded wait")
                .allSatisfy(g -> assertThat(g).isLessThanOrEqualTo(SEND_TIMEOUT.plus(longestRetryGap())));
    }
}
