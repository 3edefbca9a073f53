package ru.tos.dutydesk.knowledge;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
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
        List<KnowledgeException> found = new ArrayList<>();
        List<OffTopicArea> areas = new ArrayList<>();
        for (Draft d : drafts(file, text, found)) {
            if (areas.stream().anyMatch(a -> a.id().equals(d.id))) {
                found.add(new KnowledgeException(file, d.line, "duplicate area '" + d.id + "'"));
            } else if (entryIds.contains(d.id)) {
                found.add(new KnowledgeException(file, d.line, "area '" + d.id + "' has the id of a knowledge entry"));
            } else if (d.questions.isEmpty()) {
                found.add(new KnowledgeException(file, d.line, "area '" + d.id + "' has no example questions"));
            } else {
                areas.add(new OffTopicArea(d.id, d.title, d.questions));
            }
        }
        found.sort(Comparator.comparingInt(KnowledgeException::line));
        problems.addAll(found);
        return areas;
    }

    /** An area as written, before its checks; {@code line} is its header's. */
    private record Draft(String id, String title, int line, List<String> questions) {
    }

    /** The areas under well-formed headers, in order; lines that belong to none are problems. */
    private static List<Draft> drafts(Path file, String text, List<KnowledgeException> problems) {
        List<Draft> drafts = new ArrayList<>();
        Draft current = null;
        boolean badHeader = false;
        String[] lines = text.replace("\uFEFF", "").split("\\R", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            int number = i + 1;
            if (line.startsWith("##")) {
                Matcher header = HEADER.matcher(line);
                // the questions under a broken header belong to it: one error for the mistake, not one per line
                badHeader = !header.matches();
                current = badHeader ? null : new Draft(header.group(1), header.group(2).strip(), number, new ArrayList<>());
                if (badHeader) {
                    problems.add(new KnowledgeException(file, number,
                            "an area starts with '## id: title', the id in lower-case latin letters, digits and hyphens"));
                } else {
                    drafts.add(current);
                }
            } else if (line.isEmpty() || line.startsWith("#")) {
                continue;
            } else if (current != null) {
                current.questions.add(line);
            } else if (!badHeader) {
                problems.add(new KnowledgeException(file, number, "a question before any '## id: title' line"));
            }
        }
        return drafts;
    }
}
