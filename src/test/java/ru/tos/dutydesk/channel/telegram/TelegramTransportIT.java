package ru.tos.dutydesk.channel.telegram;

import ru.tos.dutydesk.channel.InMemoryOutbox;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.telegram.telegrambots.client.okhttp.OkHttpTelegramClient;
import ru.tos.dutydesk.channel.Backoff;
import ru.tos.dutydesk.channel.OutboxSender;
import ru.tos.dutydesk.channel.SendException;
import ru.tos.dutydesk.channel.telegram.emulator.Fault;
import ru.tos.dutydesk.channel.telegram.emulator.SentMessage;
import ru.tos.dutydesk.channel.telegram.emulator.TelegramBotApiEmulator;
import ru.tos.dutydesk.channel.telegram.emulator.TgUser;
import ru.tos.dutydesk.desk.Address;
import ru.tos.dutydesk.desk.Channel;
import ru.tos.dutydesk.desk.Choice;
import ru.tos.dutydesk.desk.OutboundMessage;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The transport with the real telegrambots client against the emulator. */
class TelegramTransportIT {
    private static final String TOKEN = "123456:TEST-transport";
    private static final TgUser ANNA = new TgUser(1001, "Анна", "Смирнова", "anna");
    private static final TgUser BORIS = TgUser.of(1002, "Борис");

    private final TelegramBotApiEmulator tg = TelegramBotApiEmulator.start(TOKEN);

    @AfterEach
    void stop() {
        tg.close();
    }

    private TelegramTransport transport(Duration timeout) {
        OkHttpClient http = new OkHttpClient.Builder().readTimeout(timeout).callTimeout(timeout.plusSeconds(1))
                .retryOnConnectionFailure(false).build();
        return new TelegramTransport(new OkHttpTelegramClient(http, TOKEN, TelegramSettings.telegramUrl(tg.apiUrl())),
                new TelegramHtmlRenderer(), new TelegramMessageSplitter(), TelegramRateLimiter.realTime());
    }

    private static Address chat(TgUser u) {
        return new Address(Channel.TELEGRAM, String.valueOf(u.id()));
    }

    @Test
    void textThatWouldBreakHtmlArrivesIntact() throws Exception {
        tg.pushText(ANNA, "привет");
        String md = "Если взнос < 500 ₽ & срок > 3 дней — пишите. Тег <b>не</b> жирный, `a<b>&c`, **а это жирный**, a_b_c.";
        transport(Duration.ofSeconds(5)).send(OutboundMessage.of(chat(ANNA), md), 1);
        List<SentMessage> sent = tg.sentTo(ANNA.id());
        assertThat(sent).hasSize(1);
        assertThat(sent.get(0).text()).isEqualTo(
                "Если взнос < 500 ₽ & срок > 3 дней — пишите. Тег <b>не</b> жирный, a<b>&c, а это жирный, a_b_c.");
        assertThat(sent.get(0).parseMode()).isEqualToIgnoringCase("html");
    }

    @Test
    void answerLongerThan4096ArrivesAsSeveralValidMessagesWithButtonsOnTheLast() throws Exception {
        tg.pushText(ANNA, "вопрос");
        StringBuilder md = new StringBuilder();
        for (int i = 1; i <= 40; i++) {
            md.append("**Пункт ").append(i).append(".** ").append("Текст ответа с деталями & оговорками <важно>. ".repeat(6)).append("\n\n");
        }
        List<Choice> choices = List.of(new Choice("Да", "fb:1:y"), new Choice("Нет", "fb:1:n"));
        List<String> ids = transport(Duration.ofSeconds(5)).send(OutboundMessage.of(chat(ANNA), md.toString(), choices), 2);
        List<SentMessage> sent = tg.sentTo(ANNA.id());
        assertThat(sent.size()).isGreaterThan(1).isEqualTo(ids.size());
        assertThat(sent).allSatisfy(m -> assertThat(m.text().length()).isLessThanOrEqualTo(4096));
        assertThat(sent.get(0).text()).startsWith("Пункт 1.");
        assertThat(sent.get(sent.size() - 1).text()).contains("Пункт 40.");
        assertThat(sent.subList(0, sent.size() - 1)).allSatisfy(m -> assertThat(m.keyboard()).isEmpty());
        assertThat(sent.get(sent.size() - 1).buttons()).extracting(b -> b.callbackData()).containsExactly("fb:1:y", "fb:1:n");
        String all = String.join("\n\n", sent.stream().map(SentMessage::text).toList());
        for (int i = 1; i <= 40; i++) {
            assertThat(all).contains("Пункт " + i + ". Текст");
        }
    }

    @Test
    void aReplyToTheCardThreadsAndAMissingCardDoesNotLoseTheMessage() throws Exception {
        tg.registerGroup(-100777, "Консультанты");
        Address group = new Address(Channel.TELEGRAM, "-100777");
        TelegramTransport t = transport(Duration.ofSeconds(5));
        String card = t.send(new OutboundMessage(group, "Заявка №1", List.of(), null, 1L), 3).get(0);
        t.send(new OutboundMessage(group, "Дополнение жителя", List.of(), card, null), 4);
        t.send(new OutboundMessage(group, "Ответ на пропавшую карточку", List.of(), "99999", null), 5);
        List<SentMessage> sent = tg.sentTo(-100777);
        assertThat(sent.get(1).replyTo()).isEqualTo(Integer.valueOf(card));
        assertThat(sent.get(2).replyTo()).isNull();
        assertThat(sent.get(2).text()).isEqualTo("Ответ на пропавшую карточку");
    }

    @Test
    void stormOf429And500AndDropsLosesNoReplyAndDuplicatesNone() throws Exception {
        tg.pushText(ANNA, "a");
        tg.pushText(BORIS, "b");
        tg.inject("sendMessage", Fault.tooManyRequests(1), 2);
        tg.inject("sendMessage", Fault.serverError(), 3);
        tg.inject("sendMessage", Fault.dropConnection(), 3);
        tg.inject("sendMessage", Fault.badGateway(), 2);
        tg.inject("sendMessage", Fault.slow(Duration.ofMillis(300)), 2);
        InMemoryOutbox outbox = new InMemoryOutbox();
        List<String> expectedAnna = new ArrayList<>();
        List<String> expectedBoris = new ArrayList<>();
        for (int i = 1; i <= 6; i++) {
            expectedAnna.add("Анне ответ " + i);
            expectedBoris.add("Борису ответ " + i);
            outbox.add(OutboundMessage.of(chat(ANNA), "Анне ответ " + i));
            outbox.add(OutboundMessage.of(chat(BORIS), "Борису ответ " + i));
        }
        List<String> givenUp = new CopyOnWriteArrayList<>();
        OutboxSender sender = new OutboxSender(outbox, transport(Duration.ofSeconds(5)), (item, reason) -> givenUp.add(reason),
                new Backoff(Duration.ofMillis(50), Duration.ofMillis(400)), 50, Duration.ofMillis(50), Clock.systemUTC());
        Thread thread = new Thread(sender, "test-sender");
        thread.setDaemon(true);
        thread.start();
        try {
            assertThat(outbox.awaitSettled(Duration.ofSeconds(60))).isTrue();
        } finally {
            sender.stop();
            thread.join(5000);
        }
        assertThat(givenUp).isEmpty();
        assertThat(tg.pendingFaults("sendMessage")).isZero();
        assertThat(outbox.retries()).isGreaterThanOrEqualTo(10); // every fault was met and retried
        assertThat(tg.sentTo(ANNA.id())).extracting(SentMessage::text).containsExactlyElementsOf(expectedAnna);
        assertThat(tg.sentTo(BORIS.id())).extracting(SentMessage::text).containsExactlyElementsOf(expectedBoris);
    }

    @Test
    void aStoreThatCannotRecordTheSendGivesTheResidentOneCopyAndTheConsultantsOneLine() throws Exception {
        tg.pushText(ANNA, "a");
        tg.pushText(BORIS, "b");
        tg.registerGroup(-100777, "Консультанты");
        InMemoryOutbox outbox = new InMemoryOutbox();
        outbox.add(OutboundMessage.of(chat(ANNA), "Анне ответ"));
        outbox.crashesOnMarkSent.set(Integer.MAX_VALUE); // disk full: every mark fails
        OutboxSender sender = new OutboxSender(outbox, transport(Duration.ofSeconds(5)), (item, reason) -> { },
                new Backoff(Duration.ofMillis(50), Duration.ofMillis(400)), 50, Duration.ofMillis(50), Clock.systemUTC());
        sender.alertOnStoreFailure(new Address(Channel.TELEGRAM, "-100777"));
        Thread thread = new Thread(sender, "test-sender");
        thread.setDaemon(true);
        thread.start();
        try {
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (tg.sentTo(-100777).isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            Thread.sleep(1000); // twenty more idle passes of 50 ms: none may send the reply again
            assertThat(tg.sentTo(ANNA.id())).extracting(SentMessage::text).containsExactly("Анне ответ");
            assertThat(tg.sentTo(-100777)).extracting(SentMessage::text).singleElement().asString()
                    .contains("перестал отправлять");
            outbox.add(OutboundMessage.of(chat(BORIS), "Борису ответ"));
            sender.signal();
            Thread.sleep(300);
            assertThat(tg.sentTo(BORIS.id())).as("nothing goes out while the store fails").isEmpty();

            outbox.crashesOnMarkSent.set(0);
            assertThat(outbox.awaitSettled(Duration.ofSeconds(20))).isTrue();
        } finally {
            sender.stop();
            thread.join(5000);
        }
        assertThat(tg.sentTo(ANNA.id())).extracting(SentMessage::text).containsExactly("Анне ответ");
        assertThat(tg.sentTo(BORIS.id())).extracting(SentMessage::text).containsExactly("Борису ответ");
        assertThat(tg.sentTo(-100777)).extracting(SentMessage::text).hasSize(2).last().asString().contains("снова работает");
    }

    @Test
    void blockedUserIsGivenUpNotRetried() throws Exception {
        tg.pushText(ANNA, "a");
        tg.blockBot(ANNA.id());
        assertThatThrownBy(() -> transport(Duration.ofSeconds(5)).send(OutboundMessage.of(chat(ANNA), "ответ"), 9))
                .isInstanceOf(SendException.Permanent.class).hasMessageContaining("403");
    }

    @Test
    void aTimeoutIsRetryable() throws Exception {
        tg.pushText(ANNA, "a");
        tg.inject("sendMessage", Fault.slow(Duration.ofMillis(1500)), 1);
        assertThatThrownBy(() -> transport(Duration.ofMillis(400)).send(OutboundMessage.of(chat(ANNA), "ответ"), 10))
                .isInstanceOf(SendException.Retryable.class);
    }

    @Test
    void unknownChatIsPermanent() {
        assertThatThrownBy(() -> transport(Duration.ofSeconds(5)).send(
                OutboundMessage.of(new Address(Channel.TELEGRAM, "555"), "x"), 11))
                .isInstanceOf(SendException.Permanent.class).hasMessageContaining("chat not found");
    }

    private static OutboundMessage editOf(Address to, String md, String status, List<Choice> choices, List<List<String>> posts) {
        OutboundMessage e = OutboundMessage.cardEdit(to, 7, md, status, choices);
        return new OutboundMessage(e.to(), e.markdown(), e.choices(), null, null, null, e.edit().withPosts(posts));
    }

    @Test
    void aSplitCardIsEditedPartByPartWithTheButtonsOnTheLastAndARepeatedEditIsHarmless() throws Exception {
        // parts that stay the same are not edited again (Telegram refuses that, and it spends the group's pace)
        long group = -1003000000001L; // a group's pace (20 a minute) leaves room for a three-part card edited twice
        tg.registerGroup(group, "Консультанты");
        Address consultants = new Address(Channel.TELEGRAM, String.valueOf(group));
        StringBuilder card = new StringBuilder("**Обращение №7**\n\n");
        for (int i = 1; i <= 40; i++) {
            card.append("Строка вопроса номер ").append(i).append(" с подробностями о заборе и соседях. ".repeat(3)).append("\n\n");
        }
        TelegramTransport t = transport(Duration.ofSeconds(5));
        List<String> ids = t.send(new OutboundMessage(consultants, card.toString(),
                List.of(new Choice("Взять", "t:7"), new Choice("Закрыть", "c:7")), null, 7L), 10);
        assertThat(ids).hasSizeGreaterThan(1);

        String status = "Взял(а): Ольга";
        OutboundMessage edit = editOf(consultants, card + "\n\n" + status, status, List.of(new Choice("Закрыть", "c:7")), List.of(ids));
        assertThat(t.send(edit, 11)).containsExactlyElementsOf(ids);
        assertThat(t.send(edit, 12)).as("the same edit again").containsExactlyElementsOf(ids);
        assertThat(tg.refusedCalls()).as("the same transport knows what each part shows").isEmpty();
        assertThat(transport(Duration.ofSeconds(5)).send(edit, 12))
                .as("after a restart the same edit again: «not modified» is success").containsExactlyElementsOf(ids);

        List<SentMessage> sent = tg.sentTo(group);
        assertThat(sent).hasSize(ids.size());
        SentMessage last = sent.get(sent.size() - 1);
        assertThat(last.text()).endsWith(status);
        assertThat(last.buttons()).extracting(b -> b.text()).containsExactly("Закрыть");
        assertThat(sent.subList(0, sent.size() - 1)).allSatisfy(m -> assertThat(m.buttons()).isEmpty());
        // a restarted transport's edits of unchanged parts are refused as Telegram does, and that counts as done
        assertThat(tg.refusedCalls()).isNotEmpty().allSatisfy(r -> assertThat(r).contains("message is not modified"));
    }

    @Test
    void whenTheEditedCardNoLongerFitsItKeepsItsTextLosesItsButtonsAndTheStatusGoesUnderIt() throws Exception {
        tg.pushText(ANNA, "вопрос");
        String card = "**Обращение №7**\n\n" + "Очень длинный вопрос без конца. ".repeat(126); // just under 4096
        TelegramTransport t = transport(Duration.ofSeconds(5));
        List<String> ids = t.send(new OutboundMessage(chat(ANNA), card, List.of(new Choice("Взять", "t:7")), null, 7L), 20);
        assertThat(ids).hasSize(1);

        String status = "Закрыл(а): Ольга — на вопрос уже ответили в другом месте";
        t.send(editOf(chat(ANNA), card + "\n\n" + status, status, List.of(), List.of(ids)), 21);

        List<SentMessage> sent = tg.sentTo(ANNA.id());
        assertThat(sent).hasSize(2);
        assertThat(sent.get(0).buttons()).isEmpty();
        assertThat(sent.get(0).text()).startsWith("Обращение №7").doesNotContain("Закрыл");
        assertThat(sent.get(1).text()).isEqualTo(status);
        assertThat(sent.get(1).replyTo()).isEqualTo(Integer.valueOf(ids.get(0)));
    }
}
