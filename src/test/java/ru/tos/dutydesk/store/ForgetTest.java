package ru.tos.dutydesk.store;

import ru.tos.dutydesk.testing.TestStores;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import ru.tos.dutydesk.desk.Address;
import ru.tos.dutydesk.desk.Channel;
import ru.tos.dutydesk.desk.Consultation;
import ru.tos.dutydesk.desk.Direction;
import ru.tos.dutydesk.desk.MarkdownText;
import ru.tos.dutydesk.desk.OutboundMessage;
import ru.tos.dutydesk.desk.Outcome;
import ru.tos.dutydesk.desk.Person;
import ru.tos.dutydesk.desk.ProfileStage;
import ru.tos.dutydesk.desk.Ticket;
import ru.tos.dutydesk.desk.UserRecord;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class ForgetTest {
    private static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");
    private static final String NAME = "Зинаида Перепелкина";
    private static final String QUESTION = "Как зарегистрировать ТОС на улице Перепелиной?";
    private static final Person ZINA = new Person(Channel.TELEGRAM, "555000111", NAME);
    private static final Address ZINA_CHAT = new Address(Channel.TELEGRAM, "555000111");
    private static final Person PETR = new Person(Channel.VK, "42", "Пётр");
    private static final Address PETR_CHAT = new Address(Channel.VK, "42");
    private static final Address CONSULTANTS = new Address(Channel.TELEGRAM, "-100500");

    @TempDir
    Path dir;

    @Test
    void forgetErasesIdentityAndTextsButKeepsWhatIsCounted() throws Exception {
        Path db = dir.resolve("desk.db");
        long zina;
        long petr;
        long consultation;
        try (SqlStore store = TestStores.open(db)) {
            zina = store.inTransaction(tx -> tx.upsertUser(ZINA, T0)).id();
            petr = store.inTransaction(tx -> tx.upsertUser(PETR, T0)).id();
            consultation = store.inTransaction(tx -> {
                tx.saveProfile(zina, "Северный район", "активист ТОС", ProfileStage.DONE);
                long c = tx.openConsultation(zina, Channel.TELEGRAM, QUESTION, T0);
                tx.setTopic(c, "create-registration");
                Ticket t = tx.openTicket(c, zina, ZINA_CHAT, QUESTION, T0);
                tx.addTranscript(zina, c, null, Direction.IN, QUESTION, T0);
                tx.addTranscript(zina, c, t.number(), Direction.CONSULTANT, "Ответ для Перепелкиной", T0.plusSeconds(60));
                tx.settle(c, Outcome.CONSULTANT, T0.plusSeconds(60));
                tx.enqueue(new OutboundMessage(CONSULTANTS, "**Обращение №1** " + NAME + ": " + QUESTION, List.of(), null, t.number()), T0);
                tx.enqueue(OutboundMessage.of(ZINA_CHAT, "Ответ для Перепелкиной"), T0.plusSeconds(60));
                tx.enqueue(OutboundMessage.of(ZINA_CHAT, "Ещё не отправлено: Перепелкина"), T0.plusSeconds(61));

                long pc = tx.openConsultation(petr, Channel.VK, "Про гранты", T0);
                tx.setTopic(pc, "money-grants");
                tx.addTranscript(petr, pc, null, Direction.IN, "Про гранты", T0);
                tx.enqueue(OutboundMessage.of(PETR_CHAT, "Ответ Петру"), T0);
                return c;
            });
            var tg = store.outbox().due(Channel.TELEGRAM, T0.plusSeconds(60), 10);
            store.outbox().markSent(tg.get(0).id(), List.of("900"), T0.plusSeconds(1));
            store.outbox().markSent(tg.get(1).id(), List.of("901"), T0.plusSeconds(61));
            // a follow-up threaded under her card
            store.inTransaction(tx -> {
                tx.enqueue(new OutboundMessage(CONSULTANTS, "Дополнение от " + NAME + ": улица Перепелиная, 5",
                        List.of(), "900", null), T0.plusSeconds(70));
                return null;
            });
            long followUp = store.outbox().due(Channel.TELEGRAM, T0.plusSeconds(70), 10).stream()
                    .filter(i -> "900".equals(i.message().replyToMessageId())).findFirst().orElseThrow().id();
            store.outbox().markSent(followUp, List.of("902"), T0.plusSeconds(71));

            // what quotes her without being threaded under a sent card: a /queue listing, a follow-up queued
            // before her card went out, and another resident's card that must stay
            store.inTransaction(tx -> {
                long c2 = tx.openConsultation(zina, Channel.TELEGRAM, "Дом 5 на улице Перепелиной, подъезд 2", T0.plusSeconds(80));
                tx.addTranscript(zina, c2, null, Direction.IN, "Дом 5 на улице Перепелиной, подъезд 2", T0.plusSeconds(80));
                tx.enqueue(new OutboundMessage(CONSULTANTS, "Дополнение к обращению: Дом 5 на улице Перепелиной, подъезд 2",
                        List.of(), null, null), T0.plusSeconds(80));
                tx.enqueue(new OutboundMessage(CONSULTANTS, "**Обращение №7** Пётр: Про гранты для нашего ТОС в районе",
                        List.of(), null, null), T0.plusSeconds(80));
                tx.enqueue(new OutboundMessage(CONSULTANTS, "**Открытые обращения:**\n\n- №1 · Telegram · ждёт · с 12:00: "
                        + MarkdownText.literal(QUESTION), List.of(), "77", null), T0.plusSeconds(81));
                return null;
            });
            long queueListing = store.outbox().due(Channel.TELEGRAM, T0.plusSeconds(81), 10).stream()
                    .filter(i -> "77".equals(i.message().replyToMessageId())).findFirst().orElseThrow().id();
            store.outbox().markSent(queueListing, List.of("903"), T0.plusSeconds(82));

            store.inTransaction(tx -> {
                tx.forget(zina, T0.plusSeconds(3600));
                tx.enqueue(OutboundMessage.of(ZINA_CHAT, "Ваши данные удалены."), T0.plusSeconds(3600));
                return null;
            });

            UserRecord gone = store.<Optional<UserRecord>>inTransaction(tx -> tx.user(zina)).orElseThrow();
            assertThat(gone.platformUserId()).startsWith("forgotten:").doesNotContain("555000111");
            assertThat(gone.displayName()).isNull();
            assertThat(gone.district()).isNull();
            assertThat(gone.role()).isNull();
            // the anonymous consultation is still counted under her district and kind of participant
            assertThat(store.reportSource().consultations(T0, T0.plusSeconds(1)))
                    .extracting(f -> f.userId() + " " + f.district() + " " + f.role())
                    .containsExactlyInAnyOrder(zina + " Северный район активист ТОС", petr + " null null");

            Consultation kept = store.<Optional<Consultation>>inTransaction(tx -> tx.consultation(consultation)).orElseThrow();
            assertThat(kept).isEqualTo(new Consultation(consultation, zina, Channel.TELEGRAM, null, "create-registration",
                    Outcome.CONSULTANT, false, T0, T0.plusSeconds(60)));
            Ticket ticket = store.<Optional<Ticket>>inTransaction(tx -> tx.ticket(1)).orElseThrow();
            assertThat(ticket.question()).isNull();
            assertThat(ticket.createdAt()).isEqualTo(T0);
            // the card still leads to the (now anonymous) ticket
            assertThat(store.<Optional<Ticket>>inTransaction(tx -> tx.ticketByCard(CONSULTANTS, "900"))).isPresent();

            // only the confirmation written after forget is still to be delivered to her
            assertThat(store.outbox().due(Channel.TELEGRAM, T0.plusSeconds(3600), 10))
                    .filteredOn(i -> !i.message().to().equals(CONSULTANTS))
                    .extracting(i -> i.message().markdown()).containsExactly("Ваши данные удалены.");

            assertThat(RawDb.one(db, "SELECT markdown FROM outbox WHERE id = " + queueListing)).isEmpty();
            assertThat(RawDb.strings(db, "SELECT markdown FROM outbox WHERE chat_id = '-100500'"))
                    .as("another resident's card in the consultants' chat keeps its text")
                    .contains("**Обращение №7** Пётр: Про гранты для нашего ТОС в районе")
                    .noneMatch(md -> md.contains("Перепел"));

            // Пётр is untouched
            UserRecord other = store.<Optional<UserRecord>>inTransaction(tx -> tx.user(petr)).orElseThrow();
            assertThat(other.displayName()).isEqualTo("Пётр");
            assertThat(store.outbox().due(Channel.VK, T0, 10)).extracting(i -> i.message().markdown()).containsExactly("Ответ Петру");

            // writing again later makes a fresh, unlinked user
            long returning = store.inTransaction(tx -> tx.upsertUser(ZINA, T0.plusSeconds(7200))).id();
            assertThat(returning).isNotEqualTo(zina);
            assertThat(store.<Optional<UserRecord>>inTransaction(tx -> tx.user(returning)).orElseThrow().profileStage())
                    .isEqualTo(ProfileStage.NOT_ASKED);
            assertThat(RawDb.strings(db, "SELECT markdown FROM outbox WHERE chat_id = '555000111'"))
                    .containsExactly("Ваши данные удалены.");
            // forgetting again also takes the confirmation sent to that chat
            store.inTransaction(tx -> {
                tx.forget(returning, T0.plusSeconds(7300));
                return null;
            });
        }

        assertThat(RawDb.one(db, "SELECT count(*) FROM transcript WHERE user_id = " + zina)).isEqualTo("3");
        assertThat(RawDb.strings(db, "SELECT text FROM transcript WHERE user_id = " + zina)).containsOnlyNulls();
        assertThat(RawDb.strings(db, "SELECT text FROM transcript WHERE user_id = " + petr)).containsExactly("Про гранты");
        assertThat(RawDb.one(db, "SELECT count(*) FROM consultations")).isEqualTo("3");
        assertThat(RawDb.strings(db, "SELECT question FROM consultations WHERE user_id = " + petr)).containsExactly("Про гранты");
        assertThat(RawDb.one(db, "SELECT count(*) FROM users")).isEqualTo("3");

        if (TestStores.onPostgres()) {
            return; // PostgreSQL keeps old row versions until VACUUM: the file check is SQLite's (secure_delete)
        }
        // nothing of hers is left anywhere in the file, not even in freed space
        String everything = new String(Files.readAllBytes(db), StandardCharsets.UTF_8);
        assertThat(everything).doesNotContain("Перепелк").doesNotContain("555000111").doesNotContain("Перепелиной");
        assertThat(everything).contains("Пётр");
    }
}
