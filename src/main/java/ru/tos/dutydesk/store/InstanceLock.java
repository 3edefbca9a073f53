package ru.tos.dutydesk.store;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * An exclusive OS lock on {@code <db>.lock}, held while a desk has the database open, so that a second desk
 * on the same file refuses to start instead of answering every message twice. The OS drops the lock when
 * the process dies, so a crash never leaves a stale lock behind; the file itself is left in place on
 * purpose (deleting it would race with a starting process).
 */
final class InstanceLock implements AutoCloseable {
    private final FileChannel channel;
    private final FileLock lock;

    private InstanceLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    static Path lockFileOf(Path database) {
        return database.resolveSibling(database.getFileName() + ".lock");
    }

    static InstanceLock acquire(Path database) {
        return tryAcquire(database).orElseThrow(() -> new StoreException("database " + database
                + " is in use by another running duty desk (lock file " + lockFileOf(database)
                + " is held); stop that one first or configure another database"));
    }

    /** The lock, or empty when a running desk holds it; throws when the lock file cannot be made or locked. */
    static java.util.Optional<InstanceLock> tryAcquire(Path database) {
        Path lockFile = lockFileOf(database);
        FileChannel channel;
        try {
            channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw new StoreException("cannot create lock file " + lockFile + ": " + e);
        }
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null; // held by this very JVM: same answer as another process
        } catch (IOException e) {
            closeQuietly(channel);
            throw new StoreException("cannot lock " + lockFile + ": " + e);
        }
        if (lock == null) {
            closeQuietly(channel);
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(new InstanceLock(channel, lock));
    }

    @Override
    public void close() {
        try {
            lock.release();
        } catch (IOException ignored) {
            // closing the channel below releases it as well
        }
        closeQuietly(channel);
    }

    private static void closeQuietly(FileChannel channel) {
        try {
            channel.close();
        } catch (IOException ignored) {
            // nothing useful to do; the OS releases the lock with the process
        }
    }
}
