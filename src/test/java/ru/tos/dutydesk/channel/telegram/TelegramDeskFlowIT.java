package ru.tos.dutydesk.channel.telegram;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import ru.tos.dutydesk.channel.Backoff;
import ru.tos.dutydesk.channel.telegram.emulator.Button;
import ru.tos.dutydesk.channel.telegram.emulator.Fault;
import ru.tos.dutydesk.channel.telegram.emulator.SentMessage;
import ru.tos.dutydesk.channel.telegram.emulator.TelegramBotApiEmulator;
import ru.tos.dutydesk.channel.telegram.emulator.TgUser;
import ru.tos.dutydesk.desk.Address;
import ru.tos.dutydesk.desk.Channel;
import ru.tos.dutydesk.desk.Desk;
import ru.tos.dutydesk.desk.DeskSettings;
import ru.tos.dutydesk.desk.DeskTexts;
import ru.tos.dutydesk.desk.InboundHandler;
import ru.tos.dutydesk.desk.Knowledge;
import ru.tos.dutydesk.desk.WorkingHours;
import ru.tos.dutydesk.knowledge.Entry;
import ru.tos.dutydesk.knowledge.KnowledgeBase;
import ru.tos.dutydesk.knowledge.Synonyms;
import ru.tos.dutydesk.matching.Candidate;
import ru.tos.dutydesk.matching.Decision;
import ru.tos.dutydesk.matching.IntentDetector;
import ru.tos.dutydesk.matching.MatchResult;
import ru.tos.dutydesk.matching.Matcher;
import ru.tos.dutydesk.store.SqlStore;

import java.nio.file.Path;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The flows of the desk through Telegram end to end: the real telegrambots poller and client against the emulator,
 * the real desk and SQLite store. The matcher is a fixed stand-in (its quality is tested elsewhere): questions about
 * the charter are answered, about grants get suggestions, anything else goes to a consultant.
 */
class TelegramDeskFlowIT {
    private static final String TOKEN = "555000:FLOW-token";
    private static final long GROUP = -1002000000001L;
    private static final TgUser ANNA = new TgUser(4001, "Анна", "Смирнова", "anna");
    private static final TgUser PETR = TgUser.of(4002, "Пётр");
    private static final TgUser OLGA = new TgUser(5001, "Ольга", "Консультант", "olga");
    private static final TgUser IVAN = TgUser.of(5002, "Иван");
    private static final Duration WAIT = Duration.ofSeconds(15);
    private static final String CHARTER_BODY = "В уставе ТОС указывают территорию, цели и порядок собраний.";
    private static final String STEPS_FIRST = "Соберите инициативную группу жителей.";
    private static final String STEPS_REST = "Проведите учредительное собрание и примите устав.";
    private static final String REGIONAL_BODY = "Региональные конкурсы для ТОС проводят области и края.";

    @TempDir
    Path dir;
    private TelegramBotApiEmulator tg;
    private SqlStore store;
    private TelegramChannel channel;
    private Desk desk;
    private static final long OTHER_GROUP = -1002000000099L;

    @BeforeEach
    void start() {
        tg = TelegramBotApiEmulator.start(TOKEN);
        tg.registerGroup(GROUP, "Консультанты");
        tg.registerGroup(OTHER_GROUP, "Соседский чат");
        startDesk();
    }

    @AfterEach
    void stop() {
        stopDesk();
        tg.close();
    }

    private void startDesk() {
        startDesk(Duration.ZERO);
    }

    /** Messages the slow desk has started on since it was started. */
    private final java.util.concurrent.atomic.AtomicInteger handling = new java.util.concurrent.atomic.AtomicInteger();

    /** @param slowness extra time the desk takes per message, so a stop lands in the middle of a batch */
    /** What a test changes in the desk's settings before (re)starting it. */
    private java.util.function.UnaryOperator<DeskSettings> tuned = s -> s;

    private void startDesk(Duration slowness) {
        store = SqlStore.open(dir.resolve("desk.db"));
        DeskSettings settings = tuned.apply(new DeskSettings(
                new WorkingHours(EnumSet.allOf(DayOfWeek.class), LocalTime.MIN, LocalTime.MAX, ZoneId.of("Europe/Moscow")),
                Duration.ofHours(4), Duration.ofHours(2), Duration.ofDays(3),
                Optional.of(new Address(Channel.TELEGRAM, String.valueOf(GROUP))),
                Set.of(String.valueOf(OLGA.id())), Set.of(), List.of("Первый район", "Второй район"),
                DeskTexts.defaultTexts()));
        desk = new Desk(store, knowledge(), settings, Clock.systemUTC());
        Desk desk = this.desk;
        TelegramSettings ts = TelegramSettings.defaults(TOKEN, tg.apiUrl(), Optional.of(GROUP)).withTimings(
                Duration.ofSeconds(1), Duration.ofSeconds(5), new Backoff(Duration.ofMillis(100), Duration.ofMillis(500)),
                Duration.ofSeconds(1), new Backoff(Duration.ofMillis(50), Duration.ofMillis(300)), Duration.ofMillis(200));
        handling.set(0);
        InboundHandler handler = slowness.isZero() ? desk : m -> {
            handling.incrementAndGet();
            try {
                Thread.sleep(slowness.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            desk.handle(m);
        };
        channel = new TelegramChannel(ts, handler, store.outbox(),
                (item, reason) -> desk.deliveryGivenUp(item.message().to(), reason), Clock.systemUTC());
        desk.onOutbox(channel.outboxSignal());
        channel.start();
    }

    private void stopDesk() {
        if (channel != null) {
            channel.close();
            channel = null;
        }
        if (store != null) {
            store.close();
            store = null;
        }
    }

    private static Knowledge knowledge() {
        Entry charter = entry("create-charter", "Что писать в уставе ТОС", CHARTER_BODY);
        Entry presidential = entry("grants-presidential", "Может ли ТОС получить президентский грант",
                "Президентский грант получает только ТОС — юридическое лицо.");
        Entry regional = entry("grants-regional", "Региональные конкурсы для ТОС", REGIONAL_BODY);
        Entry steps = entry("create-steps", "Как создать ТОС", STEPS_FIRST + "\n\n" + STEPS_REST);
        KnowledgeBase base = new KnowledgeBase(List.of(charter, presidential, regional, steps), Synonyms.none());
        Matcher matcher = question -> {
            String q = question.toLowerCase();
            if (q.contains("создать")) {
                return new MatchResult(Decision.ANSWER, List.of(new Candidate("create-steps", steps.title(), 0.9)));
            }
            if (q.contains("устав")) {
                return new MatchResult(Decision.ANSWER, List.of(new Candidate("create-charter", charter.title(), 0.9)));
            }
            if (q.contains("грант")) {
                return new MatchResult(Decision.SUGGEST, List.of(
                        new Candidate("grants-presidential", presidential.title(), 0.4),
                        new Candidate("grants-regional", regional.title(), 0.38)));
            }
            return new MatchResult(Decision.ESCALATE, List.of(new Candidate("grants-regional", regional.title(), 0.1)));
        };
        return new Knowledge(base, matcher, new IntentDetector());
    }

    private static Entry entry(String id, String title, String body) {
        return new Entry(id, title, List.of(title.toLowerCase()), List.of(), List.of("131-ФЗ"), LocalDate.of(2026, 11, 1),
                body, Path.of("faq", id + ".md"));
    }

    /** Waits for a message from the bot in the chat that satisfies the condition, and returns it. */
    private SentMessage awaitMessage(long chatId, Predicate<SentMessage> wanted) throws InterruptedException {
        return tg.awaitSent(chatId, wanted, WAIT);
    }

    private static Predicate<SentMessage> containing(String text) {
        return m -> m.text().contains(text);
    }

    private static Button button(SentMessage m, Predicate<Button> which) {
        return m.buttons().stream().filter(which).findFirst()
                .orElseThrow(() -> new AssertionError("no such button in " + m.buttons()));
    }

    private SentMessage escalate(TgUser who, String question) throws InterruptedException {
        tg.pushText(who, question);
        awaitMessage(who.id(), containing("обращение №"));
        return awaitMessage(GROUP, m -> m.text().contains(question) && !m.buttons().isEmpty());
    }

    private static long ticketNumber(SentMessage card) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("№(\\d+)").matcher(card.text());
        assertThat(m.find()).as("ticket number in card: " + card.text()).isTrue();
        return Long.parseLong(m.group(1));
    }

    /**
     * A resident who writes 300 follow-ups to one open ticket (the flood limit raised so that all are read) costs the
     * consultants' chat a few posts, not 300; a consultant's reply to a gathered post reaches the resident.
     */
    @Test
    void threeHundredFollowUpsBecomeAFewPostsAndAReplyToOneReachesTheResident() throws Exception {
        stopDesk();
        tuned = s -> s.withFlood(new ru.tos.dutydesk.desk.FloodGuard.Limits(1000, 1000))
                .withFollowUpGap(Duration.ofSeconds(3));
        startDesk();
        SentMessage card = escalate(ANNA, "Вопрос про забор вокруг двора");
        for (int i = 1; i <= 300; i++) {
            tg.pushText(ANNA, "Подробность номер " + i + ".");
        }
        SentMessage last = tg.awaitSent(GROUP, containing("Подробность номер 300."), Duration.ofSeconds(60));
        Thread.sleep(4000); // a post held for the gap would show up by now

        List<SentMessage> followUps = tg.sentTo(GROUP).stream().filter(containing("Подробность номер")).toList();
        System.out.printf("300 follow-ups through the emulator: %d posts%n", followUps.size());
        assertThat(followUps).as("a few posts for 300 follow-ups").hasSizeBetween(2, 10);
        String all = String.join("\n", followUps.stream().map(SentMessage::text).toList());
        for (int i = 1; i <= 300; i++) {
            assertThat(all).as("follow-up " + i).contains("Подробность номер " + i + ".");
        }
        assertThat(last.text()).containsPattern("Дополнения \\(\\d+\\) к обращению №" + ticketNumber(card));
        assertThat(followUps).allSatisfy(m -> assertThat(m.text().length()).isLessThanOrEqualTo(4096));
        assertThat(followUps).as("threaded under the card").allSatisfy(m -> assertThat(m.replyTo()).isEqualTo(card.messageId()));

        tg.pushGroupText(GROUP, OLGA, "Забор ставят по решению собрания.", last.messageId());
        awaitMessage(ANNA.id(), containing("Забор ставят по решению собрания"));
        assertThat(tg.sentTo(ANNA.id()).stream().filter(containing("Добавила это к обращению")).count())
                .as("one notice while the previous one waits, not 300").isLessThan(100);
    }

    @Test
    void aQuestionIsAnsweredAndHelpfulIsAsked() throws Exception {
        tg.pushText(ANNA, "Что писать в уставе?");
        SentMessage answer = awaitMessage(ANNA.id(), containing(CHARTER_BODY));
        SentMessage helpful = awaitMessage(ANNA.id(), m -> !m.buttons().isEmpty());
        assertThat(helpful.buttons()).extracting(Button::text).contains("Да", "Нет");
        assertThat(answer.messageId()).isLessThanOrEqualTo(helpful.messageId());
    }

    @Test
    void moreSendsTheRestOfALongAnswerAgainAndAfterARestartWithoutANewConsultation() throws Exception {
        tg.pushText(ANNA, "Как создать ТОС?");
        SentMessage first = awaitMessage(ANNA.id(), containing(STEPS_FIRST));
        assertThat(first.text()).doesNotContain(STEPS_REST).doesNotContain("Источник").contains("Помог ли ответ?");
        assertThat(first.buttons()).extracting(Button::text).containsExactly("Подробнее", "Да", "Нет");
        Button more = button(first, b -> b.text().equals("Подробнее"));

        tg.pushCallback(ANNA.id(), ANNA, first.messageId(), more.callbackData());
        SentMessage rest = awaitMessage(ANNA.id(), containing(STEPS_REST));
        assertThat(rest.text()).contains("Источник: 131-ФЗ").doesNotContain(STEPS_FIRST);
        assertThat(rest.buttons()).extracting(Button::text).containsExactly("Да", "Нет");

        // the same button once more, after the desk restarted: its data is all it needs
        stopDesk();
        startDesk();
        tg.pushCallback(ANNA.id(), ANNA, first.messageId(), more.callbackData());
        awaitMessage(ANNA.id(), m -> m.text().contains(STEPS_REST) && m.messageId() > rest.messageId());

        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (tg.answeredCallbacks().size() < 2 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(tg.answeredCallbacks()).as("each tap stops the button's spinner").hasSize(2);
        assertThat(store.reportSource().consultations(java.time.Instant.EPOCH, java.time.Instant.parse("2100-01-01T00:00:00Z")))
                .as("asking for the rest is no consultation").singleElement()
                .satisfies(c -> assertThat(c.topic()).isEqualTo("create-steps"));
    }

    @Test
    void suggestionsComeAsButtonsAndATapAnswers() throws Exception {
        tg.pushText(ANNA, "Где взять грант на двор?");
        SentMessage suggestions = awaitMessage(ANNA.id(), m -> m.buttons().size() >= 3);
        Button regional = button(suggestions, b -> b.text().contains("Региональные"));
        assertThat(regional.callbackData().getBytes(java.nio.charset.StandardCharsets.UTF_8).length).isLessThanOrEqualTo(64);
        tg.pushCallback(ANNA.id(), ANNA, suggestions.messageId(), regional.callbackData());
        awaitMessage(ANNA.id(), containing(REGIONAL_BODY));
        // the tap is answered after the desk commits, which may come a moment after the reply is sent
        long deadline = System.nanoTime() + java.time.Duration.ofSeconds(10).toNanos();
        while (tg.answeredCallbacks().isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(tg.answeredCallbacks()).hasSize(1);
    }

    @Test
    void aNumberTypedAfterSuggestionsPicksThatButton() throws Exception {
        tg.pushText(ANNA, "Где взять грант на двор?");
        SentMessage suggestions = awaitMessage(ANNA.id(), m -> m.buttons().size() >= 3);
        assertThat(suggestions.buttons().get(1).text()).contains("Региональные");

        tg.pushText(ANNA, "7");
        SentMessage hint = awaitMessage(ANNA.id(), containing("1, 2 или 3"));
        assertThat(hint.buttons()).extracting(Button::text)
                .isEqualTo(suggestions.buttons().stream().map(Button::text).toList());

        tg.pushText(ANNA, "2.");
        awaitMessage(ANNA.id(), containing(REGIONAL_BODY));
    }

    @Test
    void noOnHelpfulEscalatesToACardInTheConsultantsChat() throws Exception {
        tg.pushText(ANNA, "Что писать в уставе?");
        SentMessage helpful = awaitMessage(ANNA.id(), m -> m.buttons().stream().anyMatch(b -> b.text().equals("Нет")));
        tg.pushCallback(ANNA.id(), ANNA, helpful.messageId(), button(helpful, b -> b.text().equals("Нет")).callbackData());
        awaitMessage(ANNA.id(), containing("обращение №"));
        SentMessage card = awaitMessage(GROUP, m -> m.text().contains("Анна Смирнова"));
        assertThat(card.buttons()).extracting(Button::text).containsExactly("Взять", "Закрыть");
        assertThat(card.text()).contains("Telegram");
    }

    @Test
    void aConsultantsReplyToTheCardReachesTheResidentAndFollowUpsReachTheCard() throws Exception {
        SentMessage card = escalate(ANNA, "Как провести конференцию ТОС онлайн?");
        assertThat(card.text()).contains("Анна Смирнова").contains("Как провести конференцию ТОС онлайн?");
        tg.pushText(ANNA, "И сколько нужно участников?");
        SentMessage followUp = awaitMessage(GROUP, containing("И сколько нужно участников?"));
        assertThat(followUp.replyTo()).isEqualTo(card.messageId());
        tg.pushGroupText(GROUP, OLGA, "Можно онлайн, если это есть в уставе; кворум — **половина** & больше.", card.messageId());
        SentMessage answer = awaitMessage(ANNA.id(), containing("Можно онлайн"));
        // the desk passes a consultant's words on literally: nothing is lost to markup or escaping
        assertThat(answer.text()).contains("Можно онлайн, если это есть в уставе; кворум — **половина** & больше.");
        awaitMessage(GROUP, containing("отправлен"));
    }

    @Test
    void queueTakeCloseAndTheButtonsWorkForConsultantsOnly() throws Exception {
        SentMessage first = escalate(ANNA, "Как сменить председателя ТОС?");
        SentMessage second = escalate(PETR, "Нужна ли печать ТОС?");
        long n1 = ticketNumber(first);
        long n2 = ticketNumber(second);

        tg.pushGroupText(GROUP, IVAN, "/take@" + tg.botUsername() + " " + n1, null);
        awaitMessage(GROUP, containing("только консультантам"));
        tg.pushCallback(GROUP, IVAN, second.messageId(), button(second, b -> b.text().equals("Взять")).callbackData());
        awaitMessage(GROUP, m -> m.text().contains("только консультантам") && m.messageId() > second.messageId() + 1);

        tg.pushGroupText(GROUP, OLGA, "/queue", null);
        SentMessage queue = awaitMessage(GROUP, containing("Открытые обращения"));
        assertThat(queue.text()).contains("№" + n1).contains("№" + n2);

        tg.pushGroupText(GROUP, OLGA, "/take@" + tg.botUsername() + " " + n1, null);
        awaitMessage(GROUP, containing("№" + n1 + " взял(а) Ольга Консультант"));
        tg.pushCallback(GROUP, OLGA, second.messageId(), button(second, b -> b.text().equals("Взять")).callbackData());
        awaitMessage(GROUP, containing("№" + n2 + " взял(а)"));
        tg.pushCallback(GROUP, OLGA, second.messageId(), button(second, b -> b.text().equals("Закрыть")).callbackData());
        SentMessage asking = awaitCard(second.messageId(), m -> m.buttons().size() == 3);
        tg.pushCallback(GROUP, OLGA, second.messageId(), button(asking, b -> b.text().equals("Повтор")).callbackData());
        awaitMessage(GROUP, containing("№" + n2 + " закрыто"));
        tg.pushGroupText(GROUP, OLGA, "/close " + n1, null);
        awaitMessage(GROUP, containing("нужна причина"));
        tg.pushGroupText(GROUP, OLGA, "/close " + n1 + " уже ответили", null);
        awaitMessage(GROUP, containing("№" + n1 + " закрыто"));
        tg.pushGroupText(GROUP, OLGA, "/answer " + n1, null);
        awaitMessage(GROUP, containing("/answer N текст"));
    }

    /** Waits until the message with this id (a card) is, after its edits, as wanted; returns it as it is then. */
    private SentMessage awaitCard(int messageId, Predicate<SentMessage> wanted) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        SentMessage now = null;
        while (System.nanoTime() < deadline) {
            now = tg.sentTo(GROUP).stream().filter(m -> m.messageId() == messageId).findFirst().orElse(null);
            if (now != null && wanted.test(now)) {
                return now;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("card " + messageId + " never became as wanted; it is: " + now);
    }

    private long botPostsContaining(long chat, String text) {
        return tg.sentTo(chat).stream().filter(containing(text)).count();
    }

    @Test
    void theCardIsEditedToShowWhoTookAndClosedItAndUsedButtonsGo() throws Exception {
        SentMessage card = escalate(ANNA, "Можно ли ТОС собирать взносы?");
        long n = ticketNumber(card);
        int annaHad = tg.sentTo(ANNA.id()).size();
        int groupHad = tg.sentTo(GROUP).size();

        tg.pushCallback(GROUP, OLGA, card.messageId(), button(card, b -> b.text().equals("Взять")).callbackData());
        SentMessage taken = awaitCard(card.messageId(), m -> m.text().contains("Взял(а): Ольга Консультант"));
        assertThat(taken.buttons()).extracting(Button::text).containsExactly("Закрыть");
        assertThat(taken.text()).contains("Можно ли ТОС собирать взносы?");

        tg.pushCallback(GROUP, OLGA, card.messageId(), button(taken, b -> b.text().equals("Закрыть")).callbackData());
        SentMessage asking = awaitCard(card.messageId(), m -> m.text().contains("Почему закрыть"));
        assertThat(asking.buttons()).extracting(Button::text).containsExactly("Уже ответили", "Не вопрос", "Повтор");

        tg.pushCallback(GROUP, OLGA, card.messageId(), button(asking, b -> b.text().equals("Не вопрос")).callbackData());
        SentMessage told = awaitMessage(ANNA.id(), containing("Консультант закрыл обращение №" + n));
        assertThat(told.text()).startsWith("Консультант закрыл обращение №" + n + ": в сообщении нет вопроса для консультанта.");
        SentMessage closed = awaitCard(card.messageId(), m -> m.buttons().isEmpty());
        assertThat(closed.text()).contains("Взял(а): Ольга Консультант")
                .contains("Закрыл(а): Ольга Консультант — в сообщении нет вопроса для консультанта")
                .doesNotContain("Почему закрыть");
        assertThat(closed.edits()).isEqualTo(3);
        assertThat(tg.sentTo(ANNA.id())).as("the resident heard only the close").hasSize(annaHad + 1);
        // no new card was posted: the same message changed; only the short «взял(а)» and «закрыто» lines are new
        awaitMessage(GROUP, containing("№" + n + " закрыто"));
        assertThat(tg.sentTo(GROUP)).hasSize(groupHad + 2);
    }

    @Test
    void anAnswerIsAnnouncedInTheChatOnceOnEveryPath() throws Exception {
        SentMessage c1 = escalate(ANNA, "Кто ведёт реестр ТОС?");
        SentMessage c2 = escalate(PETR, "Нужен ли ТОС счёт в банке?");
        SentMessage c3 = escalate(TgUser.of(4003, "Вера"), "Можно ли ТОС арендовать помещение?");

        tg.pushGroupText(GROUP, OLGA, "Реестр ведёт администрация.", c1.messageId());
        tg.pushGroupText(GROUP, OLGA, "/answer " + ticketNumber(c2) + " Без юрлица счёт не нужен.", null);
        assertThat(desk.answer(ticketNumber(c3), "Арендовать может только ТОС-юрлицо.", "Ольга (терминал)").done()).isTrue();

        awaitMessage(ANNA.id(), containing("Реестр ведёт администрация."));
        awaitMessage(PETR.id(), containing("Без юрлица счёт не нужен."));
        awaitMessage(4003, containing("Арендовать может только ТОС-юрлицо."));
        for (SentMessage card : List.of(c1, c2, c3)) {
            awaitCard(card.messageId(), m -> m.text().contains("Ответ жителю отправлен"));
            awaitMessage(GROUP, containing("Ответ по обращению №" + ticketNumber(card)));
        }
        SentMessage fromTerminal = awaitMessage(GROUP, containing("Ответ по обращению №" + ticketNumber(c3)));
        assertThat(fromTerminal.text()).contains("Арендовать может только ТОС-юрлицо.");
        assertThat(fromTerminal.replyTo()).isEqualTo(c3.messageId());
        Thread.sleep(1000); // a second announcement, if any, would be here by now
        for (SentMessage card : List.of(c1, c2, c3)) {
            assertThat(botPostsContaining(GROUP, "Ответ по обращению №" + ticketNumber(card))).as(card.text()).isEqualTo(1);
        }
    }

    @Test
    void idAnswersInAPrivateChatTheConsultantsGroupAndAGroupThatIsNotConfigured() throws Exception {
        try (ru.tos.dutydesk.testing.LogCapture log = ru.tos.dutydesk.testing.LogCapture.start()) {
            tg.pushText(ANNA, "/id");
            SentMessage mine = awaitMessage(ANNA.id(), containing("Номер этого чата"));
            assertThat(mine.text()).contains("Номер этого чата: " + ANNA.id()).contains("Ваш номер пользователя: " + ANNA.id());

            tg.pushGroupText(GROUP, IVAN, "/id@" + tg.botUsername(), null); // not a consultant: still answered
            SentMessage group = awaitMessage(GROUP, containing("Номер этого чата"));
            assertThat(group.text()).contains(String.valueOf(GROUP)).contains(String.valueOf(IVAN.id()));

            tg.pushGroupText(OTHER_GROUP, IVAN, "соседи, кто идёт на субботник?", null);
            tg.pushGroupText(OTHER_GROUP, PETR, "я иду", null);
            tg.pushGroupText(OTHER_GROUP, IVAN, "/id", null);
            SentMessage other = awaitMessage(OTHER_GROUP, containing("Номер этого чата"));
            assertThat(other.text()).contains(String.valueOf(OTHER_GROUP)).contains(String.valueOf(IVAN.id()))
                    .contains("telegram.consultants-chat-id");
            assertThat(tg.sentTo(OTHER_GROUP)).as("nothing but the ids is said there").hasSize(1);
            assertThat(log.lines()).filteredOn(l -> l.contains(String.valueOf(OTHER_GROUP))).singleElement()
                    .satisfies(l -> assertThat(l).contains("WARN").contains("Соседский чат"));
            assertThat(log.text()).doesNotContain("субботник").doesNotContain("я иду");
        }
    }

    @Test
    void aStormOf429And500LosesNoReply() throws Exception {
        tg.pushText(ANNA, "привет"); // makes the chat known
        awaitMessage(ANNA.id(), m -> true);
        tg.inject("sendMessage", Fault.tooManyRequests(1), 3);
        tg.inject("sendMessage", Fault.serverError(), 4);
        tg.inject("sendMessage", Fault.dropConnection(), 2);
        for (int i = 1; i <= 3; i++) {
            tg.pushText(ANNA, "Что писать в уставе? вариант " + i);
        }
        long deadline = System.currentTimeMillis() + WAIT.toMillis() * 2;
        while (tg.sentTo(ANNA.id()).stream().filter(containing(CHARTER_BODY)).count() < 3 && System.currentTimeMillis() < deadline) {
            Thread.sleep(50);
        }
        assertThat(tg.sentTo(ANNA.id()).stream().filter(containing(CHARTER_BODY)).count()).isEqualTo(3);
        assertThat(tg.pendingFaults("sendMessage")).isZero();
    }

    @Test
    void stoppingMidStreamAndStartingAgainLosesNoQuestionAndAnswersNoneTwice() throws Exception {
        stopDesk();
        startDesk(Duration.ofMillis(150));
        List<TgUser> residents = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            residents.add(TgUser.of(6000 + i, "Житель" + i));
        }
        for (TgUser r : residents) {
            tg.pushText(r, "Что писать в уставе? спрашивает " + r.firstName());
        }
        // stop as soon as the desk is part-way through the poll: the poll in hand is finished (one store batch)
        // but never confirmed to Telegram, so all of it comes again after the restart
        long deadline = System.currentTimeMillis() + WAIT.toMillis();
        while (handling.get() == 0 && System.currentTimeMillis() < deadline) {
            Thread.sleep(5);
        }
        stopDesk();
        assertThat(tg.unconfirmedUpdates()).as("some updates still unconfirmed at stop").isPositive();
        startDesk();
        for (TgUser r : residents) {
            awaitMessage(r.id(), containing(CHARTER_BODY));
        }
        Thread.sleep(1500); // a duplicate, if any, would have arrived by now
        for (TgUser r : residents) {
            assertThat(tg.sentTo(r.id()).stream().filter(containing(CHARTER_BODY)).count())
                    .as("answers to " + r.firstName()).isEqualTo(1);
        }
        assertThat(tg.unconfirmedUpdates()).isZero();
    }
}
