package ru.tos.dutydesk.knowledge;

import java.nio.file.Path;

/** A knowledge file could not be changed safely; nothing was written. */
public final class KnowledgeEditException extends RuntimeException {
    private final Path file;

    public KnowledgeEditException(Path file, String problem) {
        super(file.getFileName() + ": " + problem);
        this.file = file;
    }

    public Path file() {
        return file;
    }
}
