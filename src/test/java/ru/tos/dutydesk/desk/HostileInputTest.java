package ru.tos.dutydesk.desk;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import ru.tos.dutydesk.channel.PlainTextRenderer;
import ru.tos.dutydesk.channel.telegram.TelegramHtmlRenderer;
import ru.tos.dutydesk.channel.telegram.TelegramMessageSplitter;
import ru.tos.dutydesk.channel.vk.VkMessageSplitter;
import ru.tos.dutydesk.config.AppConfig;
import ru.tos.dutydesk.config.ConfigLoader;
import ru.tos.dutydesk.knowledge.Entry;
import ru.tos.dutydesk.knowledge.KnowledgeBase;
import ru.tos.dutydesk.knowledge.KnowledgeLoader;
import ru.tos.dutydesk.matching.Intent;
import ru.tos.dutydesk.matching.IntentDetector;
import ru.tos.dutydesk.matching.LuceneMatcher;
import ru.tos.dutydesk.matching.RussianAnalysis;
import ru.tos.dutydesk.store.SqlStore;
import ru.tos.dutydesk.testing.HostileText;
import ru.tos.dutydesk.testing.LogCapture;
import ru.tos.dutydesk.testing.MutableClock;
import ru.tos.dutydesk.testing.PlatformChecks;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Ten thousand generated hostile messages through the real desk, the real knowledge base and matcher and the real
 * SQLite store; every reply rendered for Telegram (HTML, split) and for VK (plain text, split). Nothing may throw,
 * every part must be acceptable to its platform, every resident must hear back and every question must end up
 * answered, suggested or on a ticket, and no SQL fragment may change the schema.
 * Replay a failure with {@code -Dhostile.seed=N}; {@code -Dhostile.count=N} changes the number of messages.
 */
class HostileInputTest {
    private static final Address CONSULTANTS = new Address(Channel.TELEGRAM, "-100500");
    private static final List<String> CONSULTANT_IDS = List.of("77", "78");
    private static final String STRANGER_ID = "99";

    @TempDir
    Path dir;

    private final TelegramHtmlRenderer html = new TelegramHtmlRenderer();
    private final TelegramMessageSplitter telegramSplitter = new TelegramMessageSplitter();
    private final PlainTextRenderer plain = new PlainTextRenderer();
    private final VkMessageSplitter vkSplitter = new VkMessageSplitter();

    private final List<String> problems = new ArrayList<>();
    private final Map<Address, List<Choice>> buttonsByChat = new HashMap<>();
    private final List<String> cardIds = new ArrayList<>();
    private final List<Choice> cardButtons = new ArrayList<>();
    private long seed;
    private int index;
    private int handled;
    private int parts;
    private int longestTelegram;
    private int longestVk;

    @Test
    void ten_thousand_hostile_messages_break_nothing_and_lose_nothing() throws Exception {
        seed = Long.getLong("hostile.seed", new Random().nextLong());
        int count = Integer.getInteger("hostile.count", 10_000);
        AppConfig config = new ConfigLoader(Map.of()).load(Path.of("config", "duty-desk.yml"));
        KnowledgeBase base = new KnowledgeLoader().load(Path.of("faq"), config.placeholders());
        Knowledge knowledge = new Knowledge(base, new ru.tos.dutydesk.testing.SampledMatcher(base,
                new LuceneMatcher(base, RussianAnalysis.standard(), config.thresholds())), new IntentDetector());
        DeskSettings d = config.desk();
        DeskSettings settings = new DeskSettings(d.hours(), d.answerWithin(), d.reannounceAfter(), d.autoCloseAfter(),
                Optional.of(CONSULTANTS), java.util.Set.copyOf(CONSULTANT_IDS), d.coordinators(), d.districts(), d.texts());
        List<String> questions = new ArrayList<>();
        for (Entry e : base.entries()) {
            questions.addAll(e.questions());
        }
        HostileText gen = new HostileText(seed, questions);
        Random rnd = gen.random();
        MutableClock clock = new MutableClock(Instant.parse("2026-11-25T07:00:00Z"));
        Path db = dir.resolve("desk.db");

        List<Person> residents = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            residents.add(new Person(i % 2 == 0 ? Channel.TELEGRAM : Channel.VK, String.valueOf(2000 + i), gen.name()));
        }
        Tally tally = new Tally();
        String schemaBefore;
        String schemaAfter;
        String logText;
        long recorded;
        long waiting;
        try (SqlStore store = SqlStore.open(db); LogCapture log = LogCapture.start();
             Connection sql = DriverManager.getConnection("jdbc:sqlite:" + db.toAbsolutePath())) {
            Desk desk = new Desk(store, knowledge, settings, clock);
            schemaBefore = schema(sql);
            for (index = 0; index < count; index++) {
                clock.advance(Duration.ofSeconds(1 + rnd.nextInt(20)));
                if (index % 250 == 249) {
                    clock.advance(Duration.ofHours(1 + rnd.nextInt(30)));
                    guarded("maintenance", desk::runMaintenance);
                    deliver(store, clock.instant());
                }
                if (rnd.nextInt(100) < 78) {
                    Person who = residents.get(rnd.nextInt(residents.size()));
                    if (rnd.nextInt(50) == 0) {
                        who = new Person(who.channel(), who.platformUserId(), gen.name()); // renamed on the platform
                    }
                    residentMessage(gen, rnd, desk, store, sql, knowledge, who, residents, tally, clock.instant());
                } else {
                    consultantsChatMessage(gen, rnd, desk, store, clock.instant());
                }
                handled++;
                if (problems.size() > 30) {
                    break;
                }
            }
            logText = log.text();
            schemaAfter = schema(sql);
            recorded = countOf(sql, "SELECT count(*) FROM processed_updates");
            waiting = countOf(sql, "SELECT count(*) FROM outbox WHERE sent_at IS NULL");
        }
        System.out.printf("hostile input: seed %d, %d messages, %d questions (%d answered, %d suggested, %d on a ticket), "
                        + "%d other resident messages, %d rendered parts, longest Telegram %d, longest VK %d%n",
                seed, count, tally.questions, tally.answered, tally.suggested, tally.ticketed, tally.other, parts,
                longestTelegram, longestVk);
        assertThat(problems).as("problems (replay with -Dhostile.seed=%d)", seed).isEmpty();
        assertThat(schemaAfter).as("schema after the SQL fragments (seed %d)", seed).isEqualTo(schemaBefore);
        assertThat(recorded).as("every update recorded (seed %d)", seed).isEqualTo(handled);
        assertThat(waiting).as("undelivered rows").isZero();
        assertThat(logText).as("the desk's fallback for messages that broke its logic (seed %d)", seed)
                .doesNotContain("failed, handing it to consultants").doesNotContain(" ERROR ");
        assertThat(tally.answered).as("some questions answered by the bot").isPositive();
        assertThat(tally.suggested + tally.ticketed).isPositive();
    }

    private static final class Tally {
        int questions;
        int answered;
        int suggested;
        int ticketed;
        int other;
    }

    private void residentMessage(HostileText gen, Random rnd, Desk desk, SqlStore store, Connection sql, Knowledge knowledge,
                                 Person who, List<Person> residents, Tally tally, Instant now) throws SQLException {
        Address chat = new Address(who.channel(), who.platformUserId());
        String key = "h:" + index;
        int k = rnd.nextInt(100);
        InboundMessage m;
        String text = null;
        if (k < 72) {
            text = gen.message();
            m = InboundMessage.text(key, chat, who, text, now).withPlatformIds("in" + index, null);
        } else if (k < 80) {
            // a photo or sticker: no text, or a hostile caption
            text = rnd.nextBoolean() ? null : gen.message();
            m = InboundMessage.text(key, chat, who, text, now).withAttachment();
        } else if (k < 90) {
            List<Choice> mine = buttonsByChat.getOrDefault(chat, List.of());
            String data = mine.isEmpty() ? gen.forgedData() : mine.get(rnd.nextInt(mine.size())).data();
            m = InboundMessage.choice(key, chat, who, data, now);
        } else if (k < 95) {
            Person other = residents.get(rnd.nextInt(residents.size()));
            List<Choice> theirs = buttonsByChat.getOrDefault(new Address(other.channel(), other.platformUserId()), List.of());
            String data = theirs.isEmpty() ? gen.forgedData() : theirs.get(rnd.nextInt(theirs.size())).data();
            m = InboundMessage.choice(key, chat, who, data, now);
        } else {
            m = InboundMessage.choice(key, chat, who, gen.forgedData(), now);
        }
        InboundMessage message = m;
        guarded(describe(message), () -> desk.handle(message));
        List<OutboundMessage> replies = deliver(store, now).stream().filter(o -> o.to().equals(chat)).toList();
        if (replies.isEmpty()) {
            problem("resident " + chat + " got no reply to " + describe(message));
        }
        if (text == null || message.hasAttachment()) {
            tally.other++;
            return;
        }
        TextSanitizer.Clean clean = TextSanitizer.clean(text);
        Optional<Intent> intent = knowledge.intents().detect(clean.text());
        boolean isQuestion = !clean.text().isEmpty() && !clean.text().startsWith("/") && !clean.hasNoWords()
                && !(intent.isPresent() && intent.get() != Intent.ASK_HUMAN);
        if (!isQuestion) {
            tally.other++;
            return;
        }
        long userId = userId(sql, who);
        boolean ticketed = store.inTransaction(tx -> tx.activeTicketOf(userId)).isPresent();
        if (!ticketed && knowledge.matcher().match(clean.text()).wordless()) {
            // no meaningful word («ну и что»): the person hears how to ask, as after a bare number
            tally.other++;
            return;
        }
        tally.questions++;
        boolean answered = replies.stream().anyMatch(o -> hasChoice(o, "h:"));
        boolean suggested = replies.stream().anyMatch(o -> hasChoice(o, "a:") || hasChoice(o, "x:"));
        if (answered) {
            tally.answered++;
        } else if (suggested) {
            tally.suggested++;
        } else if (ticketed) {
            tally.ticketed++;
        } else {
            problem("question neither answered, suggested nor on a ticket: " + describe(message));
        }
        if (!transcriptHas(sql, userId, clean.text())) {
            problem("question missing from the transcript: " + describe(message));
        }
    }

    private void consultantsChatMessage(HostileText gen, Random rnd, Desk desk, SqlStore store, Instant now) {
        String id = rnd.nextInt(100) < 65 ? CONSULTANT_IDS.get(rnd.nextInt(CONSULTANT_IDS.size())) : STRANGER_ID;
        Person who = new Person(Channel.TELEGRAM, id, gen.name());
        String key = "h:" + index;
        int k = rnd.nextInt(100);
        InboundMessage m;
        if (k < 40) {
            m = InboundMessage.text(key, CONSULTANTS, who, gen.consultantText(cardIds.size()), now).withPlatformIds("in" + index, null);
        } else if (k < 65) {
            String card = cardIds.isEmpty() ? "p" + rnd.nextInt(1000) : cardIds.get(rnd.nextInt(cardIds.size()));
            m = InboundMessage.text(key, CONSULTANTS, who, gen.message(), now).withPlatformIds("in" + index, card);
        } else if (k < 85 && !cardButtons.isEmpty()) {
            m = InboundMessage.choice(key, CONSULTANTS, who, cardButtons.get(rnd.nextInt(cardButtons.size())).data(), now);
        } else {
            m = InboundMessage.choice(key, CONSULTANTS, who, gen.forgedData(), now);
        }
        guarded(describe(m), () -> desk.handle(m));
        List<OutboundMessage> out = deliver(store, now);
        boolean replyToCard = m.text() != null && m.replyToMessageId() != null && cardIds.contains(m.replyToMessageId())
                && CONSULTANT_IDS.contains(id);
        String answer = TextSanitizer.clean(m.text()).text();
        if (replyToCard && !answer.isEmpty() && !answer.startsWith("/")) {
            // a consultant's words reach the resident literally, whatever they contain
            for (OutboundMessage o : out) {
                if (!o.to().equals(CONSULTANTS) && o.markdown().startsWith("**Ответ консультанта**")) {
                    expectShown(o, answer, true, "consultant's answer");
                }
            }
        }
    }

    /** The text shows literally (whitespace aside) in the Telegram rendering and, if asked, the VK one. */
    private void expectShown(OutboundMessage o, String expected, boolean alsoVk, String what) {
        String want = normalise(expected);
        StringBuilder telegram = new StringBuilder();
        try {
            for (String part : telegramSplitter.split(html.render(o.markdown()))) {
                telegram.append(ru.tos.dutydesk.channel.telegram.emulator.TelegramHtmlChecker.visibleText(part)).append(' ');
            }
        } catch (ru.tos.dutydesk.channel.telegram.emulator.TelegramHtmlChecker.ParseError e) {
            return; // reported by check()
        }
        if (!normalise(telegram.toString()).contains(want)) {
            problem(what + " not shown literally on Telegram: wanted " + escape(expected) + " in " + escape(telegram.toString()));
        }
        if (alsoVk) {
            String vk = String.join(" ", vkSplitter.split(plain.render(o.markdown())));
            if (!normalise(vk).contains(want)) {
                problem(what + " not shown literally on VK: wanted " + escape(expected) + " in " + escape(vk));
            }
        }
    }

    private static String normalise(String s) {
        // without any whitespace: where a long text is split into parts, the space at the cut is dropped
        StringBuilder sb = new StringBuilder(s.length());
        s.chars().filter(c -> !Character.isWhitespace(c) && !Character.isSpaceChar(c)).forEach(c -> sb.append((char) c));
        return sb.toString();
    }

    /** Delivers every due row as a channel would, checking each rendered part for both platforms. */
    private List<OutboundMessage> deliver(SqlStore store, Instant now) {
        List<OutboundMessage> out = new ArrayList<>();
        for (Channel channel : Channel.values()) {
            for (OutboxItem item : store.outbox().due(channel, now.plus(Duration.ofDays(1)), 10_000)) {
                store.outbox().markSent(item.id(), List.of("p" + item.id()), now);
                OutboundMessage m = item.message();
                out.add(m);
                check(m);
                if (m.cardOfTicket() != null) {
                    cardIds.add("p" + item.id());
                    cardButtons.addAll(m.choices());
                    long number = m.cardOfTicket();
                    String question = store.inTransaction(tx -> tx.ticket(number)).map(Ticket::question).orElse(null);
                    if (question != null) {
                        expectShown(m, question, false, "question on card #" + number);
                    }
                } else if (!m.choices().isEmpty()) {
                    buttonsByChat.computeIfAbsent(m.to(), a -> new ArrayList<>()).addAll(m.choices());
                }
            }
        }
        return out;
    }

    private void check(OutboundMessage m) {
        List<String> telegram;
        List<String> vk;
        try {
            telegram = telegramSplitter.split(html.render(m.markdown()));
            vk = vkSplitter.split(plain.render(m.markdown()));
        } catch (RuntimeException e) {
            problem("rendering threw " + e + " for " + escape(m.markdown()));
            return;
        }
        if (telegram.isEmpty() || vk.isEmpty()) {
            problem("nothing to send (Telegram " + telegram.size() + " parts, VK " + vk.size() + ") for " + escape(m.markdown()));
        }
        for (String part : telegram) {
            parts++;
            longestTelegram = Math.max(longestTelegram, part.length());
            for (String p : PlatformChecks.telegramPart(part)) {
                problem("Telegram part: " + p + " in " + escape(part));
            }
        }
        for (String part : vk) {
            parts++;
            longestVk = Math.max(longestVk, part.length());
            for (String p : PlatformChecks.vkPart(part)) {
                problem("VK part: " + p + " in " + escape(part));
            }
        }
        for (Choice c : m.choices()) {
            for (String p : PlatformChecks.label(c.label())) {
                problem("button: " + p + " in " + escape(c.label()));
            }
        }
    }

    private void guarded(String what, Runnable action) {
        try {
            action.run();
        } catch (RuntimeException | AssertionError e) {
            problem("threw " + e + " on " + what);
        }
    }

    private void problem(String p) {
        problems.add("#" + index + " (seed " + seed + "): " + p);
    }

    private static boolean hasChoice(OutboundMessage m, String prefix) {
        return m.choices().stream().anyMatch(c -> c.data().startsWith(prefix));
    }

    private static String describe(InboundMessage m) {
        return (m.choice() != null ? "tap " + escape(m.choice()) : "text " + escape(m.text()))
                + (m.hasAttachment() ? " +attachment" : "") + " from " + m.from().channel().key() + ":" + m.from().platformUserId();
    }

    /** Shows awkward characters as \\uXXXX and long texts shortened, so a failure message stays readable. */
    private static String escape(String s) {
        if (s == null) {
            return "null";
        }
        StringBuilder sb = new StringBuilder("\"");
        for (int i = 0; i < Math.min(s.length(), 300); i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c == 0x7f || Character.isSurrogate(c) || Character.getType(c) == Character.FORMAT) {
                sb.append(String.format("\\u%04x", (int) c));
            } else {
                sb.append(c);
            }
        }
        return sb.append(s.length() > 300 ? "…\" (" + s.length() + " chars)" : "\"").toString();
    }

    private static long userId(Connection sql, Person p) throws SQLException {
        try (PreparedStatement ps = sql.prepareStatement("SELECT id FROM users WHERE channel = ? AND platform_user_id = ?")) {
            ps.setString(1, p.channel().key());
            ps.setString(2, p.platformUserId());
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getLong(1) : -1;
            }
        }
    }

    private static boolean transcriptHas(Connection sql, long userId, String text) throws SQLException {
        try (PreparedStatement ps = sql.prepareStatement(
                "SELECT count(*) FROM transcript WHERE user_id = ? AND direction = 'IN' AND text = ?")) {
            ps.setLong(1, userId);
            ps.setString(2, text);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() && rs.getLong(1) > 0;
            }
        }
    }

    private static long countOf(Connection sql, String query) throws SQLException {
        try (Statement st = sql.createStatement(); ResultSet rs = st.executeQuery(query)) {
            return rs.next() ? rs.getLong(1) : -1;
        }
    }

    private static String schema(Connection sql) throws SQLException {
        StringBuilder sb = new StringBuilder();
        try (Statement st = sql.createStatement();
             ResultSet rs = st.executeQuery("SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY type, name")) {
            while (rs.next()) {
                sb.append(rs.getString(1)).append(' ').append(rs.getString(2)).append(' ').append(rs.getString(3))
                        .append(": ").append(rs.getString(4)).append('\n');
            }
        }
        sb.append("user_version ").append(countOf(sql, "PRAGMA user_version")).append('\n');
        sb.append("tables ").append(Set.of("users", "consultations", "tickets", "transcript", "outbox").stream()
                .sorted().map(t -> t + "=" + tableExists(sql, t)).toList());
        return sb.toString();
    }

    private static boolean tableExists(Connection sql, String table) {
        try (PreparedStatement ps = sql.prepareStatement("SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = ?")) {
            ps.setString(1, table);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() && rs.getLong(1) == 1;
            }
        } catch (SQLException e) {
            return false;
        }
    }
}
