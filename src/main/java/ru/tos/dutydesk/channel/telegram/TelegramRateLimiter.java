package ru.tos.dutydesk.channel.telegram;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;

/**
 * Keeps sends within Telegram's limits (Bots FAQ): about 1 message a second in one private chat with short bursts
 * allowed, 20 a minute in a group, 30 a second overall. Each limit is a sliding window; {@link #acquire} waits
 * (through the injected {@link Sleeper}) until every window that applies has room, then takes a slot.
 */
public final class TelegramRateLimiter {
    /** Waits; injected so tests advance a fake clock instead of sleeping. */
    @FunctionalInterface
    public interface Sleeper {
        void sleep(Duration d) throws InterruptedException;
    }

    private static final int PRUNE_ABOVE = 1000;

    private final Clock clock;
    private final Sleeper sleeper;
    private final Limit privateChat;
    private final Limit group;
    private final Window overall;
    private final Map<String, Window> chats = new HashMap<>();

    /** How many sends fit in how long. */
    public record Limit(int count, Duration per) {
        public Limit {
            if (count < 1 || per.isNegative() || per.isZero()) {
                throw new IllegalArgumentException("bad limit " + count + "/" + per);
            }
        }
    }

    private static final Limit PRIVATE_CHAT = new Limit(3, Duration.ofSeconds(3));
    private static final Limit GROUP = new Limit(20, Duration.ofMinutes(1));

    public TelegramRateLimiter(Clock clock, Sleeper sleeper) {
        this(clock, sleeper, PRIVATE_CHAT, GROUP, new Limit(TelegramSettings.TELEGRAM_MESSAGES_PER_SECOND, Duration.ofSeconds(1)));
    }

    public TelegramRateLimiter(Clock clock, Sleeper sleeper, Limit privateChat, Limit group, Limit overall) {
        this.clock = clock;
        this.sleeper = sleeper;
        this.privateChat = privateChat;
        this.group = group;
        this.overall = new Window(overall);
    }

    /** A real-time limiter with Telegram's limits. */
    public static TelegramRateLimiter realTime() {
        return realTime(TelegramSettings.TELEGRAM_MESSAGES_PER_SECOND);
    }

    /** A real-time limiter allowing {@code overallPerSecond} messages a second in all (chat limits as Telegram's). */
    public static TelegramRateLimiter realTime(int overallPerSecond) {
        return new TelegramRateLimiter(Clock.systemUTC(), d -> Thread.sleep(Math.max(1, d.toMillis())),
                PRIVATE_CHAT, GROUP, new Limit(overallPerSecond, Duration.ofSeconds(1)));
    }

    /** Waits until a message may go to {@code chatId} now, and counts it. Group chat ids are negative in Telegram. */
    public void acquire(String chatId) throws InterruptedException {
        while (true) {
            Duration wait = tryAcquire(chatId, clock.instant());
            if (wait.isZero()) {
                return;
            }
            sleeper.sleep(wait);
        }
    }

    /** How long {@code chatId} must wait for its own window (other chats' windows and the overall one aside). */
    public synchronized Duration chatWait(String chatId) {
        Window chat = chats.get(chatId);
        return chat == null ? Duration.ZERO : chat.waitAt(clock.instant());
    }

    /** Takes a slot and returns zero, or returns how long to wait before asking again. */
    synchronized Duration tryAcquire(String chatId, Instant now) {
        Window chat = chats.computeIfAbsent(chatId, id -> new Window(id.startsWith("-") ? group : privateChat));
        Duration wait = max(chat.waitAt(now), overall.waitAt(now));
        if (wait.isZero()) {
            chat.record(now);
            overall.record(now);
            if (chats.size() > PRUNE_ABOVE) {
                chats.values().removeIf(w -> w.idleAt(now));
            }
        }
        return wait;
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    /** The send times within the last {@code per}. */
    private static final class Window {
        private final Limit limit;
        private final Deque<Instant> times = new ArrayDeque<>();

        Window(Limit limit) {
            this.limit = limit;
        }

        Duration waitAt(Instant now) {
            expire(now);
            if (times.size() < limit.count()) {
                return Duration.ZERO;
            }
            Duration wait = Duration.between(now, times.peekFirst().plus(limit.per()));
            return wait.isNegative() || wait.isZero() ? Duration.ofMillis(1) : wait;
        }

        void record(Instant now) {
            times.addLast(now);
        }

        boolean idleAt(Instant now) {
            expire(now);
            return times.isEmpty();
        }

        private void expire(Instant now) {
            Instant horizon = now.minus(limit.per());
            while (!times.isEmpty() && !times.peekFirst().isAfter(horizon)) {
                times.removeFirst();
            }
        }
    }
}
