package ru.tos.dutydesk.store;

import ru.tos.dutydesk.testing.TestStores;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import ru.tos.dutydesk.desk.Address;
import ru.tos.dutydesk.desk.Channel;
import ru.tos.dutydesk.desk.Consultation;
import ru.tos.dutydesk.desk.DeskTransaction;
import ru.tos.dutydesk.desk.Direction;
import ru.tos.dutydesk.desk.OutboundMessage;
import ru.tos.dutydesk.desk.Outcome;
import ru.tos.dutydesk.desk.Person;
import ru.tos.dutydesk.desk.ProfileStage;
import ru.tos.dutydesk.desk.Ticket;
import ru.tos.dutydesk.desk.TicketState;
import ru.tos.dutydesk.desk.UserRecord;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SqlDeskTransactionTest {
    private static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");
    private static final Person ANNA = new Person(Channel.TELEGRAM, "1001", "Анна");
    private static final Address ANNA_CHAT = new Address(Channel.TELEGRAM, "1001");
    private static final Address CONSULTANTS = new Address(Channel.TELEGRAM, "-100500");

    @TempDir
    Path dir;
    SqlStore store;

    @BeforeEach
    void open() {
        store = TestStores.open(dir.resolve("desk.db"));
    }

    @AfterEach
    void close() {
        store.close();
    }

    private <T> T tx(Function<DeskTransaction, T> work) {
        return store.inTransaction(work);
    }

    private void run(Consumer<DeskTransaction> work) {
        store.inTransaction(tx -> {
            work.accept(tx);
            return null;
        });
    }

    @Test
    void aRepeatedUpdateKeyIsRecognisedAcrossTransactionsUntilPruned() {
        assertThat(this.<Boolean>tx(t -> t.recordUpdate("telegram:7", T0))).isTrue();
        assertThat(this.<Boolean>tx(t -> t.recordUpdate("telegram:7", T0.plusSeconds(5)))).isFalse();
        assertThat(this.<Boolean>tx(t -> t.recordUpdate("vk:7", T0))).isTrue();
        assertThat(this.<Boolean>tx(t -> t.recordUpdate("telegram:8", T0.plus(Duration.ofDays(2))))).isTrue();

        int pruned = store.pruneUpdates(T0.plus(Duration.ofDays(1)));

        assertThat(pruned).isEqualTo(2);
        assertThat(this.<Boolean>tx(t -> t.recordUpdate("telegram:7", T0.plus(Duration.ofDays(3))))).isTrue();
        assertThat(this.<Boolean>tx(t -> t.recordUpdate("telegram:8", T0.plus(Duration.ofDays(3))))).isFalse();
    }

    @Test
    void aUserIsOnePerPlatformAccountAndKeepsTheLatestName() {
        UserRecord first = tx(t -> t.upsertUser(ANNA, T0));
        UserRecord renamed = tx(t -> t.upsertUser(new Person(Channel.TELEGRAM, "1001", "Анна Петровна"), T0.plusSeconds(60)));
        UserRecord sameIdOnVk = tx(t -> t.upsertUser(new Person(Channel.VK, "1001", "Анна из ВК"), T0));

        assertThat(renamed.id()).isEqualTo(first.id());
        assertThat(renamed.displayName()).isEqualTo("Анна Петровна");
        assertThat(first.profileStage()).isEqualTo(ProfileStage.NOT_ASKED);
        assertThat(sameIdOnVk.id()).isNotEqualTo(first.id());
        assertThat(sameIdOnVk.channel()).isEqualTo(Channel.VK);
        assertThat(RawDb.one(dir.resolve("desk.db"), "SELECT count(*) FROM users")).isEqualTo("2");
    }

    @Test
    void theProfileIsSavedAndSurvivesAReturningUser() {
        long id = tx(t -> t.upsertUser(ANNA, T0)).id();
        run(t -> t.saveProfile(id, "Заречный район", "председатель ТОС", ProfileStage.DONE));

        UserRecord back = tx(t -> t.upsertUser(ANNA, T0.plusSeconds(3600)));

        assertThat(back.district()).isEqualTo("Заречный район");
        assertThat(back.role()).isEqualTo("председатель ТОС");
        assertThat(back.profileStage()).isEqualTo(ProfileStage.DONE);
        assertThat(this.<Optional<UserRecord>>tx(t -> t.user(id))).contains(back);
        assertThat(this.<Optional<UserRecord>>tx(t -> t.user(id + 100))).isEmpty();
    }

    @Test
    void aConsultationGoesFromPendingToSettled() {
        long user = tx(t -> t.upsertUser(ANNA, T0)).id();
        long older = tx(t -> t.openConsultation(user, Channel.TELEGRAM, "Как создать ТОС?", T0));
        long newer = tx(t -> t.openConsultation(user, Channel.TELEGRAM, "Где взять деньги на проект?", T0.plusSeconds(10)));

        assertThat(this.<Optional<Consultation>>tx(t -> t.pendingConsultationOf(user)).orElseThrow().id()).isEqualTo(newer);

        run(t -> {
            t.setTopic(newer, "money-grants");
            t.settle(newer, Outcome.BOT, T0.plusSeconds(11));
            t.markUnhelpful(newer, true);
        });

        Consultation settled = this.<Optional<Consultation>>tx(t -> t.consultation(newer)).orElseThrow();
        assertThat(settled).isEqualTo(new Consultation(newer, user, Channel.TELEGRAM, "Где взять деньги на проект?",
                "money-grants", Outcome.BOT,
                true, T0.plusSeconds(10), T0.plusSeconds(11)));
        assertThat(this.<Optional<Consultation>>tx(t -> t.pendingConsultationOf(user)).orElseThrow().id()).isEqualTo(older);

        run(t -> t.settle(older, Outcome.UNANSWERED, T0.plusSeconds(99)));
        assertThat(this.<Optional<Consultation>>tx(t -> t.pendingConsultationOf(user))).isEmpty();
    }

    @Test
    void ticketsAreNumberedOneTwoThreeAndGoThroughTheirStates() {
        long anna = tx(t -> t.upsertUser(ANNA, T0)).id();
        long boris = tx(t -> t.upsertUser(new Person(Channel.VK, "77", "Борис"), T0)).id();
        Ticket first = tx(t -> t.openTicket(t.openConsultation(anna, Channel.TELEGRAM, null, T0), anna, ANNA_CHAT,
                "Нужна ли печать?", T0));
        Ticket second = tx(t -> t.openTicket(t.openConsultation(boris, Channel.VK, null, T0), boris,
                new Address(Channel.VK, "77"), "Где взять грант?", T0.plusSeconds(30)));

        assertThat(first.number()).isEqualTo(1);
        assertThat(second.number()).isEqualTo(2);
        assertThat(first.state()).isEqualTo(TicketState.OPEN);
        assertThat(first.residentChat()).isEqualTo(ANNA_CHAT);
        assertThat(first.question()).isEqualTo("Нужна ли печать?");
        assertThat(first.createdAt()).isEqualTo(T0);
        assertThat(first.lastActivityAt()).isEqualTo(T0);
        assertThat(first.firstResponseAt()).isNull();
        assertThat(this.<List<Ticket>>tx(DeskTransaction::activeTickets)).extracting(Ticket::number).containsExactly(1L, 2L);
        assertThat(this.<Optional<Ticket>>tx(t -> t.activeTicketOf(anna))).contains(first);

        run(t -> {
            t.updateTicket(1, TicketState.TAKEN, "Ольга", T0.plusSeconds(60));
            t.setLastAnnounced(1, T0.plusSeconds(61));
            t.setFirstResponse(1, T0.plusSeconds(120));
            t.updateTicket(1, TicketState.ANSWERED, "Ольга", T0.plusSeconds(120));
            t.setFirstResponse(1, T0.plusSeconds(500)); // a second answer is not a first response
            t.setDeliveryProblem(1, "пользователь запретил сообщения");
        });
        Ticket answered = this.<Optional<Ticket>>tx(t -> t.ticket(1)).orElseThrow();
        assertThat(answered.state()).isEqualTo(TicketState.ANSWERED);
        assertThat(answered.takenBy()).isEqualTo("Ольга");
        assertThat(answered.firstResponseAt()).isEqualTo(T0.plusSeconds(120));
        assertThat(answered.lastAnnouncedAt()).isEqualTo(T0.plusSeconds(61));
        assertThat(answered.deliveryProblem()).isEqualTo("пользователь запретил сообщения");

        // closed by the resident's "thanks": nobody named, the consultant who took it stays on record
        run(t -> t.updateTicket(1, TicketState.CLOSED, null, T0.plusSeconds(900)));
        Ticket closed = this.<Optional<Ticket>>tx(t -> t.ticket(1)).orElseThrow();
        assertThat(closed.state()).isEqualTo(TicketState.CLOSED);
        assertThat(closed.takenBy()).isEqualTo("Ольга");
        assertThat(closed.lastActivityAt()).isEqualTo(T0.plusSeconds(900));
        assertThat(this.<Optional<Ticket>>tx(t -> t.activeTicketOf(anna))).isEmpty();
        assertThat(this.<List<Ticket>>tx(DeskTransaction::activeTickets)).extracting(Ticket::number).containsExactly(2L);
        assertThat(this.<Optional<Ticket>>tx(t -> t.ticket(3))).isEmpty();

        // the chat's latest ticket is found even when closed (a delivery problem may surface late)
        assertThat(this.<Optional<Ticket>>tx(t -> t.latestTicketAt(ANNA_CHAT))).map(Ticket::number).contains(1L);

        Ticket third = tx(t -> t.openTicket(t.openConsultation(anna, Channel.TELEGRAM, null, T0), anna, ANNA_CHAT,
                "И ещё вопрос", T0.plusSeconds(1000)));
        assertThat(third.number()).isEqualTo(3);
        assertThat(this.<Optional<Ticket>>tx(t -> t.latestTicketAt(ANNA_CHAT))).map(Ticket::number).contains(3L);
        assertThat(this.<Optional<Ticket>>tx(t -> t.latestTicketAt(new Address(Channel.VK, "1001")))).isEmpty();
    }

    @Test
    void aConsultantsReplyToACardFindsItsTicketOnceTheCardIsMarkedSent() {
        long anna = tx(t -> t.upsertUser(ANNA, T0)).id();
        Ticket ticket = tx(t -> t.openTicket(t.openConsultation(anna, Channel.TELEGRAM, null, T0), anna, ANNA_CHAT, "?", T0));
        run(t -> {
            t.enqueue(OutboundMessage.of(ANNA_CHAT, "Передала консультанту"), T0);
            t.enqueue(new OutboundMessage(CONSULTANTS, "**Обращение №1**", List.of(), null, ticket.number()), T0);
        });

        assertThat(this.<Optional<Ticket>>tx(t -> t.ticketByCard(CONSULTANTS, "501"))).isEmpty();
        var due = store.outbox().due(Channel.TELEGRAM, T0, 10);
        assertThat(due).hasSize(2);
        store.outbox().markSent(due.get(0).id(), List.of("501"), T0.plusSeconds(1)); // the reply to Анна, same id by chance
        store.outbox().markSent(due.get(1).id(), List.of("501", "502"), T0.plusSeconds(1));

        assertThat(this.<Optional<Ticket>>tx(t -> t.ticketByCard(CONSULTANTS, "501"))).map(Ticket::number).contains(1L);
        // the second part of a split card leads to the ticket too
        assertThat(this.<Optional<Ticket>>tx(t -> t.ticketByCard(CONSULTANTS, "502"))).map(Ticket::number).contains(1L);
        assertThat(this.<Optional<Ticket>>tx(t -> t.ticketByCard(ANNA_CHAT, "501"))).isEmpty();
        assertThat(this.<Optional<String>>tx(t -> t.cardMessageId(1))).contains("501");

        // a re-announcement is a card too: replies to either find the ticket, follow-ups thread under the newest
        run(t -> t.enqueue(new OutboundMessage(CONSULTANTS, "⏰ №1", List.of(), "501", 1L), T0.plusSeconds(3600)));
        var again = store.outbox().due(Channel.TELEGRAM, T0.plusSeconds(3600), 10);
        store.outbox().markSent(again.get(0).id(), List.of("777"), T0.plusSeconds(3601));

        assertThat(this.<Optional<Ticket>>tx(t -> t.ticketByCard(CONSULTANTS, "777"))).map(Ticket::number).contains(1L);
        assertThat(this.<Optional<Ticket>>tx(t -> t.ticketByCard(CONSULTANTS, "501"))).map(Ticket::number).contains(1L);
        assertThat(this.<Optional<String>>tx(t -> t.cardMessageId(1))).contains("777");
    }

    @Test
    void aRolledBackTransactionLeavesNothingBehindNotEvenTheUpdateKey() {
        Path db = dir.resolve("desk.db");
        AtomicLong userId = new AtomicLong();
        IllegalStateException boom = new IllegalStateException("решение не удалось");

        assertThatThrownBy(() -> run(t -> {
            assertThat(t.recordUpdate("telegram:55", T0)).isTrue();
            long user = t.upsertUser(ANNA, T0).id();
            userId.set(user);
            long consultation = t.openConsultation(user, Channel.TELEGRAM, null, T0);
            Ticket ticket = t.openTicket(consultation, user, ANNA_CHAT, "вопрос", T0);
            t.addTranscript(user, consultation, ticket.number(), Direction.IN, "вопрос", T0);
            t.enqueue(OutboundMessage.of(ANNA_CHAT, "ответ"), T0);
            throw boom;
        })).isSameAs(boom);

        assertThat(store.outbox().pendingCount()).isZero();
        assertThat(this.<Optional<UserRecord>>tx(t -> t.user(userId.get()))).isEmpty();
        for (String table : List.of("users", "consultations", "tickets", "transcript", "outbox", "processed_updates")) {
            assertThat(RawDb.one(db, "SELECT count(*) FROM " + table)).as(table).isEqualTo("0");
        }
        // the redelivered update is handled as new
        assertThat(this.<Boolean>tx(t -> t.recordUpdate("telegram:55", T0))).isTrue();
        // nor was a ticket number used up by the failed attempt on SQLite; a PostgreSQL sequence is not rolled back
        // (numbers stay unique and rising, with a gap after a failed transaction)
        long user = tx(t -> t.upsertUser(ANNA, T0)).id();
        assertThat(tx(t -> t.openTicket(t.openConsultation(user, Channel.TELEGRAM, null, T0), user, ANNA_CHAT, "?", T0))
                .number()).isEqualTo(TestStores.onPostgres() ? 2 : 1);
    }

    @Test
    void aStoreErrorInsideTheWorkRollsBackAndSurfacesAsStoreException() {
        assertThatThrownBy(() -> run(t -> {
            t.recordUpdate("telegram:56", T0);
            t.openConsultation(424242, Channel.TELEGRAM, null, T0); // no such user: foreign key refuses
        })).isInstanceOf(StoreException.class).satisfies(e -> assertThat(e.getMessage()).containsIgnoringCase("foreign key"));

        assertThat(this.<Boolean>tx(t -> t.recordUpdate("telegram:56", T0))).isTrue();
    }

    @Test
    void aTransactionObjectKeptPastItsCommitCannotWrite() {
        AtomicReference<DeskTransaction> leaked = new AtomicReference<>();
        run(leaked::set);
        assertThatThrownBy(() -> leaked.get().recordUpdate("telegram:57", T0)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aSenderOnAnotherThreadNeverSeesRowsOfATransactionThatLaterRollsBack() throws Exception {
        AtomicInteger seenBySender = new AtomicInteger(-1);
        Thread sender = new Thread(() -> seenBySender.set(store.outbox().pendingCount()));

        assertThatThrownBy(() -> run(t -> {
            t.enqueue(OutboundMessage.of(ANNA_CHAT, "черновик"), T0);
            sender.start();
            awaitBlocked(sender);
            throw new IllegalStateException("передумали");
        })).hasMessage("передумали");

        sender.join(10_000);
        assertThat(seenBySender.get()).isZero();
    }

    private static void awaitBlocked(Thread t) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (t.getState() != Thread.State.WAITING && t.getState() != Thread.State.BLOCKED
                && t.getState() != Thread.State.TERMINATED && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
    }

    @Test
    void aDeskTransactionInsideAnotherIsRefused() {
        assertThatThrownBy(() -> run(t -> store.inTransaction(inner -> inner.recordUpdate("telegram:58", T0))))
                .isInstanceOf(IllegalStateException.class);
        assertThat(this.<Boolean>tx(t -> t.recordUpdate("telegram:58", T0))).isTrue();
    }

    @Test
    void cursorsAreSavedAndOverwritten() {
        assertThat(store.load("vk")).isEmpty();
        store.save("vk", "100");
        store.save("vk", "101");
        assertThat(store.load("vk")).contains("101");
    }
}
