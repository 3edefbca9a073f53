package ru.tos.dutydesk.channel.vk;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import ru.tos.dutydesk.channel.Backoff;
import ru.tos.dutydesk.channel.InMemoryOutbox;
import ru.tos.dutydesk.channel.SendRetryTimings;
import ru.tos.dutydesk.testing.Await;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;
import static ru.tos.dutydesk.channel.SendRetryTimings.IDLE_POLL;
import static ru.tos.dutydesk.channel.SendRetryTimings.gaps;
import static ru.tos.dutydesk.channel.SendRetryTimings.longestRetryGap;

/**
 * Faults on one person's sends, through the VK channel (real SDK) against the emulator: the reply is retried within
 * bounds and arrives exactly once (random_id), while other people's replies keep going out.
 */
class VkFaultsIT {
    private static final long ANNA = 401;
    private static final long BORIS = 402;
    private static final long VERA = 403;
    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(1);
    private static final Duration WAIT = Duration.ofSeconds(20);

    private VkApiEmulator vk;
    private InMemoryOutbox outbox;
    private RecordingDesk desk;
    private final List<String> givenUp = Collections.synchronizedList(new ArrayList<>());
    private VkChannel channel;

    @BeforeEach
    void setUp() throws Exception {
        vk = new VkApiEmulator();
        outbox = new InMemoryOutbox();
        desk = new RecordingDesk(outbox);
    }

    @AfterEach
    void tearDown() {
        if (channel != null) {
            channel.close();
        }
        vk.close();
    }

    private final InMemoryCursorStore cursors = new InMemoryCursorStore();

    private void start() throws InterruptedException {
        VkSettings settings = new VkSettings(VkApiEmulator.GROUP_ID, VkApiEmulator.TOKEN, vk.apiUrl());
        VkChannelOptions options = new VkChannelOptions(25, new Backoff(Duration.ofMillis(20), Duration.ofMillis(200)),
                SendRetryTimings.backoff(), 30, IDLE_POLL, 20, CALL_TIMEOUT);
        int polls = vk.polledTs().size();
        channel = new VkChannel(settings, cursors, outbox, (item, reason) -> givenUp.add(reason), options,
                Clock.systemUTC());
        desk.signalWith(channel.outboxSignal());
        channel.start(desk);
        await(() -> vk.polledTs().size() > polls, "the first long poll");
    }

    private static void await(BooleanSupplier condition, String what) throws InterruptedException {
        Await.until(what, WAIT, condition);
    }

    private List<Long> sendTimes(long peer) {
        return vk.callLog().stream().filter(c -> c.method().equals("messages.send") && c.peerId() == peer)
                .map(VkApiEmulator.CallRecord::nanoTime).toList();
    }

    private List<String> texts(long peer) {
        return vk.sentTo(peer).stream().map(VkApiEmulator.Sent::text).toList();
    }

    @Test
    void floodControlOnOnePersonIsRetriedWithinTheCapWhileOthersAreServed() throws Exception {
        vk.failNextFor("messages.send", ANNA, 9, 2);
        vk.failNextFor("messages.send", ANNA, 6, 2);
        vk.failNextFor("messages.send", ANNA, 29, 1);
        start();
        vk.pushMessage(ANNA, "вопрос Анны");
        await(() -> sendTimes(ANNA).size() == 1, "Anna's first send");
        for (int i = 1; i <= 3; i++) {
            vk.pushMessage(BORIS, "вопрос Бориса " + i);
            vk.pushMessage(VERA, "вопрос Веры " + i);
        }

        await(() -> vk.sentTo(BORIS).size() == 3 && vk.sentTo(VERA).size() == 3, "Boris's and Vera's replies");
        assertThat(vk.sentTo(ANNA)).as("Anna's reply is still being retried").isEmpty();
        await(() -> vk.sentTo(ANNA).size() == 1, "Anna's reply");
        await(() -> outbox.pendingCount() == 0, "the outbox settled");

        assertThat(texts(ANNA)).containsExactly("Ответ на вопрос Анны");
        assertThat(texts(BORIS)).containsExactly("Ответ на вопрос Бориса 1", "Ответ на вопрос Бориса 2", "Ответ на вопрос Бориса 3");
        assertThat(givenUp).isEmpty();
        List<Duration> gaps = gaps(sendTimes(ANNA));
        assertThat(gaps).as("five refusals, then success").hasSize(5)
                .allSatisfy(g -> assertThat(g).as("within the backoff cap").isLessThanOrEqualTo(longestRetryGap()));
    }

    @Test
    void serverErrorsDropsAndALostAnswerLoseNothingAndRepeatNothing() throws Exception {
        vk.httpErrorNext("messages.send", 500, 2);
        vk.httpErrorNext("messages.send", 502, 1);
        vk.dropNext("messages.send", 2);
        vk.failNext("messages.send", 10, 1);
        // VK stores the message but the answer never comes back: the resend carries the same random_id
        vk.beforeNextSendAnswer(() -> {
            throw new IllegalStateException("answer lost on the way back");
        });
        start();
        vk.pushMessage(ANNA, "вопрос Анны");
        vk.pushMessage(BORIS, "вопрос Бориса");

        await(() -> vk.sentTo(ANNA).size() == 1 && vk.sentTo(BORIS).size() == 1, "both replies");
        await(() -> outbox.pendingCount() == 0, "the outbox settled");
        Thread.sleep(300); // a stray repeat would show by now

        assertThat(texts(ANNA)).containsExactly("Ответ на вопрос Анны");
        assertThat(texts(BORIS)).containsExactly("Ответ на вопрос Бориса");
        assertThat(vk.repeatsDropped()).as("the resend after the lost answer, dropped by VK").isGreaterThanOrEqualTo(1);
        assertThat(givenUp).isEmpty();
        for (long peer : List.of(ANNA, BORIS)) {
            assertThat(gaps(sendTimes(peer))).as("waits between attempts stay under the cap")
                    .allSatisfy(g -> assertThat(g).isLessThanOrEqualTo(longestRetryGap()));
        }
    }

    @Test
    void aDeskThatDiesBeforeItsFirstBatchIsThroughResumesWhereItStarted() throws Exception {
        desk.storeFailures.set(1_000); // the store fails until the "crash": nothing of the first batch is recorded
        start();
        vk.pushMessage(ANNA, "первый вопрос после установки");
        await(() -> desk.deliveries() > 0, "the first batch reaching the desk");
        channel.close(); // the process dies here
        channel = null;
        vk.pushMessage(BORIS, "пока бот лежал");
        desk.storeFailures.set(0);

        start();
        await(() -> vk.sentTo(ANNA).size() == 1 && vk.sentTo(BORIS).size() == 1, "both replies after the restart");
        assertThat(texts(ANNA)).containsExactly("Ответ на первый вопрос после установки");
        assertThat(texts(BORIS)).containsExactly("Ответ на пока бот лежал");
    }

    @Test
    void answersSlowerThanTheCallTimeoutAreRetriedOnceDeliveredAndOthersGoOn() throws Exception {
        // VK stores the slow calls' messages after the desk gave up waiting; the retries carry the same random_id
        int timeouts = 2;
        vk.delayNextFor("messages.send", ANNA, CALL_TIMEOUT.multipliedBy(3), timeouts);
        start();
        vk.pushMessage(ANNA, "вопрос Анны");
        await(() -> sendTimes(ANNA).size() == 1, "Anna's first send");
        vk.pushMessage(BORIS, "вопрос Бориса");

        await(() -> vk.sentTo(BORIS).size() == 1, "Boris's reply");
        assertThat(sendTimes(ANNA).size()).as("Boris was served before Anna's last attempt").isLessThanOrEqualTo(timeouts);
        await(() -> sendTimes(ANNA).size() == timeouts + 1 && outbox.pendingCount() == 0, "Anna's last attempt");
        Thread.sleep(CALL_TIMEOUT.multipliedBy(3).toMillis()); // the slow calls finish on VK's side too

        assertThat(texts(ANNA)).as("exactly once, though VK did the timed-out calls' work").containsExactly("Ответ на вопрос Анны");
        assertThat(texts(BORIS)).containsExactly("Ответ на вопрос Бориса");
        assertThat(vk.repeatsDropped()).isEqualTo(timeouts);
        assertThat(givenUp).isEmpty();
        assertThat(gaps(sendTimes(ANNA))).as("a timed-out call is retried after the timeout and a bounded wait")
                .allSatisfy(g -> assertThat(g).isLessThanOrEqualTo(CALL_TIMEOUT.plus(longestRetryGap())));
    }
}
