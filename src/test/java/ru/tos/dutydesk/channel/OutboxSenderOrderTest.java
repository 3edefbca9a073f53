package ru.tos.dutydesk.channel;

import org.junit.jupiter.api.Test;
import ru.tos.dutydesk.desk.Address;
import ru.tos.dutydesk.desk.Channel;
import ru.tos.dutydesk.desk.OutboundMessage;
import ru.tos.dutydesk.desk.Outbox;
import ru.tos.dutydesk.desk.OutboxItem;
import ru.tos.dutydesk.testing.MutableClock;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** A person reads replies in the order the desk wrote them, even when one of them has to wait for a retry. */
class OutboxSenderOrderTest {
    private static final Address ANNA = new Address(Channel.TELEGRAM, "1");
    private static final Address BORIS = new Address(Channel.TELEGRAM, "2");

    /** Keeps rows with their next-attempt time, exactly as the contract of {@link Outbox#due} says. */
    private static final class ListOutbox implements Outbox {
        final Map<Long, OutboundMessage> pending = new LinkedHashMap<>();
        final Map<Long, Instant> dueAt = new HashMap<>();
        final Map<Long, Integer> attempts = new HashMap<>();

        @Override
        public List<OutboxItem> due(Channel channel, Instant now, int limit) {
            List<OutboxItem> out = new ArrayList<>();
            pending.forEach((id, m) -> {
                if (!dueAt.getOrDefault(id, Instant.EPOCH).isAfter(now)) {
                    out.add(new OutboxItem(id, m, attempts.getOrDefault(id, 0), Instant.EPOCH));
                }
            });
            return out;
        }

        @Override
        public List<OutboxItem> dueRoundRobin(Channel channel, Instant now, int perChat, int limit) {
            return RoundRobin.of(due(channel, now, limit), perChat, limit);
        }

        @Override
        public void markSent(long id, List<String> ids, Instant at) {
            pending.remove(id);
        }

        @Override
        public void markRetry(long id, String error, Instant next) {
            attempts.merge(id, 1, Integer::sum);
            dueAt.put(id, next);
        }

        @Override
        public void markFailed(long id, String error, Instant at) {
            pending.remove(id);
        }

        @Override
        public int pendingCount() {
            return pending.size();
        }
    }

    /** What the platform does with one send: throws to refuse it, returns to take it. */
    private interface Platform {
        void receive(OutboundMessage message, long outboxId) throws SendException;
    }

    /** A Telegram transport that asks {@code platform} and records the text of each message it took. */
    private static MessageTransport transport(List<String> delivered, Platform platform) {
        return new MessageTransport() {
            @Override
            public Channel channel() {
                return Channel.TELEGRAM;
            }

            @Override
            public List<String> send(OutboundMessage message, long outboxId) throws SendException {
                platform.receive(message, outboxId);
                delivered.add(message.markdown());
                return List.of(String.valueOf(outboxId));
            }
        };
    }

    private static OutboxSender sender(ListOutbox outbox, MessageTransport transport, int maxAttempts, MutableClock clock) {
        return new OutboxSender(outbox, transport, (item, reason) -> { }, Backoff.standard(), maxAttempts,
                Duration.ofSeconds(1), clock);
    }

    @Test
    void aLaterRowDoesNotOvertakeOneWaitingForItsRetry() {
        MutableClock clock = new MutableClock(Instant.parse("2026-12-01T10:00:00Z"));
        ListOutbox outbox = new ListOutbox();
        outbox.pending.put(1L, OutboundMessage.of(ANNA, "первый"));
        outbox.pending.put(2L, OutboundMessage.of(BORIS, "Борису"));
        outbox.pending.put(3L, OutboundMessage.of(ANNA, "второй"));
        List<String> delivered = new ArrayList<>();
        int[] failuresLeft = {1};
        MessageTransport transport = transport(delivered, (message, outboxId) -> {
            if (outboxId == 1 && failuresLeft[0]-- > 0) {
                throw new SendException.Retryable("429", Duration.ofSeconds(5), null);
            }
        });
        OutboxSender sender = sender(outbox, transport, 10, clock);
        sender.deliverDue();
        assertThat(delivered).containsExactly("Борису");
        clock.advance(Duration.ofSeconds(1));
        sender.deliverDue(); // row 1 not due yet: row 3 must keep waiting behind it
        assertThat(delivered).containsExactly("Борису");
        clock.advance(Duration.ofSeconds(5));
        sender.deliverDue();
        assertThat(delivered).containsExactly("Борису", "первый", "второй");
    }

    @Test
    void aRowThatVanishedWhileWaitingDoesNotBlockItsChatForever() {
        MutableClock clock = new MutableClock(Instant.parse("2026-12-01T10:00:00Z"));
        ListOutbox outbox = new ListOutbox();
        outbox.pending.put(1L, OutboundMessage.of(ANNA, "первый"));
        outbox.pending.put(2L, OutboundMessage.of(ANNA, "второй"));
        List<String> delivered = new ArrayList<>();
        MessageTransport transport = transport(delivered, (message, outboxId) -> {
            if (outboxId == 1) {
                throw new SendException.Retryable("500", Duration.ofSeconds(5), null);
            }
        });
        OutboxSender sender = sender(outbox, transport, 10, clock);
        sender.deliverDue();
        outbox.pending.remove(1L); // e.g. erased by /forget
        clock.advance(Duration.ofMinutes(10));
        sender.deliverDue();
        assertThat(delivered).containsExactly("второй");
    }

    @Test
    void aChatWaitingForItsRateLimitIsNotChargedAnAttemptAndOthersGoFirst() {
        MutableClock clock = new MutableClock(Instant.parse("2026-12-01T10:00:00Z"));
        ListOutbox outbox = new ListOutbox();
        outbox.pending.put(1L, OutboundMessage.of(ANNA, "первый"));
        outbox.pending.put(2L, OutboundMessage.of(ANNA, "второй"));
        outbox.pending.put(3L, OutboundMessage.of(BORIS, "Борису"));
        List<String> delivered = new ArrayList<>();
        Instant annaFreeAt = clock.instant().plusSeconds(2);
        MessageTransport transport = transport(delivered, (message, outboxId) -> {
            if (message.to().equals(ANNA) && clock.instant().isBefore(annaFreeAt)) {
                throw SendException.Retryable.notYet("limit", Duration.between(clock.instant(), annaFreeAt));
            }
        });
        OutboxSender sender = sender(outbox, transport, 1, clock);
        sender.deliverDue();
        assertThat(delivered).containsExactly("Борису");
        assertThat(outbox.attempts).as("waiting for a turn is not a failed attempt").isEmpty();
        clock.advance(Duration.ofSeconds(1));
        sender.deliverDue();
        assertThat(delivered).as("still her turn to wait").containsExactly("Борису");
        clock.advance(Duration.ofSeconds(1));
        sender.deliverDue();
        assertThat(delivered).as("in order, and not given up though maxAttempts is 1").containsExactly("Борису", "первый", "второй");
    }

    @Test
    void aFloodingPacedChatDoesNotHideAnotherChatInTheFirstPass() {
        MutableClock clock = new MutableClock(Instant.parse("2026-12-01T10:00:00Z"));
        InMemoryOutbox outbox = new InMemoryOutbox();
        for (int i = 0; i < 200; i++) {
            outbox.add(OutboundMessage.of(ANNA, "flood " + i));
        }
        outbox.add(OutboundMessage.of(BORIS, "Борису"));
        List<String> delivered = new ArrayList<>();
        Instant[] annaFreeAt = {clock.instant()};
        MessageTransport transport = transport(delivered, (message, outboxId) -> {
            if (message.to().equals(ANNA)) { // one message a second to a chat
                if (clock.instant().isBefore(annaFreeAt[0])) {
                    throw SendException.Retryable.notYet("limit", Duration.between(clock.instant(), annaFreeAt[0]));
                }
                annaFreeAt[0] = clock.instant().plusSeconds(1);
            }
        });
        OutboxSender sender = new OutboxSender(outbox, transport, (item, reason) -> { }, Backoff.standard(), 5,
                Duration.ofSeconds(1), clock);
        sender.deliverDue();
        assertThat(delivered).as("Boris is served in the first pass, after one reply to the flooder")
                .containsExactly("flood 0", "Борису");
    }
}
