package ru.tos.dutydesk.store;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.IntConsumer;

/**
 * Watches that the running desk's database file and lock file are still the ones it opened. A desk whose folder
 * was deleted keeps working on the unlinked file, and a second desk could start on the same path; so when either
 * file is gone or replaced, the watch saves what the open connection still sees to {@code <db>.recovered-<time>}
 * and asks the desk to stop with {@link #EXIT_CODE}, so that the service manager restarts it on a clean file.
 */
public final class DatabaseWatch implements AutoCloseable {
    /** Exit code of a desk stopped because its database was lost (not 1, so that it is told apart from a crash). */
    public static final int EXIT_CODE = 3;
    public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(5);
    private static final Logger log = LoggerFactory.getLogger(DatabaseWatch.class);
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

    private final SqlStore store;
    private final Path database;
    private final Path lockFile;
    private final Object databaseKey;
    private final Object lockKey;
    private final Clock clock;
    private final IntConsumer stop;
    private final AtomicBoolean fired = new AtomicBoolean();
    private ScheduledExecutorService scheduler;

    /** Notes the identity of the files as they are now; call right after the store is opened. */
    public DatabaseWatch(SqlStore store, Clock clock, IntConsumer stop) {
        this.store = store;
        this.database = store.file().orElseThrow(() -> new IllegalArgumentException("only an SQLite file is watched"));
        this.lockFile = InstanceLock.lockFileOf(database);
        this.databaseKey = keyOf(database);
        this.lockKey = keyOf(lockFile);
        this.clock = clock;
        this.stop = stop;
        if (databaseKey == null) {
            log.warn("database file {} cannot be watched: this file system gives no file key", database);
        }
    }

    /** Checks every {@code interval} on a daemon thread of its own. */
    public DatabaseWatch start(Duration interval) {
        scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "database-watch");
            t.setDaemon(true);
            return t;
        });
        long ms = interval.toMillis();
        scheduler.scheduleWithFixedDelay(this::checkQuietly, ms, ms, TimeUnit.MILLISECONDS);
        return this;
    }

    /** One check; returns false (after saving and asking to stop, once) when a file is gone or replaced. */
    public boolean check() {
        String problem = problem();
        if (problem == null) {
            return true;
        }
        if (fired.compareAndSet(false, true)) {
            log.error("{}: the desk stops so that it is restarted on a clean file", problem);
            save();
            stop.accept(EXIT_CODE);
        }
        return false;
    }

    private void checkQuietly() {
        try {
            check();
        } catch (RuntimeException e) {
            log.error("database watch failed: {}", e.toString());
        }
    }

    private String problem() {
        if (databaseKey == null) {
            return null; // no file keys here (some file systems): nothing to compare
        }
        Object now = keyOf(database);
        if (now == null) {
            return "database file " + database + " was deleted while the desk ran";
        }
        if (!now.equals(databaseKey)) {
            return "database file " + database + " was replaced by another file while the desk ran";
        }
        Object lockNow = keyOf(lockFile);
        if (lockKey != null && !lockKey.equals(lockNow)) {
            return "lock file " + lockFile + (lockNow == null ? " was deleted" : " was replaced") + " while the desk ran";
        }
        return null;
    }

    private void save() {
        Path target = database.resolveSibling(database.getFileName() + ".recovered-" + STAMP.format(clock.instant()));
        try {
            DatabaseFile.prepareParent(target);
            store.copyOpenDatabaseTo(target);
            log.error("everything the desk held is saved to {}; to keep it, stop the desk and run `restore {}`",
                    target, target);
        } catch (RuntimeException e) {
            log.error("could not save the open database to {}: {}", target, e.getMessage());
        }
    }

    private static Object keyOf(Path file) {
        try {
            return Files.readAttributes(file, BasicFileAttributes.class).fileKey();
        } catch (IOException e) {
            return null;
        }
    }

    @Override
    public void close() {
        if (scheduler != null) {
            scheduler.shutdownNow();
        }
    }
}
