package ru.tos.dutydesk.doctor;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import ru.tos.dutydesk.doctor.CheckResult.Status;
import ru.tos.dutydesk.store.SqlStore;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** doctor's database line: opened as the desk opens it, written to, and never disturbing a running desk. */
class DatabaseCheckTest {
    @TempDir
    Path dir;

    private static final String USER = "tosdesk";

    private static CheckResult only(List<CheckResult> results) {
        assertThat(results).hasSize(1);
        return results.get(0);
    }

    @Test
    void aDatabaseNotYetCreatedIsFineAndDoctorCreatesNothing() {
        Path db = dir.resolve("data").resolve("desk.db");

        CheckResult r = only(new DatabaseCheck(db, USER).run());

        assertThat(r.status()).isEqualTo(Status.OK);
        assertThat(r.detail()).contains("ещё нет").contains("создаст");
        assertThat(dir.resolve("data")).doesNotExist();
    }

    @Test
    void anExistingDatabaseIsOpenedMigratedAndWrittenToWithoutLeavingARow() {
        Path db = dir.resolve("desk.db");
        SqlStore.open(db).close();

        CheckResult r = only(new DatabaseCheck(db, USER).run());

        assertThat(r.status()).isEqualTo(Status.OK);
        assertThat(r.detail()).contains("запись работает").contains("схема версии");
        try (SqlStore store = SqlStore.openShared(db)) {
            assertThat(store.load("doctor:write-probe")).isEmpty();
        }
    }

    @Test
    void aRunningDeskIsReportedAndLeftAlone() {
        Path db = dir.resolve("desk.db");
        try (SqlStore running = SqlStore.open(db)) {
            CheckResult r = only(new DatabaseCheck(db, USER).run());

            assertThat(r.status()).isEqualTo(Status.OK);
            assertThat(r.detail()).contains("дежурная сейчас работает").contains("тест записи пропущен");
            // the running desk still owns its database and writes to it
            running.save("telegram:check", "1");
            assertThat(running.load("telegram:check")).contains("1");
        }
    }

    @Test
    void aFolderThatCannotBeMadeFailsAndSaysWhatToDo() throws Exception {
        Path file = Files.writeString(dir.resolve("data"), "a file where the folder should be");
        Path db = file.resolve("desk.db");

        CheckResult r = only(new DatabaseCheck(db, USER).run());

        assertThat(r.status()).isEqualTo(Status.FAILED);
        assertThat(r.detail()).contains(db.toString()).contains("is a file");
        assertThat(r.fix()).contains("database");
    }

    @Test
    void anUnwritableDatabaseFolderFailsAndNamesTheFolder() throws Exception {
        assumeFalse("root".equals(System.getProperty("user.name")), "root writes anywhere");
        Path folder = Files.createDirectories(dir.resolve("ro"));
        Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("r-xr-xr-x"));
        try {
            CheckResult r = only(new DatabaseCheck(folder.resolve("desk.db"), USER).run());

            assertThat(r.status()).isEqualTo(Status.FAILED);
            assertThat(r.fix()).contains("права записи").contains(folder.toString());
        } finally {
            Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
    }

    @Test
    void aFileThatIsNotADatabaseFailsAndPointsToRestore() throws Exception {
        Path db = Files.writeString(dir.resolve("desk.db"), "not a database at all, just text");

        CheckResult r = only(new DatabaseCheck(db, USER).run());

        assertThat(r.status()).isEqualTo(Status.FAILED);
        assertThat(r.detail()).contains("not a SQLite database");
        assertThat(r.fix()).contains("restore");
        assertThat(Files.readString(db)).isEqualTo("not a database at all, just text");
    }

    @Test
    void rootOnTheServiceUsersDatabaseOnlyReadsAndWarns() throws Exception {
        assumeTrue("root".equals(System.getProperty("user.name")), "only root can give the file to another user");
        Path db = dir.resolve("desk.db");
        SqlStore.open(db).close();
        Files.delete(dir.resolve("desk.db.lock"));
        var nobody = db.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("nobody");
        Files.setOwner(db, nobody);

        List<CheckResult> results = new DatabaseCheck(db, "root").run();

        assertThat(results).extracting(CheckResult::status).containsExactly(Status.WARNING, Status.OK);
        assertThat(results.get(0).fix()).contains("runuser -u nobody --").contains("scripts/run doctor");
        assertThat(results.get(1).detail()).contains("читается");
        // nothing root made is left for the service's user to trip over
        assertThat(dir.resolve("desk.db.lock")).doesNotExist();
        assertThat(dir.resolve("desk.db-wal")).doesNotExist();
        assertThat(dir.resolve("desk.db-shm")).doesNotExist();
    }

    @Test
    void aPostgresDatabaseIsLoggedIntoMigratedAndWrittenTo() {
        String url = ru.tos.dutydesk.testing.TestPostgres.shared().newDatabase();
        CheckResult r = DatabaseCheck.postgres(new ru.tos.dutydesk.store.DatabaseLocation.Postgres(url),
                ru.tos.dutydesk.store.DatabaseLogin.none());
        assertThat(r.status()).isEqualTo(Status.OK);
        assertThat(r.detail()).contains("вход выполнен").contains("запись работает");
    }

    @Test
    void aPostgresDatabaseThatDoesNotExistSaysHowToCreateIt() {
        String url = ru.tos.dutydesk.testing.TestPostgres.shared().url("no_such_desk");
        CheckResult r = DatabaseCheck.postgres(new ru.tos.dutydesk.store.DatabaseLocation.Postgres(url),
                ru.tos.dutydesk.store.DatabaseLogin.none());
        assertThat(r.status()).isEqualTo(Status.FAILED);
        assertThat(r.detail()).contains("no_such_desk");
        assertThat(r.fix()).contains("createdb");
    }
}
