package ru.tos.dutydesk.store;

import ru.tos.dutydesk.testing.TestStores;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import ru.tos.dutydesk.desk.Address;
import ru.tos.dutydesk.desk.Channel;
import ru.tos.dutydesk.desk.OutboundMessage;
import ru.tos.dutydesk.desk.Person;
import ru.tos.dutydesk.desk.Ticket;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** Every post the desk makes for a ticket in the consultants' chat leads back to it when a consultant replies. */
class TicketPostsTest {
    private static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");
    private static final Address CONSULTANTS = new Address(Channel.TELEGRAM, "-100500");
    private static final Address ANNA = new Address(Channel.TELEGRAM, "1001");

    @TempDir
    Path dir;

    @Test
    void repliesToAnyPartOfASplitCardAndToPostsThreadedUnderItFindTheTicket() {
        try (SqlStore store = TestStores.open(dir.resolve("desk.db"))) {
            long ticket = store.inTransaction(tx -> {
                long user = tx.upsertUser(new Person(Channel.TELEGRAM, "1001", "Анна"), T0).id();
                long c = tx.openConsultation(user, Channel.TELEGRAM, "вопрос", T0);
                Ticket t = tx.openTicket(c, user, ANNA, "вопрос", T0);
                tx.enqueue(new OutboundMessage(CONSULTANTS, "**Обращение №1** длинное", List.of(), null, t.number()), T0);
                tx.enqueue(OutboundMessage.of(CONSULTANTS, "посторонний пост"), T0);
                return t.number();
            });
            var due = store.outbox().due(Channel.TELEGRAM, T0, 10);
            store.outbox().markSent(due.get(0).id(), List.of("c1", "c2", "c3"), T0.plusSeconds(1));
            store.outbox().markSent(due.get(1).id(), List.of("x1"), T0.plusSeconds(1));
            // a follow-up threaded under the card, then a post threaded under the follow-up
            store.inTransaction(tx -> {
                tx.enqueue(new OutboundMessage(CONSULTANTS, "Дополнение", List.of(), tx.cardMessageId(ticket).orElseThrow(), null),
                        T0.plusSeconds(2));
                return null;
            });
            store.outbox().markSent(store.outbox().due(Channel.TELEGRAM, T0.plusSeconds(2), 10).get(0).id(), List.of("f1"), T0.plusSeconds(3));
            store.inTransaction(tx -> {
                tx.enqueue(new OutboundMessage(CONSULTANTS, "Ответ отправлен", List.of(), "f1", null), T0.plusSeconds(4));
                return null;
            });
            store.outbox().markSent(store.outbox().due(Channel.TELEGRAM, T0.plusSeconds(4), 10).get(0).id(), List.of("a1"), T0.plusSeconds(5));

            for (String post : List.of("c1", "c2", "c3", "f1", "a1")) {
                assertThat(store.<Optional<Ticket>>inTransaction(tx -> tx.ticketByCard(CONSULTANTS, post)))
                        .as("reply to " + post).map(Ticket::number).contains(ticket);
            }
            assertThat(store.<Optional<Ticket>>inTransaction(tx -> tx.ticketByCard(CONSULTANTS, "x1"))).isEmpty();
            assertThat(store.<Optional<Ticket>>inTransaction(tx -> tx.ticketByCard(ANNA, "c2"))).as("another chat").isEmpty();
            assertThat(store.<Optional<String>>inTransaction(tx -> tx.cardMessageId(ticket)))
                    .as("follow-ups still thread under the card's first part").contains("c1");
        }
    }

    @Test
    void aFollowUpPostQueuedBeforeTheCardLandedIsThreadedUnderItWhenDueAndEveryPartOfItFindsTheTicket() {
        try (SqlStore store = TestStores.open(dir.resolve("desk.db"))) {
            long ticket = store.inTransaction(tx -> {
                long user = tx.upsertUser(new Person(Channel.TELEGRAM, "1001", "Анна"), T0).id();
                long c = tx.openConsultation(user, Channel.TELEGRAM, "вопрос", T0);
                Ticket t = tx.openTicket(c, user, ANNA, "вопрос", T0);
                tx.enqueue(new OutboundMessage(CONSULTANTS, "**Обращение №1**", List.of(), null, t.number()), T0);
                // the card has not landed: the follow-ups cannot name it yet
                tx.enqueueFollowUps(OutboundMessage.of(CONSULTANTS, "Дополнение: > первое"), t.number(), 1, "> первое", T0, T0);
                var queued = tx.latestFollowUps(CONSULTANTS, t.number()).orElseThrow();
                assertThat(queued.open()).isTrue();
                tx.regroupFollowUps(queued.rowId(), "Дополнения (2): > первое > второе", 2, "> первое\n\n> второе");
                return t.number();
            });
            var due = store.outbox().due(Channel.TELEGRAM, T0, 10);
            assertThat(due).hasSize(2);
            store.outbox().markSent(due.get(0).id(), List.of("c1"), T0.plusSeconds(1));
            var followUps = store.outbox().due(Channel.TELEGRAM, T0.plusSeconds(1), 10).get(0);
            assertThat(followUps.message().markdown()).isEqualTo("Дополнения (2): > первое > второе");
            assertThat(followUps.message().replyToMessageId()).as("threaded under the card once it landed").isEqualTo("c1");
            store.outbox().markSent(followUps.id(), List.of("f1", "f2"), T0.plusSeconds(2)); // split in two

            for (String post : List.of("f1", "f2")) {
                assertThat(store.<Optional<Ticket>>inTransaction(tx -> tx.ticketByCard(CONSULTANTS, post)))
                        .as("reply to " + post).map(Ticket::number).contains(ticket);
            }
            assertThat(store.<Boolean>inTransaction(tx -> tx.latestFollowUps(CONSULTANTS, ticket).orElseThrow().open()))
                    .as("a sent post takes no more").isFalse();
        }
    }

    @Test
    void aCardEditWrittenBeforeTheCardLeftFindsEveryPartOfItWhenDueAndIsNotItselfAPost() {
        try (SqlStore store = TestStores.open(dir.resolve("desk.db"))) {
            long ticket = store.inTransaction(tx -> {
                long user = tx.upsertUser(new Person(Channel.TELEGRAM, "1001", "Анна"), T0).id();
                long c = tx.openConsultation(user, Channel.TELEGRAM, "вопрос", T0);
                Ticket t = tx.openTicket(c, user, ANNA, "вопрос", T0);
                tx.enqueue(new OutboundMessage(CONSULTANTS, "**Обращение №1** длинное", List.of(), null, t.number()), T0);
                // taken at once, while the card still waits in the outbox
                tx.enqueue(OutboundMessage.cardEdit(CONSULTANTS, t.number(), "**Обращение №1** длинное\n\nВзял(а): Ольга",
                        "Взял(а): Ольга", List.of()), T0);
                assertThat(tx.cardText(t.number())).contains("**Обращение №1** длинное");
                return t.number();
            });
            var due = store.outbox().due(Channel.TELEGRAM, T0, 10);
            assertThat(due).hasSize(2);
            assertThat(due.get(1).message().edit().posts()).as("the card has not landed yet").isEmpty();
            store.outbox().markSent(due.get(0).id(), List.of("c1", "c2"), T0.plusSeconds(1));

            var edit = store.outbox().due(Channel.TELEGRAM, T0.plusSeconds(1), 10).get(0);
            assertThat(edit.message().isEdit()).isTrue();
            assertThat(edit.message().edit().posts()).containsExactly(List.of("c1", "c2"));
            assertThat(edit.message().edit().status()).isEqualTo("Взял(а): Ольга");
            store.outbox().markSent(edit.id(), List.of("c1", "c2"), T0.plusSeconds(2));

            assertThat(store.<Optional<String>>inTransaction(tx -> tx.cardMessageId(ticket))).contains("c1");
            assertThat(store.<Optional<String>>inTransaction(tx -> tx.cardText(ticket)))
                    .as("an edit does not become the card's text").contains("**Обращение №1** длинное");
        }
    }
}
