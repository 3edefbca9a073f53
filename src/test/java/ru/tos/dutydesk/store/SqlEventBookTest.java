package ru.tos.dutydesk.store;

import ru.tos.dutydesk.testing.TestStores;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import ru.tos.dutydesk.desk.Address;
import ru.tos.dutydesk.desk.Channel;
import ru.tos.dutydesk.desk.EventBook;
import ru.tos.dutydesk.desk.Person;
import ru.tos.dutydesk.desk.UserRecord;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/** Registrations, bookings, reminders and subscriptions as the database keeps them (schema step 10). */
class SqlEventBookTest {
    private static final Instant AT = Instant.parse("2026-12-10T10:00:00Z");

    @TempDir
    Path dir;

    private static long user(SqlStore store, String id) {
        return store.inTransaction(tx -> tx.upsertUser(new Person(Channel.TELEGRAM, id, "Житель " + id), AT)).id();
    }

    private static Address chat(String id) {
        return new Address(Channel.TELEGRAM, id);
    }

    @Test
    void twoConnectionsBookingOneSlotAtOnceGiveItToExactlyOne() throws Exception {
        Path db = dir.resolve("d.db");
        try (SqlStore a = TestStores.open(db); SqlStore b = TestStores.openShared(db)) {
            for (int round = 0; round < 20; round++) {
                String slot = "s20261211120" + round % 10 + "-r" + round;
                long ua = user(a, "a" + round);
                long ub = user(b, "b" + round);
                CountDownLatch go = new CountDownLatch(1);
                ExecutorService two = Executors.newFixedThreadPool(2);
                List<Future<Boolean>> results = new ArrayList<>();
                results.add(two.submit(() -> {
                    go.await();
                    return a.inTransaction(tx -> tx.eventBook().book(slot, ua, chat("a"), AT));
                }));
                results.add(two.submit(() -> {
                    go.await();
                    return b.inTransaction(tx -> tx.eventBook().book(slot, ub, chat("b"), AT));
                }));
                go.countDown();
                int won = 0;
                for (Future<Boolean> f : results) {
                    won += f.get() ? 1 : 0;
                }
                two.shutdown();
                assertThat(won).as("round " + round).isEqualTo(1);
                long holder = a.inTransaction(tx -> tx.eventBook().booking(slot)).orElseThrow().userId();
                assertThat(holder).isIn(ua, ub);
            }
        }
    }

    @Test
    void capacityRemindersAndForgetting() {
        try (SqlStore store = TestStores.open(dir.resolve("d.db"))) {
            long anna = user(store, "1");
            long petr = user(store, "2");
            store.inTransaction(tx -> {
                EventBook book = tx.eventBook();
                assertThat(book.register("w", anna, chat("1"), 1, AT)).isEqualTo(EventBook.Registration.REGISTERED);
                assertThat(book.register("w", anna, chat("1"), 1, AT)).isEqualTo(EventBook.Registration.ALREADY);
                assertThat(book.register("w", petr, chat("2"), 1, AT)).isEqualTo(EventBook.Registration.FULL);
                assertThat(book.register("open", petr, chat("2"), 0, AT)).isEqualTo(EventBook.Registration.REGISTERED);
                assertThat(book.cancel("w", anna)).isTrue();
                assertThat(book.register("w", petr, chat("2"), 1, AT)).isEqualTo(EventBook.Registration.REGISTERED);
                assertThat(book.setAttended("w", petr, true, "telegram:9", AT)).isTrue();
                assertThat(book.registrations("w")).singleElement().satisfies(s -> assertThat(s.attended()).isTrue());
                assertThat(book.markReminded("w", "u" + petr, "day", AT)).isTrue();
                assertThat(book.markReminded("w", "u" + petr, "day", AT)).isFalse();
                assertThat(book.markReminded("w", "u" + petr, "hour", AT)).isTrue();
                book.setSubscribed(petr, chat("2"), true, AT);
                book.setSubscribed(anna, chat("1"), true, AT);
                assertThat(book.subscribers()).containsExactlyInAnyOrder(chat("2"), chat("1"));
                return null;
            });
            store.inTransaction(tx -> {
                tx.forget(petr, AT);
                return null;
            });
            store.inTransaction(tx -> {
                EventBook book = tx.eventBook();
                // no more announcements to a forgotten person; the attendance still counts, without the chat
                assertThat(book.subscribers()).containsExactly(chat("1"));
                assertThat(book.registrations("w")).singleElement().satisfies(s -> {
                    assertThat(s.attended()).isTrue();
                    assertThat(s.chat().chatId()).startsWith("forgotten:");
                    assertThat(s.forgotten()).as("no reminder goes to a forgotten person").isTrue();
                    assertThat(s.name()).doesNotContain("Житель");
                });
                return null;
            });
        }
    }

    @Test
    void aBookedConsultationIsMarkedHeldOrNotByStaffAndTheReportReadsTheMark() {
        try (SqlStore store = TestStores.open(dir.resolve("d.db"))) {
            long anna = user(store, "1");
            long petr = user(store, "2");
            store.inTransaction(tx -> {
                EventBook book = tx.eventBook();
                assertThat(book.book("s1", anna, chat("1"), AT)).isTrue();
                assertThat(book.book("s2", petr, chat("2"), AT)).isTrue();
                // nobody marked it: not held, no mark
                assertThat(book.heldMark("s1")).isEmpty();
                assertThat(book.booking("s1").orElseThrow().attended()).isFalse();
                assertThat(book.markHeld("free", true, "telegram:9", AT)).as("a slot nobody booked").isFalse();
                assertThat(book.markHeld("s1", false, "telegram:9", AT)).isTrue();
                assertThat(book.heldMark("s1")).contains(new EventBook.HeldMark(false, "telegram:9", AT));
                // another tap changes it, and records who and when
                assertThat(book.markHeld("s1", true, "telegram:8", AT.plusSeconds(60))).isTrue();
                assertThat(book.heldMark("s1")).contains(new EventBook.HeldMark(true, "telegram:8", AT.plusSeconds(60)));
                assertThat(book.booking("s1").orElseThrow().attended()).isTrue();
                return null;
            });
            store.inTransaction(tx -> {
                tx.forget(anna, AT);
                return null;
            });
            // the mark outlives /forget: the count stays
            assertThat(store.reportSource().slotBookings()).containsExactlyInAnyOrder(
                    new ru.tos.dutydesk.report.ReportSource.Booking("s1", anna, true),
                    new ru.tos.dutydesk.report.ReportSource.Booking("s2", petr, null));
        }
    }
}
