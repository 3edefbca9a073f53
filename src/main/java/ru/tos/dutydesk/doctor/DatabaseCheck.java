package ru.tos.dutydesk.doctor;

import ru.tos.dutydesk.store.DatabaseCheckup;
import ru.tos.dutydesk.store.DatabaseLocation;
import ru.tos.dutydesk.store.DatabaseLogin;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Can the desk open, migrate and write its database? Run by root on a database that belongs to the service's
 * own user, it only reads: files root creates (the lock file, the WAL) would lock the service out.
 */
public final class DatabaseCheck {
    private static final String SUBJECT = "База данных";

    private final Path database;
    private final String currentUser;

    /** @param currentUser the user this process runs as ({@code user.name}) */
    public DatabaseCheck(Path database, String currentUser) {
        this.database = database;
        this.currentUser = currentUser;
    }

    /** PostgreSQL: can the desk log in, migrate and write? */
    public static CheckResult postgres(DatabaseLocation.Postgres database, DatabaseLogin login) {
        DatabaseCheckup.Result r = DatabaseCheckup.check(database, login);
        if (r.state() == DatabaseCheckup.State.READY) {
            return CheckResult.ok(SUBJECT, "PostgreSQL " + database.describe() + ": вход выполнен, запись работает,"
                    + " схема версии " + r.schemaVersion() + " (актуальная)");
        }
        String p = r.problem() == null ? "" : r.problem();
        String fix;
        if (p.contains("password authentication failed") || p.contains("no password was provided")
                || p.contains("authentication")) {
            fix = "проверьте DATABASE_USER и DATABASE_PASSWORD в файле окружения службы";
        } else if (p.contains("does not exist")) {
            fix = "создайте базу на сервере (createdb -O <пользователь> <имя>) или исправьте её имя в ключе database";
        } else if (p.contains("newer than this program")) {
            fix = "база обновлена более новой версией дежурной: обновите программу";
        } else if (p.contains("permission denied")) {
            fix = "дайте пользователю DATABASE_USER права владельца на базу (ALTER DATABASE … OWNER TO …)";
        } else {
            fix = "проверьте, что сервер PostgreSQL запущен и доступен с этой машины по адресу из ключа database";
        }
        return CheckResult.failed(SUBJECT, "дежурная не сможет работать с " + database.describe() + ": " + p, fix);
    }

    public List<CheckResult> run() {
        List<CheckResult> results = new ArrayList<>();
        Optional<String> owner = owner(database);
        boolean rootOnForeignFile = "root".equals(currentUser) && owner.isPresent() && !owner.get().equals("root");
        if (rootOnForeignFile) {
            results.add(CheckResult.warning(SUBJECT, "doctor запущен от root, а файл " + database + " принадлежит "
                    + owner.get() + ": проверка только на чтение, запись не проверялась",
                    "запускайте doctor от пользователя службы, в рабочей папке службы: runuser -u " + owner.get()
                            + " -- sh -c 'set -a; . /etc/tos-duty-desk/env; scripts/run doctor'"));
        }
        DatabaseCheckup.Result r = DatabaseCheckup.check(database, !rootOnForeignFile);
        results.add(describe(r));
        return results;
    }

    private CheckResult describe(DatabaseCheckup.Result r) {
        return switch (r.state()) {
            case NEW -> CheckResult.ok(SUBJECT, "файла " + database + " ещё нет; дежурная создаст его при первом запуске"
                    + " (в папку можно записывать)");
            case READY -> CheckResult.ok(SUBJECT, database + " открывается, запись работает, схема версии "
                    + r.schemaVersion() + " (актуальная)");
            case IN_USE -> schemaNote(r, "дежурная сейчас работает с " + database
                    + " (файл занят запущенной дежурной): проверено только чтение, тест записи пропущен");
            case READ_ONLY -> schemaNote(r, database + " читается, схема версии " + r.schemaVersion());
            case BROKEN -> CheckResult.failed(SUBJECT, "дежурная не сможет открыть " + database + ": " + r.problem(),
                    fixFor(r.problem()));
        };
    }

    private CheckResult schemaNote(DatabaseCheckup.Result r, String detail) {
        if (r.schemaVersion() < r.latestVersion()) {
            return CheckResult.info(SUBJECT, detail + "; схема версии " + r.schemaVersion() + " обновится до "
                    + r.latestVersion() + " при следующем запуске");
        }
        return CheckResult.ok(SUBJECT, detail);
    }

    private String fixFor(String problem) {
        String p = problem == null ? "" : problem;
        if (p.contains("permission denied") || p.contains("AccessDenied") || p.contains("cannot create")
                || p.contains("readonly") || p.contains("read-only") || p.contains("cannot write")) {
            return "дайте пользователю службы право записи в папку " + folder() + " и на файлы базы в ней"
                    + " (например, chown -R <пользователь> " + folder() + "), или укажите другую папку в ключе database";
        }
        if (p.contains("newer than this program")) {
            return "база создана более новой версией дежурной: обновите программу";
        }
        if (p.contains("not a SQLite database") || p.contains("damaged") || p.contains("cannot be opened")) {
            return "файл повреждён или это не база дежурной: восстановите последнюю копию командой restore"
                    + " или укажите другой файл в ключе database";
        }
        return "проверьте путь в ключе database и права на папку " + folder();
    }

    private Path folder() {
        Path parent = database.toAbsolutePath().getParent();
        return parent == null ? database : parent;
    }

    private static Optional<String> owner(Path file) {
        try {
            return Files.exists(file) ? Optional.of(Files.getOwner(file).getName()) : Optional.empty();
        } catch (IOException | UnsupportedOperationException e) {
            return Optional.empty();
        }
    }
}
