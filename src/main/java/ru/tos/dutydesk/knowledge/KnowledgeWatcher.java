package ru.tos.dutydesk.knowledge;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.Stream;
import java.util.zip.CRC32;

/**
 * Hot reload: polls the knowledge directory and reloads when any file is added, removed or changed.
 * It polls file contents rather than relying on inotify or mtimes, because bind mounts in containers miss events
 * and some file systems keep mtimes to the second; the directory is small, so this is cheap.
 * A change is reloaded once it has stayed the same for a short settle time, so a file caught half-written by an
 * editor does not produce a spurious error. An edit is live within about interval + settle time + load time.
 * The caller keeps the last good knowledge; this class only reports.
 */
public final class KnowledgeWatcher implements AutoCloseable {
    /** Reading ~50 small files a few times a second costs next to nothing; the index rebuild is the slow part. */
    public static final Duration DEFAULT_INTERVAL = Duration.ofMillis(250);
    /** Longer than the gaps inside one save (truncate + write, temp file + rename, a checkout of many files). */
    public static final Duration DEFAULT_SETTLE = Duration.ofMillis(150);
    private static final Logger log = LoggerFactory.getLogger(KnowledgeWatcher.class);

    /** Told about each reload, on the watcher's thread. */
    public interface Listener {
        void reloaded(KnowledgeBase knowledge);

        void failed(KnowledgeException problems);
    }

    private final Path dir;
    private final Supplier<KnowledgeBase> load;
    private final Listener listener;
    private final Duration interval;
    private final long settleMs;
    private final ScheduledThreadPoolExecutor scheduler;
    private volatile Thread thread;
    private Map<String, Long> loaded;
    private Map<String, Long> previous;

    public KnowledgeWatcher(Path faqDir, Map<String, String> placeholders, Listener listener) {
        this(faqDir, () -> new KnowledgeLoader().load(faqDir, placeholders), listener, DEFAULT_INTERVAL);
    }

    /** @param load what a reload does; usually {@link KnowledgeLoader#load} of the same directory */
    public KnowledgeWatcher(Path faqDir, Supplier<KnowledgeBase> load, Listener listener, Duration interval) {
        this(faqDir, load, listener, interval, DEFAULT_SETTLE);
    }

    /** @param settle how long the files must stay the same before a reload */
    public KnowledgeWatcher(Path faqDir, Supplier<KnowledgeBase> load, Listener listener, Duration interval,
                            Duration settle) {
        this.settleMs = settle.toMillis();
        this.dir = Objects.requireNonNull(faqDir);
        this.load = Objects.requireNonNull(load);
        this.listener = Objects.requireNonNull(listener);
        this.interval = Objects.requireNonNull(interval);
        this.scheduler = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "knowledge-watcher");
            t.setDaemon(true);
            thread = t;
            return t;
        });
        // after close() the next (one-shot) poll must not run
        scheduler.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
    }

    /**
     * Starts watching from the directory as it is now. Start it before the first load to miss no edit made in
     * between (at worst such an edit is reloaded once more), or use {@link #start(Baseline)}.
     */
    public void start() {
        start(baseline(dir));
    }

    /** Starts watching from a state taken earlier, so that an edit made since then is reloaded. */
    public void start(Baseline baseline) {
        Map<String, Long> then = baseline.files();
        scheduler.execute(() -> {
            loaded = then;
            previous = then;
        });
        scheduleNext(interval.toMillis());
    }

    /** What the knowledge files are now: take it before the first load, start the watcher from it afterwards. */
    public static Baseline baseline(Path faqDir) {
        return new Baseline(snapshot(faqDir));
    }

    /** The knowledge files' state at some moment (relative path to content checksum). */
    public record Baseline(Map<String, Long> files) {
        public Baseline {
            files = Map.copyOf(files);
        }
    }

    private void scheduleNext(long delayMs) {
        try {
            scheduler.schedule(this::poll, delayMs, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException closed) {
            // close() was called: stop quietly
        }
    }

    private void poll() {
        boolean changing = false;
        // Anything escaping here must not stop the polling.
        try {
            Map<String, Long> now = snapshot();
            boolean settled = now.equals(previous);
            previous = now;
            if (!settled) {
                changing = true;
            } else if (!now.equals(loaded)) {
                loaded = now;
                reload();
            }
        } catch (RuntimeException | Error e) {
            log.error("knowledge reload failed", e);
        } finally {
            scheduleNext(changing ? settleMs : interval.toMillis());
        }
    }

    private void reload() {
        KnowledgeBase kb;
        try {
            kb = load.get();
        } catch (KnowledgeException e) {
            if (!snapshot().equals(loaded)) {
                // the files changed while they were read (a save in progress): what failed is not what is there
                // now, so say nothing; the change settles and is reloaded by a later poll
                log.debug("knowledge changed during a reload; the failed load is not reported");
                loaded = null; // reload once the files settle, even if they settle back to what failed
                return;
            }
            listener.failed(e);
            return;
        }
        listener.reloaded(kb);
    }

    /**
     * Relative path to content checksum of every file the loader reads (editors' hidden swap files are skipped,
     * they change while someone merely types); an unreadable directory counts as a state too.
     */
    private Map<String, Long> snapshot() {
        return snapshot(dir);
    }

    private static Map<String, Long> snapshot(Path dir) {
        Map<String, Long> files = new TreeMap<>();
        if (!Files.isDirectory(dir)) {
            return files;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.filter(p -> KnowledgeLoader.isKnowledgeFile(dir, p))
                    .forEach(p -> files.put(dir.relativize(p).toString(), checksum(p)));
        } catch (IOException | UncheckedIOException e) {
            // A file vanished mid-walk: the next snapshot differs from this one, so the change settles first.
            files.put("\0unreadable", 0L);
        }
        return files;
    }

    private static long checksum(Path file) {
        try {
            CRC32 crc = new CRC32();
            crc.update(Files.readAllBytes(file));
            return crc.getValue();
        } catch (IOException e) {
            return -1;
        }
    }

    /** Stops polling; a reload in progress finishes first. */
    @Override
    public void close() {
        scheduler.shutdown();
        if (Thread.currentThread() == thread) {
            return; // called from a listener: waiting for ourselves would only time out
        }
        try {
            if (!scheduler.awaitTermination(5, TimeUnit.SECONDS)) {
                scheduler.shutdownNow();
            }
        } catch (InterruptedException e) {
            scheduler.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
