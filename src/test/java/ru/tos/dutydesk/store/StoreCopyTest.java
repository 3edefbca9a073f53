package ru.tos.dutydesk.store;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import ru.tos.dutydesk.desk.Address;
import ru.tos.dutydesk.desk.Attachment;
import ru.tos.dutydesk.desk.Channel;
import ru.tos.dutydesk.desk.Direction;
import ru.tos.dutydesk.desk.LearningCase;
import ru.tos.dutydesk.desk.OutboundMessage;
import ru.tos.dutydesk.desk.Outcome;
import ru.tos.dutydesk.desk.Person;
import ru.tos.dutydesk.desk.ProfileStage;
import ru.tos.dutydesk.desk.Ticket;
import ru.tos.dutydesk.knowledge.KnowledgeBase;
import ru.tos.dutydesk.knowledge.Synonyms;
import ru.tos.dutydesk.report.Report;
import ru.tos.dutydesk.report.ReportBuilder;
import ru.tos.dutydesk.report.ReportPeriod;
import ru.tos.dutydesk.report.TopicTitles;
import ru.tos.dutydesk.testing.TestPostgres;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * An SQLite desk moved to PostgreSQL: the source is always an SQLite file and the target always the test PostgreSQL,
 * so the class behaves the same in both surefire runs.
 */
class StoreCopyTest {
    private static final Instant T0 = Instant.parse("2026-11-25T09:00:00Z");
    private static final Person ANNA = new Person(Channel.TELEGRAM, "810001", "Анна Приозёрная");
    private static final Person BORIS = new Person(Channel.VK, "810002", "Борис Заречный");
    private static final Person VERA = new Person(Channel.TELEGRAM, "810003", "Вера Луговая");
    private static final Person GLEB = new Person(Channel.VK, "810004", "Глеб Ольховский");
    private static final Address CONSULTANTS = new Address(Channel.TELEGRAM, "-100500");
    /** A report's bytes with what text columns could not hold: a zero byte and bytes that are not UTF-8. */
    private static final byte[] REPORT_BYTES = {'a', ';', 0, (byte) 0xFF, (byte) 0xFE, '\n'};
    private static final List<String> ALL_TABLES = List.of("users", "consultations", "tickets", "ticket_cards",
            "transcript", "processed_updates", "channel_cursors", "outbox", "desk_marks", "flood_ignored",
            "learning_cases", "event_registrations", "slot_bookings", "event_reminders", "event_subscribers",
            "link_codes", "person_links");

    @TempDir
    Path dir;

    @Test
    void a_desk_with_activity_arrives_whole_and_goes_on_numbering_where_it_stopped() throws Exception {
        Path file = dir.resolve("desk.db");
        try (SqlStore store = SqlStore.open(file)) {
            fill(store);
            // more rows than one batch holds: a month of updates from the channels
            store.inTransaction(tx -> {
                for (int i = 0; i < 1234; i++) {
                    tx.recordUpdate("vk:" + i, T0.plusSeconds(i));
                }
                return null;
            });
        }
        // the last ticket was deleted on the file: SQLite's counter still remembers its number
        long deletedTicket = Long.parseLong(sqlite(file, "SELECT max(number) FROM tickets"));
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); var st = c.createStatement()) {
            st.execute("DELETE FROM tickets WHERE number = " + deletedTicket);
        }
        for (String table : ALL_TABLES) {
            assertThat(Long.parseLong(sqlite(file, "SELECT count(*) FROM " + table))).as("rows of %s in the file", table).isPositive();
        }
        String url = TestPostgres.shared().newDatabase();

        StoreCopy.Result result = StoreCopy.copy(file, new DatabaseLocation.Postgres(url), DatabaseLogin.none());

        assertThat(result.committed()).isTrue();
        assertThat(result.lines()).allMatch(StoreCopy.Line::matches);
        assertThat(postgres(url, "SELECT count(*) FROM processed_updates")).isEqualTo("1235");
        for (String table : ALL_TABLES) {
            assertThat(postgres(url, "SELECT count(*) FROM " + table)).as("rows of %s", table)
                    .isEqualTo(sqlite(file, "SELECT count(*) FROM " + table));
        }
        assertThat(postgres(url, "SELECT encode(attachment, 'hex') FROM outbox WHERE attachment IS NOT NULL"))
                .isEqualTo("613b00fffe0a");
        // the forgotten stay forgotten, NULLs stay NULL
        assertThat(postgres(url, "SELECT count(*) FROM users WHERE forgotten_at IS NOT NULL AND display_name IS NULL"))
                .isEqualTo("1");
        assertThat(postgres(url, "SELECT count(*) FROM consultations WHERE settled_at IS NULL"))
                .isEqualTo(sqlite(file, "SELECT count(*) FROM consultations WHERE settled_at IS NULL")).isNotEqualTo("0");

        ReportPeriod november = new ReportPeriod(LocalDate.of(2026, 11, 1), LocalDate.of(2026, 11, 30), ZoneId.of("Europe/Moscow"));
        Report onFile;
        try (SqlStore store = SqlStore.openShared(file)) {
            onFile = report(store, november);
        }
        try (SqlStore moved = SqlStore.open(new DatabaseLocation.Postgres(url), DatabaseLogin.none(), false)) {
            assertThat(report(moved, november)).isEqualTo(onFile);
            // the figures compared are not empty ones: four consultations (the excluded one apart) of three people,
            // Anna and Boris being one person with two linked accounts
            assertThat(onFile.consultations()).isEqualTo(4);
            assertThat(onFile.participants()).isEqualTo(3);
            assertThat(onFile.excluded()).hasSize(1);

            long annaId = Long.parseLong(postgres(url, "SELECT id FROM users WHERE platform_user_id = '810001'"));
            long consultation = moved.inTransaction(tx -> tx.openConsultation(annaId, Channel.TELEGRAM, "ещё вопрос", T0.plusSeconds(9000)));
            Ticket next = moved.inTransaction(tx -> tx.openTicket(consultation, annaId, new Address(Channel.TELEGRAM, "810001"),
                    "ещё вопрос", T0.plusSeconds(9000)));
            assertThat(next.number()).isEqualTo(deletedTicket + 1);
            assertThat(consultation).isEqualTo(Long.parseLong(sqlite(file, "SELECT max(id) FROM consultations")) + 1);
        }
    }

    @Test
    void a_target_with_rows_is_refused_and_left_as_it_was() throws Exception {
        Path file = dir.resolve("desk.db");
        try (SqlStore store = SqlStore.open(file)) {
            fill(store);
        }
        String url = TestPostgres.shared().newDatabase();
        try (SqlStore live = SqlStore.open(new DatabaseLocation.Postgres(url), DatabaseLogin.none(), false)) {
            live.inTransaction(tx -> tx.upsertUser(new Person(Channel.TELEGRAM, "1", "Уже здесь"), T0));
        }

        assertThatThrownBy(() -> StoreCopy.copy(file, new DatabaseLocation.Postgres(url), DatabaseLogin.none()))
                .isInstanceOf(StoreException.class)
                .hasMessageContaining("is not empty (rows in users 1)").hasMessageContaining("never merges");

        assertThat(postgres(url, "SELECT count(*) FROM users")).isEqualTo("1");
        assertThat(postgres(url, "SELECT count(*) FROM consultations")).isEqualTo("0");
    }

    @Test
    void a_running_desk_on_the_file_is_refused_before_postgres_is_touched() throws Exception {
        Path file = dir.resolve("desk.db");
        String url = TestPostgres.shared().newDatabase();
        try (SqlStore running = SqlStore.open(file)) {
            fill(running);
            assertThatThrownBy(() -> StoreCopy.copy(file, new DatabaseLocation.Postgres(url), DatabaseLogin.none()))
                    .isInstanceOf(StoreException.class)
                    .hasMessageContaining("in use by another running duty desk");
        }
        assertThat(postgres(url, "SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public'")).isEqualTo("0");
    }

    @Test
    void counts_that_differ_keep_nothing_in_postgres() throws Exception {
        Path file = dir.resolve("desk.db");
        try (SqlStore store = SqlStore.open(file)) {
            fill(store);
        }
        String url = TestPostgres.shared().newDatabase();
        SqlStore.open(new DatabaseLocation.Postgres(url), DatabaseLogin.none(), true).close();
        // PostgreSQL silently drops every transcript row: the copy "succeeds" but the counts cannot agree
        try (Connection c = DriverManager.getConnection(url); var st = c.createStatement()) {
            st.execute("CREATE FUNCTION drop_row() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NULL; END $$");
            st.execute("CREATE TRIGGER lose_transcript BEFORE INSERT ON transcript FOR EACH ROW EXECUTE FUNCTION drop_row()");
        }

        StoreCopy.Result result = StoreCopy.copy(file, new DatabaseLocation.Postgres(url), DatabaseLogin.none());

        assertThat(result.committed()).isFalse();
        assertThat(result.lines()).filteredOn(l -> !l.matches()).extracting(StoreCopy.Line::what).containsExactly("transcript");
        assertThat(postgres(url, "SELECT count(*) FROM users")).isEqualTo("0");
        assertThat(postgres(url, "SELECT count(*) FROM tickets")).isEqualTo("0");
    }

    @Test
    void a_missing_file_is_refused_and_not_created() {
        Path file = dir.resolve("typo.db");
        String url = TestPostgres.shared().newDatabase();

        assertThatThrownBy(() -> StoreCopy.copy(file, new DatabaseLocation.Postgres(url), DatabaseLogin.none()))
                .isInstanceOf(StoreException.class).hasMessageContaining("there is no database file");
        assertThat(Files.exists(file)).isFalse();
    }

    /** Every table of the schema is copied, parents first: a table added to Migrations cannot be left behind. */
    @Test
    void the_copied_tables_are_the_schema_in_foreign_key_order() throws Exception {
        Path file = dir.resolve("desk.db");
        SqlStore.open(file).close();
        String url = TestPostgres.shared().newDatabase();
        SqlStore.open(new DatabaseLocation.Postgres(url), DatabaseLogin.none(), true).close();

        List<String> order = new ArrayList<>();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file)) {
            SqliteTables.inForeignKeyOrder(c).forEach(t -> order.add(t.name()));
        }
        List<String> onPostgres = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(url); var st = c.createStatement();
             var rs = st.executeQuery("SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'"
                     + " AND table_name <> 'desk_schema'")) {
            while (rs.next()) {
                onPostgres.add(rs.getString(1));
            }
        }
        assertThat(order).containsExactlyInAnyOrderElementsOf(onPostgres).containsExactlyInAnyOrderElementsOf(ALL_TABLES);
        assertThat(order.indexOf("users")).isLessThan(order.indexOf("consultations"));
        assertThat(order.indexOf("consultations")).isLessThan(order.indexOf("tickets"));
        assertThat(order.indexOf("tickets")).isLessThan(order.indexOf("ticket_cards"));
        assertThat(order.indexOf("tickets")).isLessThan(order.indexOf("outbox"));
        assertThat(order.indexOf("tickets")).isLessThan(order.indexOf("learning_cases"));
    }

    private static Report report(SqlStore store, ReportPeriod period) {
        return new ReportBuilder(store.reportSource(), Map.of("consultations", 50, "districts", 5), "ТОС «Север»",
                TopicTitles.of(new KnowledgeBase(List.of(), Synonyms.none()))).build(period, T0);
    }

    /** Something in every table: what residents, consultants and coordinators leave behind in a month. */
    private static void fill(SqlStore store) {
        Address annaChat = new Address(Channel.TELEGRAM, "810001");
        Address borisChat = new Address(Channel.VK, "810002");
        Address glebChat = new Address(Channel.VK, "810004");
        store.inTransaction(tx -> {
            long anna = tx.upsertUser(ANNA, T0).id();
            long boris = tx.upsertUser(BORIS, T0).id();
            long vera = tx.upsertUser(VERA, T0).id();
            long gleb = tx.upsertUser(GLEB, T0).id();
            tx.recordUpdate("tg:1001", T0);
            tx.saveProfile(anna, "Первый район", "активист ТОС", ProfileStage.DONE);
            tx.saveProfile(boris, "Второй район", "житель", ProfileStage.DONE);

            // answered by the bot
            long c1 = tx.openConsultation(anna, Channel.TELEGRAM, "как создать тос", T0);
            tx.setTopic(c1, "create-steps");
            tx.addTranscript(anna, c1, null, Direction.IN, "как создать тос", T0);
            tx.addTranscript(anna, c1, null, Direction.BOT, "Соберите инициативную группу.", T0);
            tx.settle(c1, Outcome.BOT, T0);
            tx.addLearningCase(LearningCase.of(LearningCase.Kind.CHOSEN, anna, c1, null, "как создать тос",
                    null, "create-steps", null, T0));

            // answered by a consultant under the ticket's card
            long c2 = tx.openConsultation(boris, Channel.VK, "где взять печать", T0.plusSeconds(60));
            Ticket t2 = tx.openTicket(c2, boris, borisChat, "где взять печать", T0.plusSeconds(60));
            tx.enqueue(new OutboundMessage(CONSULTANTS, "**Обращение №" + t2.number() + "**", List.of(), null, t2.number()),
                    T0.plusSeconds(60));
            tx.setFirstResponse(t2.number(), T0.plusSeconds(1860));
            tx.addTranscript(boris, c2, t2.number(), Direction.CONSULTANT, "Печать заказывают по протоколу.", T0.plusSeconds(1860));
            tx.settle(c2, Outcome.CONSULTANT, T0.plusSeconds(1860));
            tx.closeTicket(t2.number(), "Ольга", "ответ дан", T0.plusSeconds(1900));
            tx.addLearningCase(LearningCase.of(LearningCase.Kind.ESCALATED, boris, c2, t2.number(), "где взять печать",
                    null, null, "Печать заказывают по протоколу.", T0.plusSeconds(1860)));

            // never answered, and one still waiting
            long c3 = tx.openConsultation(vera, Channel.TELEGRAM, "сосед сверлит", T0.plusSeconds(120));
            tx.openTicket(c3, vera, new Address(Channel.TELEGRAM, "810003"), "сосед сверлит", T0.plusSeconds(120));
            tx.settle(c3, Outcome.UNANSWERED, T0.plusSeconds(7200));
            long c4 = tx.openConsultation(gleb, Channel.VK, "как оформить протокол", T0.plusSeconds(180));
            tx.openTicket(c4, gleb, glebChat, "как оформить протокол", T0.plusSeconds(180));
            tx.addTranscript(gleb, c4, null, Direction.IN, "как оформить протокол", T0.plusSeconds(180));
            // a ticket that is deleted later on the file, in the one test that needs it
            long c5 = tx.openConsultation(vera, Channel.TELEGRAM, "ещё", T0.plusSeconds(240));
            tx.setExcluded(c5, "проверка", "Ольга", T0.plusSeconds(300));
            tx.openTicket(c5, vera, new Address(Channel.TELEGRAM, "810003"), "ещё", T0.plusSeconds(240));

            // a coordinator's report on its way, and events
            tx.enqueue(OutboundMessage.document(annaChat, "Отчёт за ноябрь",
                    new Attachment("report-2026-11.csv", "text/csv", REPORT_BYTES), null), T0.plusSeconds(300));
            tx.eventBook().register("webinar-2026-12-01", anna, annaChat, 30, T0.plusSeconds(300));
            tx.eventBook().book("slot-2026-12-02T10:00", boris, borisChat, T0.plusSeconds(300));
            tx.eventBook().markReminded("webinar-2026-12-01", "telegram:810001", "day-before", T0.plusSeconds(300));
            tx.eventBook().setSubscribed(anna, annaChat, true, T0.plusSeconds(300));
            tx.accountLinks().saveCode("LINK42", anna, T0, T0.plusSeconds(600));
            tx.accountLinks().link(anna, boris);
            tx.setLastDone("review-reminder", T0);
            tx.countFloodIgnored(Channel.VK, T0);
            tx.forget(gleb, T0.plusSeconds(400));
            return null;
        });
        store.save("telegram", "1001");
        long card = store.outbox().due(Channel.TELEGRAM, T0.plusSeconds(60), 10).get(0).id();
        store.outbox().markSent(card, List.of("900"), T0.plusSeconds(61));
    }

    private static String sqlite(Path file, String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file)) {
            return first(c, sql);
        }
    }

    private static String postgres(String url, String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(url)) {
            return first(c, sql);
        }
    }

    private static String first(Connection c, String sql) throws SQLException {
        try (var st = c.createStatement(); var rs = st.executeQuery(sql)) {
            return rs.next() ? rs.getString(1) : null;
        }
    }
}
