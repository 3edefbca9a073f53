package ru.tos.dutydesk.channel;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The sender's retry timings in the channels' fault tests, short so that the bounds show in seconds, and what the
 * tests measure against them: the gaps between one chat's attempts.
 */
public final class SendRetryTimings {
    /**
     * Waits from 1 s up to 1.5 s: long enough that a chat's retries never meet a platform's per-chat limit, which
     * the sender also keeps, so the gaps measured are the backoff's own and easy to tell from a runaway.
     */
    public static final Duration BACKOFF_FIRST = Duration.ofSeconds(1);
    public static final Duration BACKOFF_CAP = Duration.ofMillis(1500);
    /** How often an idle sender looks at the outbox. */
    public static final Duration IDLE_POLL = Duration.ofMillis(200);
    /** A retry comes when its wait is over and the sender next looks; the machine may be busy. */
    public static final Duration SLACK = Duration.ofMillis(1000);

    private SendRetryTimings() {
    }

    public static Backoff backoff() {
        return new Backoff(BACKOFF_FIRST, BACKOFF_CAP);
    }

    /** The longest a retry may come after the attempt before it, when that attempt failed at once. */
    public static Duration longestRetryGap() {
        return BACKOFF_CAP.plus(IDLE_POLL).plus(SLACK);
    }

    /** The gaps between consecutive attempts, from their times ({@link System#nanoTime()}), in order. */
    public static List<Duration> gaps(List<Long> attemptNanoTimes) {
        List<Duration> gaps = new ArrayList<>();
        for (int i = 1; i < attemptNanoTimes.size(); i++) {
            gaps.add(Duration.ofNanos(attemptNanoTimes.get(i) - attemptNanoTimes.get(i - 1)));
        }
        return gaps;
    }
}
