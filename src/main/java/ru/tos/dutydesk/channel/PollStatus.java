package ru.tos.dutydesk.channel;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.LongAdder;

/** How a channel's polling goes: when it last got an answer from its platform, and how many polls failed. */
public final class PollStatus {
    private final Clock clock;
    private final Instant started;
    private final LongAdder failures = new LongAdder();
    private volatile Instant lastSuccess;

    public PollStatus(Clock clock) {
        this.clock = clock;
        this.started = clock.instant();
    }

    /** The platform answered a poll (with updates or none). */
    public void succeeded() {
        lastSuccess = clock.instant();
    }

    /** A poll failed: no answer, or an error instead of updates. */
    public void failed() {
        failures.increment();
    }

    public Optional<Instant> lastSuccess() {
        return Optional.ofNullable(lastSuccess);
    }

    /** Since when the channel has had no successful poll: the last one, or its start while there was none. */
    public Instant quietSince() {
        Instant last = lastSuccess;
        return last != null ? last : started;
    }

    public long failures() {
        return failures.sum();
    }
}
