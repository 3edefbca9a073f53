package ru.tos.dutydesk.knowledge;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads {@code faq/off-topic.txt}: an area starts with a line {@code ## id: title}, followed by its example
 * questions, one per line; lines starting with {@code #} are comments and blank lines are ignored.
 */
final class OffTopicParser {
    private static final Pattern HEADER = Pattern.compile("##\\s*([a-z0-9]+(?:-[a-z0-9]+)*)\\s*:\\s*(\\S.*)");

    /** @param entryIds ids of the knowledge entries, which an area may not reuse */
    List<OffTopicArea> parse(Path file, Set<String> entryIds, List<KnowledgeException> problems) {
        try {
            return parse(file, Files.readString(file), entryIds, problems);
        } catch (CharacterCodingException e) {
            problems.add(new KnowledgeException(file, 0, "not valid UTF-8 text"));
        } catch (IOException e) {
            problems.add(new KnowledgeException(file, 0, "cannot read: " + e.getMessage()));
        }
        return List.of();
    }

    List<OffTopicArea> parse(Path file, String text, Set<String> entryIds, List<KnowledgeException> problems) {
        List<OffTopicArea> areas = new ArrayList<>();
        String id = null;
        String title = null;
        int headerLine = 0;
        boolean badHeader = false;
        List<String> questions = new ArrayList<>();
        String[] lines = text.replace("\uFEFF", "").split("\\R", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            int number = i + 1;
            if (line.startsWith("##")) {
                Matcher header = HEADER.matcher(line);
                close(file, id, title, headerLine, questions, entryIds, areas, problems);
                if (!header.matches()) {
                    problems.add(new KnowledgeException(file, number,
                            "an area starts with '## id: title', the id in lower-case latin letters, digits and hyphens"));
                    // its questions belong to the broken header: one error for the mistake, not one per line
                    id = null;
                    badHeader = true;
                    continue;
                }
                badHeader = false;
                id = header.group(1);
                title = header.group(2).strip();
                headerLine = number;
                questions = new ArrayList<>();
            } else if (line.isEmpty() || line.startsWith("#")) {
                continue;
            } else if (id == null && !badHeader) {
                problems.add(new KnowledgeException(file, number, "a question before any '## id: title' line"));
            } else if (id != null) {
                questions.add(line);
            }
        }
        close(file, id, title, headerLine, questions, entryIds, areas, problems);
        return areas;
    }

    private static void close(Path file, String id, String title, int headerLine, List<String> questions,
                              Set<String> entryIds, List<OffTopicArea> areas, List<KnowledgeException> problems) {
        if (id == null) {
            return;
        }
        String area = id;
        if (areas.stream().anyMatch(a -> a.id().equals(area))) {
            problems.add(new KnowledgeException(file, headerLine, "duplicate area '" + id + "'"));
        } else if (entryIds.contains(id)) {
            problems.add(new KnowledgeException(file, headerLine, "area '" + id + "' has the id of a knowledge entry"));
        } else if (questions.isEmpty()) {
            problems.add(new KnowledgeException(file, headerLine, "area '" + id + "' has no example questions"));
        } else {
            areas.add(new OffTopicArea(id, title, questions));
        }
    }
}
