package ru.tos.dutydesk.channel;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import ru.tos.dutydesk.channel.telegram.TelegramRateLimiter;
import ru.tos.dutydesk.desk.Address;
import ru.tos.dutydesk.desk.Channel;
import ru.tos.dutydesk.desk.Desk;
import ru.tos.dutydesk.desk.DeskSettings;
import ru.tos.dutydesk.desk.DeskTexts;
import ru.tos.dutydesk.desk.FloodGuard;
import ru.tos.dutydesk.desk.InboundMessage;
import ru.tos.dutydesk.desk.Knowledge;
import ru.tos.dutydesk.desk.OutboundMessage;
import ru.tos.dutydesk.desk.Person;
import ru.tos.dutydesk.desk.WorkingHours;
import ru.tos.dutydesk.knowledge.KnowledgeBase;
import ru.tos.dutydesk.knowledge.Synonyms;
import ru.tos.dutydesk.matching.IntentDetector;
import ru.tos.dutydesk.matching.MatchResult;
import ru.tos.dutydesk.store.SqlStore;
import ru.tos.dutydesk.testing.MutableClock;

import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The consultants' chat under a flood, at the sender level with a fake clock: the real desk and store, the real
 * {@link OutboxSender}, and a transport that keeps Telegram's limits with the real {@link TelegramRateLimiter}
 * (20 posts a minute in a group, about one a second in a private chat).
 */
class ConsultantsChatPacingTest {
    private static final Address CONSULTANTS = new Address(Channel.TELEGRAM, "-100500");
    private static final Person OLGA = new Person(Channel.TELEGRAM, "77", "Ольга");
    private static final Person ANNA = new Person(Channel.TELEGRAM, "1001", "Анна");
    private static final Instant T0 = Instant.parse("2026-11-25T09:00:00Z");

    /** One message a platform took: when, where, what, and under which message. */
    private record Post(Instant at, Address to, String text, String replyTo, String id) {
    }

    @TempDir
    Path dir;
    private final MutableClock clock = new MutableClock(T0);
    private final List<Post> posts = new ArrayList<>();
    private final AtomicLong updates = new AtomicLong();
    private SqlStore store;
    private Desk desk;
    private OutboxSender sender;
    /** Runs inside a send, after the platform took the message: what happens meanwhile elsewhere. */
    private Runnable duringSend = () -> { };

    @BeforeEach
    void start() {
        store = SqlStore.open(dir.resolve("desk.db"));
        DeskSettings settings = new DeskSettings(
                new WorkingHours(EnumSet.allOf(DayOfWeek.class), LocalTime.MIN, LocalTime.MAX, ZoneId.of("Europe/Moscow")),
                Duration.ofHours(4), Duration.ofHours(2), Duration.ofDays(3), Optional.of(CONSULTANTS),
                Set.of(OLGA.platformUserId()), Set.of(), List.of("Первый район"), DeskTexts.defaultTexts())
                .withFlood(new FloodGuard.Limits(1000, 1000)); // so that every follow-up is read
        Knowledge knowledge = new Knowledge(new KnowledgeBase(List.of(), Synonyms.none()), q -> MatchResult.escalate(),
                new IntentDetector());
        desk = new Desk(store, knowledge, settings, clock);
        TelegramRateLimiter limiter = new TelegramRateLimiter(clock, clock::advance);
        MessageTransport transport = new MessageTransport() {
            @Override
            public Channel channel() {
                return Channel.TELEGRAM;
            }

            @Override
            public List<String> send(OutboundMessage m, long outboxId) throws SendException {
                // as TelegramTransport does: a chat at its limit waits its turn, the others go on
                Duration wait = limiter.chatWait(m.to().chatId());
                if (!wait.isZero()) {
                    throw SendException.Retryable.notYet("chat at its limit", wait);
                }
                try {
                    limiter.acquire(m.to().chatId());
                } catch (InterruptedException e) {
                    throw new AssertionError(e);
                }
                String id = "p" + outboxId;
                posts.add(new Post(clock.instant(), m.to(), m.markdown(), m.replyToMessageId(), id));
                Runnable meanwhile = duringSend;
                duringSend = () -> { };
                meanwhile.run();
                return List.of(id);
            }
        };
        sender = new OutboxSender(store.outbox(), transport, (item, reason) -> { }, Backoff.standard(), 5,
                Duration.ofSeconds(1), clock);
    }

    @AfterEach
    void stop() {
        store.close();
    }

    private void says(Person who, String text) {
        desk.handle(InboundMessage.text("u" + updates.incrementAndGet(), new Address(who.channel(), who.platformUserId()),
                who, text, clock.instant()));
    }

    private void repliesInConsultantsChat(Person who, String text, String replyTo) {
        desk.handle(InboundMessage.text("u" + updates.incrementAndGet(), CONSULTANTS, who, text, clock.instant())
                .withPlatformIds("m" + updates.get(), replyTo));
    }

    /** Passes of the sender a second apart until nothing is left or the time is up. */
    private void drain(Duration atMost) {
        Instant end = clock.instant().plus(atMost);
        sender.deliverDue();
        while (store.outbox().pendingCount() > 0 && clock.instant().isBefore(end)) {
            clock.advance(Duration.ofSeconds(1));
            sender.deliverDue();
        }
    }

    private List<Post> to(Address chat) {
        return posts.stream().filter(p -> p.to().equals(chat)).toList();
    }

    @Test
    void threeHundredFollowUpsToOneTicketBecomeAFewPostsAndAReplyToOneReachesTheResident() {
        says(ANNA, "Вопрос про забор вокруг двора");
        sender.deliverDue();
        Post card = to(CONSULTANTS).get(0);
        assertThat(card.text()).contains("Обращение №1");

        for (int i = 1; i <= 300; i++) { // one every 200 ms, the sender woken by each as the desk does
            says(ANNA, "Подробность номер " + i + ".");
            sender.deliverDue();
            clock.advance(Duration.ofMillis(200));
        }
        drain(Duration.ofMinutes(10));

        List<Post> followUps = to(CONSULTANTS).stream().filter(p -> p.text().contains("Подробность номер")).toList();
        System.out.printf("300 follow-ups: %d posts, the last at +%d s%n", followUps.size(),
                Duration.between(T0, followUps.get(followUps.size() - 1).at()).toSeconds());
        assertThat(followUps).as("a few posts, not 300").hasSizeBetween(2, 6);
        String all = String.join("\n", followUps.stream().map(Post::text).toList());
        for (int i = 1; i <= 300; i++) {
            assertThat(all).as("follow-up " + i).contains("Подробность номер " + i + "\\.");
        }
        Post last = followUps.get(followUps.size() - 1);
        assertThat(last.text()).containsPattern("^Дополнения \\(\\d+\\) к обращению №1 от Анна");
        assertThat(followUps).allSatisfy(p -> assertThat(p.text().length()).isLessThan(4096))
                .allSatisfy(p -> assertThat(p.replyTo()).as("under the card").isEqualTo(card.id()));
        assertThat(last.at()).as("sent within two gaps of the last follow-up").isBefore(T0.plus(Duration.ofMinutes(3)));
        assertThat(to(new Address(Channel.TELEGRAM, ANNA.platformUserId())).stream()
                .filter(p -> p.text().contains("Добавила это к обращению")).count())
                .as("one notice while the previous one waits unsent, not 300").isLessThan(100);

        repliesInConsultantsChat(OLGA, "Забор ставят по решению собрания.", last.id());
        drain(Duration.ofMinutes(1));
        assertThat(to(new Address(Channel.TELEGRAM, ANNA.platformUserId())))
                .anySatisfy(p -> assertThat(p.text()).contains("Забор ставят по решению собрания"));
    }

    @Test
    void aFollowUpArrivingWhileThePostIsOnItsWayIsNotLost() {
        says(ANNA, "Вопрос про забор вокруг двора");
        sender.deliverDue();
        says(ANNA, "Первая подробность.");
        // the desk reads the next one while the sender is sending the first: it must not join a text already sent
        duringSend = () -> says(ANNA, "Вторая подробность.");
        sender.deliverDue();
        drain(Duration.ofMinutes(3));

        String all = String.join("\n", to(CONSULTANTS).stream().map(Post::text).toList());
        assertThat(all).contains("Первая подробность").contains("Вторая подробность");
    }

    @Test
    void seventyEscalationsInABurstQueueBehindTheGroupsLimitWhileResidentsAreToldAtOnce() {
        for (int i = 1; i <= 70; i++) {
            says(new Person(Channel.TELEGRAM, String.valueOf(2000 + i), "Житель " + i), "Вопрос жителя " + i);
        }
        drain(Duration.ofMinutes(10));

        List<Post> cards = to(CONSULTANTS);
        assertThat(cards).hasSize(70);
        for (Post card : cards) { // never more than 20 in any minute
            Instant from = card.at();
            assertThat(cards.stream().filter(p -> !p.at().isBefore(from) && p.at().isBefore(from.plusSeconds(60))).count())
                    .isLessThanOrEqualTo(20);
        }
        Duration drained = Duration.between(T0, cards.get(cards.size() - 1).at());
        assertThat(drained).as("the group's limit sets the pace: 20 a minute").isLessThanOrEqualTo(Duration.ofMinutes(4));
        List<Post> toResidents = posts.stream().filter(p -> !p.to().equals(CONSULTANTS)).toList();
        assertThat(toResidents.stream().map(Post::to).distinct()).as("every resident is told").hasSize(70);
        Instant lastTold = toResidents.stream().map(Post::at).max(Instant::compareTo).orElseThrow();
        assertThat(Duration.between(T0, lastTold)).as("residents are not queued behind the cards")
                .isLessThan(Duration.ofSeconds(5));
        System.out.printf("70 escalations: cards drained in %d s, residents told within %d ms%n",
                drained.toSeconds(), Duration.between(T0, lastTold).toMillis());
    }
}
