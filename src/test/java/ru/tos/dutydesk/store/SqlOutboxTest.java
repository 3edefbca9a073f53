package ru.tos.dutydesk.store;

import ru.tos.dutydesk.testing.TestStores;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import ru.tos.dutydesk.desk.Address;
import ru.tos.dutydesk.desk.Attachment;
import ru.tos.dutydesk.desk.Channel;
import ru.tos.dutydesk.desk.Choice;
import ru.tos.dutydesk.desk.OutboundMessage;
import ru.tos.dutydesk.desk.Outbox;
import ru.tos.dutydesk.desk.OutboxItem;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SqlOutboxTest {
    private static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");
    private static final Address TG_A = new Address(Channel.TELEGRAM, "1");
    private static final Address TG_B = new Address(Channel.TELEGRAM, "2");
    private static final Address VK_C = new Address(Channel.VK, "3");

    @TempDir
    Path dir;
    SqlStore store;
    Outbox outbox;

    @BeforeEach
    void open() {
        store = TestStores.open(dir.resolve("desk.db"));
        outbox = store.outbox();
    }

    @AfterEach
    void close() {
        store.close();
    }

    private void enqueue(OutboundMessage m, Instant at) {
        store.inTransaction(tx -> {
            tx.enqueue(m, at);
            return null;
        });
    }

    private List<String> dueTexts(Channel channel, Instant now) {
        return outbox.due(channel, now, 100).stream().map(i -> i.message().markdown()).toList();
    }

    @Test
    void aRowComesBackExactlyAsEnqueued() {
        OutboundMessage card = new OutboundMessage(TG_A, "**Обращение №4** _курсив_ <b>не тег</b>",
                List.of(new Choice("Взять", "take:4"), new Choice("Закрыть", "close:4")), "99", null);
        enqueue(card, T0);

        List<OutboxItem> due = outbox.due(Channel.TELEGRAM, T0, 10);

        assertThat(due).singleElement().satisfies(item -> {
            assertThat(item.message()).isEqualTo(card);
            assertThat(item.attempts()).isZero();
            assertThat(item.createdAt()).isEqualTo(T0);
        });
    }

    @Test
    void dueRowsAreThoseOfTheChannelInEnqueueOrderUpToTheLimit() {
        enqueue(OutboundMessage.of(TG_A, "a1"), T0);
        enqueue(OutboundMessage.of(VK_C, "c1"), T0);
        enqueue(OutboundMessage.of(TG_B, "b1"), T0);
        enqueue(OutboundMessage.of(TG_A, "a2"), T0);

        assertThat(dueTexts(Channel.TELEGRAM, T0)).containsExactly("a1", "b1", "a2");
        assertThat(dueTexts(Channel.VK, T0)).containsExactly("c1");
        assertThat(dueTexts(Channel.CONSOLE, T0)).isEmpty();
        assertThat(outbox.due(Channel.TELEGRAM, T0, 2)).extracting(i -> i.message().markdown()).containsExactly("a1", "b1");
        assertThat(dueTexts(Channel.TELEGRAM, T0.minusMillis(1))).isEmpty();
        assertThat(outbox.pendingCount()).isEqualTo(4);
    }

    @Test
    void aRetriedRowWaitsUntilItsNextAttemptAndKeepsItsPlace() {
        enqueue(OutboundMessage.of(TG_A, "first"), T0);
        enqueue(OutboundMessage.of(TG_A, "second"), T0);
        long first = outbox.due(Channel.TELEGRAM, T0, 10).get(0).id();

        outbox.markRetry(first, "429 Too Many Requests", T0.plusSeconds(5));

        assertThat(dueTexts(Channel.TELEGRAM, T0.plusSeconds(1))).as("held back behind its chat's retry").isEmpty();
        List<OutboxItem> later = outbox.due(Channel.TELEGRAM, T0.plusSeconds(5), 10);
        assertThat(later).extracting(i -> i.message().markdown()).containsExactly("first", "second");
        assertThat(later.get(0).attempts()).isEqualTo(1);
        assertThat(later.get(1).attempts()).isZero();
        assertThat(outbox.pendingCount()).isEqualTo(2);
        assertThat(RawDb.one(dir.resolve("desk.db"), "SELECT last_error FROM outbox WHERE id = " + first))
                .isEqualTo("429 Too Many Requests");
    }

    @Test
    void sentAndFailedRowsAreNeverDueAgain() {
        enqueue(OutboundMessage.of(TG_A, "sent"), T0);
        enqueue(OutboundMessage.of(TG_A, "refused"), T0);
        enqueue(OutboundMessage.of(TG_A, "waiting"), T0);
        List<OutboxItem> due = outbox.due(Channel.TELEGRAM, T0, 10);

        outbox.markSent(due.get(0).id(), List.of("11", "12"), T0.plusSeconds(1));
        outbox.markFailed(due.get(1).id(), "403 bot was blocked by the user", T0.plusSeconds(1));

        assertThat(dueTexts(Channel.TELEGRAM, T0.plusSeconds(3600))).containsExactly("waiting");
        assertThat(outbox.pendingCount()).isEqualTo(1);
        Path db = dir.resolve("desk.db");
        assertThat(RawDb.one(db, "SELECT platform_ids FROM outbox WHERE id = " + due.get(0).id())).isEqualTo("[\"11\",\"12\"]");
        assertThat(RawDb.one(db, "SELECT last_error FROM outbox WHERE id = " + due.get(1).id()))
                .isEqualTo("403 bot was blocked by the user");
    }

    @Test
    void aRetrysDueTimeSurvivesARestartAndTheChatsLaterRowsWaitBehindIt() {
        enqueue(OutboundMessage.of(TG_A, "first"), T0);
        enqueue(OutboundMessage.of(TG_A, "second"), T0);
        enqueue(OutboundMessage.of(TG_B, "other chat"), T0);
        outbox.markRetry(outbox.due(Channel.TELEGRAM, T0, 10).get(0).id(), "500", T0.plusSeconds(30));
        store.close();
        store = TestStores.open(dir.resolve("desk.db"));
        outbox = store.outbox();

        assertThat(dueTexts(Channel.TELEGRAM, T0.plusSeconds(1))).containsExactly("other chat");
        assertThat(dueTexts(Channel.TELEGRAM, T0.plusSeconds(30))).containsExactly("first", "second", "other chat");
    }

    @Test
    void oneChatWithHundredsOfRowsDoesNotHideAnotherInTheFairTake() {
        for (int i = 0; i < 200; i++) {
            enqueue(OutboundMessage.of(TG_A, "flood " + i), T0);
        }
        enqueue(OutboundMessage.of(TG_B, "question"), T0.plusSeconds(1));

        assertThat(outbox.dueRoundRobin(Channel.TELEGRAM, T0.plusSeconds(2), 10, 50))
                .extracting(i -> i.message().markdown()).startsWith("flood 0", "question").hasSize(11);
    }

    @Test
    void rowsSurviveARestartUntilMarkedSent() {
        enqueue(OutboundMessage.of(TG_A, "не успели отправить"), T0);
        store.close();
        store = TestStores.open(dir.resolve("desk.db"));

        assertThat(store.outbox().due(Channel.TELEGRAM, T0.plusSeconds(1), 10))
                .extracting(i -> i.message().markdown()).containsExactly("не успели отправить");
    }

    @Test
    void aDocumentSurvivesARestartWithItsBytesAndTheBytesGoOnceSent() {
        byte[] csv = "\uFEFFРаздел;Показатель\r\nИтого;6\r\n".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        enqueue(OutboundMessage.document(TG_A, "Отчёт — _CSV_", new Attachment("report.csv", "text/csv", csv), "m7"), T0);
        store.close();
        store = TestStores.open(dir.resolve("desk.db"));
        outbox = store.outbox();

        OutboxItem item = outbox.due(Channel.TELEGRAM, T0, 10).get(0);
        assertThat(item.message().attachment()).isEqualTo(new Attachment("report.csv", "text/csv", csv));
        assertThat(item.message().markdown()).isEqualTo("Отчёт — _CSV_");
        assertThat(item.message().replyToMessageId()).isEqualTo("m7");

        outbox.markSent(item.id(), List.of("55"), T0);
        assertThat(RawDb.one(dir.resolve("desk.db"), "SELECT count(*) FROM outbox WHERE attachment IS NOT NULL")).isEqualTo("0");
        assertThat(RawDb.one(dir.resolve("desk.db"), "SELECT attachment_name FROM outbox")).isEqualTo("report.csv");
    }

    @Test
    void aTextRowHasNoAttachment() {
        enqueue(OutboundMessage.of(TG_B, "просто текст"), T0);
        assertThat(outbox.due(Channel.TELEGRAM, T0, 10).get(0).message().hasAttachment()).isFalse();
    }

    @Test
    void forgettingThePersonAChatBelongsToTakesAWaitingDocumentToo() {
        long user = store.inTransaction(tx -> tx.upsertUser(new ru.tos.dutydesk.desk.Person(Channel.TELEGRAM, "1", "Нина"), T0)).id();
        enqueue(OutboundMessage.document(TG_A, "Отчёт", new Attachment("report.html", "text/html", "<html>Нина</html>"
                .getBytes(java.nio.charset.StandardCharsets.UTF_8)), null), T0);
        store.inTransaction(tx -> {
            tx.forget(user, T0.plusSeconds(5));
            return null;
        });

        assertThat(outbox.due(Channel.TELEGRAM, T0.plusSeconds(5), 10)).isEmpty();
        assertThat(RawDb.strings(dir.resolve("desk.db"), "SELECT attachment_name FROM outbox")).containsOnlyNulls();
        assertThat(RawDb.one(dir.resolve("desk.db"), "SELECT count(*) FROM outbox WHERE attachment IS NOT NULL")).isEqualTo("0");
    }
}
