package ru.tos.dutydesk.desk;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Objects;

/**
 * A per-person limit on how fast the desk reads messages, so that one person cannot take the desk (and the
 * consultants' chat) for themselves. Over the limit the person is told once that the desk will read on after a
 * pause; what they send until the exceeded window has passed is not read. Only messages that were read count
 * towards the limit, so a person who stops is read again as soon as the window allows. Kept in memory: after a
 * restart everyone starts afresh, which errs on the side of reading.
 */
public final class FloodGuard {
    private static final Logger log = LoggerFactory.getLogger(FloodGuard.class);
    static final Duration MINUTE = Duration.ofMinutes(1);
    static final Duration HOUR = Duration.ofHours(1);
    /** Idle people are forgotten once the map is this large, so a crowd of one-message senders costs no memory. */
    private static final int PRUNE_ABOVE = 10_000;

    /** How many messages a person may send: at most {@code perMinute} in any minute, {@code perHour} in any hour. */
    public record Limits(int perMinute, int perHour) {
        public static final Limits DEFAULT = new Limits(20, 100);

        public Limits {
            if (perMinute < 1 || perHour < 1) {
                throw new IllegalArgumentException("flood limits must be 1 or more");
            }
        }
    }

    /** What to do with one message. */
    public enum Verdict {
        /** read it as usual */
        READ,
        /** not read; tell the person once that the desk reads on after a pause */
        WARN,
        /** not read and not answered */
        IGNORE
    }

    private final Limits limits;
    private final Clock clock;
    private final Map<String, Sender> senders = new HashMap<>();

    public FloodGuard(Limits limits, Clock clock) {
        this.limits = Objects.requireNonNull(limits);
        this.clock = Objects.requireNonNull(clock);
    }

    public Limits limits() {
        return limits;
    }

    /** Takes one message from {@code who} into account and says whether to read it. */
    public synchronized Verdict check(Person who) {
        Instant now = clock.instant();
        if (senders.size() > PRUNE_ABOVE) {
            prune(now);
        }
        String key = who.channel().key() + ":" + who.platformUserId();
        Sender s = senders.computeIfAbsent(key, k -> new Sender());
        s.forgetBefore(now.minus(HOUR));
        if (s.pausedUntil != null && now.isBefore(s.pausedUntil)) {
            s.ignored++;
            return Verdict.IGNORE;
        }
        if (s.pausedUntil != null) {
            log.info("flood: {} is read again after a pause; {} messages were not read", key, s.ignored);
            s.pausedUntil = null;
            s.ignored = 0;
        }
        Instant resume = s.resumeAt(now, limits);
        if (resume != null) {
            s.pausedUntil = resume;
            s.ignored = 1;
            log.warn("flood: {} wrote more than {} messages a minute or {} an hour; not reading until {}",
                    key, limits.perMinute(), limits.perHour(), resume);
            return Verdict.WARN;
        }
        s.read.addLast(now);
        return Verdict.READ;
    }

    /** When the person who is warned now is read again (for the notice). */
    public synchronized Duration pauseLeft(Person who) {
        Sender s = senders.get(who.channel().key() + ":" + who.platformUserId());
        if (s == null || s.pausedUntil == null) {
            return Duration.ZERO;
        }
        Duration left = Duration.between(clock.instant(), s.pausedUntil);
        return left.isNegative() ? Duration.ZERO : left;
    }

    private void prune(Instant now) {
        for (Iterator<Sender> it = senders.values().iterator(); it.hasNext(); ) {
            Sender s = it.next();
            s.forgetBefore(now.minus(HOUR));
            if (s.read.isEmpty() && (s.pausedUntil == null || !now.isBefore(s.pausedUntil))) {
                it.remove();
            }
        }
    }

    /** One person's messages read in the last hour, oldest first, and their pause if any. */
    private static final class Sender {
        final Deque<Instant> read = new ArrayDeque<>();
        Instant pausedUntil;
        long ignored;

        void forgetBefore(Instant limit) {
            while (!read.isEmpty() && !read.peekFirst().isAfter(limit)) {
                read.removeFirst();
            }
        }

        /** Null when one more message fits; otherwise when the window that is full lets one in again. */
        Instant resumeAt(Instant now, Limits limits) {
            Instant resume = null;
            if (read.size() >= limits.perHour()) {
                resume = nth(read.size() - limits.perHour()).plus(HOUR);
            }
            Instant minuteAgo = now.minus(MINUTE);
            long inMinute = read.stream().filter(t -> t.isAfter(minuteAgo)).count();
            if (inMinute >= limits.perMinute()) {
                Instant byMinute = nth((int) (read.size() - limits.perMinute())).plus(MINUTE);
                resume = resume == null || byMinute.isAfter(resume) ? byMinute : resume;
            }
            return resume;
        }

        private Instant nth(int index) {
            Iterator<Instant> it = read.iterator();
            for (int i = 0; i < index; i++) {
                it.next();
            }
            return it.next();
        }
    }
}
