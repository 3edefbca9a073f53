package ru.tos.dutydesk.channel;

import org.junit.jupiter.api.Test;
import ru.tos.dutydesk.desk.Address;
import ru.tos.dutydesk.desk.Channel;
import ru.tos.dutydesk.desk.OutboundMessage;
import ru.tos.dutydesk.testing.LogCapture;
import ru.tos.dutydesk.testing.MutableClock;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** A reply that went out but could not be recorded (disk full) is never sent again; a failing store stops sending. */
class OutboxSenderStoreFailureTest {
    private static final Address ANNA = new Address(Channel.TELEGRAM, "1");
    private static final Address CONSULTANTS = new Address(Channel.TELEGRAM, "-100500");

    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-01T10:00:00Z"));
    private final InMemoryOutbox outbox = new InMemoryOutbox();
    /** What reached the platform: chat and text. */
    private final List<String> delivered = new ArrayList<>();
    private final MessageTransport transport = new MessageTransport() {
        @Override
        public Channel channel() {
            return Channel.TELEGRAM;
        }

        @Override
        public List<String> send(OutboundMessage message, long outboxId) {
            delivered.add(message.to().chatId() + ": " + message.markdown());
            return List.of("m" + delivered.size());
        }
    };

    private OutboxSender sender() {
        OutboxSender sender = new OutboxSender(outbox, transport, (item, reason) -> { }, Backoff.standard(), 5,
                Duration.ofSeconds(5), clock);
        sender.alertOnStoreFailure(CONSULTANTS);
        return sender;
    }

    @Test
    void aReplyTheStoreCannotMarkReachesTheResidentOnceThoughPassesGoOnForMinutes() {
        long row = outbox.add(OutboundMessage.of(ANNA, "Ответ"));
        outbox.crashesOnMarkSent.set(Integer.MAX_VALUE);
        OutboxSender sender = sender();

        for (int pass = 0; pass < 24; pass++) { // two minutes of passes every 5 s
            sender.deliverDue();
            clock.advance(Duration.ofSeconds(5));
        }
        assertThat(delivered.stream().filter(d -> d.startsWith("1: ")).toList()).containsExactly("1: Ответ");
        assertThat(outbox.row(row).state).isEqualTo(InMemoryOutbox.State.PENDING);

        outbox.crashesOnMarkSent.set(0); // the disk has room again
        sender.deliverDue();
        assertThat(outbox.row(row).state).as("the kept fact is written").isEqualTo(InMemoryOutbox.State.SENT);
        assertThat(outbox.row(row).platformIds).containsExactly("m1");
        assertThat(delivered.stream().filter(d -> d.startsWith("1: ")).toList()).containsExactly("1: Ответ");
    }

    @Test
    void afterThreeFailuresInARowSendingStopsWithAnErrorAndALineForConsultantsThenGoesOnWhenTheStoreWrites() {
        for (int i = 1; i <= 6; i++) {
            outbox.add(OutboundMessage.of(new Address(Channel.TELEGRAM, String.valueOf(100 + i)), "ответ " + i));
        }
        outbox.crashesOnMarkSent.set(Integer.MAX_VALUE);
        OutboxSender sender = sender();
        try (LogCapture log = LogCapture.start()) {
            sender.deliverDue();
            sender.deliverDue();
            clock.advance(Duration.ofMinutes(1));
            sender.deliverDue();

            assertThat(delivered).containsExactly("101: ответ 1", "102: ответ 2", "103: ответ 3",
                    "-100500: " + ru.tos.dutydesk.desk.MarkdownText.literal(OutboxSender.STORE_STOPPED));
            assertThat(log.text()).contains("sending stops until it writes again");
        }

        outbox.crashesOnMarkSent.set(0);
        sender.deliverDue();
        assertThat(delivered).hasSize(8).endsWith("104: ответ 4", "105: ответ 5", "106: ответ 6");
        assertThat(delivered.get(4)).startsWith("-100500: ").contains("снова работает");
        assertThat(delivered.stream().filter(d -> d.startsWith("10")).distinct()).hasSize(6);
        assertThat(outbox.pendingCount()).isZero();
    }
}
