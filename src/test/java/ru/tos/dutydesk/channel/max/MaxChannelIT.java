package ru.tos.dutydesk.channel.max;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import ru.tos.dutydesk.channel.Backoff;
import ru.tos.dutydesk.channel.CursorStore;
import ru.tos.dutydesk.channel.InMemoryOutbox;
import ru.tos.dutydesk.desk.InboundHandler;
import ru.tos.dutydesk.desk.InboundMessage;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** The MAX poll loop on its own against the emulator: what it asks for, and when its marker moves. */
class MaxChannelIT {
    private static final Duration WAIT = Duration.ofSeconds(15);

    private final MaxApiEmulator max = new MaxApiEmulator();
    private final Cursors cursors = new Cursors();
    private MaxChannel channel;

    MaxChannelIT() throws IOException {
    }

    /** Cursors in memory that can be told to fail, like a store that is briefly down. */
    static final class Cursors implements CursorStore {
        final Map<String, String> values = new ConcurrentHashMap<>();
        final AtomicInteger failSaves = new AtomicInteger();

        @Override
        public Optional<String> load(String name) {
            return Optional.ofNullable(values.get(name));
        }

        @Override
        public void save(String name, String value) {
            if (failSaves.getAndDecrement() > 0) {
                throw new IllegalStateException("store down");
            }
            values.put(name, value);
        }
    }

    /** A desk whose store fails the first {@code failures} batches; records what it took. */
    static final class FlakyDesk implements InboundHandler {
        final List<String> recorded = new ArrayList<>();
        final AtomicInteger failures;
        final AtomicInteger batches = new AtomicInteger();

        FlakyDesk(int failures) {
            this.failures = new AtomicInteger(failures);
        }

        @Override
        public void handle(InboundMessage message) {
            handleAll(List.of(message));
        }

        @Override
        public synchronized void handleAll(List<InboundMessage> messages) {
            batches.incrementAndGet();
            if (failures.getAndDecrement() > 0) {
                throw new IllegalStateException("database is locked");
            }
            messages.forEach(m -> {
                if (!recorded.contains(m.updateKey())) {
                    recorded.add(m.updateKey());
                }
            });
        }

        synchronized List<String> recorded() {
            return List.copyOf(recorded);
        }
    }

    @AfterEach
    void stop() {
        if (channel != null) {
            channel.close();
        }
        max.close();
    }

    private void start(InboundHandler desk) {
        Backoff fast = new Backoff(Duration.ofMillis(20), Duration.ofMillis(100));
        channel = new MaxChannel(new MaxSettings(MaxApiEmulator.TOKEN, max.apiUrl(), Optional.empty(), 2), cursors,
                new InMemoryOutbox(), (item, reason) -> { }, new MaxChannelOptions(2, fast, fast, 5, Duration.ofMillis(50),
                30, Duration.ofSeconds(5)), Clock.systemUTC());
        channel.start(desk);
    }

    private static void await(String what, java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as(what).isLessThan(deadline);
            Thread.sleep(10);
        }
    }

    @Test
    void pollsOnlyTheTypesItMapsAndStoresTheMarkerPerBot() throws Exception {
        FlakyDesk desk = new FlakyDesk(0);
        start(desk);
        String mid = max.pushMessage(101, "вопрос");

        await("the message recorded", () -> desk.recorded().contains("max:" + mid));
        await("the marker stored", () -> cursors.values.containsKey("max:" + MaxApiEmulator.BOT_ID + ":marker"));
        assertThat(cursors.values.get(channel.cursorName())).isEqualTo(String.valueOf(max.nextMarker()));
        assertThat(max.polledMarkers().get(0)).as("the first poll, with no marker stored").isEqualTo("-");
        assertThat(max.callLog()).anyMatch(c -> c.path().equals("/me"));
    }

    @Test
    void whenTheDeskCannotRecordABatchTheMarkerStaysAndTheBatchIsOfferedAgain() throws Exception {
        FlakyDesk desk = new FlakyDesk(2);
        start(desk);
        String mid = max.pushMessage(101, "вопрос");

        await("the batch recorded at the third try", () -> desk.recorded().contains("max:" + mid));
        assertThat(desk.batches.get()).isGreaterThanOrEqualTo(3);
        assertThat(desk.recorded()).containsExactly("max:" + mid);
        await("the marker stored after the commit", () -> channel.cursorName() != null
                && String.valueOf(max.nextMarker()).equals(cursors.values.get(channel.cursorName())));
    }

    @Test
    void aStoreThatCannotSaveTheMarkerGetsTheBatchAgainAndTheDeskSkipsIt() throws Exception {
        cursors.failSaves.set(1);
        FlakyDesk desk = new FlakyDesk(0);
        start(desk);
        String mid = max.pushMessage(101, "вопрос");

        await("the marker stored at the second try", () -> channel.cursorName() != null
                && String.valueOf(max.nextMarker()).equals(cursors.values.get(channel.cursorName())));
        assertThat(desk.batches.get()).as("the batch offered again after the failed save").isGreaterThanOrEqualTo(2);
        assertThat(desk.recorded()).containsExactly("max:" + mid);
    }

    @Test
    void aPollThatIsRefusedOrTooFastIsRetriedAndNothingIsLost() throws Exception {
        max.failNext("/me", 503, 1);
        max.tooManyNext("/updates", 1, 1);
        max.dropNext("/updates", 1);
        FlakyDesk desk = new FlakyDesk(0);
        start(desk);
        String first = max.pushMessage(101, "первый");
        String second = max.pushMessage(102, "второй");

        await("both recorded", () -> desk.recorded().size() == 2);
        assertThat(desk.recorded()).containsExactly("max:" + first, "max:" + second);
        assertThat(channel.pollStatus().failures()).isGreaterThanOrEqualTo(2);
    }
}
