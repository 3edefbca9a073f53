package ru.tos.dutydesk.store;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import ru.tos.dutydesk.desk.Channel;
import ru.tos.dutydesk.desk.Person;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

class DatabaseWatchTest {
    private static final Instant T0 = Instant.parse("2026-12-01T09:00:00Z");
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-05T10:00:00Z"), ZoneOffset.UTC);

    @TempDir
    Path dir;

    @Test
    void aDatabaseFolderDeletedUnderTheRunningStoreIsSavedAndTheDeskAskedToStop() throws Exception {
        Path db = dir.resolve("data/desk.db");
        List<Integer> stops = new CopyOnWriteArrayList<>();
        try (SqlStore store = SqlStore.open(db);
             DatabaseWatch watch = new DatabaseWatch(store, CLOCK, stops::add).start(Duration.ofMillis(50))) {
            addConsultations(store, 3);
            deleteTree(dir.resolve("data"));
            long until = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (stops.isEmpty() && System.nanoTime() < until) {
                Thread.sleep(20);
            }
            assertThat(stops).as("the desk is asked to stop once, with a non-zero code").containsExactly(DatabaseWatch.EXIT_CODE);
        }
        Path recovered = dir.resolve("data/desk.db.recovered-20261205-100000");
        assertThat(recovered).exists();
        assertThat(RawDb.strings(recovered, "SELECT question FROM consultations ORDER BY id"))
                .containsExactly("Вопрос 0", "Вопрос 1", "Вопрос 2");
    }

    @Test
    void aDatabaseReplacedByAnotherFileIsSavedFromTheOneTheDeskHolds() throws Exception {
        Path db = dir.resolve("desk.db");
        List<Integer> stops = new CopyOnWriteArrayList<>();
        try (SqlStore store = SqlStore.open(db)) {
            DatabaseWatch watch = new DatabaseWatch(store, CLOCK, stops::add);
            addConsultations(store, 2);
            assertThat(watch.check()).as("nothing changed yet").isTrue();
            assertThat(stops).isEmpty();
            Path other = dir.resolve("other.db");
            RawDb.exec(other, "CREATE TABLE t(x)");
            Files.move(other, db, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            assertThat(watch.check()).isFalse();
            assertThat(watch.check()).isFalse();
            assertThat(stops).containsExactly(DatabaseWatch.EXIT_CODE);
        }
        assertThat(RawDb.strings(dir.resolve("desk.db.recovered-20261205-100000"), "SELECT question FROM consultations ORDER BY id"))
                .containsExactly("Вопрос 0", "Вопрос 1");
    }

    @Test
    void aDeletedLockFileStopsTheDeskToo() throws Exception {
        Path db = dir.resolve("desk.db");
        List<Integer> stops = new CopyOnWriteArrayList<>();
        try (SqlStore store = SqlStore.open(db)) {
            DatabaseWatch watch = new DatabaseWatch(store, CLOCK, stops::add);
            addConsultations(store, 1);
            Files.delete(dir.resolve("desk.db.lock"));
            assertThat(watch.check()).isFalse();
            assertThat(stops).containsExactly(DatabaseWatch.EXIT_CODE);
        }
        assertThat(dir.resolve("desk.db.recovered-20261205-100000")).exists();
    }

    private static void addConsultations(SqlStore store, int n) {
        for (int i = 0; i < n; i++) {
            int k = i;
            store.inTransaction(tx -> {
                long user = tx.upsertUser(new Person(Channel.TELEGRAM, "u" + k, "Житель " + k), T0).id();
                return tx.openConsultation(user, Channel.TELEGRAM, "Вопрос " + k, T0.plusSeconds(k));
            });
        }
    }

    private static void deleteTree(Path root) throws Exception {
        try (Stream<Path> files = Files.walk(root)) {
            for (Path p : files.sorted((a, b) -> b.getNameCount() - a.getNameCount()).toList()) {
                Files.delete(p);
            }
        }
    }
}
