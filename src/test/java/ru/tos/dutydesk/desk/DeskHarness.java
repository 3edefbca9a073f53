package ru.tos.dutydesk.desk;

import ru.tos.dutydesk.testing.TestStores;
import ru.tos.dutydesk.knowledge.Entry;
import ru.tos.dutydesk.knowledge.KnowledgeBase;
import ru.tos.dutydesk.knowledge.Synonyms;
import ru.tos.dutydesk.matching.Candidate;
import ru.tos.dutydesk.matching.Decision;
import ru.tos.dutydesk.matching.IntentDetector;
import ru.tos.dutydesk.matching.MatchResult;
import ru.tos.dutydesk.matching.Matcher;
import ru.tos.dutydesk.report.CoordinatorFigures;
import ru.tos.dutydesk.report.PeriodArgument;
import ru.tos.dutydesk.report.TopicTitles;
import ru.tos.dutydesk.store.SqlStore;
import ru.tos.dutydesk.testing.MutableClock;

import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The real desk on a real SQLite file, with a scripted matcher so that each test says which decision the
 * matcher takes, and a clock the test moves. Reads what the desk would send from the outbox.
 */
final class DeskHarness implements AutoCloseable {
    static final Address CONSULTANTS = new Address(Channel.TELEGRAM, "-100500");
    static final Person CONSULTANT = new Person(Channel.TELEGRAM, "77", "Ольга");
    static final Person STRANGER = new Person(Channel.TELEGRAM, "99", "Случайный");
    static final Person COORDINATOR = new Person(Channel.TELEGRAM, "88", "Координатор Нина");
    /** A consultant who also coordinates the project. */
    static final Person CONSULTING_COORDINATOR = new Person(Channel.TELEGRAM, "66", "Лена");
    static final ZoneId MOSCOW = ZoneId.of("Europe/Moscow");
    /** With a character every format has to escape. */
    static final String ASSOCIATION = "Ассоциация ТОС «Север & Юг»";
    /** The grant project as configured for these tests (the same as the report's tests use). */
    static final Map<String, Integer> TARGETS = Map.of("districts", 5, "consultations", 50, "participants", 175);
    static final LocalDate PROJECT_FROM = LocalDate.of(2026, 9, 1);
    static final LocalDate PROJECT_TO = LocalDate.of(2027, 6, 30);

    final SqlStore store;
    final Desk desk;
    final MutableClock clock;
    private final Map<String, MatchResult> script = new HashMap<>();
    private final Set<String> breaking = new java.util.HashSet<>();
    private final AtomicLong updates = new AtomicLong();
    private final List<OutboxItem> delivered = new ArrayList<>();
    private Matcher matcher;

    DeskHarness(Path dir) {
        this(dir, null);
    }

    /** @param reports coordinators' reports, or null for the real ones over this store */
    DeskHarness(Path dir, CoordinatorReports reports) {
        // Wednesday 2026-11-25 12:00 Moscow: within working hours
        clock = new MutableClock(Instant.parse("2026-11-25T09:00:00Z"));
        store = TestStores.open(dir.resolve("desk.db"));
        KnowledgeBase kb = new KnowledgeBase(List.of(
                entry("create-steps", "Как создать ТОС", "Соберите инициативную группу.\n\nПодробности."),
                entry("create-charter", "Что писать в уставе", "Устав содержит территорию и цели."),
                entry("money-taxes", "Платит ли ТОС налоги", "Без юрлица — нет.")), Synonyms.none());
        matcher = question -> {
            if (breaking.contains(question)) {
                throw new IllegalStateException("the matcher broke on this question");
            }
            return script.getOrDefault(question, MatchResult.escalate());
        };
        DeskSettings settings = new DeskSettings(
                new WorkingHours(EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY), LocalTime.of(9, 0), LocalTime.of(18, 0),
                        MOSCOW),
                Duration.ofHours(4), Duration.ofHours(2), Duration.ofDays(3), Optional.of(CONSULTANTS),
                Set.of(CONSULTANT.platformUserId(), CONSULTING_COORDINATOR.platformUserId()),
                Set.of(COORDINATOR.platformUserId(), CONSULTING_COORDINATOR.platformUserId()),
                List.of("Первый район", "Второй район"),
                DeskTexts.defaultTexts());
        CoordinatorReports figures = reports != null ? reports : new CoordinatorFigures(store.reportSource(), TARGETS,
                new PeriodArgument(MOSCOW, PROJECT_FROM, PROJECT_TO), ASSOCIATION, TopicTitles.of(kb));
        desk = new Desk(store, new Knowledge(kb, matcher, new IntentDetector()), settings, clock, figures);
    }

    /**
     * Lets consultants teach: the three entries are written as files into {@code faq} and loaded from there, and the
     * guard tries a variant on {@code guardMatcher} (the knowledge with the variant in, to the test's script).
     */
    void teachable(Path faq, java.util.function.Function<KnowledgeBase, Matcher> guardMatcher,
                   List<ru.tos.dutydesk.matching.eval.EvalRow> evalRows) throws java.io.IOException {
        java.nio.file.Files.createDirectories(faq.resolve("basics"));
        for (Entry e : desk.knowledge().base().entries()) {
            java.nio.file.Files.writeString(faq.resolve("basics").resolve(e.id() + ".md"), """
                    ---
                    id: %s
                    title: %s
                    # variants as residents ask
                    questions:
                      - %s
                    tags: [тег]
                    sources:
                      - 131-ФЗ, ст. 27
                    reviewed: 2026-11-25
                    ---
                    %s
                    """.formatted(e.id(), e.title(), e.title().toLowerCase(), e.body()));
        }
        KnowledgeBase kb = new ru.tos.dutydesk.knowledge.KnowledgeLoader().load(faq, Map.of());
        desk.replaceKnowledge(new Knowledge(kb, matcher, new IntentDetector()));
        desk.enableTeaching(new Teaching(new ru.tos.dutydesk.knowledge.KnowledgeEditor(faq),
                new ru.tos.dutydesk.matching.VariantGuard(guardMatcher, evalRows)));
    }

    /** The scripted matcher: what the desk asks now. */
    Matcher matcher() {
        return matcher;
    }

    private static Entry entry(String id, String title, String body) {
        return new Entry(id, title, List.of(title.toLowerCase()), List.of("тег"), List.of("131-ФЗ, ст. 27"),
                LocalDate.of(2026, 11, 25), body, Path.of(id + ".md"));
    }

    void script(String question, Decision decision, String... ids) {
        List<Candidate> candidates = new ArrayList<>();
        double score = 0.9;
        for (String id : ids) {
            candidates.add(new Candidate(id, desk.knowledge().base().entry(id).orElseThrow().title(), score));
            score -= 0.1;
        }
        script(question, new MatchResult(decision, candidates));
    }

    void script(String question, MatchResult result) {
        script.put(question, result);
    }

    static Person resident(String id) {
        return new Person(Channel.TELEGRAM, id, "Житель " + id);
    }

    static Address chatOf(Person p) {
        return new Address(p.channel(), p.platformUserId());
    }

    /** The matcher throws on this question, as a bug would. */
    void breakMatcherOn(String question) {
        breaking.add(question);
    }

    /** A message as a channel builds it, not yet handed to the desk. */
    InboundMessage message(Person who, String text) {
        return InboundMessage.text("t:" + updates.incrementAndGet(), chatOf(who), who, text, clock.instant());
    }

    InboundMessage says(Person who, String text) {
        InboundMessage m = InboundMessage.text("t:" + updates.incrementAndGet(), chatOf(who), who, text, clock.instant());
        desk.handle(m);
        return m;
    }

    /** A message in any chat (a group that is not the consultants' one, a private chat of someone else). */
    void saysIn(Address chat, Person who, String text) {
        desk.handle(InboundMessage.text("t:" + updates.incrementAndGet(), chat, who, text, clock.instant())
                .withPlatformIds("m" + updates.get(), null));
    }

    void taps(Person who, Choice choice) {
        desk.handle(InboundMessage.choice("t:" + updates.incrementAndGet(), chatOf(who), who, choice.data(), clock.instant()));
    }

    /** A message in the consultants' chat, optionally a reply to a platform message. */
    void inConsultantsChat(Person who, String text, String replyTo) {
        desk.handle(InboundMessage.text("t:" + updates.incrementAndGet(), CONSULTANTS, who, text, clock.instant())
                .withPlatformIds("m" + updates.get(), replyTo));
    }

    void tapsInConsultantsChat(Person who, String data) {
        desk.handle(InboundMessage.choice("t:" + updates.incrementAndGet(), CONSULTANTS, who, data, clock.instant()));
    }

    /** Delivers everything due (as a channel would), giving each message the platform id "p<outbox id>". */
    List<OutboxItem> deliver() {
        List<OutboxItem> due = new ArrayList<>();
        for (Channel channel : Channel.values()) {
            due.addAll(store.outbox().due(channel, clock.instant().plusSeconds(3600), 1000));
        }
        for (OutboxItem item : due) {
            store.outbox().markSent(item.id(), List.of("p" + item.id()), clock.instant());
        }
        delivered.addAll(due);
        return due;
    }

    /** The messages posted to a chat, in order (delivering what is due first); edits of cards are not posts. */
    List<OutboundMessage> sentTo(Address chat) {
        deliver();
        return delivered.stream().map(OutboxItem::message).filter(m -> m.to().equals(chat) && !m.isEdit()).toList();
    }

    /** The edits of a ticket's card, in order, as delivered (with the posts they edit filled in). */
    List<OutboundMessage> cardEdits(long ticket) {
        deliver();
        return delivered.stream().map(OutboxItem::message)
                .filter(m -> m.isEdit() && m.edit().ticket() == ticket).toList();
    }

    /** The card of a ticket as the chat shows it now: the last edit, or the card as posted. */
    OutboundMessage cardNow(long ticket) {
        List<OutboundMessage> edits = cardEdits(ticket);
        if (!edits.isEmpty()) {
            return edits.get(edits.size() - 1);
        }
        return delivered.stream().map(OutboxItem::message).filter(m -> Long.valueOf(ticket).equals(m.cardOfTicket()))
                .findFirst().orElseThrow(() -> new AssertionError("no card for ticket " + ticket));
    }

    /** The button with this label on the last message to this chat. */
    Choice button(Address chat, String label) {
        return lastTo(chat).choices().stream().filter(c -> c.label().equals(label)).findFirst()
                .orElseThrow(() -> new AssertionError("no button «" + label + "» on " + lastTo(chat)));
    }

    OutboundMessage lastTo(Address chat) {
        List<OutboundMessage> all = sentTo(chat);
        if (all.isEmpty()) {
            throw new AssertionError("nothing was sent to " + chat);
        }
        return all.get(all.size() - 1);
    }

    /** The platform id the harness gave to the newest post delivered to a chat (edits of cards are not posts). */
    String lastIdIn(Address chat) {
        deliver();
        for (int i = delivered.size() - 1; i >= 0; i--) {
            // an edit of a card is no message of its own: a reply can only be to a post
            if (delivered.get(i).message().to().equals(chat) && !delivered.get(i).message().isEdit()) {
                return "p" + delivered.get(i).id();
            }
        }
        throw new AssertionError("nothing was sent to " + chat);
    }

    /** The platform id of the newest post in {@code chat} whose text contains {@code text} (card edits make no post). */
    String lastIdIn(Address chat, String text) {
        deliver();
        for (int i = delivered.size() - 1; i >= 0; i--) {
            OutboxItem item = delivered.get(i);
            if (item.message().to().equals(chat) && item.message().markdown().contains(text)) {
                return "p" + item.id();
            }
        }
        throw new AssertionError("nothing containing «" + text + "» was sent to " + chat);
    }

    /** The platform id the harness gave to the newest card of a ticket. */
    String cardIdOf(long ticket) {
        deliver();
        for (int i = delivered.size() - 1; i >= 0; i--) {
            OutboxItem item = delivered.get(i);
            if (Long.valueOf(ticket).equals(item.message().cardOfTicket())) {
                return "p" + item.id();
            }
        }
        throw new AssertionError("no card for ticket " + ticket);
    }

    <T> T read(java.util.function.Function<DeskTransaction, T> query) {
        return store.inTransaction(query);
    }

    @Override
    public void close() {
        store.close();
    }
}
