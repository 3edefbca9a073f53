package ru.tos.dutydesk.channel.vk;

import ru.tos.dutydesk.channel.InMemoryOutbox;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import ru.tos.dutydesk.channel.Backoff;
import ru.tos.dutydesk.desk.Address;
import ru.tos.dutydesk.desk.Channel;
import ru.tos.dutydesk.desk.Choice;
import ru.tos.dutydesk.desk.InboundMessage;
import ru.tos.dutydesk.desk.OutboundMessage;
import ru.tos.dutydesk.desk.OutboxItem;
import ru.tos.dutydesk.testing.LogCapture;
import ru.tos.dutydesk.testing.MutableClock;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The VK channel with the real VK SDK against the loopback emulator, a recording desk and in-memory storage. */
class VkChannelIT {
    private static final Duration WAIT = Duration.ofSeconds(15);
    private static final long ANNA = 101;
    private static final long BORIS = 202;

    private VkApiEmulator vk;
    private InMemoryOutbox outbox;
    private InMemoryCursorStore cursors;
    private RecordingDesk desk;
    private final List<String> givenUp = Collections.synchronizedList(new ArrayList<>());
    private final List<VkChannel> channels = new ArrayList<>();

    @BeforeEach
    void setUp() throws Exception {
        vk = new VkApiEmulator();
        outbox = new InMemoryOutbox();
        cursors = new InMemoryCursorStore();
        desk = new RecordingDesk(outbox);
        vk.setUserName(ANNA, "Анна", "Петрова");
        vk.setUserName(BORIS, "Борис", "Иванов");
    }

    @AfterEach
    void tearDown() {
        channels.forEach(VkChannel::close);
        vk.close();
    }

    /**
     * Starts a channel and waits for its first poll: on a first start (no stored ts) VK hands out the newest ts, so
     * what was written before the bot ever connected is not delivered, as with the real service.
     */
    private VkChannel startChannel() throws InterruptedException {
        int polls = vk.polledTs().size();
        VkChannel channel = newChannel();
        awaitCondition(() -> vk.polledTs().size() > polls);
        return channel;
    }

    private VkChannel newChannel() {
        return newChannel(Clock.systemUTC());
    }

    private VkChannel newChannel(Clock clock) {
        VkSettings settings = new VkSettings(VkApiEmulator.GROUP_ID, VkApiEmulator.TOKEN, vk.apiUrl());
        Backoff fast = new Backoff(Duration.ofMillis(20), Duration.ofMillis(200));
        VkChannelOptions options = new VkChannelOptions(25, fast, fast, 30, Duration.ofMillis(200), 20);
        VkChannel channel = new VkChannel(settings, cursors, outbox, this::recordGivenUp, options, clock);
        desk.signalWith(channel.outboxSignal());
        channel.start(desk);
        channels.add(channel);
        return channel;
    }

    private void recordGivenUp(OutboxItem item, String reason) {
        givenUp.add(item.message().to().chatId() + ": " + reason);
    }

    @Test
    void aResidentsMessageReachesTheDeskAndTheReplyReachesVk() throws Exception {
        startChannel();
        vk.pushMessage(ANNA, "Как создать ТОС?");

        InboundMessage m = desk.awaitHandled(1, WAIT).get(0);
        assertThat(m.chat()).isEqualTo(new Address(Channel.VK, "101"));
        assertThat(m.from().displayName()).isEqualTo("Анна Петрова");
        assertThat(m.from().platformUserId()).isEqualTo("101");
        assertThat(m.text()).isEqualTo("Как создать ТОС?");
        assertThat(m.updateKey()).startsWith("vk:");

        VkApiEmulator.Sent reply = vk.awaitSent(ANNA, 1, WAIT).get(0);
        assertThat(reply.text()).isEqualTo("Ответ на Как создать ТОС?");
        assertThat(reply.buttonLabels()).containsExactly("Помогло", "Не помогло");
        assertThat(reply.randomId()).isEqualTo(1L * VkTransport.PARTS_PER_ROW);
        awaitCondition(() -> outbox.row(1).state == InMemoryOutbox.State.SENT);
        assertThat(outbox.row(1).platformIds).containsExactly(String.valueOf(reply.id()));
    }

    @Test
    void aTappedCallbackButtonReachesTheDeskAsAChoiceAndIsAnswered() throws Exception {
        startChannel();
        vk.pushMessage(ANNA, "Где взять устав?");
        VkApiEmulator.Sent reply = vk.awaitSent(ANNA, 1, WAIT).get(0);

        String callbackId = vk.tapButton(ANNA, reply, 1);

        InboundMessage tap = desk.awaitHandled(2, WAIT).get(1);
        assertThat(tap.choice()).isEqualTo("no:1");
        assertThat(tap.text()).isNull();
        assertThat(tap.from().displayName()).isEqualTo("Анна Петрова");
        vk.awaitEventAnswers(1, WAIT);
        assertThat(vk.eventAnswers()).containsExactly(new VkApiEmulator.EventAnswer(callbackId, ANNA, ANNA));
        assertThat(vk.awaitSent(ANNA, 2, WAIT).get(1).text()).isEqualTo("Отмечено: no:1");
    }

    @Test
    void aPhotoWithoutTextReachesTheDeskAsAnAttachment() throws Exception {
        startChannel();
        vk.pushMessage(ANNA, ANNA, "", true);

        InboundMessage m = desk.awaitHandled(1, WAIT).get(0);
        assertThat(m.text()).isNull();
        assertThat(m.hasAttachment()).isTrue();
        assertThat(vk.awaitSent(ANNA, 1, WAIT).get(0).text()).isEqualTo("Пришлите, пожалуйста, вопрос текстом.");
    }

    @Test
    void eventsOfOtherTypesAreSkippedAndTheStreamGoesOn() throws Exception {
        startChannel();
        vk.pushRaw("group_join", new com.fasterxml.jackson.databind.ObjectMapper().createObjectNode().put("user_id", ANNA));
        vk.pushMessage(BORIS, "Вопрос");

        assertThat(desk.awaitHandled(1, WAIT)).extracting(InboundMessage::text).containsExactly("Вопрос");
        vk.awaitSent(BORIS, 1, WAIT);
        assertThat(desk.deliveries()).isEqualTo(1);
    }

    @Test
    void anExpiredKeyIsRenewedAndTheTsKeptSoNothingIsLost() throws Exception {
        startChannel();
        vk.pushMessage(ANNA, "первый");
        desk.awaitHandled(1, WAIT);

        vk.expireKey(); // the waiting poll answers failed 2
        vk.pushMessage(ANNA, "во время смены ключа");
        vk.pushMessage(BORIS, "тоже");

        assertThat(desk.awaitHandled(3, WAIT)).extracting(InboundMessage::text)
                .containsExactly("первый", "во время смены ключа", "тоже");
        assertThat(vk.calls("groups.getLongPollServer")).isGreaterThanOrEqualTo(2);
        vk.awaitSent(BORIS, 1, WAIT);
    }

    @Test
    void failed1ContinuesFromTheTsVkGives() throws Exception {
        startChannel();
        vk.pushMessage(ANNA, "до сбоя");
        desk.awaitHandled(1, WAIT);
        vk.failNextPoll(1);
        vk.pushMessage(ANNA, "после сбоя 1");
        vk.pushMessage(BORIS, "ещё");

        assertThat(desk.awaitHandled(3, WAIT)).extracting(InboundMessage::text)
                .containsExactly("до сбоя", "после сбоя 1", "ещё");
    }

    @Test
    void aStoredTsOlderThanVksHistoryGivesFailed1AndTheLoopMovesToTheTsInTheAnswer() throws Exception {
        VkChannel first = startChannel();
        vk.pushMessage(ANNA, "старое");
        desk.awaitHandled(1, WAIT);
        vk.awaitSent(ANNA, 1, WAIT);
        first.close();

        long lost = vk.pushMessage(ANNA, "выпало из истории VK");
        long kept = vk.pushMessage(BORIS, "ещё в истории");
        vk.forgetHistoryBefore(kept);
        startChannel();

        assertThat(desk.awaitHandled(2, WAIT)).extracting(InboundMessage::text).containsExactly("старое", "ещё в истории");
        // resumed from the stored ts, was told it is too old, and went on from the ts in the failed-1 answer
        assertThat(vk.polledTs()).containsSubsequence(String.valueOf(lost), String.valueOf(kept));
    }

    @Test
    void lostInformationGetsANewKeyAndTsAndTheStreamGoesOn() throws Exception {
        startChannel();
        vk.pushMessage(ANNA, "до");
        desk.awaitHandled(1, WAIT);
        int keysBefore = vk.calls("groups.getLongPollServer");

        vk.loseInformation();
        awaitCondition(() -> vk.calls("groups.getLongPollServer") > keysBefore);
        vk.pushMessage(BORIS, "после сбоя 3");

        assertThat(desk.awaitHandled(2, WAIT)).extracting(InboundMessage::text).containsExactly("до", "после сбоя 3");
        vk.awaitSent(BORIS, 1, WAIT);
    }

    @Test
    void aResidentWhoDidNotAllowMessagesIsGivenUpWithAClearReasonNotRetried() throws Exception {
        vk.forbidMessages(ANNA);
        startChannel();
        vk.pushMessage(ANNA, "вопрос");
        vk.pushMessage(BORIS, "вопрос");

        vk.awaitSent(BORIS, 1, WAIT);
        awaitCondition(() -> !givenUp.isEmpty());
        assertThat(givenUp).containsExactly("101: житель не разрешил сообщения от сообщества (VK 901)");
        InMemoryOutbox.Row row = outbox.rows().stream().filter(r -> r.message.to().chatId().equals("101")).findFirst().orElseThrow();
        assertThat(row.state).isEqualTo(InMemoryOutbox.State.FAILED);
        assertThat(vk.sentTo(ANNA)).isEmpty();
        Thread.sleep(300); // a retry would have come within the 200 ms backoff cap
        assertThat(vk.calls("messages.send")).isEqualTo(2);
    }

    @Test
    void rateLimitServerErrorsAndDroppedConnectionsLoseNothingAndDuplicateNothing() throws Exception {
        vk.failNext("messages.send", 10, 2);
        vk.dropNext("messages.send", 2);
        vk.failNext("messages.send", 29, 1);
        vk.dropNext("a_check", 2);
        vk.failNext("a_check", 500, 2);
        vk.failNext("users.get", 6, 1);
        vk.failNext("messages.sendMessageEventAnswer", 10, 1);
        VkChannel channel = startChannel();
        for (int i = 1; i <= 5; i++) {
            vk.pushMessage(ANNA, "вопрос " + i);
            vk.pushMessage(BORIS, "вопрос " + i);
        }

        List<VkApiEmulator.Sent> anna = vk.awaitSent(ANNA, 5, WAIT);
        List<VkApiEmulator.Sent> boris = vk.awaitSent(BORIS, 5, WAIT);
        awaitCondition(() -> outbox.pendingCount() == 0);
        assertThat(anna).extracting(VkApiEmulator.Sent::text)
                .containsExactly("Ответ на вопрос 1", "Ответ на вопрос 2", "Ответ на вопрос 3", "Ответ на вопрос 4", "Ответ на вопрос 5");
        assertThat(boris).extracting(VkApiEmulator.Sent::text).hasSize(5).doesNotHaveDuplicates();
        assertThat(desk.handled()).hasSize(10);
        assertThat(givenUp).isEmpty();
        // the dropped sends may have reached VK before the connection broke: the repeat carried the same random_id
        assertThat(vk.calls("messages.send")).isGreaterThan(10);
        // what /ready and /metrics show: the dropped and refused polls counted, and a successful poll after them
        assertThat(channel.pollStatus().failures()).isGreaterThanOrEqualTo(4);
        assertThat(channel.pollStatus().lastSuccess()).isPresent();
    }

    @Test
    void aPollingOutageIsLoggedOnceAndItsEndWithTheDurationAndTheFailedPolls() throws Exception {
        MutableClock clock = new MutableClock(Instant.parse("2026-12-05T10:00:00Z"));
        try (LogCapture log = LogCapture.start()) {
            int polls = vk.polledTs().size();
            VkChannel channel = newChannel(clock);
            awaitCondition(() -> vk.polledTs().size() > polls);
            vk.failNext("a_check", 500, 1_000_000); // VK's long-poll server is down until the test says so
            vk.pushMessage(ANNA, "раз"); // ends the waiting poll, so the next ones meet the outage
            awaitCondition(() -> log.text().contains("vk: polling fails"));
            clock.advance(Duration.ofSeconds(130));
            vk.clearFailures("a_check");
            vk.pushMessage(ANNA, "два");
            assertThat(vk.awaitSent(ANNA, 2, WAIT)).hasSize(2);
            awaitCondition(() -> log.text().contains("vk: polling works again"));

            List<String> lines = log.lines().stream().filter(l -> l.contains("OutageLog - vk: polling")).toList();
            assertThat(lines).hasSize(2);
            assertThat(lines.get(0)).contains(" WARN ").contains("vk: polling fails: ");
            assertThat(lines.get(1)).containsPattern("vk: polling works again after 2 min 10 s, \\d+ failed attempts?$");
            long failed = Long.parseLong(lines.get(1).replaceAll(".*, (\\d+) failed.*", "$1"));
            assertThat(failed).as("the failed polls, as /metrics counts them").isEqualTo(channel.pollStatus().failures());
            assertThat(log.text()).doesNotContain(VkApiEmulator.TOKEN);
        }
    }

    @Test
    void rateLimitStormsOf6AreRetriedUntilDelivered() throws Exception {
        vk.failNext("messages.send", 6, 3);
        startChannel();
        vk.pushMessage(ANNA, "срочно");

        assertThat(vk.awaitSent(ANNA, 1, WAIT)).extracting(VkApiEmulator.Sent::text).containsExactly("Ответ на срочно");
        assertThat(vk.calls("messages.send")).isEqualTo(4);
    }

    @Test
    void whenTheDeskCannotRecordAnEventTheTsStaysAndTheBatchIsTriedAgain() throws Exception {
        desk.storeFailures.set(3);
        startChannel();
        String firstTs = String.valueOf(vk.nextTs());
        vk.pushMessage(ANNA, "первый");

        assertThat(desk.awaitHandled(1, WAIT)).extracting(InboundMessage::text).containsExactly("первый");
        assertThat(desk.deliveries()).isEqualTo(4);
        vk.awaitSent(ANNA, 1, WAIT);
        awaitCondition(() -> cursors.savedValues().size() > 1);
        // the first ts, kept at start; then the batch's, only once it was recorded
        assertThat(cursors.savedValues()).containsExactly(firstTs, String.valueOf(vk.nextTs()));
    }

    @Test
    void aRestartResumesFromTheStoredTsAndAResendAfterACrashIsDroppedByVk() throws Exception {
        VkChannel first = startChannel();
        vk.pushMessage(ANNA, "до перезапуска");
        vk.awaitSent(ANNA, 1, WAIT);
        awaitCondition(() -> outbox.pendingCount() == 0);

        // VK takes the next reply, then the process dies before the row is marked sent
        // (the store fails until the process is gone: a live sender would keep the row in memory and mark it later)
        outbox.crashesOnMarkSent.set(Integer.MAX_VALUE);
        vk.pushMessage(BORIS, "ответ потеряется?");
        vk.awaitSent(BORIS, 1, WAIT);
        first.close();
        outbox.crashesOnMarkSent.set(0);
        awaitCondition(() -> outbox.row(2).state == InMemoryOutbox.State.PENDING);
        String storedTs = cursors.load("vk:" + VkApiEmulator.GROUP_ID + ":ts").orElseThrow();
        vk.pushMessage(ANNA, "пока бот лежал");
        int pollsBefore = vk.polledTs().size();

        startChannel();

        assertThat(vk.awaitSent(ANNA, 2, WAIT)).extracting(VkApiEmulator.Sent::text)
                .containsExactly("Ответ на до перезапуска", "Ответ на пока бот лежал");
        awaitCondition(() -> outbox.pendingCount() == 0);
        assertThat(vk.sentTo(BORIS)).extracting(VkApiEmulator.Sent::text).containsExactly("Ответ на ответ потеряется?");
        assertThat(outbox.row(2).state).isEqualTo(InMemoryOutbox.State.SENT);
        assertThat(vk.calls("messages.send")).isEqualTo(4); // one resend of row 2, dropped by VK's random_id check
        assertThat(vk.polledTs().get(pollsBefore)).isEqualTo(storedTs);
        assertThat(desk.deliveries()).isEqualTo(3); // nothing before the stored ts came again
    }

    @Test
    void aLongReplyIsSplitWithTheButtonsOnTheLastPartAndStableRandomIds() throws Exception {
        VkChannel channel = startChannel();
        StringBuilder answer = new StringBuilder();
        for (int i = 0; i < 300; i++) {
            answer.append("Абзац ").append(i).append(": ").append("текст ответа ".repeat(5)).append("\n\n");
        }
        long id = outbox.add(OutboundMessage.of(new Address(Channel.VK, "101"), answer.toString(),
                List.of(new Choice("Помогло", "ok:1"))));
        channel.outboxSignal().run();

        awaitCondition(() -> outbox.row(id).state == InMemoryOutbox.State.SENT);
        List<VkApiEmulator.Sent> parts = vk.sentTo(ANNA);
        assertThat(parts).hasSizeGreaterThan(1).allSatisfy(p -> assertThat(p.text().length()).isLessThanOrEqualTo(4000));
        assertThat(parts).extracting(VkApiEmulator.Sent::randomId)
                .containsExactly(parts.stream().map(p -> id * 16 + parts.indexOf(p)).toArray(Long[]::new));
        assertThat(parts.subList(0, parts.size() - 1)).allSatisfy(p -> assertThat(p.keyboard()).isNull());
        assertThat(parts.get(parts.size() - 1).buttonLabels()).containsExactly("Помогло");
        assertThat(String.join("\n\n", parts.stream().map(VkApiEmulator.Sent::text).toList()))
                .isEqualTo(new ru.tos.dutydesk.channel.PlainTextRenderer().render(answer.toString()));
    }

    @Test
    void slowAnswersFromVkStillGetThrough() throws Exception {
        vk.slowAnswers(Duration.ofMillis(700));
        startChannel();
        vk.pushMessage(ANNA, "медленно");

        assertThat(vk.awaitSent(ANNA, 1, WAIT)).extracting(VkApiEmulator.Sent::text).containsExactly("Ответ на медленно");
    }

    @Test
    void closeStopsPollingAndSending() throws Exception {
        VkChannel channel = startChannel();
        vk.pushMessage(ANNA, "раз");
        vk.awaitSent(ANNA, 1, WAIT);
        channel.close();

        vk.pushMessage(ANNA, "после остановки");
        Thread.sleep(500);
        assertThat(desk.handled()).hasSize(1);
        assertThat(vk.sentTo(ANNA)).hasSize(1);
        assertThat(Thread.getAllStackTraces().keySet()).noneMatch(t -> t.getName().equals("vk-sender") && t.isAlive());
    }

    @Test
    void theTokenIsNeverPartOfTheSettingsDescription() {
        VkSettings s = new VkSettings(1, VkApiEmulator.TOKEN, vk.apiUrl());
        assertThat(s.toString()).doesNotContain(VkApiEmulator.TOKEN).contains("***");
        assertThat(VkSettings.fromEnvironment(Map.of(), vk.apiUrl())).isEmpty();
    }

    private static void awaitCondition(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not reached in " + WAIT);
            }
            Thread.sleep(20);
        }
    }
}
