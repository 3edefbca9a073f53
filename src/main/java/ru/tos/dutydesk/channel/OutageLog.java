package ru.tos.dutydesk.channel;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;

/**
 * Makes one channel activity's outage visible in the log without a line per failed attempt: the first failure of an
 * episode is logged at once, then a summary at most every {@link #SUMMARY_EVERY} while failures go on, and the end
 * with its duration and the number of failed attempts when the activity works again. One instance per activity
 * (Telegram polling, Telegram sending, VK polling, VK sending); times come from the desk's clock.
 */
public final class OutageLog {
    private static final Logger log = LoggerFactory.getLogger(OutageLog.class);
    public static final Duration SUMMARY_EVERY = Duration.ofMinutes(5);
    private static final DateTimeFormatter SINCE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private final String what;
    private final Clock clock;
    private Instant since;
    private Instant lastLine;
    private long failures;

    /** {@code what} names the activity in every line, e.g. {@code "telegram: polling"}. */
    public OutageLog(String what, Clock clock) {
        this.what = what;
        this.clock = clock;
    }

    /** One failed attempt; {@code reason} must carry neither a token nor what people wrote. */
    public void failed(String reason) {
        failed(reason, Level.WARN);
    }

    /**
     * One failed attempt; the first of an episode is logged at {@code firstLevel} (ERROR for a refusal an
     * administrator has to fix), the summaries at WARN.
     */
    public synchronized void failed(String reason, Level firstLevel) {
        Instant now = clock.instant();
        failures++;
        if (since == null) {
            since = now;
            lastLine = now;
            log.atLevel(firstLevel).log("{} fails: {}; further failures are summarised every {} min until it works again",
                    what, reason, SUMMARY_EVERY.toMinutes());
            return;
        }
        if (!now.isBefore(lastLine.plus(SUMMARY_EVERY))) {
            lastLine = now;
            log.warn("{} still fails: {} failed attempts since {} ({}), the last: {}", what, failures,
                    SINCE.format(LocalDateTime.ofInstant(since, clock.getZone())), duration(Duration.between(since, now)),
                    reason);
        }
    }

    /** An attempt went through: ends the episode, if there was one, with a line saying how long it lasted. */
    public synchronized void succeeded() {
        if (since == null) {
            return;
        }
        Duration lasted = Duration.between(since, clock.instant());
        log.info("{} works again after {}, {} failed {}", what, duration(lasted), failures,
                failures == 1 ? "attempt" : "attempts");
        since = null;
        lastLine = null;
        failures = 0;
    }

    /** True while an episode lasts (a failure and no success since). */
    public synchronized boolean isFailing() {
        return since != null;
    }

    /** «2 min 10 s», «1 h 5 min», «0 s»: whole seconds, at most two units. */
    static String duration(Duration d) {
        long s = Math.max(0, d.getSeconds());
        if (s < 60) {
            return s + " s";
        }
        if (s < 3600) {
            return s / 60 + " min" + (s % 60 == 0 ? "" : " " + s % 60 + " s");
        }
        long h = s / 3600;
        long min = s % 3600 / 60;
        if (h < 24) {
            return h + " h" + (min == 0 ? "" : " " + min + " min");
        }
        return h / 24 + " d" + (h % 24 == 0 ? "" : " " + h % 24 + " h");
    }
}
