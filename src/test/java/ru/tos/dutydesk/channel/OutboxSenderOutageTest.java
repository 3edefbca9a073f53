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

/** A platform that takes no message for two minutes: one line when sending starts failing, one when it works. */
class OutboxSenderOutageTest {
    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-05T10:00:00Z"));
    private final InMemoryOutbox outbox = new InMemoryOutbox();
    private final List<String> delivered = new ArrayList<>();
    private boolean down = true;
    private final MessageTransport vk = new MessageTransport() {
        @Override
        public Channel channel() {
            return Channel.VK;
        }

        @Override
        public List<String> send(OutboundMessage message, long outboxId) throws SendException {
            if (down) {
                throw new SendException.Retryable("VK error 10: Internal server error", null, null);
            }
            delivered.add(message.to().chatId());
            return List.of("v" + delivered.size());
        }
    };

    @Test
    void aSendingOutageIsOneWarningThenItsEndWithTheDurationAndTheFailedAttempts() {
        outbox.add(OutboundMessage.of(new Address(Channel.VK, "101"), "Ответ Анне"));
        outbox.add(OutboundMessage.of(new Address(Channel.VK, "202"), "Ответ Борису"));
        Backoff tenSeconds = new Backoff(Duration.ofSeconds(10), Duration.ofSeconds(10));
        OutboxSender sender = new OutboxSender(outbox, vk, (item, reason) -> { }, tenSeconds, 100, Duration.ofSeconds(5), clock);
        try (LogCapture log = LogCapture.start()) {
            for (int pass = 0; pass < 13; pass++) { // 0 s to 120 s: each pass both chats fail once
                sender.deliverDue();
                clock.advance(Duration.ofSeconds(10));
            }
            down = false;
            sender.deliverDue(); // at 2 min 10 s both go through

            assertThat(delivered).containsExactlyInAnyOrder("101", "202");
            List<String> lines = log.lines().stream().filter(l -> l.contains("vk")).toList();
            assertThat(lines).hasSize(2);
            assertThat(lines.get(0)).contains(" WARN ").contains("vk: sending fails: VK error 10: Internal server error");
            assertThat(lines.get(1)).endsWith("vk: sending works again after 2 min 10 s, 26 failed attempts");
        }
    }
}
