package ru.tos.dutydesk.knowledge;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * A knowledge file cut at its {@code ---} lines. Line numbers are 1-based lines of the file, so that problems
 * found in either part can be reported where the writer sees them.
 *
 * @param yaml          the text between the two {@code ---} lines
 * @param yamlFirstLine file line of the first YAML line
 * @param body          the text after the closing {@code ---}, line breaks normalised to {@code \n}
 * @param closingLine   file line of the closing {@code ---}; the body starts on the next line
 */
record SplitFile(String yaml, int yamlFirstLine, String body, int closingLine) {
    private static final String FENCE = "---";

    /** Cuts the text; on failure adds the problem to {@code problems} and returns empty. */
    static Optional<SplitFile> split(Path file, String text, List<KnowledgeException> problems) {
        String normalised = text.replace("\r\n", "\n").replace('\r', '\n');
        if (normalised.startsWith("\uFEFF")) {
            normalised = normalised.substring(1);
        }
        if (normalised.isBlank()) {
            problems.add(new KnowledgeException(file, 0, "empty file: expected a front matter block between --- lines, then the answer"));
            return Optional.empty();
        }
        String[] lines = normalised.split("\n", -1);
        if (!isFence(lines[0])) {
            problems.add(new KnowledgeException(file, 1, "the file must start with a --- line that opens the front matter"));
            return Optional.empty();
        }
        for (int i = 1; i < lines.length; i++) {
            if (isFence(lines[i])) {
                String yaml = String.join("\n", java.util.Arrays.asList(lines).subList(1, i));
                String body = String.join("\n", java.util.Arrays.asList(lines).subList(i + 1, lines.length));
                return Optional.of(new SplitFile(yaml, 2, body, i + 1));
            }
        }
        problems.add(new KnowledgeException(file, 1, "the front matter opened here is never closed by a --- line"));
        return Optional.empty();
    }

    private static boolean isFence(String line) {
        return line.stripTrailing().equals(FENCE);
    }
}
