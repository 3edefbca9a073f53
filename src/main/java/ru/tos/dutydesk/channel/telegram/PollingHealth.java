package ru.tos.dutydesk.channel.telegram;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What the getUpdates answers say about polling, as seen by {@link GetUpdatesWatch}. A 409 Conflict (another
 * instance polls with this token, or a webhook is set) or a refused token is logged once per episode, clearly,
 * instead of the library's endless retry lines being the only trace; {@link PollingBackOff} then waits long.
 */
public final class PollingHealth {
    private static final Logger log = LoggerFactory.getLogger(PollingHealth.class);

    private final Duration conflictPause;
    private final AtomicInteger conflictEpisodes = new AtomicInteger();
    private volatile boolean inConflict;
    private volatile boolean unauthorized;
    private volatile Duration retryAfter;

    public PollingHealth(Duration conflictPause) {
        this.conflictPause = conflictPause;
    }

    void conflict(String description) {
        if (!inConflict) {
            inConflict = true;
            conflictEpisodes.incrementAndGet();
            log.error("telegram: getUpdates answered 409 Conflict ({}). Another copy of this bot is polling with the "
                    + "same token, or a webhook is set for it. Stop the other copy (or delete the webhook); until then "
                    + "polling retries only every {} s.", description, conflictPause.toSeconds());
        }
    }

    void unauthorized() {
        if (!unauthorized) {
            unauthorized = true;
            log.error("telegram: getUpdates answered 401 Unauthorized: the bot token (TELEGRAM_BOT_TOKEN) is wrong or revoked");
        }
    }

    void retryAfter(Duration wait) {
        retryAfter = wait;
    }

    void ok() {
        if (inConflict || unauthorized) {
            log.info("telegram: polling works again");
        }
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
