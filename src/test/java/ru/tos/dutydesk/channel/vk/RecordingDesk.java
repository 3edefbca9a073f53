package ru.tos.dutydesk.channel.vk;

import ru.tos.dutydesk.channel.InMemoryOutbox;
import ru.tos.dutydesk.desk.Choice;
import ru.tos.dutydesk.desk.InboundHandler;
import ru.tos.dutydesk.desk.InboundMessage;
import ru.tos.dutydesk.desk.OutboundMessage;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A stand-in for the desk in channel-level tests, with the desk's contract: drops a repeated update key, records
 * the message, puts a reply in the outbox (with two buttons for text), then signals the sender; it throws only when
 * "the store" fails, and then records nothing.
 */
final class RecordingDesk implements InboundHandler {
    private final InMemoryOutbox outbox;
    private final Set<String> keys = new HashSet<>();
    private final List<InboundMessage> handled = new ArrayList<>();
    private final AtomicInteger deliveries = new AtomicInteger();
    final AtomicInteger storeFailures = new AtomicInteger();
    private volatile Runnable signal = () -> { };

    RecordingDesk(InMemoryOutbox outbox) {
        this.outbox = outbox;
    }

    void signalWith(Runnable signal) {
        this.signal = signal;
    }

    @Override
    public void handle(InboundMessage m) {
        deliveries.incrementAndGet();
        if (storeFailures.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            throw new IllegalStateException("database is locked");
        }
        synchronized (this) {
            if (!keys.add(m.updateKey())) {
                return;
            }
            handled.add(m);
            if (m.choice() != null) {
                outbox.add(OutboundMessage.of(m.chat(), "Отмечено: " + m.choice()));
            } else if (m.text() != null) {
                outbox.add(OutboundMessage.of(m.chat(), "Ответ на **" + m.text() + "**",
                        List.of(new Choice("Помогло", "ok:" + handled.size()), new Choice("Не помогло", "no:" + handled.size()))));
            } else {
                outbox.add(OutboundMessage.of(m.chat(), "Пришлите, пожалуйста, вопрос текстом."));
            }
            notifyAll();
        }
        signal.run();
    }

    synchronized List<InboundMessage> handled() {
        return List.copyOf(handled);
    }

    /** How often handle was called, repeats and failures included. */
    int deliveries() {
        return deliveries.get();
    }

    synchronized List<InboundMessage> awaitHandled(int count, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (handled.size() < count) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new AssertionError("handled " + handled.size() + ", expected " + count);
            }
            wait(Math.max(1, left / 1_000_000));
        }
        return List.copyOf(handled);
    }
}
