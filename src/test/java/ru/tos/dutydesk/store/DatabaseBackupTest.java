package ru.tos.dutydesk.store;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import ru.tos.dutydesk.desk.Channel;
import ru.tos.dutydesk.desk.Person;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DatabaseBackupTest {
    private static final Instant T0 = Instant.parse("2026-12-01T09:00:00Z");
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-05T10:00:00Z"), ZoneOffset.UTC);

    @TempDir
    Path dir;

    @Test
    void aBackupTakenWhileTheDeskWritesRestoresEveryConsultationCommittedBeforeIt() throws Exception {
        Path live = dir.resolve("desk.db");
        AtomicInteger committed = new AtomicInteger();
        AtomicBoolean stop = new AtomicBoolean();
        CountDownLatch warmedUp = new CountDownLatch(1);
        DatabaseBackup.Copy copy;
        int committedBeforeBackup;
        try (SqlStore store = SqlStore.open(live)) {
            Thread writer = new Thread(() -> {
                for (int i = 0; !stop.get() && i < 100_000; i++) {
                    int n = i;
                    store.inTransaction(tx -> {
                        long user = tx.upsertUser(new Person(Channel.TELEGRAM, "u" + (n % 50), "Житель " + n), T0).id();
                        return tx.openConsultation(user, Channel.TELEGRAM, "Вопрос номер " + n, T0.plusSeconds(n));
                    });
                    if (committed.incrementAndGet() == 200) {
                        warmedUp.countDown();
                    }
                }
            }, "load");
            writer.start();
            warmedUp.await();
            committedBeforeBackup = committed.get();
            copy = DatabaseBackup.backup(live, dir.resolve("backups/desk-1.db"));
            stop.set(true);
            writer.join();
            assertThat(committed.get()).as("the desk kept writing during the backup").isGreaterThan(committedBeforeBackup);
        }

        Path restored = dir.resolve("restored/desk.db");
        DatabaseBackup.Restored r = DatabaseBackup.restore(copy.file(), restored, CLOCK);

        long rows = Long.parseLong(RawDb.one(restored, "SELECT count(*) FROM consultations"));
        assertThat(rows).isGreaterThanOrEqualTo(committedBeforeBackup).isEqualTo(copy.consultations());
        List<String> questions = RawDb.strings(restored, "SELECT question FROM consultations ORDER BY id");
        for (int i = 0; i < committedBeforeBackup; i++) {
            assertThat(questions.get(i)).isEqualTo("Вопрос номер " + i);
        }
        assertThat(r.previous()).isNull();
        assertThat(RawDb.one(restored, "PRAGMA quick_check")).isEqualTo("ok");
        try (SqlStore reopened = SqlStore.open(restored)) {
            assertThat(reopened.schemaVersion()).isEqualTo(copy.schemaVersion());
        }
    }

    @Test
    void restoreRefusesWhileADeskHoldsTheDatabaseAndChangesNothing() {
        Path live = dir.resolve("desk.db");
        Path backup = dir.resolve("b.db");
        try (SqlStore store = SqlStore.open(live)) {
            store.inTransaction(tx -> tx.openConsultation(tx.upsertUser(new Person(Channel.VK, "7", "Ольга"), T0).id(),
                    Channel.VK, "Как создать ТОС?", T0));
            DatabaseBackup.backup(live, backup);
            store.inTransaction(tx -> tx.openConsultation(tx.upsertUser(new Person(Channel.VK, "8", "Пётр"), T0).id(),
                    Channel.VK, "Второй вопрос", T0));

            assertThatThrownBy(() -> DatabaseBackup.restore(backup, live, CLOCK))
                    .isInstanceOf(StoreException.class).hasMessageContaining("in use by another running duty desk");

            assertThat(store.inTransaction(tx -> tx.consultation(2)).isPresent()).isTrue();
        }
        assertThat(RawDb.one(live, "SELECT count(*) FROM consultations")).isEqualTo("2");
    }

    @Test
    void aDamagedBackupIsRefusedBeforeTheDatabaseIsTouched() throws Exception {
        Path live = dir.resolve("desk.db");
        try (SqlStore store = SqlStore.open(live)) {
            store.inTransaction(tx -> tx.openConsultation(tx.upsertUser(new Person(Channel.VK, "7", "Ольга"), T0).id(),
                    Channel.VK, "Как создать ТОС?", T0));
        }
        Path notABackup = dir.resolve("notes.db");
        Files.writeString(notABackup, "это не база данных");

        assertThatThrownBy(() -> DatabaseBackup.restore(notABackup, live, CLOCK))
                .isInstanceOf(StoreException.class).hasMessageContaining("not a SQLite database");

        assertThat(RawDb.one(live, "SELECT question FROM consultations")).isEqualTo("Как создать ТОС?");
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.contains("before-restore"));
        }
    }

    @Test
    void restoreKeepsTheReplacedDatabaseBesideIt() {
        Path live = dir.resolve("desk.db");
        Path backup = dir.resolve("b.db");
        try (SqlStore store = SqlStore.open(live)) {
            store.inTransaction(tx -> tx.openConsultation(tx.upsertUser(new Person(Channel.VK, "7", "Ольга"), T0).id(),
                    Channel.VK, "Старый вопрос", T0));
            DatabaseBackup.backup(live, backup);
            store.inTransaction(tx -> tx.openConsultation(tx.upsertUser(new Person(Channel.VK, "7", "Ольга"), T0).id(),
                    Channel.VK, "Вопрос после копии", T0));
        }

        DatabaseBackup.Restored r = DatabaseBackup.restore(backup, live, CLOCK);

        assertThat(RawDb.one(live, "SELECT count(*) FROM consultations")).isEqualTo("1");
        assertThat(r.previous().getFileName().toString()).isEqualTo("desk.db.before-restore-20261205-100000");
        assertThat(RawDb.one(r.previous(), "SELECT count(*) FROM consultations")).isEqualTo("2");
    }

    @Test
    void aBackupNeverOverwritesAFile() throws Exception {
        Path live = dir.resolve("desk.db");
        SqlStore.open(live).close();
        Path existing = dir.resolve("b.db");
        Files.writeString(existing, "keep me");

        assertThatThrownBy(() -> DatabaseBackup.backup(live, existing)).hasMessageContaining("already exists");
        assertThat(Files.readString(existing)).isEqualTo("keep me");
    }
}
