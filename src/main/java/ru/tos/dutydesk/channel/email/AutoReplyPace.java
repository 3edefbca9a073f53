package ru.tos.dutydesk.channel.email;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * At most one automatic letter to one address per period. A later one waits (it is not dropped): a person gets
 * everything, a little later; a robot that ignores our Auto-Submitted header gets at most one letter a period, so
 * no loop can flood either mailbox. Kept in memory: after a restart the period starts afresh.
 */
final class AutoReplyPace {
    private static final int REMEMBERED = 10_000;

    private final Duration period;
    private final Clock clock;
    private final Map<String, Instant> lastSent = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Instant> eldest) {
            return size() > REMEMBERED;
        }
    };

    AutoReplyPace(Duration period, Clock clock) {
        this.period = period;
        this.clock = clock;
    }

    /** How long a letter to this address must still wait, or empty when it may go now. */
    synchronized Optional<Duration> waitFor(String address) {
        Instant last = lastSent.get(address);
        if (last == null) {
            return Optional.empty();
        }
        Duration left = Duration.between(clock.instant(), last.plus(period));
        return left.isNegative() || left.isZero() ? Optional.empty() : Optional.of(left);
    }

    synchronized void sent(String address) {
        lastSent.put(address, clock.instant());
    }
}
