package ru.tos.dutydesk.knowledge;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** Reads one of the knowledge folder's text files; a file that cannot be read becomes a problem naming it. */
final class KnowledgeText {
    private KnowledgeText() {
    }

    static Optional<String> read(Path file, List<KnowledgeException> problems) {
        try {
            return Optional.of(Files.readString(file));
        } catch (CharacterCodingException e) {
            problems.add(new KnowledgeException(file, 0, "not valid UTF-8 text"));
        } catch (IOException e) {
            problems.add(new KnowledgeException(file, 0, "cannot read: " + e.getMessage()));
        }
        return Optional.empty();
    }

    /** A resident's text as one line of a list item: line breaks and runs of spaces become one space. */
    static String oneLine(String text) {
        return text.strip().replaceAll("\\s+", " ");
    }
}
