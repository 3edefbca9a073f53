package ru.tos.dutydesk.knowledge;

import java.nio.file.Path;

/** A knowledge file is wrong. The message names the file and line, the way a compiler does. */
public class KnowledgeException extends RuntimeException {
    private final Path file;
    private final int line;

    public KnowledgeException(Path file, int line, String problem) {
        super(file + (line > 0 ? ":" + line : "") + ": " + problem);
        this.file = file;
        this.line = line;
    }

    public Path file() {
        return file;
    }

    /** 1-based line, or 0 when the problem is the file as a whole. */
    public int line() {
        return line;
    }
}
