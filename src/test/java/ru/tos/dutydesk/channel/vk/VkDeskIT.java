package ru.tos.dutydesk.channel.vk;

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
import ru.tos.dutydesk.desk.Person;
import ru.tos.dutydesk.knowledge.Entry;
import ru.tos.dutydesk.knowledge.KnowledgeBase;
import ru.tos.dutydesk.knowledge.KnowledgeLoader;
import ru.tos.dutydesk.matching.Decision;
import ru.tos.dutydesk.matching.IntentDetector;
import ru.tos.dutydesk.matching.LuceneMatcher;
import ru.tos.dutydesk.matching.MatchResult;
import ru.tos.dutydesk.matching.RussianAnalysis;
import ru.tos.dutydesk.store.SqlStore;

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
 * The VK channel with the real desk, the real SQLite store and the real knowledge base and matcher; the VK side
 * is the emulator driven through the real SDK. The consultants' Telegram chat is played by a recording transport
 * behind the real outbox sender, and consultants act through {@link Desk#handle} as the Telegram channel would.
 */
class VkDeskIT {
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final long ANNA = 101;
    private static final Address CONSULTANTS = new Address(Channel.TELEGRAM, "-1001234567890");
    private static final String CONSULTANT_ID = "5550001";

    @TempDir
    Path dir;

    private VkApiEmulator vk;
    private SqlStore store;
    private Desk desk;
    private Knowledge knowledge;
    private VkChannel channel;
    private OutboxSender consultantsSender;
    private Thread consultantsThread;
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
        vk = new VkApiEmulator();
        vk.setUserName(ANNA, "Анна", "Петрова");
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
        consultantsThread = new Thread(consultantsSender, "consultants-chat");
        consultantsThread.setDaemon(true);
        consultantsThread.start();
        desk.onOutbox(consultantsSender::signal);
        channel = startVk();
    }

    private VkChannel startVk() throws InterruptedException {
        Backoff fast = new Backoff(Duration.ofMillis(20), Duration.ofMillis(200));
        VkChannel c = new VkChannel(new VkSettings(VkApiEmulator.GROUP_ID, VkApiEmulator.TOKEN, vk.apiUrl()), store,
                store.outbox(), (item, reason) -> desk.deliveryGivenUp(item.message().to(), reason),
                new VkChannelOptions(25, fast, fast, 10, Duration.ofMillis(100), 20), clock);
        desk.onOutbox(c.outboxSignal());
        int polls = vk.polledTs().size();
        c.start(desk);
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (vk.polledTs().size() == polls && System.nanoTime() < deadline) {
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
        vk.close();
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

    @Test
    void aVkQuestionIsAnsweredFromTheKnowledgeBase() throws Exception {
        Entry entry = answerableEntry();
        vk.pushMessage(ANNA, questionOf(entry, knowledge));

        VkApiEmulator.Sent answer = vk.awaitSent(ANNA, 1, WAIT).get(0);
        String firstParagraph = plain.render(entry.firstParagraph());
        assertThat(answer.text()).startsWith(firstParagraph.substring(0, Math.min(60, firstParagraph.length())));
        assertThat(answer.text()).doesNotContain("Источник:").doesNotContain("**").endsWith("Помог ли ответ?");
        assertThat(answer.buttonLabels()).containsExactly("Подробнее", "Да", "Нет");

        vk.tapButton(ANNA, answer, 0); // «Подробнее»
        VkApiEmulator.Sent rest = vk.awaitSent(ANNA, 2, WAIT).get(1);
        String restStart = plain.render(entry.rest());
        assertThat(rest.text()).startsWith(restStart.substring(0, Math.min(40, restStart.length())))
                .contains("Источник:").doesNotContain("_Источник");
        assertThat(rest.buttonLabels()).containsExactly("Да", "Нет");

        vk.tapButton(ANNA, rest, 0); // «Помог ли ответ?» — «Да», under the rest
        assertThat(vk.awaitSent(ANNA, 3, WAIT).get(2).text()).isEqualTo("Спасибо, что отметили!");
        vk.awaitEventAnswers(2, WAIT);
    }

    @Test
    void anEscalatedVkQuestionIsAnsweredFromTheConsultantsChatAndReachesVk() throws Exception {
        vk.pushMessage(ANNA, "/human Спор с администрацией о границах ТОС, что делать?");

        int card = consultantsChat.awaitPost("Спор с администрацией", WAIT);
        awaitCardRecorded(card);
        assertThat(consultantsChat.post(card)).contains("VK").contains("Анна Петрова");
        String ticketNote = vk.awaitSent(ANNA, 1, WAIT).get(0).text();
        assertThat(ticketNote).contains("обращение №");

        desk.handle(new InboundMessage("telegram:700001", CONSULTANTS, new Person(Channel.TELEGRAM, CONSULTANT_ID, "Ольга"),
                "Соберите протокол собрания и напишите в администрацию.", null, "9100", consultantsChat.id(card), false,
                Instant.now()));

        VkApiEmulator.Sent reply = vk.awaitSent(ANNA, 2, WAIT).get(1);
        assertThat(reply.text()).startsWith("Ответ консультанта").contains("Соберите протокол собрания и напишите в администрацию.");
    }

    @Test
    void aResidentWhoDidNotAllowMessagesIsShownToConsultants() throws Exception {
        vk.pushMessage(ANNA, "/human Нужна помощь юриста");
        int card = consultantsChat.awaitPost("Нужна помощь юриста", WAIT);
        awaitCardRecorded(card);
        vk.awaitSent(ANNA, 1, WAIT);
        vk.forbidMessages(ANNA);

        desk.handle(new InboundMessage("telegram:700002", CONSULTANTS, new Person(Channel.TELEGRAM, CONSULTANT_ID, "Ольга"),
                "Позвоните нам, пожалуйста.", null, "9101", consultantsChat.id(card), false, Instant.now()));

        int problem = consultantsChat.awaitPost("не доставлен", WAIT);
        assertThat(consultantsChat.post(problem)).contains("житель не разрешил сообщения от сообщества");
        assertThat(vk.sentTo(ANNA)).hasSize(1);
    }

    @Test
    void aRestartWithTheSqlStoreLosesNothingAndAnswersNothingTwice() throws Exception {
        vk.pushMessage(ANNA, "/start");
        vk.awaitSent(ANNA, 1, WAIT);
        channel.close();
        vk.pushMessage(ANNA, "/help");
        channel = startVk();

        List<VkApiEmulator.Sent> sent = vk.awaitSent(ANNA, 2, WAIT);
        Thread.sleep(300);
        assertThat(vk.sentTo(ANNA)).hasSize(2);
        assertThat(sent.get(0).text()).startsWith("Здравствуйте!");
        assertThat(sent.get(1).text()).startsWith("Как со мной говорить:").contains("• /human");
        assertThat(store.load(channel.cursorName())).contains(String.valueOf(vk.nextTs()));
    }
}
