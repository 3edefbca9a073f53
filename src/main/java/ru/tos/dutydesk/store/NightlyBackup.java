package ru.tos.dutydesk.store;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The running desk's nightly copy of its database: once a night, at the configured local time, a
 * {@link DatabaseBackup#backup} into the folder as {@code duty-desk-YYYY-MM-DD.db}, then only the newest
 * {@code keep} such files stay. Other files in the folder are never touched. A failure is logged and the next
 * night tries again; nothing here ever stops the desk. A desk that was not running at the time takes the missed
 * night's copy when it next looks (at start), so a night is skipped only when the desk was down all of the day after.
 */
public final class NightlyBackup {
    private static final Logger log = LoggerFactory.getLogger(NightlyBackup.class);
    private static final Pattern NAME = Pattern.compile("duty-desk-\\d{4}-\\d{2}-\\d{2}\\.db");

    private final Path database;
    private final Path folder;
    private final int keep;
    private final LocalTime at;
    private final ZoneId zone;
    private final Clock clock;
    /** The last night a copy was attempted for, taken or failed: each night gets one attempt. */
    private LocalDate attempted;

    public NightlyBackup(Path database, Path folder, int keep, LocalTime at, ZoneId zone, Clock clock) {
        if (keep < 1) {
            throw new IllegalArgumentException("keep must be 1 or more");
        }
        this.database = database;
        this.folder = folder;
        this.keep = keep;
        this.at = at;
        this.zone = zone;
        this.clock = clock;
    }

    /** The file a night's copy goes to. */
    public Path fileFor(LocalDate night) {
        return folder.resolve("duty-desk-" + night + ".db");
    }

    /**
     * Takes the latest night's copy if its time has come and it was neither taken nor attempted yet; call it
     * often (every minute). Returns the copy taken now, if any. Never throws.
     */
    public synchronized Optional<DatabaseBackup.Copy> runIfDue() {
        try {
            ZonedDateTime now = clock.instant().atZone(zone);
            LocalDate night = now.toLocalTime().isBefore(at) ? now.toLocalDate().minusDays(1) : now.toLocalDate();
            if (night.equals(attempted)) {
                return Optional.empty();
            }
            attempted = night;
            Path target = fileFor(night);
            if (Files.exists(target)) {
                return Optional.empty(); // taken before a restart
            }
            return Optional.of(take(target));
        } catch (RuntimeException e) {
            log.error("nightly backup into {} failed: {}; the next night tries again", folder, e.getMessage());
            return Optional.empty();
        }
    }

    private DatabaseBackup.Copy take(Path target) {
        DatabaseBackup.Copy copy = DatabaseBackup.backup(database, target);
        List<Path> removed = pruneOld();
        log.info("nightly backup: {} written ({} consultations); keeping the newest {}{}", target, copy.consultations(), keep,
                removed.isEmpty() ? "" : ", removed " + removed.stream().map(p -> p.getFileName().toString()).toList());
        return copy;
    }

    /** Deletes this class's copies beyond the newest {@code keep}; the date in the name orders them. */
    private List<Path> pruneOld() {
        List<Path> ours;
        try (Stream<Path> files = Files.list(folder)) {
            ours = files.filter(p -> NAME.matcher(p.getFileName().toString()).matches() && Files.isRegularFile(p))
                    .sorted(Comparator.comparing((Path p) -> p.getFileName().toString()).reversed())
                    .toList();
        } catch (IOException e) {
            log.warn("nightly backup: cannot list {} to remove old copies: {}", folder, e.getMessage());
            return List.of();
        }
        List<Path> removed = new ArrayList<>();
        for (Path old : ours.subList(Math.min(keep, ours.size()), ours.size())) {
            try {
                Files.delete(old);
                removed.add(old);
            } catch (IOException e) {
                log.warn("nightly backup: cannot remove old copy {}: {}", old, e.getMessage());
            }
        }
        return removed;
    }
}
