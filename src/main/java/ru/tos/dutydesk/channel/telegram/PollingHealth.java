package ru.tos.dutydesk.channel.telegram;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import ru.tos.dutydesk.channel.OutageLog;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What the getUpdates answers say about polling, as seen by {@link GetUpdatesWatch}. A 409 Conflict (another
 * instance polls with this token, or a webhook is set) or a refused token is logged once per episode, clearly,
 * instead of the library's endless retry lines being the only trace; {@link PollingBackOff} then waits long.
 * Every failed poll (and failed connection attempt at start) goes to an {@link OutageLog}, so an outage shows as
 * its first failure, summaries, and its end with the duration.
 */
public final class PollingHealth {
    private static final Logger log = LoggerFactory.getLogger(PollingHealth.class);

    private final Duration conflictPause;
    private final OutageLog outage;
    private final AtomicInteger conflictEpisodes = new AtomicInteger();
    private volatile boolean inConflict;
    private volatile boolean unauthorized;
    private volatile Duration retryAfter;

    public PollingHealth(Duration conflictPause, Clock clock) {
        this.conflictPause = conflictPause;
        this.outage = new OutageLog("telegram: polling", clock);
    }

    /** A poll or a connection attempt failed for another reason (no answer, a server error, a 429). */
    void failed(String reason) {
        outage.failed(reason);
    }

    void conflict(String description) {
        if (!inConflict) {
            inConflict = true;
            conflictEpisodes.incrementAndGet();
            log.error("telegram: getUpdates answered 409 Conflict ({}). Another copy of this bot is polling with the "
                    + "same token, or a webhook is set for it. Stop the other copy (or delete the webhook); until then "
                    + "polling retries only every {} s.", description, conflictPause.toSeconds());
        }
        outage.failed("409 Conflict");
    }

    void unauthorized() {
        if (!unauthorized) {
            unauthorized = true;
            log.error("telegram: getUpdates answered 401 Unauthorized: the bot token (TELEGRAM_BOT_TOKEN) is wrong or revoked");
        }
        outage.failed("401 Unauthorized");
    }

    void retryAfter(Duration wait) {
        retryAfter = wait;
    }

    void ok() {
        outage.succeeded(); // says "polling works again after ..." when it had failed
        inConflict = false;
        unauthorized = false;
    }

    /** A wait the server asked for (429 retry_after), taken once. */
    Duration takeRetryAfter() {
        Duration d = retryAfter;
        retryAfter = null;
        return d;
    }

    boolean inConflict() {
        return inConflict;
    }

    Duration conflictPause() {
        return conflictPause;
    }

    /** How many separate conflict episodes were reported. */
    public int conflictEpisodes() {
        return conflictEpisodes.get();
    }

    public boolean isInConflict() {
        return inConflict;
    }
}
