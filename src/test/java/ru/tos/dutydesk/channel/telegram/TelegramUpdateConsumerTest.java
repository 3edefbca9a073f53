package ru.tos.dutydesk.channel.telegram;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.telegram.telegrambots.meta.api.objects.Update;
import ru.tos.dutydesk.channel.Backoff;
import ru.tos.dutydesk.desk.InboundMessage;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;

class TelegramUpdateConsumerTest {
    private final ObjectMapper json = new ObjectMapper();
    private final List<String> handled = new ArrayList<>();
    private final List<Integer> rewinds = new ArrayList<>();
    private final List<String> answered = new ArrayList<>();
    private final List<Duration> pauses = new ArrayList<>();
    private final AtomicInteger signals = new AtomicInteger();
    private Consumer<InboundMessage> desk = m -> handled.add(m.updateKey());

    private TelegramUpdateConsumer consumer() {
        TelegramUpdateMapper mapper = new TelegramUpdateMapper(Optional.empty(), Optional::empty, Clock.systemUTC());
        TelegramUpdateConsumer c = new TelegramUpdateConsumer(mapper, m -> desk.accept(m), signals::incrementAndGet,
                answered::add, new Backoff(Duration.ofMillis(500), Duration.ofSeconds(30)), pauses::add);
        c.attach(rewinds::add);
        return c;
    }

    private Update text(int id) throws Exception {
        return json.readValue("""
                {"update_id": %d, "message": {"message_id": %d, "date": 1, "chat": {"id": 42, "type": "private"},
                 "from": {"id": 42, "is_bot": false, "first_name": "M"}, "text": "q%d"}}""".formatted(id, id, id), Update.class);
    }

    private Update tap(int id) throws Exception {
        return json.readValue("""
                {"update_id": %d, "callback_query": {"id": "cb%d", "chat_instance": "c", "data": "yes",
                 "from": {"id": 42, "is_bot": false, "first_name": "M"},
                 "message": {"message_id": 3, "date": 1, "chat": {"id": 42, "type": "private"}, "text": "?"}}}""".formatted(id, id), Update.class);
    }

    @Test
    void handsEveryUpdateOverInOrderAndWakesTheSenderOncePerPoll() throws Exception {
        consumer().consume(new ArrayList<>(List.of(text(12), text(10), text(11))));
        assertThat(handled).containsExactly("telegram:10", "telegram:11", "telegram:12");
        assertThat(signals.get()).isEqualTo(1);
        assertThat(rewinds).isEmpty();
    }

    @Test
    void storeFailureRewindsToTheStartOfThePollAndStopsIt() throws Exception {
        desk = m -> {
            if (m.updateKey().equals("telegram:11")) {
                throw new IllegalStateException("database is locked");
            }
            handled.add(m.updateKey());
        };
        consumer().consume(List.of(text(10), text(11), text(12)));
        assertThat(handled).containsExactly("telegram:10");
        // the whole poll comes again (the desk may have recorded none of it); 10 is then skipped by its key
        assertThat(rewinds).containsExactly(10);
        assertThat(signals.get()).isZero();
        assertThat(pauses).hasSize(1); // no tight loop against a failing store
    }

    @Test
    void pausesGrowWhileFailuresContinueAndResetAfterSuccess() throws Exception {
        desk = m -> {
            throw new IllegalStateException("disk full");
        };
        TelegramUpdateConsumer c = consumer();
        for (int i = 0; i < 5; i++) {
            c.consume(List.of(text(10)));
        }
        assertThat(pauses.get(4)).isGreaterThan(pauses.get(0));
        desk = m -> handled.add(m.updateKey());
        c.consume(List.of(text(10)));
        desk = m -> {
            throw new IllegalStateException("again");
        };
        c.consume(List.of(text(11)));
        assertThat(pauses.get(5)).isLessThanOrEqualTo(Duration.ofMillis(625));
    }

    @Test
    void evenAnErrorDoesNotEscape() throws Exception {
        desk = m -> {
            throw new OutOfMemoryError("simulated");
        };
        consumer().consume(List.of(text(10)));
        assertThat(rewinds).containsExactly(10);
    }

    @Test
    void afterCloseNothingIsHandedOverAndTheRestIsLeftUnconfirmed() throws Exception {
        TelegramUpdateConsumer c = consumer();
        c.close();
        c.consume(List.of(text(20), text(21)));
        assertThat(handled).isEmpty();
        assertThat(rewinds).containsExactly(20);
    }

    @Test
    void callbackQueriesAreAnsweredOnlyAfterTheyAreRecorded() throws Exception {
        desk = m -> {
            throw new IllegalStateException("store down");
        };
        TelegramUpdateConsumer c = consumer();
        c.consume(List.of(tap(30)));
        assertThat(answered).isEmpty();
        desk = m -> handled.add(m.updateKey());
        c.consume(List.of(tap(30)));
        assertThat(answered).containsExactly("cb30");
    }

    @Test
    void updatesNotForTheDeskPassWithoutRewind() throws Exception {
        Update edited = json.readValue("""
                {"update_id": 40, "edited_message": {"message_id": 1, "date": 1, "chat": {"id": 42, "type": "private"},
                 "from": {"id": 42, "is_bot": false, "first_name": "M"}, "text": "x"}}""", Update.class);
        consumer().consume(List.of(edited, text(41)));
        assertThat(handled).containsExactly("telegram:41");
        assertThat(rewinds).isEmpty();
    }
}
