package ru.tos.dutydesk.store;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import ru.tos.dutydesk.testing.Await;
import ru.tos.dutydesk.testing.TestStores;

import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** Of several desks on one database exactly one polls and sends; when it goes, another takes over. */
class DeskLeadTest {
    @TempDir
    Path dir;

    @Test
    void oneDeskLeadsAndAnotherTakesOverWhenItsSessionEnds() throws InterruptedException {
        Path db = dir.resolve("desk.db");
        if (!TestStores.onPostgres()) {
            // an SQLite file admits one desk (its instance lock), which therefore always leads
            try (SqlStore only = TestStores.open(db)) {
                assertThat(only.lead().shared()).isFalse();
                assertThat(only.lead().tryTake()).isTrue();
            }
            return;
        }
        try (SqlStore second = TestStores.openShared(db)) {
            try (SqlStore first = TestStores.openShared(db)) {
                assertThat(first.lead().shared()).isTrue();
                assertThat(first.lead().tryTake()).as("the first desk takes the lead").isTrue();
                assertThat(first.lead().tryTake()).as("and keeps it when it asks again").isTrue();
                assertThat(second.lead().tryTake()).as("the second stands by").isFalse();
                assertThat(second.lead().stillConnected()).isTrue();
            }
            // the server frees the lock as the closed session's process ends, a moment after the client let go
            Await.until("the first desk's session ended: the second takes over", Duration.ofSeconds(10),
                    () -> second.lead().tryTake());
        }
    }

    @Test
    void aLostConnectionIsReportedOnceAndTheLeadIsNoLongerClaimed() throws Exception {
        if (!TestStores.onPostgres()) {
            return; // an SQLite file has no connection to lose
        }
        Path db = dir.resolve("desk.db");
        try (SqlStore leader = TestStores.openShared(db); SqlStore other = TestStores.openShared(db)) {
            assertThat(leader.lead().tryTake()).isTrue();
            java.util.concurrent.atomic.AtomicInteger told = new java.util.concurrent.atomic.AtomicInteger();
            leader.onConnectionLost(told::incrementAndGet);
            try (var c = TestStores.rawConnection(db); var st = c.createStatement()) {
                st.execute("SELECT pg_terminate_backend(pid) FROM pg_locks WHERE locktype = 'advisory' AND granted");
            }
            assertThat(leader.lead().stillConnected()).as("the leader learns its connection is gone").isFalse();
            assertThat(leader.lead().stillConnected()).isFalse();
            assertThat(told).as("the desk is told once, to stop").hasValue(1);
            Await.until("the lead is free for another desk", Duration.ofSeconds(10), () -> other.lead().tryTake());
        }
    }
}
