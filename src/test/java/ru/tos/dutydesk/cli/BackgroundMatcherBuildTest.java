package ru.tos.dutydesk.cli;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import ru.tos.dutydesk.config.AppConfig;
import ru.tos.dutydesk.config.ConfigLoader;
import ru.tos.dutydesk.desk.Address;
import ru.tos.dutydesk.desk.Channel;
import ru.tos.dutydesk.desk.Desk;
import ru.tos.dutydesk.desk.InboundHandler;
import ru.tos.dutydesk.desk.InboundMessage;
import ru.tos.dutydesk.desk.Knowledge;
import ru.tos.dutydesk.desk.OutboundMessage;
import ru.tos.dutydesk.desk.OutboxItem;
import ru.tos.dutydesk.desk.Person;
import ru.tos.dutydesk.knowledge.KnowledgeBase;
import ru.tos.dutydesk.knowledge.KnowledgeLoader;
import ru.tos.dutydesk.matching.IntentDetector;
import ru.tos.dutydesk.matching.LuceneMatcher;
import ru.tos.dutydesk.matching.Matcher;
import ru.tos.dutydesk.matching.RussianAnalysis;
import ru.tos.dutydesk.store.SqlStore;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The service builds the matcher's index in the background while it opens the store and starts its channels. A
 * question that arrives meanwhile waits, and is then answered exactly as by a desk that started with its index
 * ready; a build that fails loses nothing (the message is refused, so the channel offers it again).
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES) // a hang guard, not a performance check
class BackgroundMatcherBuildTest {
    private static final Person RESIDENT = new Person(Channel.TELEGRAM, "4242", "Мария");
    private static final Address CHAT = new Address(Channel.TELEGRAM, "4242");
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-25T09:00:00Z"), ZoneOffset.UTC);

    private static AppConfig config;
    private static KnowledgeBase knowledge;

    @TempDir
    Path dir;

    @BeforeAll
    static void loadTheProjectsKnowledge() {
        config = new ConfigLoader(Map.of()).load(Path.of("config", "duty-desk.yml"));
        knowledge = new KnowledgeLoader().load(Path.of("faq"), config.placeholders());
    }

    private static Matcher realMatcher() {
        return new LuceneMatcher(knowledge, RussianAnalysis.standard(), config.thresholds());
    }

    /** A question as people ask it: the first question variant of an entry of the project's knowledge. */
    private static String aQuestion() {
        return knowledge.entries().get(0).questions().get(0);
    }

    private static InboundMessage asked(String text) {
        return InboundMessage.text("tg:1", CHAT, RESIDENT, text, CLOCK.instant());
    }

    private static Desk desk(SqlStore store, Matcher matcher) {
        return new Desk(store, new Knowledge(knowledge, matcher, new IntentDetector()),
                config.desk().withConsultantsChat(Optional.empty()), CLOCK);
    }

    private static List<String> repliesIn(SqlStore store) {
        return store.outbox().due(Channel.TELEGRAM, CLOCK.instant().plusSeconds(3600), 100).stream()
                .map(OutboxItem::message).map(OutboundMessage::markdown).toList();
    }

    @Test
    void aQuestionThatArrivesWhileTheIndexBuildsWaitsAndIsThenAnsweredAsByADeskWithItsIndexReady() throws Exception {
        List<String> expected;
        try (SqlStore ready = SqlStore.open(dir.resolve("ready.db"))) {
            desk(ready, realMatcher()).handleAll(List.of(asked(aQuestion())));
            expected = repliesIn(ready);
        }
        assertThat(expected).as("the desk with its index ready answers").isNotEmpty();

        CountDownLatch mayFinish = new CountDownLatch(1);
        BackgroundMatcherBuild build = BackgroundMatcherBuild.start(() -> {
            awaitQuietly(mayFinish);
            return realMatcher();
        });
        try (SqlStore store = SqlStore.open(dir.resolve("desk.db"))) {
            InboundHandler gate = build.gate(desk(store, build.matcher()));
            AtomicReference<Throwable> failed = new AtomicReference<>();
            Thread poller = new Thread(() -> {
                try {
                    gate.handleAll(List.of(asked(aQuestion())));
                } catch (Throwable t) {
                    failed.set(t);
                }
            }, "poller");
            poller.start();
            awaitWaiting(poller);

            assertThat(repliesIn(store)).as("nothing is handled before the index is ready").isEmpty();
            mayFinish.countDown();
            poller.join();

            assertThat(failed.get()).isNull();
            assertThat(repliesIn(store)).isEqualTo(expected);
            assertThat(build.await()).isNotNull();
        }
    }

    @Test
    void aBuildThatFailsRefusesTheWaitingMessageAndStopsTheStartWithAClearError() throws Exception {
        Supplier<Matcher> broken = () -> {
            throw new IllegalStateException("dictionary missing");
        };
        BackgroundMatcherBuild build = BackgroundMatcherBuild.start(broken);
        try (SqlStore store = SqlStore.open(dir.resolve("desk.db"))) {
            Desk desk = desk(store, build.matcher());
            InboundHandler gate = build.gate(desk);

            assertThatThrownBy(() -> gate.handleAll(List.of(asked(aQuestion()))))
                    .as("refused, so the channel does not confirm it").isInstanceOf(IllegalStateException.class);
            assertThat(repliesIn(store)).isEmpty();
            assertThatThrownBy(build::await).isInstanceOf(StartupException.class)
                    .hasMessageContaining("knowledge index").hasMessageContaining("dictionary missing");

            // the same update, offered again by a desk that did start, is handled: it was not recorded as seen
            desk.replaceKnowledge(new Knowledge(knowledge, realMatcher(), new IntentDetector()));
            desk.handleAll(List.of(asked(aQuestion())));
            assertThat(repliesIn(store)).isNotEmpty();
        }
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Until the thread is parked (waiting for the index) or has ended. */
    private static void awaitWaiting(Thread t) throws InterruptedException {
        while (t.isAlive() && t.getState() != Thread.State.WAITING) {
            Thread.sleep(1);
        }
        assertThat(t.isAlive()).as("the handler waits for the index").isTrue();
    }
}
