package ru.tos.dutydesk.store;

import ru.tos.dutydesk.testing.TestStores;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import ru.tos.dutydesk.channel.Backoff;
import ru.tos.dutydesk.channel.MessageTransport;
import ru.tos.dutydesk.channel.OutboxSender;
import ru.tos.dutydesk.channel.SendException;
import ru.tos.dutydesk.desk.Address;
import ru.tos.dutydesk.desk.Channel;
import ru.tos.dutydesk.desk.OutboundMessage;
import ru.tos.dutydesk.testing.MutableClock;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The real sender over the SQLite outbox, stopped while a reply waits for its retry and started again with no memory:
 * the chat's later replies still leave after it, in the order written (RELIABILITY §2 and §10, issue 15 point 9).
 */
class OutboxSenderRestartOrderTest {
    private static final Address ANNA = new Address(Channel.TELEGRAM, "1");
    private static final Address BORIS = new Address(Channel.TELEGRAM, "2");

    @TempDir
    Path dir;
    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-05T10:00:00Z"));
    private final List<String> delivered = new ArrayList<>();
    private int failuresLeft = 1;
    private SqlStore store;

    private final MessageTransport telegram = new MessageTransport() {
        @Override
        public Channel channel() {
            return Channel.TELEGRAM;
        }

        @Override
        public List<String> send(OutboundMessage message, long outboxId) throws SendException {
            if (message.markdown().equals("первый") && failuresLeft-- > 0) {
                throw new SendException.Retryable("HTTP 502 Bad Gateway", null, null);
            }
            delivered.add(message.to().chatId() + ": " + message.markdown());
            return List.of(String.valueOf(delivered.size()));
        }
    };

    @AfterEach
    void close() {
        store.close();
    }

    private OutboxSender sender() {
        return new OutboxSender(store.outbox(), telegram, (item, reason) -> { },
                new Backoff(Duration.ofSeconds(30), Duration.ofSeconds(30)), 5, Duration.ofSeconds(1), clock);
    }

    private void enqueue(Address to, String text) {
        store.inTransaction(tx -> {
            tx.enqueue(OutboundMessage.of(to, text), clock.instant());
            return null;
        });
    }

    @Test
    void aRestartWhileAReplyWaitsForItsRetryKeepsTheChatsOrder() {
        store = TestStores.open(dir.resolve("desk.db"));
        enqueue(ANNA, "первый");
        enqueue(ANNA, "второй");
        enqueue(BORIS, "другому");
        sender().deliverDue(); // «первый» fails and waits 30 s; Boris is served
        assertThat(delivered).containsExactly("2: другому");

        store.close(); // the desk stops; the new sender knows nothing of the wait
        store = TestStores.open(dir.resolve("desk.db"));
        OutboxSender restarted = sender();
        clock.advance(Duration.ofSeconds(5));
        enqueue(ANNA, "третий");
        restarted.deliverDue();
        assertThat(delivered).as("nothing overtakes the reply waiting for its retry").containsExactly("2: другому");

        clock.advance(Duration.ofSeconds(25));
        restarted.deliverDue();
        assertThat(delivered).containsExactly("2: другому", "1: первый", "1: второй", "1: третий");
    }
}
