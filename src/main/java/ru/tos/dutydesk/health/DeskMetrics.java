package ru.tos.dutydesk.health;

import ru.tos.dutydesk.channel.DeliveryListener;
import ru.tos.dutydesk.channel.PollStatus;
import ru.tos.dutydesk.desk.Channel;
import ru.tos.dutydesk.desk.DeskEvents;
import ru.tos.dutydesk.desk.OutboxItem;
import ru.tos.dutydesk.matching.Decision;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.DoubleAdder;
import java.util.concurrent.atomic.LongAdder;

/**
 * The running desk's counters, written in the Prometheus text format (version 0.0.4) by hand: a dozen series do
 * not need a metrics library. Fed by the desk ({@link DeskEvents}), the outbox senders ({@link #deliveries}) and
 * read from the channels' {@link PollStatus} at scrape time. Every series of a watched channel is there from the
 * start, at zero, so that a rate over it is defined before the first event.
 */
public final class DeskMetrics implements DeskEvents {
    /** First-response buckets in seconds: a minute up to three days, the span of the desk's promises. */
    private static final long[] BUCKETS = {60, 300, 900, 1800, 3600, 7200, 14_400, 28_800, 86_400, 259_200};

    private final Clock clock;
    private final Map<String, LongAdder> questions = new ConcurrentSkipListMap<>();
    private final Map<String, LongAdder> opened = new ConcurrentSkipListMap<>();
    private final Map<String, LongAdder> answered = new ConcurrentSkipListMap<>();
    private final Map<String, LongAdder> retries = new ConcurrentSkipListMap<>();
    private final Map<String, LongAdder> givenUp = new ConcurrentSkipListMap<>();
    private final Map<String, PollStatus> polls = new ConcurrentHashMap<>();
    private final LongAdder[] firstResponseBuckets = new LongAdder[BUCKETS.length + 1];
    private final DoubleAdder firstResponseSum = new DoubleAdder();

    public DeskMetrics(Clock clock) {
        this.clock = clock;
        for (int i = 0; i < firstResponseBuckets.length; i++) {
            firstResponseBuckets[i] = new LongAdder();
        }
    }

    /** Shows the channel's series (at zero until something happens) and its polling. */
    public void watch(Channel channel, PollStatus poll) {
        polls.put(channel.key(), poll);
        for (Decision d : Decision.values()) {
            adder(questions, questionKey(channel, d));
        }
        for (Map<String, LongAdder> perChannel : List.of(opened, answered, retries, givenUp)) {
            adder(perChannel, channel.key());
        }
    }

    @Override
    public void question(Channel channel, Decision decision) {
        adder(questions, questionKey(channel, decision)).increment();
    }

    @Override
    public void ticketOpened(Channel channel) {
        adder(opened, channel.key()).increment();
    }

    @Override
    public void ticketAnswered(Channel channel, Duration firstResponse) {
        adder(answered, channel.key()).increment();
        double seconds = Math.max(0, firstResponse.toMillis() / 1000.0);
        int bucket = 0;
        while (bucket < BUCKETS.length && seconds > BUCKETS[bucket]) {
            bucket++;
        }
        firstResponseBuckets[bucket].increment();
        firstResponseSum.add(seconds);
    }

    /** Counts the senders' retries and give-ups, then passes them on to {@code next}. */
    public DeliveryListener deliveries(DeliveryListener next) {
        return new DeliveryListener() {
            @Override
            public void givenUp(OutboxItem item, String reason) {
                adder(givenUp, item.message().to().channel().key()).increment();
                next.givenUp(item, reason);
            }

            @Override
            public void retrying(OutboxItem item, String reason) {
                adder(retries, item.message().to().channel().key()).increment();
                next.retrying(item, reason);
            }
        };
    }

    /** All series in the Prometheus text format 0.0.4. */
    public String prometheusText() {
        StringBuilder out = new StringBuilder(2048);
        header(out, "dutydesk_questions_total", "counter",
                "Residents' questions that went through the matcher, by channel and decision.");
        questions.forEach((key, n) -> {
            String[] parts = key.split("\u0000", 2);
            sample(out, "dutydesk_questions_total", labels("channel", parts[0], "decision", parts[1]), n.sum());
        });
        perChannel(out, "dutydesk_tickets_opened_total", "Tickets opened for consultants, by the resident's channel.", opened);
        perChannel(out, "dutydesk_tickets_answered_total", "Tickets that got a consultant's first answer, by the resident's channel.", answered);
        header(out, "dutydesk_first_response_seconds", "histogram",
                "Time from a ticket's opening to a consultant's first answer, in seconds.");
        long cumulative = 0;
        for (int i = 0; i < firstResponseBuckets.length; i++) {
            cumulative += firstResponseBuckets[i].sum();
            String le = i < BUCKETS.length ? Long.toString(BUCKETS[i]) : "+Inf";
            sample(out, "dutydesk_first_response_seconds_bucket", labels("le", le), cumulative);
        }
        sample(out, "dutydesk_first_response_seconds_sum", "", firstResponseSum.sum());
        sample(out, "dutydesk_first_response_seconds_count", "", cumulative);
        perChannel(out, "dutydesk_outbox_retries_total", "Failed deliveries of replies that are tried again, by channel.", retries);
        perChannel(out, "dutydesk_outbox_given_up_total", "Replies given up for good, by channel.", givenUp);
        header(out, "dutydesk_poll_failures_total", "counter", "Polls of a platform that failed, by channel.");
        new TreeMap<>(polls).forEach((channel, poll) ->
                sample(out, "dutydesk_poll_failures_total", labels("channel", channel), poll.failures()));
        header(out, "dutydesk_seconds_since_last_poll", "gauge",
                "Seconds since the channel's last successful poll (since its start while it has had none).");
        new TreeMap<>(polls).forEach((channel, poll) -> sample(out, "dutydesk_seconds_since_last_poll",
                labels("channel", channel), Duration.between(poll.quietSince(), clock.instant()).toMillis() / 1000.0));
        return out.toString();
    }

    private static void perChannel(StringBuilder out, String name, String help, Map<String, LongAdder> counts) {
        header(out, name, "counter", help);
        counts.forEach((channel, n) -> sample(out, name, labels("channel", channel), n.sum()));
    }

    private static void header(StringBuilder out, String name, String type, String help) {
        out.append("# HELP ").append(name).append(' ').append(help).append('\n');
        out.append("# TYPE ").append(name).append(' ').append(type).append('\n');
    }

    private static void sample(StringBuilder out, String name, String labels, double value) {
        out.append(name).append(labels).append(' ');
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            out.append((long) value);
        } else {
            out.append(value);
        }
        out.append('\n');
    }

    private static String labels(String... namesAndValues) {
        StringBuilder sb = new StringBuilder("{");
        for (int i = 0; i < namesAndValues.length; i += 2) {
            if (i > 0) {
                sb.append(',');
            }
            sb.append(namesAndValues[i]).append("=\"").append(escape(namesAndValues[i + 1])).append('"');
        }
        return sb.append('}').toString();
    }

    /** Label values escape backslash, double quote and line feed (the format's only special characters). */
    private static String escape(String value) {
        return value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }

    private static String questionKey(Channel channel, Decision decision) {
        return channel.key() + "\u0000" + decision.name().toLowerCase(Locale.ROOT);
    }

    private static LongAdder adder(Map<String, LongAdder> map, String key) {
        return map.computeIfAbsent(key, k -> new LongAdder());
    }
}
