package ru.tos.dutydesk.channel.email;

import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import ru.tos.dutydesk.channel.Backoff;
import ru.tos.dutydesk.channel.telegram.TelegramChannel;
import ru.tos.dutydesk.channel.telegram.TelegramSettings;
import ru.tos.dutydesk.channel.telegram.emulator.SentMessage;
import ru.tos.dutydesk.channel.telegram.emulator.TelegramBotApiEmulator;
import ru.tos.dutydesk.channel.telegram.emulator.TgUser;
import ru.tos.dutydesk.config.AppConfig;
import ru.tos.dutydesk.config.ConfigLoader;
import ru.tos.dutydesk.config.EmailConfig;
import ru.tos.dutydesk.desk.Address;
import ru.tos.dutydesk.desk.Channel;
import ru.tos.dutydesk.desk.Desk;
import ru.tos.dutydesk.desk.InboundHandler;
import ru.tos.dutydesk.desk.DeskSettings;
import ru.tos.dutydesk.desk.Knowledge;
import ru.tos.dutydesk.desk.WorkingHours;
import ru.tos.dutydesk.knowledge.Entry;
import ru.tos.dutydesk.knowledge.KnowledgeBase;
import ru.tos.dutydesk.knowledge.KnowledgeLoader;
import ru.tos.dutydesk.matching.Decision;
import ru.tos.dutydesk.matching.IntentDetector;
import ru.tos.dutydesk.matching.LuceneMatcher;
import ru.tos.dutydesk.matching.RussianAnalysis;
import ru.tos.dutydesk.store.SqlStore;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Base64;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The e-mail channel end to end: GreenMail on 127.0.0.1 as the mail host (IMAP with IDLE, SMTP), the real desk,
 * SQLite store, knowledge base and matcher, and the consultants' chat in Telegram through the real telegrambots
 * client against the project's Telegram emulator.
 */
class EmailDeskIT {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String TOKEN = "555000:MAIL-token";
    private static final long GROUP = -1002000000077L;
    private static final TgUser OLGA = new TgUser(5001, "Ольга", "Консультант", "olga");
    private static final String ANNA = "anna@" + MailServer.RESIDENTS;
    private static Knowledge knowledge;
    private static AppConfig config;

    @TempDir
    Path dir;
    private MailServer mail;
    private TelegramBotApiEmulator tg;
    private SqlStore store;
    private TelegramChannel telegram;
    private EmailChannel email;
    private Desk desk;

    @BeforeAll
    static void loadKnowledge() {
        config = new ConfigLoader(Map.of()).load(Path.of("config/duty-desk.yml"));
        KnowledgeBase base = new KnowledgeLoader().load(Path.of("faq"), config.placeholders());
        knowledge = new Knowledge(base, new LuceneMatcher(base, RussianAnalysis.standard(), config.thresholds()),
                new IntentDetector());
    }

    @BeforeEach
    void start() {
        mail = new MailServer();
        tg = TelegramBotApiEmulator.start(TOKEN);
        tg.registerGroup(GROUP, "Консультанты");
        store = SqlStore.open(dir.resolve("desk.db"));
        DeskSettings d = config.desk();
        DeskSettings settings = new DeskSettings(
                new WorkingHours(EnumSet.allOf(DayOfWeek.class), LocalTime.MIN, LocalTime.MAX, ZoneId.of("Europe/Moscow")),
                d.answerWithin(), d.reannounceAfter(), d.autoCloseAfter(),
                Optional.of(new Address(Channel.TELEGRAM, String.valueOf(GROUP))),
                Set.of(String.valueOf(OLGA.id())), Set.of(), d.districts(), d.texts());
        Desk desk = new Desk(store, knowledge, settings, Clock.systemUTC());
        TelegramSettings ts = TelegramSettings.defaults(TOKEN, tg.apiUrl(), Optional.of(GROUP)).withTimings(
                Duration.ofSeconds(1), Duration.ofSeconds(5), new Backoff(Duration.ofMillis(100), Duration.ofMillis(500)),
                Duration.ofSeconds(1), new Backoff(Duration.ofMillis(50), Duration.ofMillis(300)), Duration.ofMillis(200));
        telegram = new TelegramChannel(ts, desk, store.outbox(), (item, reason) -> desk.deliveryGivenUp(item.message().to(), reason),
                Clock.systemUTC());
        desk.onOutbox(telegram.outboxSignal());
        telegram.start();
        this.desk = desk;
        startEmail();
    }

    private void startEmail() {
        startEmail(desk);
    }

    private void startEmail(InboundHandler handler) {
        email = new EmailChannel(settings(mail), store, store.outbox(), TicketLookup.from(store),
                (item, reason) -> desk.deliveryGivenUp(item.message().to(), reason), desk::deliveryGivenUp,
                new Backoff(Duration.ofMillis(50), Duration.ofMillis(500)), 10, Clock.systemUTC());
        desk.onOutbox(email.outboxSignal());
        email.start(handler);
    }

    static EmailSettings settings(MailServer mail) {
        EmailConfig.Mailbox box = new EmailConfig.Mailbox(MailServer.DESK, "ТОС-ассоциация", MailServer.DESK,
                new EmailConfig.Endpoint("127.0.0.1", mail.imapPort(), EmailConfig.Security.NONE),
                new EmailConfig.Endpoint("127.0.0.1", mail.smtpPort(), EmailConfig.Security.NONE),
                "INBOX", true, Duration.ofSeconds(60), Duration.ofMillis(300), Duration.ofMillis(200));
        return new EmailSettings(box, MailServer.PASSWORD, Duration.ofSeconds(5));
    }

    @AfterEach
    void stop() {
        email.close();
        telegram.close();
        store.close();
        tg.close();
        mail.close();
    }

    private static String answerableQuestion() {
        for (Entry e : knowledge.base().entries()) {
            for (String q : e.questions()) {
                var r = knowledge.matcher().match(q);
                if (r.decision() == Decision.ANSWER && r.best().orElseThrow().entryId().equals(e.id()) && !q.contains("?")) {
                    return q;
                }
            }
        }
        throw new AssertionError("the matcher answers none of the knowledge base's own questions");
    }

    private static Entry entryFor(String question) {
        return knowledge.base().entry(knowledge.matcher().match(question).best().orElseThrow().entryId()).orElseThrow();
    }

    private long count(String sql) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("desk.db"));
             Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** Anna asks a question the desk cannot answer by itself; returns its card once the store knows the card's id. */
    private SentMessage annasTicketCard(String messageId, String subject) throws InterruptedException {
        mail.deliver(TestLetters.letter(ANNA, messageId, subject, "Можно ли ТОС арендовать у администрации участок под спортплощадку? Как это оформить? Уже пытались."), StandardCharsets.UTF_8);
        SentMessage card = tg.awaitSent(GROUP, m -> m.text().contains("Обращение №"), WAIT);
        awaitCardRecorded(numberOf(card));
        return card;
    }

    private static long numberOf(SentMessage card) {
        return Long.parseLong(card.text().replaceAll("(?s).*Обращение №(\\d+).*", "$1"));
    }

    /** A delivery status notification (RFC 3464) as a mail host sends it when our letter to {@code recipient} failed. */
    private static String bounce(String messageId, String recipient, String fields) {
        return "From: Mail Delivery System <MAILER-DAEMON@" + MailServer.RESIDENTS + ">\n"
                + "To: " + MailServer.DESK + "\nSubject: Undelivered Mail Returned to Sender\nMessage-ID: " + messageId + "\n"
                + "Return-Path: <>\nMIME-Version: 1.0\n"
                + "Content-Type: multipart/report; report-type=delivery-status; boundary=\"B\"\n\n"
                + "--B\nContent-Type: text/plain\n\nYour message could not be delivered.\n"
                + "--B\nContent-Type: message/delivery-status\n\nReporting-MTA: dns; mx.mail.example\n\n"
                + "Final-Recipient: rfc822; " + recipient + "\nAction: failed\n" + fields + "--B--\n";
    }

    /** The card's Telegram id is recorded when its sender marks it sent, just after the chat shows it. */
    private void awaitCardRecorded(long number) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (store.inTransaction(tx -> tx.cardMessageId(number)).isEmpty()) {
            assertThat(System.nanoTime()).as("card recorded").isLessThan(deadline);
            Thread.sleep(10);
        }
    }

    @Test
    void aLetterIsAnsweredAtOnceInItsThreadWithTheSources() throws Exception {
        String question = answerableQuestion();
        Entry entry = entryFor(question);
        mail.deliver(TestLetters.letter("Анна Петрова <" + ANNA + ">", "<q1@mail.example>", "Вопрос про ТОС",
                "Здравствуйте!\n\n" + question + "\n\n-- \nАнна Петрова, тел. 8-900-000-00-00"), StandardCharsets.UTF_8);

        MimeMessage reply = mail.awaitLetters(ANNA, 1, WAIT).get(0);
        assertThat(TestLetters.subject(reply)).isEqualTo("Re: Вопрос про ТОС");
        assertThat(TestLetters.header(reply, "In-Reply-To")).isEqualTo("<q1@mail.example>");
        assertThat(TestLetters.header(reply, "References")).contains("<q1@mail.example>");
        assertThat(TestLetters.header(reply, "Auto-Submitted")).isEqualTo("auto-replied");
        assertThat(reply.getFrom()[0].toString()).contains(MailServer.DESK);
        String plain = TestLetters.plain(reply);
        String first = entry.firstParagraph().replaceAll("[*_`\\[\\]()]", "");
        assertThat(plain).contains(first.substring(0, Math.min(40, first.length())).strip().split("\\s+")[0]);
        assertThat(plain).contains("Источник").doesNotContain("**").doesNotContain("Помог ли ответ");
        assertThat(TestLetters.html(reply)).contains("<p>").contains("Источник");
        // counted as a consultation on the e-mail channel, the participant known by the address
        assertThat(count("SELECT COUNT(*) FROM consultations WHERE channel = 'email' AND outcome = 'BOT'")).isEqualTo(1);
        assertThat(count("SELECT COUNT(*) FROM users WHERE channel = 'email' AND platform_user_id = '" + ANNA + "'")).isEqualTo(1);
        assertThat(tg.sentTo(GROUP)).as("nothing for consultants").isEmpty();
    }

    @Test
    void aLetterWithSeveralQuestionsGoesToAConsultantWhoseReplyComesBackAsALetter() throws Exception {
        String question = answerableQuestion();
        mail.deliver(TestLetters.letter("Анна Петрова <" + ANNA + ">", "<q2@mail.example>", "Несколько вопросов",
                "Добрый день.\n\n1. " + question + "\n2. Сколько человек нужно для собрания жителей?\n\nСпасибо."),
                StandardCharsets.UTF_8);

        SentMessage card = tg.awaitSent(GROUP, m -> m.text().contains("Обращение №"), WAIT);
        assertThat(card.text()).contains("e-mail").contains("Анна Петрова").contains(ANNA).contains("Сколько человек нужно");
        long number = numberOf(card);
        MimeMessage told = mail.awaitLetters(ANNA, 1, WAIT).get(0);
        assertThat(TestLetters.subject(told)).isEqualTo("Re: [ТОС №" + number + "] Несколько вопросов");
        assertThat(TestLetters.plain(told)).contains("№" + number);

        tg.pushGroupText(GROUP, OLGA, "Для собрания нужно не меньше трёх жителей, подробности в уставе.", card.messageId());

        MimeMessage answer = mail.awaitLetter(ANNA, m -> TestLetters.plain(m).contains("не меньше трёх жителей"), WAIT);
        assertThat(TestLetters.subject(answer)).isEqualTo("Re: [ТОС №" + number + "] Несколько вопросов");
        assertThat(TestLetters.header(answer, "In-Reply-To")).isEqualTo("<q2@mail.example>");
        assertThat(TestLetters.plain(answer)).contains("Ответ консультанта");
        assertThat(count("SELECT COUNT(*) FROM consultations WHERE channel = 'email' AND outcome = 'CONSULTANT'")).isEqualTo(1);
        // by mail the profile question is skipped: no district question follows the answer
        Thread.sleep(500);
        assertThat(mail.lettersTo(ANNA)).extracting(TestLetters::plain).noneMatch(p -> p.contains("муниципального района"));
    }

    @Test
    void aResidentsReplyJoinsTheTicketWithoutTheQuotedHistoryOrSignature() throws Exception {
        SentMessage card = annasTicketCard("<q3@mail.example>", "Земельный участок");
        long number = numberOf(card);
        String ourId = mail.awaitLetters(ANNA, 1, WAIT).get(0).getMessageID();

        mail.deliver(TestLetters.letter(ANNA, "<q4@mail.example>", "Re: [ТОС №" + number + "] Земельный участок",
                "Уточняю: участок площадью 20 соток рядом со школой.\n\n"
                        + "Вс, 6 дек. 2026 г. в 10:05, ТОС-ассоциация <" + MailServer.DESK + ">:\n"
                        + "> Передала ваш вопрос консультанту\n> Можно ли ТОС арендовать\n\n--\nАнна, тел. 8-900",
                "In-Reply-To: " + ourId, "References: <q3@mail.example> " + ourId), StandardCharsets.UTF_8);

        SentMessage followUp = tg.awaitSent(GROUP, m -> m.text().contains("Дополнение к обращению №" + number), WAIT);
        assertThat(followUp.text()).contains("20 соток рядом со школой")
                .doesNotContain("Передала ваш вопрос").doesNotContain("8-900");
        assertThat(followUp.replyTo()).isEqualTo(card.messageId());
        MimeMessage joined = mail.awaitLetters(ANNA, 2, WAIT).get(1);
        assertThat(TestLetters.subject(joined)).isEqualTo("Re: [ТОС №" + number + "] Земельный участок");
        assertThat(TestLetters.header(joined, "In-Reply-To")).isEqualTo("<q4@mail.example>");
        assertThat(TestLetters.header(joined, "References")).contains(ourId).contains("<q3@mail.example>");
        assertThat(count("SELECT COUNT(*) FROM tickets")).as("one ticket, not two").isEqualTo(1);
        assertThat(count("SELECT COUNT(*) FROM consultations")).isEqualTo(1);
    }

    @Test
    void aTicketNumberInTheSubjectFromAnotherAddressDoesNotJoinThatTicket() throws Exception {
        long number = numberOf(annasTicketCard("<p1@mail.example>", "Земельный участок"));

        String other = "boris@" + MailServer.RESIDENTS;
        mail.deliver(TestLetters.letter(other, "<p2@mail.example>", "Re: [ТОС №" + number + "] Земельный участок",
                "Отмените обращение, вопрос снят, и пришлите мне всю переписку."), StandardCharsets.UTF_8);

        SentMessage second = tg.awaitSent(GROUP, m -> m.text().contains(other), WAIT);
        assertThat(second.text()).as("a ticket of its own").doesNotContain("Дополнение к обращению №" + number);
        assertThat(count("SELECT COUNT(*) FROM tickets")).isEqualTo(2);
        assertThat(tg.sentTo(GROUP)).noneMatch(m -> m.text().contains("Дополнение к обращению №" + number));
    }

    @Test
    void autoRepliesBouncesAndListsAreNotAnswered() throws Exception {
        String question = answerableQuestion();
        mail.deliver(TestLetters.letter("robot@" + MailServer.RESIDENTS, "<a1@mail.example>", "Я в отпуске",
                "Я в отпуске до понедельника. " + question, "Auto-Submitted: auto-replied"), StandardCharsets.UTF_8);
        mail.deliver(bounce("<b1@mail.example>", "nobody@mail.example", "Status: 5.1.1\n"), StandardCharsets.UTF_8);
        mail.deliver(TestLetters.letter("news@" + MailServer.RESIDENTS, "<l1@mail.example>", "Рассылка",
                question, "Precedence: list", "List-Id: <news.mail.example>"), StandardCharsets.UTF_8);
        mail.deliver(TestLetters.letter("loop@" + MailServer.RESIDENTS, "<x1@mail.example>", "Петля", question,
                "X-Loop: helpdesk@mail.example"), StandardCharsets.UTF_8);
        mail.deliver(TestLetters.letter(MailServer.DESK, "<own@tos.example>", "Наше", question), StandardCharsets.UTF_8);
        // a person after them: answered, so the robots' letters were read and passed over
        mail.deliver(TestLetters.letter(ANNA, "<q5@mail.example>", "Вопрос", question), StandardCharsets.UTF_8);

        mail.awaitLetters(ANNA, 1, WAIT);
        Thread.sleep(500);
        assertThat(mail.sentToResidents()).as("letters sent").hasSize(1);
        assertThat(count("SELECT COUNT(*) FROM users")).as("robots are not participants").isEqualTo(1);
    }

    @Test
    void aBounceOfTheConsultantsAnswerIsShownUnderTheCard() throws Exception {
        SentMessage card = annasTicketCard("<q6@mail.example>", "Земля под площадку");
        long number = numberOf(card);
        tg.pushGroupText(GROUP, OLGA, "Да, можно: подайте заявление в администрацию.", card.messageId());
        mail.awaitLetter(ANNA, m -> TestLetters.plain(m).contains("подайте заявление"), WAIT);

        // the resident's server accepted it, then its mailbox turned out full: the report comes back later
        mail.deliver(bounce("<b2@mail.example>", ANNA, "Status: 5.2.2\nDiagnostic-Code: smtp; 552 5.2.2 Mailbox full\n"),
                StandardCharsets.UTF_8);

        SentMessage note = tg.awaitSent(GROUP, m -> m.text().contains("не доставлен"), WAIT);
        assertThat(note.text()).contains("№" + number).contains("Mailbox full");
        assertThat(note.replyTo()).isEqualTo(card.messageId());
        Thread.sleep(500);
        assertThat(mail.lettersTo(ANNA)).as("no letter answers the report").noneMatch(m -> TestLetters.subject(m).contains("Undelivered"));
    }

    @Test
    void lettersInKoi8rAndWindows1251AreReadCorrectly() throws Exception {
        String question = answerableQuestion();
        Entry entry = entryFor(question);
        mail.deliver(legacyLetter("petr@" + MailServer.RESIDENTS, "<k1@mail.example>", "KOI8-R", "Вопрос из старой почты",
                question), Charset.forName("KOI8-R"));
        String story = "Добрый день. Наш ТОС хочет провести субботник во дворе дома №5, кто выдаёт инвентарь? Нужно ли согласование?";
        mail.deliver(legacyLetter("olga@" + MailServer.RESIDENTS, "<w1@mail.example>", "windows-1251", "Субботник",
                story), Charset.forName("windows-1251"));

        MimeMessage answer = mail.awaitLetters("petr@" + MailServer.RESIDENTS, 1, WAIT).get(0);
        assertThat(TestLetters.subject(answer)).isEqualTo("Re: Вопрос из старой почты");
        assertThat(TestLetters.plain(answer)).contains("Источник");
        assertThat(count("SELECT COUNT(*) FROM consultations WHERE topic = '" + entry.id() + "'")).isEqualTo(1);

        SentMessage card = tg.awaitSent(GROUP, m -> m.text().contains("olga@"), WAIT);
        assertThat(card.text()).contains(story);
        assertThat(TestLetters.subject(mail.awaitLetters("olga@" + MailServer.RESIDENTS, 1, WAIT).get(0)))
                .startsWith("Re: [ТОС №").endsWith("] Субботник");
    }

    /** A letter as an old mail program writes it: headers and body in a single-byte charset, subject in base64. */
    private static String legacyLetter(String from, String id, String charset, String subject, String body) {
        String encodedSubject = "=?" + charset + "?B?" + Base64.getEncoder().encodeToString(subject.getBytes(Charset.forName(charset))) + "?=";
        return "From: " + from + "\nTo: " + MailServer.DESK + "\nSubject: " + encodedSubject + "\nMessage-ID: " + id
                + "\nMIME-Version: 1.0\nContent-Type: text/plain; charset=" + charset
                + "\nContent-Transfer-Encoding: 8bit\n\n" + body + "\n";
    }

    @Test
    void aMailboxNumberedAnewUnderTheSameUidValidityIsStillRead() throws Exception {
        // a mail host rebuilt from scratch that kept its UIDVALIDITY (IMAP forbids it; it happens): the cursor says
        // 500 letters were read, the mailbox starts again at 1
        email.close();
        store.save("email:" + MailServer.DESK + ":INBOX:uid", mail.uidValidity() + ":500");
        startEmail();
        mail.deliver(TestLetters.letter(ANNA, "<n1@mail.example>", "После переезда почты", answerableQuestion()),
                StandardCharsets.UTF_8);

        assertThat(TestLetters.subject(mail.awaitLetters(ANNA, 1, WAIT).get(0))).isEqualTo("Re: После переезда почты");
    }

    @Test
    void aLetterWhoseRecordingFailedIsStillUnreadAndIsTakenAgain() throws Exception {
        // as on the desk's first start, or after a new UIDVALIDITY: the unread letters are what is taken, so reading a
        // letter must not mark it read before the desk has committed it (a crash there would lose it for good)
        email.close();
        store.save("email:" + MailServer.DESK + ":INBOX:uid", "none");
        mail.deliver(TestLetters.letter(ANNA, "<f1@mail.example>", "Сбой базы", answerableQuestion()), StandardCharsets.UTF_8);
        AtomicInteger attempts = new AtomicInteger();
        startEmail(message -> {
            if (attempts.getAndIncrement() == 0) {
                throw new IllegalStateException("database is locked");
            }
            desk.handle(message);
        });

        assertThat(TestLetters.subject(mail.awaitLetters(ANNA, 1, WAIT).get(0))).isEqualTo("Re: Сбой базы");
        assertThat(attempts.get()).as("offered again after the failure").isGreaterThanOrEqualTo(2);
    }

    @Test
    void theMailServerGoesAwayAndComesBack() throws Exception {
        String question = answerableQuestion();
        mail.deliver(TestLetters.letter(ANNA, "<s1@mail.example>", "До сбоя", question), StandardCharsets.UTF_8);
        mail.awaitLetters(ANNA, 1, WAIT);
        long failuresBefore = email.pollStatus().failures();

        mail.stop();
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (email.pollStatus().failures() < failuresBefore + 2 && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(email.pollStatus().failures()).as("failed attempts while the server is away").isGreaterThanOrEqualTo(failuresBefore + 2);

        java.time.Instant restarted = java.time.Instant.now();
        mail.start(); // a fresh server: its mailbox is new, with a new UIDVALIDITY
        // the reader is back on the empty mailbox before the letter comes: the letter must not fall behind the cursor
        long back = System.nanoTime() + WAIT.toNanos();
        while (email.pollStatus().lastSuccess().filter(t -> t.isAfter(restarted)).isEmpty() && System.nanoTime() < back) {
            Thread.sleep(50);
        }
        // and idling: GreenMail does not report a letter that lands in the instant between the reader's last look
        // and its IDLE command (real servers report it when IDLE starts; the desk's renewal covers any that do not)
        Thread.sleep(500);
        String petr = "petr@" + MailServer.RESIDENTS;
        mail.deliver(TestLetters.letter(petr, "<s2@mail.example>", "После сбоя", question), StandardCharsets.UTF_8);

        MimeMessage reply = mail.awaitLetters(petr, 1, WAIT).get(0);
        assertThat(TestLetters.subject(reply)).isEqualTo("Re: После сбоя");
        assertThat(email.pollStatus().lastSuccess()).isPresent();
        assertThat(count("SELECT COUNT(*) FROM consultations WHERE channel = 'email'")).isEqualTo(2);
    }

    @Test
    /** Letters that come while the reader handles earlier ones are taken at once, not at the next IDLE renewal. */
    void aBurstOfLettersArrivingDuringIdleIsAllAnswered() throws Exception {
        String question = answerableQuestion();
        Thread.sleep(500); // the reader is idling now
        for (int i = 0; i < 30; i++) {
            mail.deliver(TestLetters.letter("r" + i + "@" + MailServer.RESIDENTS, "<burst" + i + "@mail.example>", "Вопрос " + i,
                    question), StandardCharsets.UTF_8);
        }
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (mail.sentToResidents().size() < 30 && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertThat(mail.sentToResidents()).hasSize(30);
    }
}
