package ru.tos.dutydesk.cli;

import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Sends the log to a file while the console chat runs, so that no log line lands between what the desk and the
 * person say. slf4j-simple writes to whatever {@code System.err} is at each line (our simplelogger.properties does
 * not cache the stream), so swapping the stream moves every logger, on every thread; closing puts it back.
 */
final class ConsoleLog implements AutoCloseable {
    private final PrintStream original = System.err;
    private final PrintStream file;
    private final Path path;

    private ConsoleLog(Path path) throws IOException {
        this.path = path;
        Path folder = path.toAbsolutePath().getParent();
        if (folder != null) {
            Files.createDirectories(folder);
        }
        this.file = new PrintStream(new FileOutputStream(path.toFile(), true), true, StandardCharsets.UTF_8);
        System.setErr(file);
    }

    /** The log of a chat on {@code database}: beside it, {@code data/duty-desk-try.db} → {@code data/duty-desk-try.log}. */
    static ConsoleLog besideDatabase(Path database) throws IOException {
        String name = database.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return new ConsoleLog(database.resolveSibling((dot > 0 ? name.substring(0, dot) : name) + ".log"));
    }

    Path path() {
        return path;
    }

    @Override
    public void close() {
        System.err.flush();
        System.setErr(original);
        file.close();
    }
}
