package ru.tos.dutydesk.channel.max;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import ru.tos.dutydesk.channel.Backoff;
import ru.tos.dutydesk.channel.MessageTransport;
import ru.tos.dutydesk.channel.OutboxSender;
import ru.tos.dutydesk.channel.PlainTextRenderer;
import ru.tos.dutydesk.config.AppConfig;
import ru.tos.dutydesk.config.ConfigLoader;
import ru.tos.dutydesk.desk.Address;
import ru.tos.dutydesk.desk.Channel;
import ru.tos.dutydesk.desk.Desk;
import ru.tos.dutydesk.desk.DeskSettings;
import ru.tos.dutydesk.desk.InboundMessage;
import ru.tos.dutydesk.desk.Knowledge;
import ru.tos.dutydesk.desk.OutboundMessage;
import ru.tos.dutydesk.desk.Outcome;
import ru.tos.dutydesk.desk.Person;
import ru.tos.dutydesk.knowledge.Entry;
import ru.tos.dutydesk.knowledge.KnowledgeBase;
import ru.tos.dutydesk.knowledge.KnowledgeLoader;
import ru.tos.dutydesk.matching.Decision;
import ru.tos.dutydesk.matching.IntentDetector;
import ru.tos.dutydesk.matching.LuceneMatcher;
import ru.tos.dutydesk.matching.MatchResult;
import ru.tos.dutydesk.matching.RussianAnalysis;
import ru.tos.dutydesk.report.ConsultationFact;
import ru.tos.dutydesk.store.SqlStore;
import ru.tos.dutydesk.testing.LogCapture;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The MAX channel with the real desk, the real SQLite store and the real knowledge base and matcher; the MAX side
 * is the emulator, reached through the channel's own HTTP client. The consultants' Telegram chat is played by a
 * recording transport behind the real outbox sender, and consultants act through {@link Desk#handle} as the
 * Telegram channel would.
 */
class MaxDeskIT {
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final long ANNA = 101;
    private static final long BORIS = 102;
    private static final Address CONSULTANTS = new Address(Channel.TELEGRAM, "-1001234567890");
    private static final String CONSULTANT_ID = "5550001";

    @TempDir
    Path dir;

    private MaxApiEmulator max;
    private SqlStore store;
    private Desk desk;
    private Knowledge knowledge;
    private MaxChannel channel;
    private OutboxSender consultantsSender;
    private final ConsultantsChat consultantsChat = new ConsultantsChat();
    private final Clock clock = Clock.systemUTC();
    private final PlainTextRenderer plain = new PlainTextRenderer();

    /** Records what the desk posts in the consultants' chat and gives each post a Telegram-like message id. */
    static final class ConsultantsChat implements MessageTransport {
        private final AtomicLong nextId = new AtomicLong(9000);
        private final List<String> posts = new ArrayList<>();
        private final List<String> ids = new ArrayList<>();

        @Override
        public Channel channel() {
            return Channel.TELEGRAM;
        }

        @Override
        public synchronized List<String> send(OutboundMessage message, long outboxId) {
            String id = String.valueOf(nextId.incrementAndGet());
            posts.add(message.markdown());
            ids.add(id);
            notifyAll();
            return List.of(id);
        }

        synchronized int awaitPost(String containing, Duration timeout) throws InterruptedException {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (true) {
                for (int i = 0; i < posts.size(); i++) {
                    if (posts.get(i).contains(containing)) {
                        return i;
                    }
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionError("no post containing '" + containing + "' in " + posts);
                }
                wait(Math.max(1, left / 1_000_000));
            }
        }

        synchronized String post(int i) {
            return posts.get(i);
        }

        synchronized String id(int i) {
            return ids.get(i);
        }
    }

    @BeforeEach
    void setUp() throws Exception {
        max = new MaxApiEmulator();
        max.setUserName(ANNA, "Анна", "Петрова");
        max.setUserName(BORIS, "Борис", "Сидоров");
        AppConfig config = new ConfigLoader(Map.of()).load(Path.of("config/duty-desk.yml"));
        KnowledgeBase base = new KnowledgeLoader().load(Path.of("faq"), config.placeholders());
        knowledge = new Knowledge(base, new LuceneMatcher(base, RussianAnalysis.standard(), config.thresholds()), new IntentDetector());
        DeskSettings d = config.desk();
        DeskSettings settings = new DeskSettings(d.hours(), d.answerWithin(), d.reannounceAfter(), d.autoCloseAfter(),
                Optional.of(CONSULTANTS), Set.of(CONSULTANT_ID), d.coordinators(), d.districts(), d.texts());
        store = SqlStore.open(dir.resolve("desk.db"));
        desk = new Desk(store, knowledge, settings, clock);
        Backoff fast = new Backoff(Duration.ofMillis(20), Duration.ofMillis(200));
        consultantsSender = new OutboxSender(store.outbox(), consultantsChat, (item, reason) -> { }, fast, 5,
                Duration.ofMillis(100), clock);
        Thread t = new Thread(consultantsSender, "consultants-chat");
        t.setDaemon(true);
        t.start();
        desk.onOutbox(consultantsSender::signal);
        channel = startMax();
    }

    private MaxChannel startMax() throws InterruptedException {
        Backoff fast = new Backoff(Duration.ofMillis(20), Duration.ofMillis(300));
        MaxChannel c = new MaxChannel(new MaxSettings(MaxApiEmulator.TOKEN, max.apiUrl(), Optional.empty(), 2), store,
                store.outbox(), (item, reason) -> desk.deliveryGivenUp(item.message().to(), reason),
                new MaxChannelOptions(5, fast, fast, 10, Duration.ofMillis(100), 30, Duration.ofSeconds(5)), clock);
        desk.onOutbox(c.outboxSignal());
        int polls = max.polledMarkers().size();
        c.start(desk);
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (max.polledMarkers().size() == polls && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        return c;
    }

    /** The card's platform id is recorded when the sender marks it sent, just after the chat shows it. */
    private void awaitCardRecorded(int card) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (store.inTransaction(tx -> tx.ticketByCard(CONSULTANTS, consultantsChat.id(card))).isEmpty()) {
            assertThat(System.nanoTime()).as("card recorded").isLessThan(deadline);
            Thread.sleep(10);
        }
    }

    @AfterEach
    void tearDown() {
        channel.close();
        consultantsSender.stop();
        max.close();
        store.close();
    }

    /** An entry of more than one paragraph that the matcher answers with confidence for one of its questions. */
    private Entry answerableEntry() {
        for (Entry e : knowledge.base().entries()) {
            if (e.rest().isEmpty()) {
                continue;
            }
            for (String q : e.questions()) {
                MatchResult r = knowledge.matcher().match(q);
                if (r.decision() == Decision.ANSWER && r.best().orElseThrow().entryId().equals(e.id())) {
                    return e;
                }
            }
        }
        throw new AssertionError("the matcher answers none of the knowledge base's own questions");
    }

    private static String questionOf(Entry e, Knowledge k) {
        return e.questions().stream()
                .filter(q -> k.matcher().match(q).decision() == Decision.ANSWER)
                .findFirst().orElseThrow();
    }

    private List<ConsultationFact> consultations() {
        return store.reportSource().consultations(Instant.EPOCH, Instant.parse("2100-01-01T00:00:00Z"));
    }

    @Test
    void aMaxQuestionIsAnsweredFromTheKnowledgeBaseAndItsButtonsWork() throws Exception {
        Entry entry = answerableEntry();
        max.pushMessage(ANNA, questionOf(entry, knowledge));

        MaxApiEmulator.Sent answer = max.awaitSent(ANNA, 1, WAIT).get(0);
        String firstParagraph = plain.render(entry.firstParagraph());
        assertThat(answer.format()).isEqualTo("html");
        assertThat(answer.text()).startsWith(firstParagraph.substring(0, Math.min(40, firstParagraph.length())))
                .doesNotContain("**").endsWith("Помог ли ответ?");
        assertThat(answer.buttonLabels()).containsExactly("Подробнее", "Да", "Нет");

        String pressed = max.pressButton(ANNA, answer, 0); // «Подробнее»
        MaxApiEmulator.Sent rest = max.awaitSent(ANNA, 2, WAIT).get(1);
        assertThat(rest.text()).contains("Источник:");
        assertThat(rest.buttonLabels()).containsExactly("Да", "Нет");
        max.awaitAnswers(1, WAIT);
        assertThat(max.answers()).containsExactly(pressed); // the button's spinner stops

        max.pressButton(ANNA, rest, 0); // «Помог ли ответ?» — «Да»
        assertThat(max.awaitSent(ANNA, 3, WAIT).get(2).text()).isEqualTo("Спасибо, что отметили!");
        max.awaitAnswers(2, WAIT);

        assertThat(consultations()).singleElement().satisfies(c -> {
            assertThat(c.channel()).isEqualTo(Channel.MAX);
            assertThat(c.outcome()).isEqualTo(Outcome.BOT);
        });
        assertThat(max.refusedCalls()).isEmpty();
    }

    @Test
    void pressingStartGreetsLikeTheStartCommand() throws Exception {
        max.pushBotStarted(BORIS);

        assertThat(max.awaitSent(BORIS, 1, WAIT).get(0).text()).startsWith("Здравствуйте!");
    }

    @Test
    void anEscalatedMaxQuestionIsAnsweredFromTheConsultantsChatAndReachesMax() throws Exception {
        max.pushMessage(ANNA, "/human Спор с администрацией о границах ТОС, что делать?");

        int card = consultantsChat.awaitPost("Спор с администрацией", WAIT);
        awaitCardRecorded(card);
        assertThat(consultantsChat.post(card)).contains("MAX").contains("Анна Петрова");
        assertThat(max.awaitSent(ANNA, 1, WAIT).get(0).text()).contains("обращение №");

        desk.handle(new InboundMessage("telegram:700001", CONSULTANTS, new Person(Channel.TELEGRAM, CONSULTANT_ID, "Ольга"),
                "Соберите протокол собрания и напишите в администрацию.", null, "9100", consultantsChat.id(card), false,
                Instant.now()));

        MaxApiEmulator.Sent reply = max.awaitSent(ANNA, 2, WAIT).get(1);
        assertThat(reply.text()).startsWith("Ответ консультанта").contains("Соберите протокол собрания и напишите в администрацию.");
        assertThat(consultations()).singleElement().satisfies(c -> {
            assertThat(c.channel()).isEqualTo(Channel.MAX);
            assertThat(c.outcome()).isEqualTo(Outcome.CONSULTANT);
        });
    }

    @Test
    void aResidentWhoStoppedTheBotIsShownToConsultants() throws Exception {
        max.pushMessage(ANNA, "/human Нужна помощь юриста");
        int card = consultantsChat.awaitPost("Нужна помощь юриста", WAIT);
        awaitCardRecorded(card);
        max.awaitSent(ANNA, 1, WAIT);
        max.stopBot(ANNA);

        desk.handle(new InboundMessage("telegram:700002", CONSULTANTS, new Person(Channel.TELEGRAM, CONSULTANT_ID, "Ольга"),
                "Позвоните нам, пожалуйста.", null, "9101", consultantsChat.id(card), false, Instant.now()));

        int problem = consultantsChat.awaitPost("не доставлен", WAIT);
        assertThat(consultantsChat.post(problem)).contains("житель остановил бота");
        assertThat(max.sentTo(ANNA)).hasSize(1);
    }

    @Test
    void aRestartKeepsTheMarkerAndAnswersNothingTwice() throws Exception {
        max.pushMessage(ANNA, "/start");
        max.awaitSent(ANNA, 1, WAIT);
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!store.load(channel.cursorName()).equals(Optional.of(String.valueOf(max.nextMarker())))) {
            assertThat(System.nanoTime()).as("marker stored after the batch").isLessThan(deadline);
            Thread.sleep(10);
        }
        String stored = store.load(channel.cursorName()).orElseThrow();
        channel.close();
        max.pushMessage(ANNA, "/help");
        int polls = max.polledMarkers().size();
        channel = startMax();

        List<MaxApiEmulator.Sent> sent = max.awaitSent(ANNA, 2, WAIT);
        assertThat(max.polledMarkers().get(polls)).as("the first poll after the restart").isEqualTo(stored);
        Thread.sleep(300);
        assertThat(max.sentTo(ANNA)).hasSize(2);
        assertThat(sent.get(0).text()).startsWith("Здравствуйте!");
        assertThat(sent.get(1).text()).startsWith("Как со мной говорить:");
        assertThat(store.load(channel.cursorName())).contains(String.valueOf(max.nextMarker()));
    }

    @Test
    void aBatchWhoseMarkerWasNotStoredComesAgainAndIsNotAnsweredTwice() throws Exception {
        // the desk has recorded the batch but died before storing its marker: MAX hands the batch out again
        max.pushMessage(ANNA, "/start");
        max.awaitSent(ANNA, 1, WAIT);
        channel.close();
        store.save(channel.cursorName(), "1"); // as if the marker had never moved past the batch
        int handedOut = max.updatesHandedOut();
        channel = startMax();

        long deadline = System.nanoTime() + WAIT.toNanos();
        while (max.updatesHandedOut() == handedOut) {
            assertThat(System.nanoTime()).as("the batch handed out again").isLessThan(deadline);
            Thread.sleep(10);
        }
        max.pushMessage(ANNA, "/help");
        max.awaitSent(ANNA, 2, WAIT);
        Thread.sleep(300);
        assertThat(max.sentTo(ANNA)).hasSize(2);
    }

    @Test
    void tooManyRequestsAndServerErrorsAreWaitedOutWithoutLossOrRepeats() throws Exception {
        max.tooManyNext("/messages", 1, 2);
        max.failNext("/messages", 503, 4);
        max.failNext("/updates", 502, 2);
        max.tooManyNext("/updates", 1, 1);
        max.pushMessage(ANNA, "/start");
        max.pushMessage(BORIS, "/start");
        max.pushMessage(ANNA, "/help");

        List<MaxApiEmulator.Sent> anna = max.awaitSent(ANNA, 2, Duration.ofSeconds(40));
        List<MaxApiEmulator.Sent> boris = max.awaitSent(BORIS, 1, Duration.ofSeconds(40));
        Thread.sleep(500);
        assertThat(max.sentTo(ANNA)).hasSize(2);
        assertThat(max.sentTo(BORIS)).hasSize(1);
        assertThat(anna.get(0).text()).startsWith("Здравствуйте!"); // per-chat order held through the retries
        assertThat(anna.get(1).text()).startsWith("Как со мной говорить:");
        assertThat(boris.get(0).text()).startsWith("Здравствуйте!");
    }

    @Test
    void aBurstToOneChatIsPacedWithinMaxsLimit() throws Exception {
        for (int i = 0; i < 4; i++) {
            max.pushMessage(ANNA, "/help");
        }
        max.pushMessage(BORIS, "/start");

        max.awaitSent(ANNA, 4, Duration.ofSeconds(30));
        max.awaitSent(BORIS, 1, WAIT);
        // MAX refuses a third message within a second to one chat; the desk never gave it the chance
        assertThat(max.refusedCalls()).isEmpty();
    }

    @Test
    void groupChatsAreNotResidentsDialogs() throws Exception {
        max.pushGroupMessage(-5_000_001L, ANNA, "/start");
        max.pushMessage(BORIS, "/start");

        max.awaitSent(BORIS, 1, WAIT);
        Thread.sleep(300);
        assertThat(max.callLog()).noneMatch(c -> c.path().equals("/messages") && c.chatId() == -5_000_001L);
    }

    @Test
    void theTokenTravelsOnlyInTheHeaderAndIsNeverLogged() throws Exception {
        try (LogCapture logs = LogCapture.start()) {
            max.failNext("/messages", 401, 1);
            max.failNext("/updates", 401, 1);
            max.dropNext("/messages", 1);
            max.pushMessage(ANNA, "/start");
            max.awaitSent(ANNA, 1, WAIT);
            channel.close();
            channel = startMax();
            max.pushMessage(ANNA, "/help");
            max.awaitSent(ANNA, 2, WAIT);

            assertThat(logs.text()).contains("MAX 401").doesNotContain(MaxApiEmulator.TOKEN)
                    .doesNotContain(MaxApiEmulator.TOKEN.substring(10));
        }
        assertThat(max.tokenLeaks()).isEmpty();
    }
}
