package ru.tos.dutydesk.store;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import ru.tos.dutydesk.desk.Channel;
import ru.tos.dutydesk.desk.Person;
import ru.tos.dutydesk.testing.LogCapture;
import ru.tos.dutydesk.testing.MutableClock;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

class NightlyBackupTest {
    private static final ZoneId MOSCOW = ZoneId.of("Europe/Moscow");
    /** 03:30 in Moscow on 2026-12-06. */
    private static final Instant AFTER_THREE = Instant.parse("2026-12-06T00:30:00Z");

    @TempDir
    Path dir;
    private Path live;
    private SqlStore store;
    private final MutableClock clock = new MutableClock(AFTER_THREE);

    @BeforeEach
    void runningDesk() {
        live = dir.resolve("desk.db");
        store = SqlStore.open(live);
        addConsultation("Как создать ТОС?");
    }

    @AfterEach
    void stop() {
        store.close();
    }

    private void addConsultation(String question) {
        store.inTransaction(tx -> tx.openConsultation(tx.upsertUser(new Person(Channel.VK, "7", "Ольга"), clock.instant()).id(),
                Channel.VK, question, clock.instant()));
    }

    private NightlyBackup nightly(Path folder, int keep) {
        return new NightlyBackup(live, folder, keep, LocalTime.of(3, 0), MOSCOW, clock);
    }

    private static List<String> names(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void takesOneCopyANightAtTheLocalTimeIntoAFolderItCreates() throws Exception {
        Path folder = dir.resolve("backups/nightly");
        NightlyBackup nightly = nightly(folder, 7);

        assertThat(nightly.runIfDue()).isPresent();
        assertThat(names(folder)).containsExactly("duty-desk-2026-12-06.db");
        assertThat(RawDb.one(folder.resolve("duty-desk-2026-12-06.db"), "SELECT question FROM consultations"))
                .isEqualTo("Как создать ТОС?");

        addConsultation("Второй вопрос");
        clock.advance(Duration.ofHours(1));
        assertThat(nightly.runIfDue()).as("the same night again").isEmpty();
        clock.set(Instant.parse("2026-12-06T23:59:00Z")); // 02:59 in Moscow: still the night of the 6th
        assertThat(nightly.runIfDue()).isEmpty();
        assertThat(names(folder)).containsExactly("duty-desk-2026-12-06.db");

        clock.set(Instant.parse("2026-12-07T00:00:00Z")); // 03:00 in Moscow, midnight in UTC
        assertThat(nightly.runIfDue()).map(DatabaseBackup.Copy::consultations).contains(2L);
        assertThat(names(folder)).containsExactly("duty-desk-2026-12-06.db", "duty-desk-2026-12-07.db");
    }

    @Test
    void aRestartedDeskDoesNotTakeTheNightsCopyAgain() throws Exception {
        Path folder = dir.resolve("backups");
        nightly(folder, 7).runIfDue();
        Path copy = folder.resolve("duty-desk-2026-12-06.db");
        var written = Files.getLastModifiedTime(copy);
        addConsultation("После копии");

        clock.advance(Duration.ofMinutes(10));
        assertThat(nightly(folder, 7).runIfDue()).isEmpty();

        assertThat(names(folder)).containsExactly("duty-desk-2026-12-06.db");
        assertThat(Files.getLastModifiedTime(copy)).isEqualTo(written);
        assertThat(RawDb.one(copy, "SELECT count(*) FROM consultations")).isEqualTo("1");
    }

    @Test
    void keepsTheNewestCopiesAndNeverTouchesOtherFiles() throws Exception {
        Path folder = dir.resolve("backups");
        Files.createDirectories(folder);
        Files.writeString(folder.resolve("notes.txt"), "пароль от сервера не здесь");
        Files.writeString(folder.resolve("duty-desk-before-move.db"), "a copy made by hand");
        NightlyBackup nightly = nightly(folder, 3);

        for (int night = 0; night < 5; night++) {
            assertThat(nightly.runIfDue()).isPresent();
            clock.advance(Duration.ofDays(1));
        }

        assertThat(names(folder)).containsExactly("duty-desk-2026-12-08.db", "duty-desk-2026-12-09.db",
                "duty-desk-2026-12-10.db", "duty-desk-before-move.db", "notes.txt");
        assertThat(Files.readString(folder.resolve("notes.txt"))).isEqualTo("пароль от сервера не здесь");
    }

    @Test
    void aFailedNightIsLoggedAndTheNextNightTriesAgain() throws Exception {
        Path folder = dir.resolve("backups");
        Files.writeString(folder, "a file where the folder should be");
        NightlyBackup nightly = nightly(folder, 7);

        try (LogCapture log = LogCapture.start()) {
            assertThat(nightly.runIfDue()).isEmpty();
            assertThat(log.lines()).anyMatch(l -> l.contains("ERROR") && l.contains("nightly backup") && l.contains("next night"));
        }
        Files.delete(folder);
        clock.advance(Duration.ofHours(2));
        assertThat(nightly.runIfDue()).as("one attempt a night").isEmpty();
        assertThat(folder).doesNotExist();

        clock.advance(Duration.ofDays(1));
        assertThat(nightly.runIfDue()).isPresent();
        assertThat(names(folder)).containsExactly("duty-desk-2026-12-07.db");
    }

    @Test
    void aDeskStartedBeforeTheTimeTakesTheMissedNightAtOnce() throws Exception {
        Path folder = dir.resolve("backups");
        clock.set(Instant.parse("2026-12-06T22:00:00Z")); // 01:00 in Moscow on the 7th, before 03:00

        NightlyBackup nightly = nightly(folder, 7);
        assertThat(nightly.runIfDue()).isPresent();
        assertThat(names(folder)).containsExactly("duty-desk-2026-12-06.db");
        clock.set(Instant.parse("2026-12-07T00:05:00Z")); // 03:05 on the 7th
        assertThat(nightly.runIfDue()).isPresent();
        assertThat(names(folder)).containsExactly("duty-desk-2026-12-06.db", "duty-desk-2026-12-07.db");
    }
}
