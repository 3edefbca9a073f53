package ru.tos.dutydesk.channel.telegram;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import ru.tos.dutydesk.channel.Backoff;
import ru.tos.dutydesk.channel.telegram.emulator.Button;
import ru.tos.dutydesk.channel.telegram.emulator.SentMessage;
import ru.tos.dutydesk.channel.telegram.emulator.TelegramBotApiEmulator;
import ru.tos.dutydesk.channel.telegram.emulator.TgUser;
import ru.tos.dutydesk.desk.Address;
import ru.tos.dutydesk.desk.Channel;
import ru.tos.dutydesk.desk.Desk;
import ru.tos.dutydesk.desk.DeskSettings;
import ru.tos.dutydesk.desk.DeskTexts;
import ru.tos.dutydesk.desk.Knowledge;
import ru.tos.dutydesk.desk.LearningCase;
import ru.tos.dutydesk.desk.Teaching;
import ru.tos.dutydesk.desk.WorkingHours;
import ru.tos.dutydesk.knowledge.KnowledgeBase;
import ru.tos.dutydesk.knowledge.KnowledgeEditor;
import ru.tos.dutydesk.knowledge.KnowledgeLoader;
import ru.tos.dutydesk.matching.Candidate;
import ru.tos.dutydesk.matching.Decision;
import ru.tos.dutydesk.matching.IntentDetector;
import ru.tos.dutydesk.matching.MatchResult;
import ru.tos.dutydesk.matching.Matcher;
import ru.tos.dutydesk.matching.VariantGuard;
import ru.tos.dutydesk.store.SqlStore;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The desk learns from its consultants through Telegram (issue 18): the real telegrambots client against the
 * emulator, the real desk, store and knowledge files. The matcher is a stand-in: «устав» is answered, «грант» gets
 * suggestions, anything else goes to a consultant.
 */
class TelegramTeachingIT {
    private static final String TOKEN = "555000:TEACH-token";
    private static final long GROUP = -1002000000011L;
    private static final TgUser ANNA = new TgUser(4101, "Анна", "Смирнова", "anna");
    private static final TgUser OLGA = new TgUser(5101, "Ольга", "Консультант", "olga");
    private static final TgUser IVAN = TgUser.of(5102, "Иван");
    private static final Duration WAIT = Duration.ofSeconds(15);
    private static final String GARAGE = "можно ли тос в гаражном кооперативе";

    @TempDir
    Path dir;
    private TelegramBotApiEmulator tg;
    private SqlStore store;
    private TelegramChannel channel;
    private Path faq;
    /** What the guard's matcher (the knowledge with the variant in) says where it differs from the desk's. */
    private volatile Matcher afterTeaching;

    @BeforeEach
    void start() throws Exception {
        tg = TelegramBotApiEmulator.start(TOKEN);
        tg.registerGroup(GROUP, "Консультанты");
        faq = dir.resolve("faq");
        write("create-charter", "Что писать в уставе ТОС", "В уставе указывают территорию и цели.");
        write("grants-regional", "Региональные конкурсы для ТОС", "Конкурсы проводят области.");
        write("grants-presidential", "Президентский грант для ТОС", "Грант получает только юрлицо.");
        KnowledgeBase base = new KnowledgeLoader().load(faq, Map.of());
        Matcher matcher = question -> {
            String q = question.toLowerCase();
            if (q.contains("устав")) {
                return new MatchResult(Decision.ANSWER, List.of(new Candidate("create-charter", "Что писать в уставе ТОС", 0.9)));
            }
            if (q.contains("грант")) {
                return new MatchResult(Decision.SUGGEST, List.of(new Candidate("grants-presidential", "Президентский грант для ТОС", 0.4),
                        new Candidate("grants-regional", "Региональные конкурсы для ТОС", 0.38)));
            }
            return new MatchResult(Decision.ESCALATE, List.of(new Candidate("grants-regional", "Региональные конкурсы для ТОС", 0.2)));
        };
        afterTeaching = matcher;
        store = SqlStore.open(dir.resolve("desk.db"));
        DeskSettings settings = new DeskSettings(
                new WorkingHours(EnumSet.allOf(DayOfWeek.class), LocalTime.MIN, LocalTime.MAX, ZoneId.of("Europe/Moscow")),
                Duration.ofHours(4), Duration.ofHours(2), Duration.ofDays(3),
                Optional.of(new Address(Channel.TELEGRAM, String.valueOf(GROUP))),
                Set.of(String.valueOf(OLGA.id())), Set.of(), List.of("Первый район"), DeskTexts.defaultTexts());
        Desk desk = new Desk(store, new Knowledge(base, matcher, new IntentDetector()), settings, Clock.systemUTC());
        desk.enableTeaching(new Teaching(new KnowledgeEditor(faq),
                new VariantGuard(kb -> q -> afterTeaching.match(q), List.of())));
        TelegramSettings ts = TelegramSettings.defaults(TOKEN, tg.apiUrl(), Optional.of(GROUP)).withTimings(
                Duration.ofSeconds(1), Duration.ofSeconds(5), new Backoff(Duration.ofMillis(100), Duration.ofMillis(500)),
                Duration.ofSeconds(1), new Backoff(Duration.ofMillis(50), Duration.ofMillis(300)), Duration.ofMillis(200));
        channel = new TelegramChannel(ts, desk, store.outbox(), (item, reason) -> { }, Clock.systemUTC());
        desk.onOutbox(channel.outboxSignal());
        channel.start();
    }

    @AfterEach
    void stop() {
        channel.close();
        store.close();
        tg.close();
    }

    private void write(String id, String title, String body) throws Exception {
        Path file = faq.resolve("basics").resolve(id + ".md");
        Files.createDirectories(file.getParent());
        Files.writeString(file, """
                ---
                id: %s
                title: %s
                questions:
                  - %s
                tags: [тос]
                sources:
                  - 131-ФЗ, ст. 27
                reviewed: 2026-11-25
                ---
                %s
                """.formatted(id, title, title.toLowerCase(), body));
    }

    private SentMessage await(long chat, Predicate<SentMessage> wanted) throws InterruptedException {
        return tg.awaitSent(chat, wanted, WAIT);
    }

    private static Button button(SentMessage m, String text) {
        return m.buttons().stream().filter(b -> b.text().contains(text)).findFirst()
                .orElseThrow(() -> new AssertionError("no button «" + text + "» in " + m.buttons()));
    }

    private List<LearningCase> cases() {
        return store.inTransaction(tx -> tx.openLearningCases(Instant.EPOCH));
    }

    /** Anna's question goes to a consultant, Olga answers by replying to the card; returns the announcement. */
    private SentMessage escalatedAndAnswered(String question) throws InterruptedException {
        return escalatedAndAnswered(ANNA, question);
    }

    private SentMessage escalatedAndAnswered(TgUser who, String question) throws InterruptedException {
        tg.pushText(who, question);
        // the resident hears after the card went out (and was recorded), so a reply to the card finds its ticket
        await(who.id(), m -> m.text().contains("обращение №"));
        SentMessage card = await(GROUP, m -> m.text().contains(question) && !m.buttons().isEmpty());
        tg.pushGroupText(GROUP, OLGA, "Нет, только там, где живут люди.", card.messageId());
        await(who.id(), m -> m.text().contains("только там, где живут люди"));
        return await(GROUP, m -> m.text().contains("научить дежурную") && m.text().contains(question));
    }

    @Test
    void the_three_kinds_of_case_are_recorded_as_residents_and_consultants_act() throws Exception {
        tg.pushText(ANNA, "Где взять грант на двор?");
        SentMessage suggestions = await(ANNA.id(), m -> m.buttons().size() >= 3);
        tg.pushCallback(ANNA.id(), ANNA, suggestions.messageId(), button(suggestions, "Региональные").callbackData());
        await(ANNA.id(), m -> m.text().contains("Конкурсы проводят области"));

        tg.pushText(ANNA, "Что писать в уставе?");
        SentMessage answer = await(ANNA.id(), m -> m.text().contains("территорию и цели") && !m.buttons().isEmpty());
        tg.pushCallback(ANNA.id(), ANNA, answer.messageId(), button(answer, "Нет").callbackData());
        SentMessage card = await(GROUP, m -> m.text().contains("Что писать в уставе?") && !m.buttons().isEmpty());
        tg.pushGroupText(GROUP, OLGA, "/answer " + card.text().replaceAll("(?s).*№(\\d+).*", "$1")
                + " Устав пишут по образцу, вот он.", null);
        await(ANNA.id(), m -> m.text().contains("по образцу"));

        // Anna's ticket is still open (answered), so her next question would join it: another resident asks
        escalatedAndAnswered(TgUser.of(4102, "Пётр"), GARAGE);

        assertThat(cases()).extracting(LearningCase::kind).containsExactly(LearningCase.Kind.CHOSEN,
                LearningCase.Kind.UNHELPFUL, LearningCase.Kind.ESCALATED);
        assertThat(cases()).extracting(LearningCase::question)
                .containsExactly("Где взять грант на двор?", "Что писать в уставе?", GARAGE);
        assertThat(cases().get(1).answer()).isEqualTo("Устав пишут по образцу, вот он.");
        assertThat(cases().get(1).shownEntry()).isEqualTo("create-charter");
    }

    @Test
    void a_consultant_teaches_from_the_answers_announcement_and_a_stranger_cannot() throws Exception {
        SentMessage offer = escalatedAndAnswered(GARAGE);
        Button regional = button(offer, "Региональные");
        Path file = faq.resolve("basics/grants-regional.md");
        String before = Files.readString(file);

        tg.pushCallback(GROUP, IVAN, offer.messageId(), regional.callbackData());
        await(GROUP, m -> m.text().contains("только консультантам"));
        tg.pushGroupText(GROUP, IVAN, "/teach 1 grants-regional", null);
        assertThat(Files.readString(file)).isEqualTo(before);

        tg.pushCallback(GROUP, OLGA, offer.messageId(), regional.callbackData());
        await(GROUP, m -> m.text().contains("добавлен в статью"));
        assertThat(Files.readString(file)).contains("  - " + GARAGE + "\n")
                .contains("taught:\n  - \"1 | ").contains(" | Ольга Консультант | " + GARAGE + "\"");
        assertThat(new KnowledgeLoader().load(faq, Map.of()).entry("grants-regional").orElseThrow().questions())
                .contains(GARAGE);
    }

    @Test
    void a_harmful_variant_is_refused_and_a_draft_and_the_inbox_work_in_the_chat() throws Exception {
        escalatedAndAnswered(GARAGE);
        // with the variant in, the charter's own question would go to the grants entry
        Matcher plain = afterTeaching;
        afterTeaching = q -> q.contains("устав")
                ? new MatchResult(Decision.ANSWER, List.of(new Candidate("grants-regional", "Региональные конкурсы для ТОС", 0.9)))
                : plain.match(q);

        tg.pushGroupText(GROUP, OLGA, "/teach 1 grants-regional", null);
        SentMessage refused = await(GROUP, m -> m.text().contains("Не добавила"));
        assertThat(refused.text()).contains("что писать в уставе тос").contains("create-charter");
        assertThat(Files.readString(faq.resolve("basics/grants-regional.md"))).doesNotContain(GARAGE);

        tg.pushGroupText(GROUP, OLGA, "/inbox", null);
        SentMessage inbox = await(GROUP, m -> m.text().contains("Чему научиться"));
        assertThat(inbox.text()).contains(GARAGE);
        tg.pushCallback(GROUP, OLGA, inbox.messageId(), button(inbox, "черновик").callbackData());
        await(GROUP, m -> m.text().contains("Черновик новой статьи записан"));
        assertThat(Files.readString(faq.resolve("_drafts/draft-ticket-1.md"))).contains(GARAGE)
                .contains("Нет, только там, где живут люди.");
        assertThat(new KnowledgeLoader().load(faq, Map.of()).size()).isEqualTo(3);
    }
}
