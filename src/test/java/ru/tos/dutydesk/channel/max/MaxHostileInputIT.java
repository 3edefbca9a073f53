package ru.tos.dutydesk.channel.max;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import ru.tos.dutydesk.channel.Backoff;
import ru.tos.dutydesk.config.AppConfig;
import ru.tos.dutydesk.config.ConfigLoader;
import ru.tos.dutydesk.desk.Desk;
import ru.tos.dutydesk.desk.DeskSettings;
import ru.tos.dutydesk.desk.Knowledge;
import ru.tos.dutydesk.knowledge.Entry;
import ru.tos.dutydesk.knowledge.KnowledgeBase;
import ru.tos.dutydesk.knowledge.KnowledgeLoader;
import ru.tos.dutydesk.matching.IntentDetector;
import ru.tos.dutydesk.matching.LuceneMatcher;
import ru.tos.dutydesk.matching.RussianAnalysis;
import ru.tos.dutydesk.store.SqlStore;
import ru.tos.dutydesk.testing.HostileText;
import ru.tos.dutydesk.testing.SampledMatcher;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Hostile messages (the generator of {@code HostileInputTest}) from MAX residents through the real desk, store and
 * MAX channel: the emulator, which refuses HTML with unknown or unbalanced tags, texts over 4000 characters, bad
 * keyboards and a third message a second to one chat, accepts every reply; none is given up or left waiting, none
 * falls back to plain text, and everyone who wrote hears back. Replay with {@code -Dhostile.seed=N}.
 */
class MaxHostileInputIT {
    private static final int PEOPLE = 10;
    private static final int MESSAGES = Integer.getInteger("hostile.max.sample", 120);
    private static final Duration QUIET_WAIT = Duration.ofSeconds(120);

    @TempDir
    Path dir;
    private MaxApiEmulator max;
    private SqlStore store;
    private MaxChannel channel;

    @AfterEach
    void stop() {
        if (channel != null) {
            channel.close();
        }
        if (store != null) {
            store.close();
        }
        if (max != null) {
            max.close();
        }
    }

    @Test
    void everyReplyToHostileInputIsAcceptedByMax() throws Exception {
        long seed = Long.getLong("hostile.seed", new Random().nextLong());
        String replay = "replay with -Dhostile.seed=" + seed;
        max = new MaxApiEmulator();
        AppConfig config = new ConfigLoader(Map.of()).load(Path.of("config", "duty-desk.yml"));
        KnowledgeBase base = new KnowledgeLoader().load(Path.of("faq"), config.placeholders());
        Knowledge knowledge = new Knowledge(base, new SampledMatcher(base,
                new LuceneMatcher(base, RussianAnalysis.standard(), config.thresholds())), new IntentDetector());
        DeskSettings d = config.desk();
        DeskSettings settings = new DeskSettings(d.hours(), d.answerWithin(), d.reannounceAfter(), d.autoCloseAfter(),
                Optional.empty(), Set.of(), d.coordinators(), d.districts(), d.texts());
        store = SqlStore.open(dir.resolve("desk.db"));
        Clock clock = Clock.systemUTC();
        Desk desk = new Desk(store, knowledge, settings, clock);
        Backoff fast = new Backoff(Duration.ofMillis(20), Duration.ofMillis(300));
        channel = new MaxChannel(new MaxSettings(MaxApiEmulator.TOKEN, max.apiUrl(), Optional.empty(), 2), store,
                store.outbox(), (item, reason) -> desk.deliveryGivenUp(item.message().to(), reason),
                new MaxChannelOptions(5, fast, fast, 10, Duration.ofMillis(100), 30, Duration.ofSeconds(5)), clock);
        desk.onOutbox(channel.outboxSignal());
        channel.start(desk);

        List<String> questions = new ArrayList<>();
        for (Entry e : base.entries()) {
            questions.addAll(e.questions());
        }
        HostileText gen = new HostileText(seed, questions);
        Random rnd = gen.random();
        for (int p = 0; p < PEOPLE; p++) {
            max.setUserName(1000 + p, gen.name(), rnd.nextBoolean() ? gen.name() : "");
        }
        Set<Long> wrote = new LinkedHashSet<>();
        for (int i = 0; i < MESSAGES; i++) {
            long who = 1000 + rnd.nextInt(PEOPLE);
            List<MaxApiEmulator.Sent> withButtons = max.sentTo(who).stream().filter(m -> !m.buttons().isEmpty()).toList();
            if (!withButtons.isEmpty() && rnd.nextInt(4) == 0) {
                MaxApiEmulator.Sent on = withButtons.get(rnd.nextInt(withButtons.size()));
                max.pressButton(who, on, rnd.nextInt(on.buttons().size()));
            } else if (rnd.nextInt(15) == 0) {
                max.pushBotStarted(who);
            } else {
                max.pushMessage(who, gen.message());
            }
            wrote.add(who);
            if (i % 30 == 29) {
                awaitQuiet(replay);
            }
        }
        awaitQuiet(replay);

        assertThat(max.refusedCalls()).as("calls the MAX emulator refused; " + replay).isEmpty();
        try (Connection sql = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("desk.db").toAbsolutePath());
             Statement st = sql.createStatement();
             ResultSet rs = st.executeQuery("SELECT id, chat_id, last_error FROM outbox"
                     + " WHERE (failed_at IS NOT NULL OR sent_at IS NULL) AND last_error IS NOT 'erased by /forget'")) {
            List<String> stuck = new ArrayList<>();
            while (rs.next()) {
                stuck.add("#" + rs.getLong(1) + " " + rs.getString(2) + " (" + rs.getString(3) + ")");
            }
            assertThat(stuck).as("replies given up or still waiting; " + replay).isEmpty();
        }
        int sent = 0;
        for (long who : wrote) {
            List<MaxApiEmulator.Sent> replies = max.sentTo(who);
            assertThat(replies).as("replies to MAX resident " + who + "; " + replay).isNotEmpty();
            assertThat(replies).as("every reply sent as HTML, none fell back to plain text; " + replay)
                    .allSatisfy(m -> assertThat(m.format()).isEqualTo("html"));
            sent += replies.size();
        }
        System.out.printf("hostile input through MAX: seed %d, %d updates, %d replies accepted%n", seed, MESSAGES, sent);
    }

    /** Waits until every update is taken (the marker stored past it) and every reply delivered, for a moment. */
    private void awaitQuiet(String replay) throws InterruptedException {
        long deadline = System.nanoTime() + QUIET_WAIT.toNanos();
        int quiet = 0;
        while (quiet < 3) {
            String name = channel.cursorName();
            boolean consumed = name != null && store.load(name).map(m -> m.equals(String.valueOf(max.nextMarker()))).orElse(false);
            boolean idle = consumed && store.outbox().pendingCount() == 0;
            quiet = idle ? quiet + 1 : 0;
            assertThat(System.nanoTime()).as("the desk caught up within " + QUIET_WAIT + "; " + replay).isLessThan(deadline);
            Thread.sleep(150);
        }
    }
}
