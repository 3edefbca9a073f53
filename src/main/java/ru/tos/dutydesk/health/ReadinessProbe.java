package ru.tos.dutydesk.health;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import ru.tos.dutydesk.channel.PollStatus;
import ru.tos.dutydesk.desk.Channel;
import ru.tos.dutydesk.store.SqlStore;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Whether the running desk can do its work: its database answers a trivial query, and every channel has polled
 * its platform within {@code maxPollAge}. Also reports what an administrator looks at first: the replies waiting
 * to be sent and how long the longest-waiting ticket has waited. A desk standing by for the lead on a shared database
 * (see {@code DeskLead}) is ready when its database answers: it polls nothing until it takes over.
 */
public final class ReadinessProbe {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The verdict and its details as a JSON object. */
    public record Result(boolean ready, String json) {
    }

    private final SqlStore store;
    private final Supplier<Map<Channel, PollStatus>> polls;
    private final BooleanSupplier leading;
    private final Duration maxPollAge;
    private final Clock clock;

    /**
     * @param polls   the channels' polling as it stands (none while standing by)
     * @param leading whether this desk polls and sends, or stands by for another desk on the same database
     */
    public ReadinessProbe(SqlStore store, Supplier<Map<Channel, PollStatus>> polls, BooleanSupplier leading,
                          Duration maxPollAge, Clock clock) {
        this.store = store;
        this.polls = polls;
        this.leading = leading;
        this.maxPollAge = maxPollAge;
        this.clock = clock;
    }

    public Result check() {
        Instant now = clock.instant();
        ObjectNode out = JSON.createObjectNode();
        ArrayNode problems = JSON.createArrayNode();
        out.put("ready", true);
        out.put("role", leading.getAsBoolean() ? "leading" : "standby");
        try {
            store.schemaVersion(); // one trivial query through the desk's own connection
            out.put("database", "ok");
            out.put("outbox_depth", store.outbox().pendingCount());
            Optional<Instant> waiting = store.oldestWaitingTicket();
            if (waiting.isPresent()) {
                out.put("oldest_unanswered_ticket_seconds", seconds(waiting.get(), now));
            } else {
                out.putNull("oldest_unanswered_ticket_seconds");
            }
        } catch (RuntimeException e) {
            out.put("database", "unreachable");
            out.putNull("outbox_depth");
            out.putNull("oldest_unanswered_ticket_seconds");
            problems.add("database: " + e.getMessage());
        }
        ObjectNode channels = out.putObject("channels");
        new TreeMap<>(polls.get()).forEach((channel, poll) -> {
            long quiet = seconds(poll.quietSince(), now);
            ObjectNode c = channels.putObject(channel.key());
            c.put("seconds_since_last_poll", quiet);
            c.put("polled", poll.lastSuccess().isPresent());
            c.put("poll_failures", poll.failures());
            if (quiet > maxPollAge.toSeconds()) {
                problems.add(channel.key() + ": no successful poll for " + quiet + " s (limit "
                        + maxPollAge.toSeconds() + " s)");
            }
        });
        out.put("max_poll_age_seconds", maxPollAge.toSeconds());
        out.set("problems", problems);
        boolean ready = problems.isEmpty();
        out.put("ready", ready);
        return new Result(ready, out.toPrettyString());
    }

    private static long seconds(Instant from, Instant to) {
        return Math.max(0, Duration.between(from, to).toSeconds());
    }
}
