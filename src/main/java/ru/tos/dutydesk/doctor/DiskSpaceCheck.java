package ru.tos.dutydesk.doctor;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Free space where the database lives: SQLite fails every write once the disk is full. */
public final class DiskSpaceCheck {
    private static final String SUBJECT = "Место на диске";
    private static final long MB = 1024 * 1024;
    public static final long WARN_BELOW = 500 * MB;
    public static final long FAIL_BELOW = 50 * MB;

    private final Path database;
    private final long warnBelow;
    private final long failBelow;

    public DiskSpaceCheck(Path database) {
        this(database, WARN_BELOW, FAIL_BELOW);
    }

    public DiskSpaceCheck(Path database, long warnBelow, long failBelow) {
        this.database = database;
        this.warnBelow = warnBelow;
        this.failBelow = failBelow;
    }

    public CheckResult run() {
        Path dir = nearestFolder();
        long free;
        try {
            free = Files.getFileStore(dir).getUsableSpace();
        } catch (IOException e) {
            return CheckResult.warning(SUBJECT, "не удалось узнать свободное место в " + dir + ": " + e.getMessage(),
                    "проверьте вручную: df -h " + dir);
        }
        String detail = "в " + dir + " свободно " + free / MB + " МБ";
        if (free < failBelow) {
            return CheckResult.failed(SUBJECT, detail + " (меньше " + failBelow / MB + " МБ): база скоро перестанет записываться",
                    "освободите место на диске (старые копии базы, журналы) или перенесите базу (ключ database)");
        }
        if (free < warnBelow) {
            return CheckResult.warning(SUBJECT, detail + " (меньше " + warnBelow / MB + " МБ)",
                    "освободите место на диске, пока его хватает: удалите старые копии базы и журналы");
        }
        return CheckResult.ok(SUBJECT, detail);
    }

    /** The database's folder, or the nearest folder above it that exists (the desk creates the rest). */
    private Path nearestFolder() {
        Path dir = database.toAbsolutePath().getParent();
        while (dir != null && !Files.isDirectory(dir)) {
            dir = dir.getParent();
        }
        return dir == null ? database.toAbsolutePath().getRoot() : dir;
    }
}
